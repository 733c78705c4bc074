/**
 * The weekly hours ledger: for one participant and one program week, the hours attended, still scheduled and not yet
 * recorded, against the hours the level of care requires. The server and the browser both call this, so a badge on a
 * screen and a figure in a report cannot disagree.
 */
import type { AttendanceStatus } from './attendance.ts';
import { Temporal, addDays, zonedInstant } from './time.ts';
import type { ProgramWeek } from './time.ts';

export const LEDGER_STATUSES = ['met', 'on-track', 'at-risk', 'short'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface LedgerSession {
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  attendance: { status: AttendanceStatus; minutesAttended: number } | null;
  /** Whether the session's kind counts toward weekly hours (sessionKindCounts); true when left out. */
  counts?: boolean;
  /** An unbilled break inside the session, in minutes; 0 when left out. */
  breakMinutes?: number;
  /**
   * A make-up: another track's session the participant was booked into as a guest. Its hours count, but it is not
   * something their track offered, so a partial week's requirement does not grow with it (and its cancellation is no
   * loss to the program's offer).
   */
  makeUp?: boolean;
}

export interface LedgerInput {
  week: ProgramWeek;
  /** The instant the ledger is computed at. */
  now: string;
  requirement: { minHours: number; maxHours: number | null; perDiemMinHours: number };
  /** Local date the participant's episode starts counting (admission, or the week's Monday). */
  activeFrom: string;
  /** Local date of discharge, or null while the episode is open. */
  activeTo: string | null;
  /** The participant's expected sessions that week; the server decides the roster. */
  sessions: readonly LedgerSession[];
}

export interface WeeklyHoursLedger {
  weekMonday: string;
  attendedMinutes: number;
  scheduledMinutes: number;
  unrecordedMinutes: number;
  projectedMinutes: number;
  requiredMinutes: number;
  attendedHours: number;
  scheduledHours: number;
  unrecordedHours: number;
  projectedHours: number;
  requiredHours: number;
  maxHours: number | null;
  /** Local dates (week.zone) whose attended minutes reach perDiemMinHours. */
  daysMeetingPerDiem: number;
  /** Minutes of counting sessions the participant's track(s) offered them this week, cancelled ones included. */
  offeredMinutes: number;
  /** Minutes of those sessions the program cancelled: a shortfall they cause is the program's, not the participant's. */
  cancelledMinutes: number;
  /** Sessions that have ended with no mark for the participant: neither projected nor absent. */
  rollsNotTaken: number;
  /**
   * The episode covers only part of the week, so the requirement is the hours the track(s) offered from admission or
   * up to discharge, capped at the program minimum.
   */
  partialWeek: boolean;
  /** Whether cancelled sessions alone stand between the participant and the requirement. */
  programCaused: boolean;
  /** Why the week is at risk or short, in a few words (null when met or on track with every roll taken). */
  reason: string | null;
  /** Projected above maxHours: the level of care is exceeded. */
  overMax: boolean;
  status: LedgerStatus;
}

/** Minutes as hours to 2 decimals; minutes·5/3 is hundredths of an hour, rounded as an integer to avoid float drift. */
function hours(minutes: number): number {
  return Math.round((minutes * 5) / 3) / 100;
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function activeDaysInWeek(week: ProgramWeek, activeFrom: string, activeTo: string | null): number {
  const last = activeTo ?? week.sunday;
  let days = 0;
  for (const date of weekDates(week)) {
    if (date >= activeFrom && date <= last) days++;
  }
  return days;
}

const weekDatesCache = new Map<string, string[]>();
function weekDates(week: ProgramWeek): string[] {
  let dates = weekDatesCache.get(week.monday);
  if (!dates) {
    dates = Array.from({ length: 7 }, (_, i) => addDays(week.monday, i));
    if (weekDatesCache.size > 512) weekDatesCache.clear();
    weekDatesCache.set(week.monday, dates);
  }
  return dates;
}

/**
 * Epoch milliseconds of each local midnight of the week, Monday to the following Monday (8 boundaries). The census
 * computes thousands of ledgers for one week, so zone arithmetic is done once per week and each session is placed by
 * plain comparisons (a DST day is 23 or 25 hours long; the boundaries carry that).
 */
const boundaryCache = new Map<string, number[]>();
function localMidnights(week: ProgramWeek): number[] {
  const key = `${week.zone}|${week.monday}`;
  let boundaries = boundaryCache.get(key);
  if (!boundaries) {
    boundaries = Array.from({ length: 8 }, (_, i) => Date.parse(zonedInstant(addDays(week.monday, i), '00:00', week.zone)));
    if (boundaryCache.size > 512) boundaryCache.clear();
    boundaryCache.set(key, boundaries);
  }
  return boundaries;
}

function epochMs(instant: string): number {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? Temporal.Instant.from(instant).epochMilliseconds : ms;
}

/**
 * When the week can no longer be saved: its end, or the end of the discharge day when the episode closes within it
 * (a discharged participant's last week would otherwise stay "at risk" for ever).
 */
function closesAt(week: ProgramWeek, midnights: number[], activeTo: string | null): number {
  if (activeTo === null || activeTo >= week.sunday) return midnights[7]!;
  if (activeTo < week.monday) return midnights[0]!;
  const day = weekDates(week).indexOf(activeTo);
  return midnights[day + 1]!;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hours for a sentence: "6 h", "7.5 h". */
function hoursText(minutes: number): string {
  return `${Math.round(minutes / 6) / 10} h`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function dayList(days: number[]): string {
  return [...new Set(days)].sort((x, y) => x - y).map((d) => DAY_NAMES[d]).join(', ');
}

/** The weekly hours ledger for one participant and program week. */
export function weeklyHoursLedger(input: LedgerInput): WeeklyHoursLedger {
  const { week, now, requirement } = input;
  const midnights = localMidnights(week);
  const weekStart = midnights[0]!;
  const weekEnd = midnights[7]!;
  const nowMs = epochMs(now);

  let attendedMinutes = 0;
  let scheduledMinutes = 0;
  let unrecordedMinutes = 0;
  let offeredMinutes = 0;
  let cancelledMinutes = 0;
  let sessionsLeft = 0;
  let cancelledSessions = 0;
  const absentDays: number[] = [];
  const excusedDays: number[] = [];
  const notTakenDays: number[] = [];
  const attendedByDay = new Map<number, number>();

  for (const session of input.sessions) {
    if (session.counts === false) continue;
    const startsAt = epochMs(session.startsAt);
    if (startsAt < weekStart || startsAt >= weekEnd) continue;
    let day = 0;
    while (day < 6 && startsAt >= midnights[day + 1]!) day++;
    const endsAt = epochMs(session.endsAt);
    const breakMinutes = nonNegative(session.breakMinutes ?? 0);
    const minutes = Math.max(0, nonNegative((endsAt - startsAt) / 60_000) - breakMinutes);
    if (session.makeUp === true) {
      if (session.cancelled) continue;
    } else offeredMinutes += minutes;
    if (session.cancelled) {
      cancelledMinutes += minutes;
      cancelledSessions++;
      continue;
    }

    if (session.attendance !== null) {
      // The unbilled break is inside whatever part of the session was attended.
      const attended = Math.min(minutes, Math.max(0, nonNegative(session.attendance.minutesAttended) - breakMinutes));
      attendedMinutes += attended;
      attendedByDay.set(day, (attendedByDay.get(day) ?? 0) + attended);
      if (session.attendance.status === 'absent') absentDays.push(day);
      if (session.attendance.status === 'excused') excusedDays.push(day);
      continue;
    }
    if (endsAt > nowMs) {
      scheduledMinutes += minutes;
      sessionsLeft++;
    } else {
      unrecordedMinutes += minutes;
      notTakenDays.push(day);
    }
  }

  // A roll not taken is neither projected nor absent: it shows as missing until someone takes it.
  const projectedMinutes = attendedMinutes + scheduledMinutes;

  const activeDays = activeDaysInWeek(week, input.activeFrom, input.activeTo);
  const minimum = Math.round(requirement.minHours * 60);
  const partialWeek = activeDays < 7;
  // A partial week is judged against what the track(s) offered while the participant was in the program.
  const requiredMinutes = activeDays === 0 ? 0 : partialWeek ? Math.min(minimum, offeredMinutes) : minimum;

  const perDiemMinutes = requirement.perDiemMinHours * 60;
  let daysMeetingPerDiem = 0;
  for (const minutes of attendedByDay.values()) {
    // A day needs some attendance to be billed, even where a program sets the per-diem minimum to 0.
    if (minutes > 0 && minutes >= perDiemMinutes) daysMeetingPerDiem++;
  }

  const closed = nowMs >= closesAt(week, midnights, input.activeTo);
  let status: LedgerStatus;
  if (attendedMinutes >= requiredMinutes) status = 'met';
  else if (closed) status = 'short';
  else if (projectedMinutes < requiredMinutes) status = 'at-risk';
  else status = 'on-track';

  const programCaused =
    (status === 'short' || status === 'at-risk') && cancelledMinutes > 0 && projectedMinutes + unrecordedMinutes + cancelledMinutes >= requiredMinutes;

  const parts: string[] = [];
  if (status !== 'met') {
    if (absentDays.length > 0) parts.push(`absent ${dayList(absentDays)}`);
    if (excusedDays.length > 0) parts.push(`excused ${dayList(excusedDays)}`);
  }
  if (notTakenDays.length > 0) {
    parts.push(notTakenDays.length === 1 ? `roll not taken ${dayList(notTakenDays)}` : `${notTakenDays.length} rolls not taken (${dayList(notTakenDays)})`);
  }
  if (status !== 'met' && cancelledSessions > 0) {
    const lost = `${hoursText(cancelledMinutes)} lost to ${cancelledSessions === 1 ? 'a cancelled session' : `${cancelledSessions} cancelled sessions`}`;
    parts.push(programCaused ? `${lost} (program-caused)` : lost);
  }
  if (status === 'at-risk' || status === 'on-track') {
    if (status === 'at-risk') {
      parts.push(sessionsLeft === 0 ? 'no session left' : `${plural(sessionsLeft, 'session')} left, ${hoursText(projectedMinutes)} at most`);
    }
  } else if (status === 'short') {
    parts.push(`${hoursText(attendedMinutes)} of ${hoursText(requiredMinutes)}`);
  }
  const reason = parts.length > 0 ? parts.join('; ') : null;

  return {
    weekMonday: week.monday,
    attendedMinutes,
    scheduledMinutes,
    unrecordedMinutes,
    projectedMinutes,
    requiredMinutes,
    attendedHours: hours(attendedMinutes),
    scheduledHours: hours(scheduledMinutes),
    unrecordedHours: hours(unrecordedMinutes),
    projectedHours: hours(projectedMinutes),
    requiredHours: hours(requiredMinutes),
    maxHours: requirement.maxHours,
    daysMeetingPerDiem,
    offeredMinutes,
    cancelledMinutes,
    rollsNotTaken: notTakenDays.length,
    partialWeek,
    programCaused,
    overMax: requirement.maxHours !== null && projectedMinutes + unrecordedMinutes > requirement.maxHours * 60,
    status,
    reason,
  };
}

/** Ledgers for several weeks (e.g. an episode), in week order whatever the input order; convenience only. */
export function weeklyHoursLedgers(inputs: readonly LedgerInput[]): WeeklyHoursLedger[] {
  // Validated 'YYYY-MM-DD' Mondays compare as dates do.
  return inputs
    .map(weeklyHoursLedger)
    .sort((a, b) => (a.weekMonday < b.weekMonday ? -1 : a.weekMonday > b.weekMonday ? 1 : 0));
}
