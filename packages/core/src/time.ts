/**
 * Calendar and clock arithmetic for sites in an IANA time zone. Dates are 'YYYY-MM-DD' strings, instants are ISO-8601
 * UTC strings. Everything goes through Temporal so that DST changes are handled by the zone rules, never by adding
 * fixed numbers of hours.
 */
import { Temporal } from 'temporal-polyfill';

export { Temporal };

/** A program week: Monday 00:00 to Sunday 24:00 in the site's zone. */
export interface ProgramWeek {
  /** Local date of the Monday that opens the week. */
  monday: string;
  /** Local date of the Sunday that closes the week. */
  sunday: string;
  /** Monday 00:00 local, as a UTC instant (inclusive). */
  start: string;
  /** The following Monday 00:00 local, as a UTC instant (exclusive). */
  end: string;
  zone: string;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

function parseDate(date: string): Temporal.PlainDate {
  // Temporal also accepts '20260309' and date-times; the API promises plain 'YYYY-MM-DD', so hold callers to it.
  if (!DATE_PATTERN.test(date)) throw new RangeError(`Not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
  return Temporal.PlainDate.from(date, { overflow: 'reject' });
}

function parseLocalTime(time: string): Temporal.PlainTime {
  if (!isValidLocalTime(time)) throw new RangeError(`Not a local time in HH:MM form: ${JSON.stringify(time)}`);
  return Temporal.PlainTime.from(time);
}

/** The program week containing an instant; the week is chosen by the local date in the zone, not by UTC. */
export function programWeekContaining(instant: string, zone: string): ProgramWeek {
  const local = Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate();
  return weekFromMonday(local.subtract({ days: local.dayOfWeek - 1 }), zone);
}

/** The program week opening on a Monday; throws RangeError for any other weekday so a shifted week cannot slip in. */
export function programWeekStarting(monday: string, zone: string): ProgramWeek {
  const date = parseDate(monday);
  if (date.dayOfWeek !== 1) throw new RangeError(`Program weeks start on a Monday; ${monday} is not one`);
  return weekFromMonday(date, zone);
}

function weekFromMonday(monday: Temporal.PlainDate, zone: string): ProgramWeek {
  const nextMonday = monday.add({ days: 7 });
  // toZonedDateTime with a date alone gives the start of the day, which is right even where midnight is skipped by DST.
  return {
    monday: monday.toString(),
    sunday: monday.add({ days: 6 }).toString(),
    start: monday.toZonedDateTime({ timeZone: zone }).toInstant().toString(),
    end: nextMonday.toZonedDateTime({ timeZone: zone }).toInstant().toString(),
    zone,
  };
}

/** The site-local calendar date of an instant (an evening session in the Americas is already tomorrow in UTC). */
export function localDateOf(instant: string, zone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** The instant of a local wall-clock time; 'compatible' moves a time in a spring-forward gap later and takes the earlier of a fall-back overlap. */
export function zonedInstant(date: string, time: string, zone: string): string {
  return parseDate(date)
    .toPlainDateTime(parseLocalTime(time))
    .toZonedDateTime(zone, { disambiguation: 'compatible' })
    .toInstant()
    .toString();
}

/** An instant's wall-clock date and time in a zone, 'YYYY-MM-DDTHH:MM' (what a datetime-local field shows). */
export function localDateTimeOf(instant: string, zone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/**
 * The instant of a wall-clock 'YYYY-MM-DDTHH:MM' in a zone, or null when the text is not one (a half-typed field).
 * DST as `zonedInstant`: a time in the spring-forward gap moves later, a fall-back time twice over is the earlier.
 */
export function instantOfLocalDateTime(value: string, zone: string): string | null {
  const [date, time] = value.split('T');
  if (date === undefined || time === undefined) return null;
  try {
    return zonedInstant(date, time, zone);
  } catch {
    return null;
  }
}

/** Whether a string names a time zone; fixed offsets and ISO date-time strings are refused because they carry no DST rules. */
export function isValidTimeZone(zone: string): boolean {
  if (zone === '' || zone.startsWith('+') || zone.startsWith('-')) return false;
  try {
    // Temporal reads a zone out of strings such as '2020-01-01[America/New_York]'; only the bare name is acceptable.
    const id = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;
    return id.toLowerCase() === zone.toLowerCase();
  } catch {
    return false;
  }
}

/** Whether a string is a wall-clock time 'HH:MM' from 00:00 to 23:59 (24:00 is refused: a session ends on its own day). */
export function isValidLocalTime(time: string): boolean {
  return LOCAL_TIME_PATTERN.test(time);
}

/** A calendar date plus a number of days; calendar days, so DST never shifts the result. */
export function addDays(date: string, days: number): string {
  return parseDate(date).add({ days }).toString();
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday, matching the program week that starts on Monday. */
export function weekdayOf(date: string): number {
  return parseDate(date).dayOfWeek;
}

/** Real elapsed minutes between two instants, so a 01:00–03:00 session on spring-forward day is 60, not 120. */
export function minutesBetween(startInstant: string, endInstant: string): number {
  return (instantMs(endInstant) - instantMs(startInstant)) / 60_000;
}

/** An instant exactly as Date#toISOString writes it (UTC, milliseconds). */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Epoch milliseconds of an ISO-8601 instant: the toISOString form (the server's own) through Date.parse when it reads
 * back to the same text, anything else — an offset, a February 30th Date.parse would roll over — through Temporal.
 */
function instantMs(instant: string): number {
  if (ISO_UTC_MS.test(instant)) {
    const ms = Date.parse(instant);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === instant) return ms;
  }
  return Temporal.Instant.from(instant).epochMilliseconds;
}

/** Whether a span of local dates is over, under way or still to come on a given local date. */
export type WeekTense = 'past' | 'current' | 'future';
export const WEEK_TENSES = ['past', 'current', 'future'] as const satisfies readonly WeekTense[];

/** The tense of the local dates `from`–`to` (inclusive) seen on `today`: pages speak of a week over in the past tense. */
export function rangeTense(from: string, to: string, today: string): WeekTense {
  const day = parseDate(today);
  if (Temporal.PlainDate.compare(parseDate(to), day) < 0) return 'past';
  return Temporal.PlainDate.compare(parseDate(from), day) > 0 ? 'future' : 'current';
}

/** The tense of the program week opening on `monday`, seen on the local date `today`. */
export function weekTense(monday: string, today: string): WeekTense {
  return rangeTense(monday, addDays(monday, 6), today);
}
