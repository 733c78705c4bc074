import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../attendance.ts';
import { sessionSummarySchema } from './sessions.ts';

export const rollParamsSchema = z.object({ id: z.uuid() });

/** The optional Idempotency-Key header of a roll submission (other headers pass through untouched). */
export const rollHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .min(8, 'must be at least 8 characters')
    .max(200, 'must be at most 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

/**
 * One mark on the roll. Minutes are checked against the session length by attendanceMarkProblems on the server (and in
 * the browser before sending), so the schema only insists that they are numbers.
 */
export const rollMarkSchema = z.object({
  participantId: z.uuid(),
  status: z.enum(ATTENDANCE_STATUSES),
  lateMinutes: z.number().nullable().optional(),
  leftEarlyMinutes: z.number().nullable().optional(),
});
export type RollMark = z.infer<typeof rollMarkSchema>;

export const rollUpdateSchema = z.object({
  entries: z.array(rollMarkSchema).min(1, 'needs at least one mark').max(500),
});
export type RollUpdate = z.infer<typeof rollUpdateSchema>;

export const rollEntrySchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  lateMinutes: z.number(),
  leftEarlyMinutes: z.number(),
  minutesAttended: z.number(),
  /** null until a mark is recorded. */
  version: z.number().nullable(),
});
export type RollEntry = z.infer<typeof rollEntrySchema>;

export const rollSchema = z.object({
  session: sessionSummarySchema,
  entries: z.array(rollEntrySchema),
});
export type Roll = z.infer<typeof rollSchema>;

/** A mark as a roll write left it. */
export const rollMarkSavedSchema = rollEntrySchema.omit({ displayName: true }).extend({
  status: z.enum(ATTENDANCE_STATUSES),
  version: z.number(),
});
export type RollMarkSaved = z.infer<typeof rollMarkSavedSchema>;

/**
 * The answer to a roll write: only the marks it changed (a mark sent as it already stood is left out), and the
 * roll's counts after it. The client already holds the rest of the roll.
 */
export const rollSavedSchema = z.object({
  session: z.object({ id: z.string(), expectedCount: z.number(), recordedCount: z.number() }),
  changed: z.array(rollMarkSavedSchema),
});
export type RollSaved = z.infer<typeof rollSavedSchema>;

/** A roll with a write's answer applied: the changed marks in their places, the counts as the write left them. */
export function applyRollSaved(roll: Roll, saved: RollSaved): Roll {
  const changed = new Map(saved.changed.map((m) => [m.participantId, m]));
  return {
    session: { ...roll.session, expectedCount: saved.session.expectedCount, recordedCount: saved.session.recordedCount },
    entries: roll.entries.map((e) => {
      const mark = changed.get(e.participantId);
      return mark ? { ...e, ...mark } : e;
    }),
  };
}
