import { describe, it, expect } from 'vitest';
import {
  ATTENDANCE_STATUSES,
  ATTENDANCE_STATUS_LABELS,
  attendanceMarkProblems,
  mayRecordAt,
  minutesAttended,
  normaliseMark,
} from './attendance.ts';
import type { AttendanceMark, AttendanceStatus } from './attendance.ts';

describe('minutesAttended', () => {
  it.each<{ mark: AttendanceMark; session: number; minutes: number }>([
    { mark: { status: 'present' }, session: 180, minutes: 180 },
    { mark: { status: 'present', lateMinutes: 0, leftEarlyMinutes: 0 }, session: 180, minutes: 180 },
    { mark: { status: 'late', lateMinutes: 15 }, session: 180, minutes: 165 },
    { mark: { status: 'late', lateMinutes: 15, leftEarlyMinutes: 30 }, session: 180, minutes: 135 },
    { mark: { status: 'late', lateMinutes: 179 }, session: 180, minutes: 1 },
    { mark: { status: 'left_early', leftEarlyMinutes: 45 }, session: 180, minutes: 135 },
    { mark: { status: 'left_early', leftEarlyMinutes: 59 }, session: 60, minutes: 1 },
    { mark: { status: 'absent' }, session: 180, minutes: 0 },
    { mark: { status: 'excused' }, session: 180, minutes: 0 },
    { mark: { status: 'left_early', lateMinutes: 10, leftEarlyMinutes: 45 }, session: 180, minutes: 125 },
    // Refused by attendanceMarkProblems, but never negative if it reached here.
    { mark: { status: 'late', lateMinutes: 100, leftEarlyMinutes: 100 }, session: 180, minutes: 0 },
    // Invalid marks must not add or remove time they do not carry.
    { mark: { status: 'present', lateMinutes: 10 }, session: 180, minutes: 180 },
    { mark: { status: 'absent', lateMinutes: 10 }, session: 180, minutes: 0 },
    { mark: { status: 'late', lateMinutes: -20 }, session: 180, minutes: 180 },
    { mark: { status: 'present' }, session: -5, minutes: 0 },
  ])('$mark.status of a $session-min session ($mark) → $minutes', ({ mark, session, minutes }) => {
    expect(minutesAttended(mark, session)).toBe(minutes);
  });
});

describe('attendanceMarkProblems', () => {
  it.each<{ mark: AttendanceMark; session?: number; fields: string[] }>([
    // valid
    { mark: { status: 'present' }, fields: [] },
    { mark: { status: 'present', lateMinutes: 0, leftEarlyMinutes: 0 }, fields: [] },
    { mark: { status: 'late', lateMinutes: 1 }, fields: [] },
    { mark: { status: 'late', lateMinutes: 179 }, fields: [] },
    { mark: { status: 'late', lateMinutes: 20, leftEarlyMinutes: 30 }, fields: [] },
    { mark: { status: 'late', lateMinutes: 20, leftEarlyMinutes: 0 }, fields: [] },
    { mark: { status: 'late', lateMinutes: 100, leftEarlyMinutes: 79 }, fields: [] },
    { mark: { status: 'left_early', lateMinutes: 5, leftEarlyMinutes: 30 }, fields: [] },
    // Late and left early together must leave some of the session attended.
    { mark: { status: 'late', lateMinutes: 100, leftEarlyMinutes: 80 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'late', lateMinutes: 100, leftEarlyMinutes: 100 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'left_early', lateMinutes: 30, leftEarlyMinutes: 20 }, session: 50, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'left_early', leftEarlyMinutes: 1 }, fields: [] },
    { mark: { status: 'left_early', leftEarlyMinutes: 179 }, fields: [] },
    { mark: { status: 'absent' }, fields: [] },
    { mark: { status: 'excused' }, fields: [] },
    // present carries nothing
    { mark: { status: 'present', lateMinutes: 5 }, fields: ['lateMinutes'] },
    { mark: { status: 'present', leftEarlyMinutes: 5 }, fields: ['leftEarlyMinutes'] },
    // late needs 1 ≤ lateMinutes < session
    { mark: { status: 'late' }, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: 0 }, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: 180 }, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: 50 }, session: 50, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: 2.5 }, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: -3 }, fields: ['lateMinutes'] },
    { mark: { status: 'late', lateMinutes: 10, leftEarlyMinutes: 180 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'late', lateMinutes: 10, leftEarlyMinutes: -1 }, fields: ['leftEarlyMinutes'] },
    // left_early needs 1 ≤ leftEarlyMinutes < session and no late minutes
    { mark: { status: 'left_early' }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'left_early', leftEarlyMinutes: 0 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'left_early', leftEarlyMinutes: 180 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'left_early', leftEarlyMinutes: 0.5 }, fields: ['leftEarlyMinutes'] },
    // absent and excused carry neither
    { mark: { status: 'absent', lateMinutes: 10 }, fields: ['lateMinutes'] },
    { mark: { status: 'absent', leftEarlyMinutes: 10 }, fields: ['leftEarlyMinutes'] },
    { mark: { status: 'excused', lateMinutes: 10, leftEarlyMinutes: 10 }, fields: ['lateMinutes', 'leftEarlyMinutes'] },
    // unknown status from the network
    { mark: { status: 'tardy' as AttendanceStatus, lateMinutes: 10 }, fields: ['status'] },
  ])('$mark (session $session) → $fields', ({ mark, session = 180, fields }) => {
    const problems = attendanceMarkProblems(mark, session);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const problem of problems) expect(problem.message).not.toBe('');
  });

  it('explains each problem in words', () => {
    expect(attendanceMarkProblems({ status: 'late' }, 180)).toEqual([
      { field: 'lateMinutes', message: 'Late minutes are required on a late mark' },
    ]);
    expect(attendanceMarkProblems({ status: 'absent', lateMinutes: 10 }, 180)).toEqual([
      { field: 'lateMinutes', message: 'Late minutes do not apply to an absent mark' },
    ]);
    expect(attendanceMarkProblems({ status: 'late', lateMinutes: 180 }, 180)).toEqual([
      { field: 'lateMinutes', message: 'Late minutes must be less than the session length (180 min)' },
    ]);
  });
});

describe('ATTENDANCE_STATUS_LABELS', () => {
  it('labels every status', () => {
    expect(ATTENDANCE_STATUSES.map((s) => ATTENDANCE_STATUS_LABELS[s])).toEqual([
      'Present',
      'Late',
      'Left early',
      'Absent',
      'Excused',
    ]);
  });
});

describe('normaliseMark', () => {
  it.each<{ mark: AttendanceMark; out: Required<AttendanceMark> }>([
    { mark: { status: 'present', lateMinutes: 0 }, out: { status: 'present', lateMinutes: 0, leftEarlyMinutes: 0 } },
    { mark: { status: 'late', lateMinutes: 10 }, out: { status: 'late', lateMinutes: 10, leftEarlyMinutes: 0 } },
    { mark: { status: 'left_early', lateMinutes: 5, leftEarlyMinutes: 20 }, out: { status: 'left_early', lateMinutes: 5, leftEarlyMinutes: 20 } },
    { mark: { status: 'absent', lateMinutes: 10, leftEarlyMinutes: 3 }, out: { status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0 } },
  ])('$mark.status → $out', ({ mark, out }) => {
    expect(normaliseMark(mark)).toEqual(out);
  });
});

describe('mayRecordAt', () => {
  const starts = '2026-11-18T23:00:00Z';
  it.each<{ status: AttendanceStatus; now: string; ok: boolean }>([
    { status: 'present', now: '2026-11-18T22:59:59Z', ok: false },
    { status: 'present', now: starts, ok: true },
    { status: 'absent', now: '2026-11-18T20:00:00Z', ok: false },
    { status: 'excused', now: '2026-11-17T20:00:00Z', ok: true },
    { status: 'late', now: '2026-11-19T01:00:00Z', ok: true },
  ])('$status at $now → $ok', ({ status, now, ok }) => {
    expect(mayRecordAt(status, starts, now)).toBe(ok);
  });
});
