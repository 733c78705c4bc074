/**
 * A participant's sessions as an iCalendar feed (RFC 5545) their phone's calendar subscribes to. Written by hand
 * because the maintained generator (ical-generator) needs Node 22; the rules it would apply are few and kept here:
 * CRLF line ends (§3.1), lines folded at 75 octets without splitting a UTF-8 character (§3.1), TEXT escaped (§3.3.11),
 * and every time in UTC (§3.3.5 form 2), so no VTIMEZONE is needed and a phone shows each session at the instant the
 * site's zone gives it, across daylight-saving changes.
 *
 * What a feed may say (42 CFR Part 2, HIPAA minimum necessary): a calendar syncs to other services and shows on a lock
 * screen, so a feed carries only a neutral summary ("Group session", never the track or session title, which can name
 * a substance use program), the time, the room, and whether it was cancelled. The organisation's name and the
 * telehealth link stay in the signed-in portal.
 */
import type { SessionKind } from './program-rules.ts';

/** The summary a feed shows for a session of each kind: what it is, never what it is about. */
export const FEED_SUMMARIES: Record<SessionKind, string> = {
  group_therapy: 'Group session',
  psychoeducation: 'Group session',
  skills: 'Group session',
  family: 'Family session',
  holistic: 'Group session',
  recreational: 'Group session',
};

/** The calendar's name on the phone: no organisation or program name (see above). */
export const FEED_CALENDAR_NAME = 'My sessions';

/** How often a subscribing calendar should fetch the feed again. */
export const FEED_REFRESH = 'PT1H';

export interface FeedEvent {
  /** A stable id (the session's), so an update replaces the event rather than adding one. */
  id: string;
  kind: SessionKind;
  startsAt: string;
  endsAt: string;
  /** The room, or "Online" for a virtual room; null when none is set. */
  location: string | null;
  cancelled: boolean;
  /** When the session last changed (its SEQUENCE is derived from its version). */
  version: number;
}

export interface FeedInput {
  /** The host the UIDs are qualified by (RFC 5545 §3.8.4.7 recommends a domain). */
  domain: string;
  /** The instant the feed is produced (DTSTAMP). */
  now: string;
  events: readonly FeedEvent[];
}

/** An instant as an iCalendar UTC DATE-TIME: 2026-03-08T07:00:00.000Z → 20260308T070000Z. */
export function icalUtc(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new Error(`not an instant: ${instant}`);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcalText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 §3.1): continuation lines start with one space,
 * and a multi-octet UTF-8 character is never split.
 */
export function foldIcalLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The whole feed as iCalendar text, CRLF line ends, events in start order. */
export function calendarFeedText(input: FeedInput): string {
  const stamp = icalUtc(input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trellis//Participant calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcalText(FEED_CALENDAR_NAME)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH}`,
    `X-PUBLISHED-TTL:${FEED_REFRESH}`,
  ];
  const events = [...input.events].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1));
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@${input.domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalUtc(e.startsAt)}`,
      `DTEND:${icalUtc(e.endsAt)}`,
      `SUMMARY:${escapeIcalText(FEED_SUMMARIES[e.kind])}`,
      ...(e.location ? [`LOCATION:${escapeIcalText(e.location)}`] : []),
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${Math.max(0, e.version - 1)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcalLine).join('\r\n') + '\r\n';
}
