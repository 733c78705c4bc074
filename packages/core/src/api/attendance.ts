import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../attendance.ts';
import { SESSION_KINDS } from '../program-rules.ts';

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

/** The session a roll belongs to (the same shape as the schedule's session summary). */
export const rollSessionSchema = z.object({
  id: z.string(),
  trackId: z.string(),
  trackName: z.string(),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  timeZone: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  facilitatorId: z.string().nullable(),
  facilitatorName: z.string().nullable(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  capacity: z.number(),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  oneOff: z.boolean(),
  expectedCount: z.number(),
  recordedCount: z.number(),
});
export type RollSession = z.infer<typeof rollSessionSchema>;

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
  session: rollSessionSchema,
  entries: z.array(rollEntrySchema),
});
export type Roll = z.infer<typeof rollSchema>;
