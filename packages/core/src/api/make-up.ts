/**
 * Make-up sessions: the options a participant's at-risk week has (other tracks' sessions with a place left, ranked by
 * hours recovered), booking one as a guest, and cancelling that booking.
 */
import { z } from 'zod';
import { weeklyHoursLedgerSchema } from './ledger.ts';
import { sessionKindFieldSchema } from './setup.ts';

export const makeUpOptionSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  kind: sessionKindFieldSchema,
  trackId: z.string(),
  trackName: z.string(),
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  facilitatorName: z.string().nullable(),
  roomName: z.string().nullable(),
  /** The session's counted minutes (its length less any break). */
  minutes: z.number(),
  /** Of those, the minutes that go toward what the week still lacks. */
  recoveredMinutes: z.number(),
  recoveredHours: z.number(),
  placesLeft: z.number(),
});
export type MakeUpOptionView = z.infer<typeof makeUpOptionSchema>;

export const makeUpOptionsSchema = z.object({
  participantId: z.string(),
  /** The episode whose week it is, or null when the participant has no episode in this week. */
  episodeId: z.string().nullable(),
  programId: z.string().nullable(),
  /** The participant's track today, for a one-off make-up session on it. */
  trackId: z.string().nullable(),
  siteId: z.string().nullable(),
  timeZone: z.string().nullable(),
  /** The local date today where the program is: a one-off make-up is planned from here. */
  today: z.string().nullable(),
  ledger: weeklyHoursLedgerSchema.nullable(),
  /** Minutes the week still lacks once everything scheduled is attended. */
  shortfallMinutes: z.number(),
  options: z.array(makeUpOptionSchema),
});
export type MakeUpOptions = z.infer<typeof makeUpOptionsSchema>;

export const makeUpBookingSchema = z.object({
  participantId: z.uuid('must be a participant id'),
});
export type MakeUpBooking = z.infer<typeof makeUpBookingSchema>;

export const makeUpGuestParamsSchema = z.object({ id: z.uuid(), participantId: z.uuid() });

/** A booking made or cancelled, with the participant's week as it stands after it. */
export const makeUpBookingResultSchema = z.object({
  sessionId: z.string(),
  participantId: z.string(),
  episodeId: z.string(),
  booked: z.boolean(),
  ledger: weeklyHoursLedgerSchema.nullable(),
});
export type MakeUpBookingResult = z.infer<typeof makeUpBookingResultSchema>;
