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
  /** The episode covers only part of the week, so the requirement is prorated. */
  partialWeek: boolean;
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
  const attendedByDay = new Map<number, number>();

  for (const session of input.sessions) {
    if (session.cancelled) continue;
    const startsAt = epochMs(session.startsAt);
    if (startsAt < weekStart || startsAt >= weekEnd) continue;

    if (session.attendance !== null) {
      const minutes = nonNegative(session.attendance.minutesAttended);
      attendedMinutes += minutes;
      let day = 0;
      while (day < 6 && startsAt >= midnights[day + 1]!) day++;
      attendedByDay.set(day, (attendedByDay.get(day) ?? 0) + minutes);
      continue;
    }
    const endsAt = epochMs(session.endsAt);
    const minutes = nonNegative((endsAt - startsAt) / 60_000);
    if (endsAt > nowMs) scheduledMinutes += minutes;
    else unrecordedMinutes += minutes;
  }

  const projectedMinutes = attendedMinutes + scheduledMinutes + unrecordedMinutes;

  const activeDays = activeDaysInWeek(week, input.activeFrom, input.activeTo);
  const requiredMinutes = activeDays === 0 ? 0 : Math.round((requirement.minHours * 60 * activeDays) / 7);

  const perDiemMinutes = requirement.perDiemMinHours * 60;
  let daysMeetingPerDiem = 0;
  for (const minutes of attendedByDay.values()) {
    // A day needs some attendance to be billed, even where a program sets the per-diem minimum to 0.
    if (minutes > 0 && minutes >= perDiemMinutes) daysMeetingPerDiem++;
  }

  let status: LedgerStatus;
  if (attendedMinutes >= requiredMinutes) status = 'met';
  else if (nowMs >= closesAt(week, midnights, input.activeTo)) status = 'short';
  else if (projectedMinutes < requiredMinutes) status = 'at-risk';
  else status = 'on-track';

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
    partialWeek: activeDays < 7,
    overMax: requirement.maxHours !== null && projectedMinutes > requirement.maxHours * 60,
    status,
  };
}

/** Ledgers for several weeks (e.g. an episode), in week order whatever the input order; convenience only. */
export function weeklyHoursLedgers(inputs: readonly LedgerInput[]): WeeklyHoursLedger[] {
  // Validated 'YYYY-MM-DD' Mondays compare as dates do.
  return inputs
    .map(weeklyHoursLedger)
    .sort((a, b) => (a.weekMonday < b.weekMonday ? -1 : a.weekMonday > b.weekMonday ? 1 : 0));
}
