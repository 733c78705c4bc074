/**
 * A participant's attendance history: every session they were expected at (or marked on) that has begun, newest
 * first, a keyset page at a time.
 */
import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../attendance.ts';
import { SESSION_KINDS } from '../program-rules.ts';
import { SESSION_STATUSES } from './sessions.ts';

/** The longest page of attendance history one request returns. */
export const ATTENDANCE_HISTORY_MAX_LIMIT = 100;

export const participantAttendanceQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ATTENDANCE_HISTORY_MAX_LIMIT).default(25),
});
export type ParticipantAttendanceQuery = z.infer<typeof participantAttendanceQuerySchema>;

export const attendanceHistoryItemSchema = z.object({
  sessionId: z.string(),
  /** The session's date in its site's zone. */
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The site's zone, to show times as the clinic keeps them. */
  timeZone: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  trackName: z.string(),
  programName: z.string(),
  sessionStatus: z.enum(SESSION_STATUSES),
  /** The participant's mark; null when no roll was taken for them (or the session was cancelled). */
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  /** 0 while unmarked. */
  minutesAttended: z.number(),
  lateMinutes: z.number(),
  leftEarlyMinutes: z.number(),
});
export type AttendanceHistoryItem = z.infer<typeof attendanceHistoryItemSchema>;

export const participantAttendancePageSchema = z.object({
  items: z.array(attendanceHistoryItemSchema),
  nextCursor: z.string().nullable(),
});
export type ParticipantAttendancePage = z.infer<typeof participantAttendancePageSchema>;
