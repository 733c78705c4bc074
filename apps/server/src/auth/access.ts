/**
 * Who may do what, in one place. The role → action table lives in @trellis/core (roles.ts); this module adds the
 * relationship rules on top of it:
 * - care team: a clinician or prescriber reaches only participants of the programs they work in, or whose primary
 *   clinician they are;
 * - 42 CFR Part 2: the attendance, ledger and episode details of a Part 2 episode reach only staff of that program
 *   (assigned to it, or the episode's primary clinician), whatever their role, until consent-based disclosure exists.
 *   The rest of the participant's record follows the normal rules.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  FAMILY_ROLE,
  PARTICIPANT_ROLE,
  PROGRAM_SCOPED_ROLES,
  roleAllows,
  type Action,
  type FamilyRole,
  type ParticipantRole,
  type ParticipantView,
  type StaffRole,
} from '@trellis/core';
import type { DbOrTx } from '../db/index.ts';
import { episode, participant, program, staffProgram } from '../db/schema.ts';
import { forbidden, notFound } from '../http/problems.ts';

export interface Actor {
  userId: string;
  orgId: string;
  role: StaffRole;
  name: string;
  email: string;
  /** The organisation requires two-factor sign-in and this person has not enrolled: they may only enrol. */
  twoFactorPending?: boolean;
}

/**
 * A participant signed in to the portal: a user linked to exactly one participant of one organisation. It is a
 * principal of its own kind, never an `Actor`: staff routes refuse it, and portal use cases take the participant's
 * id from here, never from the request.
 */
export interface ParticipantActor {
  role: ParticipantRole;
  userId: string;
  orgId: string;
  participantId: string;
  name: string;
  email: string;
}

/**
 * A family member signed in to the family portal: linked to one family member of one participant. Family use cases
 * take both ids from here, never from the request, and answer only what the member's consent allows now.
 */
export interface FamilyActor {
  role: FamilyRole;
  userId: string;
  orgId: string;
  familyMemberId: string;
  participantId: string;
  name: string;
  email: string;
}

/** Whoever a session belongs to: a staff member, a participant or a family member. */
export type Principal = Actor | ParticipantActor | FamilyActor;

export function isParticipantActor(principal: Principal): principal is ParticipantActor {
  return principal.role === PARTICIPANT_ROLE;
}

export function isFamilyActor(principal: Principal): principal is FamilyActor {
  return principal.role === FAMILY_ROLE;
}

/** Throws 403 unless the actor's role allows the action. */
export function authorize(actor: Actor, action: Action): void {
  if (!roleAllows(actor.role, action)) throw forbidden();
}

/** Whether the actor's participant access is limited to their programs. */
export function isProgramScoped(actor: Actor): boolean {
  return PROGRAM_SCOPED_ROLES.includes(actor.role);
}

/**
 * A SQL condition true for participants the actor may reach, for use in list and count queries
 * (undefined when the actor's role reaches every participant of the organisation).
 */
export function participantVisibility(
  actor: Actor,
  participantIdColumn: typeof participant.id | typeof episode.participantId,
) {
  if (!isProgramScoped(actor)) return undefined;
  return sql`exists (
    select 1 from ${episode} e
     where e.org_id = ${actor.orgId} and e.participant_id = ${participantIdColumn}
       and (e.primary_clinician_id = ${actor.userId}
            or exists (select 1 from ${staffProgram} sp
                        where sp.org_id = e.org_id and sp.user_id = ${actor.userId} and sp.program_id = e.program_id)))`;
}

/**
 * Loads a participant of the actor's organisation, or 404; then 403 if the actor may not reach them.
 * Another organisation's participant is simply unknown here.
 */
export async function assertParticipantAccess(db: DbOrTx, actor: Actor, participantId: string): Promise<void> {
  const visible = participantVisibility(actor, participant.id);
  const [row] = await db
    .select({ id: participant.id, visible: visible ? sql<boolean>`${visible}` : sql<boolean>`true` })
    .from(participant)
    .where(and(eq(participant.orgId, actor.orgId), eq(participant.id, participantId)));
  if (!row) throw notFound('The participant');
  if (!row.visible) throw forbidden();
}

/**
 * 403 unless the actor may act within a program: roles with organisation-wide reach may; a clinician or prescriber
 * only in a program they work in, or where they are the person named (a session's facilitator, a primary clinician).
 */
export async function assertWorksInProgram(
  db: DbOrTx,
  actor: Actor,
  programId: string,
  options: { facilitatorId?: string | null } = {},
): Promise<void> {
  if (!isProgramScoped(actor) || options.facilitatorId === actor.userId) return;
  if (!(await worksInProgram(db, actor, programId))) throw forbidden();
}

/**
 * Whether the actor may reach a session's roll: clinicians and prescribers only in their own programs or as its
 * facilitator or a co-facilitator; a Part 2 program's rolls only its own staff or those running it, whatever the role.
 */
export function mayReachSession(
  actor: Actor,
  s: { facilitatorId: string | null; runsSession?: boolean; staffInProgram: boolean; programPart2: boolean },
): boolean {
  if (s.facilitatorId === actor.userId || s.runsSession === true || s.staffInProgram) return true;
  return !isProgramScoped(actor) && !s.programPart2;
}

/** SQL for the columns of an episode (by table or alias) that the Part 2 rule reads. */
export interface EpisodeColumns {
  part2: SQL;
  programId: SQL;
  primaryClinicianId: SQL;
}

/** The columns of an episode under a raw SQL alias, e.g. `episodeColumns('e')`. */
export function episodeColumns(alias: string): EpisodeColumns {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error('bad alias');
  return {
    part2: sql.raw(`${alias}.part2`),
    programId: sql.raw(`${alias}.program_id`),
    primaryClinicianId: sql.raw(`${alias}.primary_clinician_id`),
  };
}

/** The episode table's own columns, for Drizzle queries over `episode`. */
export const EPISODE_TABLE_COLUMNS: EpisodeColumns = {
  part2: sql`${episode.part2}`,
  programId: sql`${episode.programId}`,
  primaryClinicianId: sql`${episode.primaryClinicianId}`,
};

/** SQL true when the actor is staff of the program: assigned to it in staff_program. */
function staffOfProgram(actor: Actor, programId: SQL): SQL {
  return sql`exists (select 1 from ${staffProgram} sp
                      where sp.org_id = ${actor.orgId} and sp.user_id = ${actor.userId} and sp.program_id = ${programId})`;
}

/**
 * SQL true when the actor may see an episode's details (its program, track, dates, attendance and ledger): any episode
 * that is not Part 2; a Part 2 episode only for staff of its program or its primary clinician.
 */
export function episodeDetailVisibility(actor: Actor, e: EpisodeColumns): SQL {
  return sql`(not ${e.part2} or ${e.primaryClinicianId} = ${actor.userId} or ${staffOfProgram(actor, e.programId)})`;
}

/**
 * SQL true when the actor may see a program's Part 2 records (a roll, a session's attendance) for a participant:
 * the program is not Part 2, the actor works in it, or is the primary clinician of that participant's episode there.
 */
export function programRecordVisibility(actor: Actor, programId: SQL, participantId: SQL): SQL {
  return sql`(not exists (select 1 from ${program} p2 where p2.org_id = ${actor.orgId} and p2.id = ${programId} and p2.part2)
              or ${staffOfProgram(actor, programId)}
              or exists (select 1 from ${episode} pe
                          where pe.org_id = ${actor.orgId} and pe.program_id = ${programId}
                            and pe.participant_id = ${participantId} and pe.primary_clinician_id = ${actor.userId}))`;
}

/** An episode's Part 2 facts, as loaded by a use case. */
export interface EpisodeScope {
  part2: boolean;
  programId: string;
  primaryClinicianId: string | null;
}

/** 403 unless the actor may see this episode's details (the Part 2 rule; see `episodeDetailVisibility`). */
export async function assertEpisodeDetailAccess(db: DbOrTx, actor: Actor, ep: EpisodeScope): Promise<void> {
  if (!ep.part2 || ep.primaryClinicianId === actor.userId) return;
  if (!(await worksInProgram(db, actor, ep.programId))) throw forbidden();
}

/** 403 unless the actor may see a Part 2 program's records (a roll of its sessions); other programs pass. */
export async function assertProgramRecordAccess(
  db: DbOrTx,
  actor: Actor,
  prog: { id: string; part2: boolean },
  options: { facilitatorId?: string | null } = {},
): Promise<void> {
  if (!prog.part2 || options.facilitatorId === actor.userId) return;
  if (!(await worksInProgram(db, actor, prog.id))) throw forbidden();
}

async function worksInProgram(db: DbOrTx, actor: Actor, programId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: staffProgram.userId })
    .from(staffProgram)
    .where(
      and(
        eq(staffProgram.orgId, actor.orgId),
        eq(staffProgram.userId, actor.userId),
        eq(staffProgram.programId, programId),
      ),
    );
  return !!row;
}

/** A participant's record with the clinical free text left out for roles that may not read it (minimum necessary). */
export function minimumNecessaryView(actor: Actor, view: ParticipantView): ParticipantView {
  if (roleAllows(actor.role, 'clinical-note.read')) return view;
  return { ...view, episodes: view.episodes.map((e) => ({ ...e, dischargeNote: null })) };
}
