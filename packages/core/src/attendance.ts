/**
 * Attendance marks for one participant at one session, and the minutes they turn into for the weekly hours ledger.
 */

export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent: 'Absent',
  excused: 'Excused',
};

export interface AttendanceMark {
  status: AttendanceStatus;
  /** Whole minutes missed at the start; only on a 'late' mark. */
  lateMinutes?: number;
  /** Whole minutes missed at the end; on a 'left_early' mark, or a 'late' mark that also left early. */
  leftEarlyMinutes?: number;
}

export interface AttendanceMarkProblem {
  field: string;
  message: string;
}

function minutesOrZero(value: number | undefined): number {
  // Invalid input (negative, NaN) is reported by attendanceMarkProblems; here it must not add time.
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Minutes a participant attended of a session: full length less late arrival and early departure; 0 when absent or excused; never below 0. */
export function minutesAttended(mark: AttendanceMark, sessionMinutes: number): number {
  const length = minutesOrZero(sessionMinutes);
  // Only the minutes a status may carry count, so a stray lateMinutes on a 'present' mark cannot cost hours.
  switch (mark.status) {
    case 'present':
      return length;
    case 'late':
    case 'left_early':
      return Math.max(0, length - minutesOrZero(mark.lateMinutes) - minutesOrZero(mark.leftEarlyMinutes));
    case 'absent':
    case 'excused':
      return 0;
  }
}

const FIELD_LABELS = { lateMinutes: 'Late minutes', leftEarlyMinutes: 'Left-early minutes' } as const;
type MinutesField = keyof typeof FIELD_LABELS;

/**
 * Problems with a mark, as { field, message }; empty when valid. A participant may be both late and leave early (on a
 * 'late' or a 'left_early' mark); together those minutes must leave some of the session attended.
 */
export function attendanceMarkProblems(mark: AttendanceMark, sessionMinutes: number): AttendanceMarkProblem[] {
  const problems: AttendanceMarkProblem[] = [];
  // Marks arrive from forms and the network; the status union is not a runtime guarantee.
  if (!(ATTENDANCE_STATUSES as readonly string[]).includes(mark.status)) {
    return [{ field: 'status', message: 'Status must be one of: ' + ATTENDANCE_STATUSES.join(', ') }];
  }
  const status = ATTENDANCE_STATUS_LABELS[mark.status].toLowerCase();
  const aMark = `${/^[aeiou]/.test(status) ? 'an' : 'a'} ${status} mark`;

  // At most one problem per field: the first rule it breaks.
  const check = (field: MinutesField, allowed: 'required' | 'optional' | 'forbidden'): void => {
    const value = mark[field];
    const name = FIELD_LABELS[field];
    if (value === undefined || (value === 0 && allowed !== 'required')) {
      if (allowed === 'required') problems.push({ field, message: `${name} are required on ${aMark}` });
      return;
    }
    if (!Number.isInteger(value)) {
      problems.push({ field, message: `${name} must be a whole number` });
    } else if (value < 0) {
      problems.push({ field, message: `${name} cannot be negative` });
    } else if (allowed === 'forbidden') {
      problems.push({ field, message: `${name} do not apply to ${aMark}` });
    } else if (allowed === 'required' && value < 1) {
      problems.push({ field, message: `${name} must be at least 1` });
    } else if (value >= sessionMinutes) {
      problems.push({ field, message: `${name} must be less than the session length (${sessionMinutes} min)` });
    }
  };

  switch (mark.status) {
    case 'present':
      check('lateMinutes', 'forbidden');
      check('leftEarlyMinutes', 'forbidden');
      break;
    case 'late':
      check('lateMinutes', 'required');
      check('leftEarlyMinutes', 'optional');
      break;
    case 'left_early':
      check('lateMinutes', 'optional');
      check('leftEarlyMinutes', 'required');
      break;
    case 'absent':
    case 'excused':
      check('lateMinutes', 'forbidden');
      check('leftEarlyMinutes', 'forbidden');
      break;
  }
  if (problems.length === 0 && (mark.status === 'late' || mark.status === 'left_early')) {
    const missed = (mark.lateMinutes ?? 0) + (mark.leftEarlyMinutes ?? 0);
    if (missed >= sessionMinutes) {
      problems.push({
        field: 'leftEarlyMinutes',
        message: `Late and left-early minutes together (${missed}) must be less than the session length (${sessionMinutes} min)`,
      });
    }
  }
  return problems;
}

/** A mark as stored: only the minutes its status may carry, whole zeros otherwise. */
export function normaliseMark(mark: AttendanceMark): Required<AttendanceMark> {
  const carriesMinutes = mark.status === 'late' || mark.status === 'left_early';
  return {
    status: mark.status,
    lateMinutes: carriesMinutes ? (mark.lateMinutes ?? 0) : 0,
    leftEarlyMinutes: carriesMinutes ? (mark.leftEarlyMinutes ?? 0) : 0,
  };
}

/** Nobody attends a group that has not begun: before it starts, only an excused absence can be known. */
export function mayRecordAt(status: AttendanceStatus, sessionStartsAt: string, now: string): boolean {
  return status === 'excused' || Date.parse(sessionStartsAt) <= Date.parse(now);
}
