/**
 * Weekly wall-clock rules (a clinician's working hours, a participant's work 09:00–17:00 Monday to Friday) turned into
 * instants. A rule is read the way the person lives it: it starts the first moment the clock on the wall reaches its
 * start time and ends the first moment after that the clock reaches its end time. Where DST skips the start (02:30 on
 * a spring-forward night) the rule starts when the clock jumps, not an hour after it; where the clock repeats an
 * hour, the first pass counts.
 */
import { Temporal, addDays, isValidLocalTime, localDateOf, weekdayOf } from '../time.ts';
import { intersectIntervals, normaliseIntervals, type Interval } from './intervals.ts';

export interface WeeklyTimeRule {
  /** ISO weekday the rule starts on, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local 'HH:MM'. */
  startTime: string;
  /**
   * Local 'HH:MM'; '24:00' for midnight at the end of the day. An end at or before the start runs past midnight into
   * the next day (a night shift 22:00–06:00).
   */
  endTime: string;
}

/** Why a weekly rule is malformed, or null when it is sound; the message names the field. */
export function weeklyTimeRuleProblem(rule: WeeklyTimeRule): { field: keyof WeeklyTimeRule; message: string } | null {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    return { field: 'weekday', message: 'must be 1 (Monday) to 7 (Sunday)' };
  }
  if (!isValidLocalTime(rule.startTime)) return { field: 'startTime', message: 'must be HH:MM' };
  if (rule.endTime !== '24:00' && !isValidLocalTime(rule.endTime)) {
    return { field: 'endTime', message: 'must be HH:MM or 24:00' };
  }
  if (rule.endTime === rule.startTime) return { field: 'endTime', message: 'must differ from the start time' };
  return null;
}

/** The first instant at which the wall clock in `zone` reads `time` on `date` (or has jumped past it). */
function firstInstantAt(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): number {
  const wall = date.toPlainDateTime(time);
  const zoned = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), wall) === 0) return zoned.epochMilliseconds;
  // The wall time falls in a spring-forward gap: it never shows on the clock, which jumps past it at the next
  // transition after the 'earlier' reading (that reading lies before the gap by the gap's length).
  const transition = zoned.getTimeZoneTransition('next');
  return (transition ?? wall.toZonedDateTime(zone, { disambiguation: 'later' })).epochMilliseconds;
}

/** One occurrence of a rule on a local date, as an interval (empty when DST swallows it whole). */
function occurrence(rule: WeeklyTimeRule, date: Temporal.PlainDate, zone: string): Interval {
  const start = firstInstantAt(date, Temporal.PlainTime.from(rule.startTime), zone);
  const endsNextDay = rule.endTime === '24:00' || rule.endTime <= rule.startTime;
  const endDate = endsNextDay ? date.add({ days: 1 }) : date;
  const endTime = rule.endTime === '24:00' ? '00:00' : rule.endTime;
  const end = firstInstantAt(endDate, Temporal.PlainTime.from(endTime), zone);
  return { start, end: Math.max(start, end) };
}

/**
 * The instants covered by weekly rules within a window, in the zone, as a normalised list: overlapping or duplicate
 * rules are merged, and a rule that runs past midnight into the window (Sunday night's shift on Monday morning) counts.
 * Throws RangeError naming the first malformed rule.
 */
export function expandWeeklyRules(rules: readonly WeeklyTimeRule[], zone: string, window: Interval): Interval[] {
  rules.forEach((rule, index) => {
    const problem = weeklyTimeRuleProblem(rule);
    if (problem) throw new RangeError(`Rule ${index}: ${problem.field} ${problem.message}`);
  });
  if (window.end <= window.start || rules.length === 0) return [];
  const toIso = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toString();
  // Start a day early for rules that cross midnight, and walk calendar dates (never 24-hour steps) so 23- and 25-hour
  // DST days cannot skip or repeat a date.
  const firstDate = addDays(localDateOf(toIso(window.start), zone), -1);
  const lastDate = localDateOf(toIso(window.end), zone);
  const pieces: Interval[] = [];
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const plain = Temporal.PlainDate.from(date);
    for (const rule of rules) if (rule.weekday === weekday) pieces.push(occurrence(rule, plain, zone));
  }
  return intersectIntervals(normaliseIntervals(pieces), [window]);
}
