/**
 * Sessions: the calendar list, one-off sessions and cancellation. Generated sessions come from track templates.
 */
import { z } from 'zod';
import { GROUP_CAPACITY_DEFAULT } from '../program-rules.ts';
import { Temporal } from '../time.ts';
import { weekTenseSchema } from './ledger.ts';
import {
  coFacilitatorIdsSchema,
  distinctCoFacilitators,
  endAfterStart,
  groupCapacityFieldSchema,
  localDateFieldSchema,
  localTimeFieldSchema,
  sessionKindFieldSchema,
  setupNameSchema,
  staffIdFieldSchema,
} from './setup.ts';

/** The longest range the session calendar answers in one request, in days (two months). */
export const SESSION_LIST_MAX_DAYS = 62;

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const sessionSummarySchema = z.object({
  id: z.string(),
  trackId: z.string(),
  trackName: z.string(),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  timeZone: z.string(),
  title: z.string(),
  kind: sessionKindFieldSchema,
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  facilitatorId: z.string().nullable(),
  facilitatorName: z.string().nullable(),
  /** Staff who run the group beside the facilitator; the session holds each one's calendar too. */
  coFacilitators: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  capacity: z.number(),
  status: z.enum(SESSION_STATUSES),
  cancelReason: z.string().nullable(),
  oneOff: z.boolean(),
  /** Participants whose track membership covers the session's date (active, or discharged on or after it). */
  expectedCount: z.number(),
  /** Attendance entries recorded on the roll. */
  recordedCount: z.number(),
  /** Unbilled break inside the session, in minutes (not counted toward weekly hours). */
  breakMinutes: z.number().optional(),
  /** Whether the session's kind counts toward weekly hours (recreational activities do not). */
  countsTowardHours: z.boolean().optional(),
  /** The session has ended and someone expected at it has no mark: the roll is not taken. */
  rollNotTaken: z.boolean().optional(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListSchema = z.object({
  /** The local dates listed: those asked for, or the program week under way when none were. */
  from: z.string(),
  to: z.string(),
  /** The zone "today" is read in: the site's (else the program's, else the organisation's first site's). */
  timeZone: z.string(),
  /** Today's date in that zone, on the server's clock. */
  today: z.string(),
  /** Whether the dates listed are over, under way or still to come. */
  tense: weekTenseSchema,
  items: z.array(sessionSummarySchema),
  /** How many sessions listed have ended with their roll not taken. */
  rollsNotTaken: z.number(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

export const sessionsQuerySchema = z
  .object({
    /** With `to`, the local dates to list; without both, the program week under way at the site. */
    from: localDateFieldSchema.optional(),
    to: localDateFieldSchema.optional(),
    siteId: z.uuid().optional(),
    programId: z.uuid().optional(),
    trackId: z.uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) {
      if (q.from !== q.to) ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'is required with the other date' });
      return;
    }
    let days: number;
    try {
      days = Temporal.PlainDate.from(q.from).until(Temporal.PlainDate.from(q.to), { largestUnit: 'days' }).days;
    } catch {
      return; // the date fields report their own problem
    }
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days + 1 > SESSION_LIST_MAX_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${SESSION_LIST_MAX_DAYS} days from from`,
      });
    }
  });
export type SessionsQuery = z.infer<typeof sessionsQuerySchema>;

export const createSessionSchema = z
  .object({
    trackId: z.uuid(),
    localDate: localDateFieldSchema,
    startTime: localTimeFieldSchema,
    endTime: localTimeFieldSchema,
    title: setupNameSchema,
    kind: sessionKindFieldSchema,
    facilitatorId: staffIdFieldSchema.nullish(),
    /** Staff who run the group beside the facilitator (refused with 409 when one of them is busy then). */
    coFacilitatorIds: coFacilitatorIdsSchema.optional(),
    roomId: z.uuid().nullish(),
    capacity: groupCapacityFieldSchema.default(GROUP_CAPACITY_DEFAULT),
    /** A chosen roster (e.g. a make-up): only these participants are expected, not the whole track. */
    participantIds: z.array(z.uuid()).min(1, 'needs at least one participant').max(60).optional(),
  })
  .superRefine((s, ctx) => {
    endAfterStart(s, ctx, []);
    distinctCoFacilitators(s, ctx);
  });
export type CreateSession = z.input<typeof createSessionSchema>;
export type CreateSessionBody = z.output<typeof createSessionSchema>;

/** Replaces a session's co-facilitators (an empty list leaves the facilitator alone). */
export const setCoFacilitatorsSchema = z.object({ coFacilitatorIds: coFacilitatorIdsSchema }).superRefine((s, ctx) => distinctCoFacilitators(s, ctx));
export type SetCoFacilitators = z.infer<typeof setCoFacilitatorsSchema>;

export const cancelSessionSchema = z.object({
  reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
});
export type CancelSession = z.infer<typeof cancelSessionSchema>;

export const sessionIdParamsSchema = z.object({ id: z.uuid() });

export const rosterCandidatesQuerySchema = z.object({ localDate: localDateFieldSchema });

/** Someone who may be chosen for a one-off session's roster: in the track's program on the session's date. */
export const rosterCandidateSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  /** The track they are on that day, if any (another track of the program, or none). */
  trackId: z.string().nullable(),
  trackName: z.string().nullable(),
  /** Whether they are on the session's own track that day. */
  onTrack: z.boolean(),
});
export type RosterCandidate = z.infer<typeof rosterCandidateSchema>;
export const rosterCandidateListSchema = z.object({ items: z.array(rosterCandidateSchema) });
export type RosterCandidateList = z.infer<typeof rosterCandidateListSchema>;
