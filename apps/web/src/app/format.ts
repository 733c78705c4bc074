/**
 * Formatting for people: dates as the calendar dates they are (never shifted by the browser's zone), session times
 * in the site's zone, instants in the reader's own zone.
 */
import { localDateOf } from '@trellis/core';
export { DATE_INPUT_FORMAT } from './date-input-format.ts';

function dateParts(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekdayDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const longWeekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** '2026-03-09' → '9 Mar 2026' (in the reader's locale). */
export function formatDate(date: string | null | undefined): string {
  return date ? dateFormat.format(dateParts(date)) : '—';
}

/** '2026-03-09' → '9 Mar'. */
export function formatShortDate(date: string): string {
  return shortDateFormat.format(dateParts(date));
}

/** '2026-03-09' → 'Mon, 9 Mar'. */
export function formatWeekdayDate(date: string): string {
  return weekdayDateFormat.format(dateParts(date));
}

/** '2026-03-09' → 'Monday, 9 March'. */
export function formatLongWeekdayDate(date: string): string {
  return longWeekdayFormat.format(dateParts(date));
}

/** A program week as '9 Mar – 15 Mar 2026'. */
export function formatWeekRange(monday: string, sunday: string): string {
  return `${formatShortDate(monday)} – ${formatDate(sunday)}`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as wall-clock time in a site's zone, e.g. '18:00'. */
export function formatTimeIn(instant: string, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

/** A session's time range in its site's zone, e.g. '18:00 – 19:30' ('18:00–19:30' when compact). */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string, compact = false): string {
  return `${formatTimeIn(startsAt, timeZone)}${compact ? '–' : ' – '}${formatTimeIn(endsAt, timeZone)}`;
}

/** Short zone name as a reader sees it, e.g. 'EST'. */
export function zoneAbbreviation(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** An instant in the reader's own zone and locale, with the zone named: 'Nov 23, 2026, 14:05:09 EST'. */
export function formatDateTime(instant: string): string {
  return dateTimeFormat.format(new Date(instant));
}

/** An instant on a site's clock with its date and the zone named, e.g. '18 Nov 2026, 09:00 EST' (a note's session time). */
export function formatDateTimeIn(instant: string, timeZone: string): string {
  return `${formatDate(localDateOf(instant, timeZone))}, ${formatTimeIn(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
}

/** Today's date in a zone (the browser's own zone when none is given). */
export function todayIn(timeZone?: string): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return localDateOf(new Date().toISOString(), zone);
}

/** Whole years between a date of birth and a date. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || y === undefined || m === undefined || d === undefined) return 0;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Hours, the one way the app writes them: up to two decimals, no trailing zeros, with the unit — '6.5 h', '9 h',
 * '0.75 h'. Pass `unit: false` where the unit is written once beside several numbers ('6.5 / 9 h').
 */
export function formatHours(hours: number, options: { unit?: boolean } = {}): string {
  const text = String(Math.round(hours * 100) / 100);
  return options.unit === false ? text : `${text} h`;
}

/** A length in minutes, written as hours like every other amount of time ('1.5 h'). */
export function formatMinutesAsHours(minutes: number): string {
  return formatHours(minutes / 60);
}

/** A number of minutes someone was late or left early, as entered: '15 min'. */
export function formatMinutes(minutes: number): string {
  return `${Math.round(minutes)} min`;
}
