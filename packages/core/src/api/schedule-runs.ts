/**
 * Weekly auto-scheduler runs: start one for a program or the whole organisation for next week, read its proposal
 * (placements and every unplaced participant with the reason), and accept it (each placement booked as a person's
 * booking would be; those that clashed since the run are listed, not booked).
 */
import { z } from 'zod';
import { APPOINTMENT_KINDS } from '../scheduling/appointment-kinds.ts';
import { SOLVER_PHASES } from '../scheduling/auto-scheduler.ts';
import type { UnplacedReason } from '../scheduling/week-model.ts';

export const SCHEDULE_RUN_STATUSES = ['queued', 'solved', 'failed', 'accepted'] as const;
export type ScheduleRunStatus = (typeof SCHEDULE_RUN_STATUSES)[number];

/**
 * A run still queued this long after it started was being solved by a process that stopped (a restart, a crash): a
 * solve takes seconds even for 2,000 participants, and the run lives in the process that started it. Such a run is
 * failed with SCHEDULE_RUN_INTERRUPTED_TEXT when next read, so the coordinator's page stops waiting and says what to do.
 */
export const SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES = 10;
export const SCHEDULE_RUN_INTERRUPTED_TEXT = 'This run stopped before it finished (the server restarted while solving). Start the run again.';

/** Whether a run is still queued long after it started: its solve was interrupted. */
export function scheduleRunInterrupted(run: { status: ScheduleRunStatus; createdAt: string }, now: Date): boolean {
  return run.status === 'queued' && now.getTime() - Date.parse(run.createdAt) >= SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES * 60_000;
}

export const UNPLACED_REASONS = ['no_eligible_clinician', 'no_common_free_time', 'no_room', 'clinician_at_max', 'taken_by_other_requests'] as const satisfies readonly UnplacedReason[];

/** Why a request could not be placed, for the person reviewing the run. */
export const UNPLACED_REASON_TEXT: Record<UnplacedReason, string> = {
  no_eligible_clinician: 'No clinician of the program gives this kind of appointment.',
  no_common_free_time: 'The participant and every clinician who could see them have no free time in common next week.',
  no_room: 'Whenever both are free, every room is taken.',
  clinician_at_max: 'The clinicians who could see them are at their daily limit whenever both are free.',
  taken_by_other_requests: 'The times that would fit went to other participants’ appointments.',
};

export const scheduleRunCreateSchema = z.object({
  /** The program to schedule, or null for every program of the organisation. */
  programId: z.uuid('must be a program id').nullable(),
});
export type ScheduleRunCreate = z.infer<typeof scheduleRunCreateSchema>;

export const scheduleRunIdParamsSchema = z.object({ id: z.uuid('must be a schedule run id') });

/**
 * A placement's id within its run: participant, kind and start, which no two placements share (a participant is in one
 * place at a time). Derived rather than stored, so proposals stored before ids existed have the same ids.
 */
export function placementId(p: { participantId: string; kind: string; startsAt: string }): string {
  return `${p.participantId}.${p.kind}.${p.startsAt}`;
}

export const proposedPlacementSchema = z.object({
  /** placementId(this): what accepting part of a run names. */
  id: z.string(),
  programId: z.string(),
  participantId: z.string(),
  participantName: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  clinicianId: z.string(),
  clinicianName: z.string(),
  siteId: z.string(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type ProposedPlacement = z.infer<typeof proposedPlacementSchema>;

export const unplacedParticipantSchema = z.object({
  programId: z.string(),
  participantId: z.string(),
  participantName: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  count: z.number().int(),
  reason: z.enum(UNPLACED_REASONS),
  explanation: z.string(),
});
export type UnplacedParticipant = z.infer<typeof unplacedParticipantSchema>;

export const scheduleProposalSchema = z.object({
  timeZone: z.string(),
  placements: z.array(proposedPlacementSchema),
  unplaced: z.array(unplacedParticipantSchema),
  /** False only if the solver stopped at its safety limit before proving the proposal optimal. */
  provenOptimal: z.boolean(),
});
export type ScheduleProposal = z.infer<typeof scheduleProposalSchema>;

export const scheduleAcceptResultSchema = z.object({
  booked: z.array(z.object({ appointmentId: z.string(), participantId: z.string(), kind: z.enum(APPOINTMENT_KINDS), startsAt: z.string() })),
  /** Placements that clashed with something booked since the run: not booked, with the clash. */
  conflicts: z.array(proposedPlacementSchema.extend({ message: z.string() })),
});
export type ScheduleAcceptResult = z.infer<typeof scheduleAcceptResultSchema>;

/** Which placements to book: the ids named, or (without ids) every placement not booked yet. */
export const scheduleRunAcceptSchema = z
  .object({
    placementIds: z
      .array(z.string().min(1, 'must be a placement id').max(200, 'must be a placement id'))
      .min(1, 'must name at least one placement')
      .max(5000, 'must name at most 5000 placements')
      .optional(),
  })
  // No body at all (Fastify reads it as null) accepts every placement, as before ids existed.
  .nullish();
export type ScheduleRunAccept = z.infer<typeof scheduleRunAcceptSchema>;

/**
 * A run's phases in order, for each site: reading the site's week, then the solver's own phases (SOLVER_PHASES); then,
 * once every site is solved, saving the proposal, and done.
 */
export const SCHEDULE_RUN_PHASES = ['loading', ...SOLVER_PHASES, 'saving', 'done'] as const;
export type ScheduleRunPhase = (typeof SCHEDULE_RUN_PHASES)[number];

export const scheduleRunProgressSchema = z.object({
  phase: z.enum(SCHEDULE_RUN_PHASES),
  /** Within the phase, where counted: while solving, the flow solves so far of at most `total` (the solver's limit). */
  done: z.number().int().nullable(),
  total: z.number().int().nullable(),
  /** The site being worked on (1 to `sites`), sites being solved one after another. */
  site: z.number().int(),
  sites: z.number().int(),
});
export type ScheduleRunProgress = z.infer<typeof scheduleRunProgressSchema>;

/** The share of the per-site phases (loading and the solver's); saving and done follow the last site. */
const PER_SITE_PHASES = ['loading', ...SOLVER_PHASES] as const satisfies readonly ScheduleRunPhase[];
/** The share of the bar the per-site phases fill; saving fills the rest. */
const SITES_SHARE = 90;

/**
 * How far a run is, 0 to 100, for a progress bar: the sites done so far and the phase reached at the current one, each
 * phase an equal step. The count within a phase is not used: while solving it is a limit, not a total, and most weeks
 * stop far below it.
 */
export function scheduleRunPercent(progress: ScheduleRunProgress): number {
  if (progress.phase === 'done') return 100;
  if (progress.phase === 'saving') return SITES_SHARE;
  const sites = Math.max(1, progress.sites);
  const site = Math.min(Math.max(progress.site, 1), sites);
  const step = PER_SITE_PHASES.indexOf(progress.phase) / PER_SITE_PHASES.length;
  return Math.round(((site - 1 + step) / sites) * SITES_SHARE);
}

export const scheduleRunSchema = z.object({
  id: z.string(),
  status: z.enum(SCHEDULE_RUN_STATUSES),
  programId: z.string().nullable(),
  /** The Monday of the program week scheduled. */
  weekMonday: z.string(),
  createdAt: z.string(),
  proposal: scheduleProposalSchema.nullable(),
  /** Why solving failed, when it did. */
  error: z.string().nullable(),
  result: scheduleAcceptResultSchema.nullable(),
  /** Where the run is (or, failed, where it stopped); null for a run stored before progress was kept. */
  progress: scheduleRunProgressSchema.nullable(),
});
export type ScheduleRun = z.infer<typeof scheduleRunSchema>;

export const scheduleRunStartedSchema = z.object({ id: z.string(), status: z.enum(SCHEDULE_RUN_STATUSES) });
