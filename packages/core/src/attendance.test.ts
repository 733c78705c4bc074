import { describe, it, expect } from 'vitest';
import {
  ATTENDANCE_STATUSES,
  ATTENDANCE_STATUS_LABELS,
  attendanceMarkProblems,
  minutesAttended,
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
    // Allowed but more than the session: clamps to 0, never negative.
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
    { mark: { status: 'late', lateMinutes: 100, leftEarlyMinutes: 100 }, fields: [] },
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
    { mark: { status: 'left_early', lateMinutes: 5, leftEarlyMinutes: 30 }, fields: ['lateMinutes'] },
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
