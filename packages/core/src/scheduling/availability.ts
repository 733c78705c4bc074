/**
 * Availability: a clinician's weekly working hours per site with leave and a daily limit, a participant's weekly
 * unavailability (work, school, childcare) with one-off exceptions, and what an appointment's status means for the
 * weekly hours ledger. Pure: the server loads the calendars, these rules decide.
 */
import { Temporal, addDays, localDateOf, zonedInstant } from '../time.ts';
import type { AttendanceStatus } from '../attendance.ts';
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import { normaliseIntervals, subtractIntervals, unionIntervals, type Interval } from './intervals.ts';
import { expandWeeklyRules, type WeeklyTimeRule } from './weekly-rules.ts';

const DAY = 24 * 60;
const WEEK = 7 * DAY;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function timeOf(minutes: number): string {
  if (minutes === DAY) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Weekly rules with overlapping, touching and duplicate ones merged, one rule per stretch of each day, Monday first.
 * A rule past midnight (22:00–06:00) becomes its two days' pieces (22:00–24:00, 00:00–06:00), which expand to the same
 * instants; a stretch over Sunday midnight wraps to Monday. Entering Mon 09:00–12:00 and Mon 11:00–17:00 stores
 * Mon 09:00–17:00, so a clinician's hours are never counted twice. Rules must be sound (weeklyTimeRuleProblem).
 */
export function mergeWeeklyRules(rules: readonly WeeklyTimeRule[]): WeeklyTimeRule[] {
  const pieces: Interval[] = [];
  for (const rule of rules) {
    const dayStart = (rule.weekday - 1) * DAY;
    const start = dayStart + minutesOf(rule.startTime);
    const endMinutes = rule.endTime === '24:00' ? DAY : minutesOf(rule.endTime);
    const end = dayStart + endMinutes + (endMinutes <= minutesOf(rule.startTime) ? DAY : 0);
    if (end <= WEEK) pieces.push({ start, end });
    else pieces.push({ start, end: WEEK }, { start: 0, end: end - WEEK });
  }
  const merged: WeeklyTimeRule[] = [];
  for (const stretch of normaliseIntervals(pieces)) {
    // Cut each stretch at local midnights: one rule per day it covers.
    for (let from = stretch.start; from < stretch.end; ) {
      const dayIndex = Math.floor(from / DAY);
      const to = Math.min(stretch.end, (dayIndex + 1) * DAY);
      merged.push({ weekday: dayIndex + 1, startTime: timeOf(from - dayIndex * DAY), endTime: timeOf(to - dayIndex * DAY) });
      from = to;
    }
  }
  return merged;
}

/** Weekly rules tagged with something (a site, a reason), merged within each tag; tags keep their first-seen order. */
export function mergeWeeklyRulesBy<R extends WeeklyTimeRule, K extends keyof R>(rules: readonly R[], key: K): (WeeklyTimeRule & Pick<R, K>)[] {
  const groups = new Map<R[K], R[]>();
  for (const rule of rules) groups.set(rule[key], [...(groups.get(rule[key]) ?? []), rule]);
  return [...groups].flatMap(([tag, group]) => mergeWeeklyRules(group).map((r) => ({ ...r, [key]: tag }) as WeeklyTimeRule & Pick<R, K>));
}

/** A clinician's working time at one site within a window: weekly hours in the site's zone, less leave and training. */
export function workingTimeWithin(rules: readonly WeeklyTimeRule[], exceptions: readonly Interval[], zone: string, window: Interval): Interval[] {
  return subtractIntervals(expandWeeklyRules(rules, zone, window), exceptions);
}

/** A participant's busy time within a window from weekly unavailability (in the zone) and one-off exceptions. */
export function unavailableTimeWithin(rules: readonly WeeklyTimeRule[], exceptions: readonly Interval[], zone: string, window: Interval): Interval[] {
  return unionIntervals(expandWeeklyRules(rules, zone, window), exceptions);
}

/**
 * Whole local days on which a clinician already has `maxPerDay` bookings (appointments and groups they run), as busy
 * time, so a slot search skips them. A booking belongs to the local date it starts on; a null limit is no limit.
 */
export function fullDays(bookings: readonly Interval[], maxPerDay: number | null, zone: string): Interval[] {
  if (maxPerDay === null) return [];
  const perDay = new Map<string, number>();
  for (const b of bookings) {
    const date = localDateOf(Temporal.Instant.fromEpochMilliseconds(b.start).toString(), zone);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
  }
  const full: Interval[] = [];
  for (const [date, count] of perDay) {
    if (count < maxPerDay) continue;
    full.push({
      start: Date.parse(zonedInstant(date, '00:00', zone)),
      end: Date.parse(zonedInstant(addDays(date, 1), '00:00', zone)),
    });
  }
  return normaliseIntervals(full);
}

/** Whether one more booking on the day would exceed the clinician's daily limit (null: no limit). */
export function exceedsDailyLimit(bookingsThatDay: number, maxPerDay: number | null): boolean {
  return maxPerDay !== null && bookingsThatDay + 1 > maxPerDay;
}

// ---- Appointment statuses ----

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'late_cancelled', 'no_show', 'attended'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  late_cancelled: 'Late cancel',
  no_show: 'No-show',
  attended: 'Attended',
};

/** Statuses that hold the time: the clinician, participant and room are taken (the exclusion constraints' predicate). */
export const APPOINTMENT_HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'attended'];

/** Where an appointment may go from each status: only a booked one changes; the others are the record of what happened. */
export function appointmentTransitionAllowed(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return from === 'booked' && to !== 'booked';
}

/** Why a status change is refused (attended or no-show before the appointment started), or null. */
export function appointmentMarkProblem(to: AppointmentStatus, startsAt: number, now: number): string | null {
  if ((to === 'attended' || to === 'no_show') && now < startsAt) return 'cannot be marked before the appointment starts';
  return null;
}

/**
 * What an appointment means for the weekly hours ledger, as a session's mark: attended counts its booked length;
 * a no-show or late cancellation is an absence (nothing attended, and the reason says so); a booked one is still
 * scheduled (or, once over, a mark not yet taken); a cancelled one was never on the week. Only kinds that count toward
 * hours (APPOINTMENT_KIND_RULES) reach the ledger's arithmetic.
 */
export function appointmentLedgerMark(
  status: AppointmentStatus,
  lengthMinutes: number,
): { onWeek: boolean; attendance: { status: AttendanceStatus; minutesAttended: number } | null } {
  switch (status) {
    case 'attended':
      return { onWeek: true, attendance: { status: 'present', minutesAttended: lengthMinutes } };
    case 'no_show':
    case 'late_cancelled':
      return { onWeek: true, attendance: { status: 'absent', minutesAttended: 0 } };
    case 'booked':
      return { onWeek: true, attendance: null };
    case 'cancelled':
      return { onWeek: false, attendance: null };
  }
}

/** Whether an appointment kind counts toward weekly hours. */
export function appointmentKindCounts(kind: AppointmentKind): boolean {
  return APPOINTMENT_KIND_RULES[kind].countsTowardHours;
}
