/**
 * Private iCalendar feeds (RFC 5545) a phone's calendar subscribes to: a participant's sessions, and a staff member's
 * own working calendar (groups they run or co-run, appointments, time off). One writer for both. Written by hand
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
import type { AppointmentKind } from './scheduling/appointment-kinds.ts';
import type { ClinicianExceptionKind } from './api/appointments.ts';
import type { RoomKind } from './api/setup.ts';

/** The summary a feed shows for a session of each kind: what it is, never what it is about. */
export const FEED_SUMMARIES: Record<SessionKind, string> = {
  group_therapy: 'Group session',
  psychoeducation: 'Group session',
  skills: 'Group session',
  family: 'Family session',
  holistic: 'Group session',
  recreational: 'Group session',
};

/** The calendar's name on a participant's phone: no organisation or program name (see above). */
export const FEED_CALENDAR_NAME = 'My sessions';

/** The calendar's name on a staff member's phone. */
export const STAFF_FEED_CALENDAR_NAME = 'My work calendar';

/** How often a subscribing calendar should fetch the feed again. */
export const FEED_REFRESH = 'PT1H';

export interface FeedEvent {
  /** A stable id (the session's), so an update replaces the event rather than adding one. */
  id: string;
  /** What the event is, never what it is about nor who is in it (see above). */
  summary: string;
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
  /** The calendar's name on the phone (X-WR-CALNAME). */
  name: string;
  events: readonly FeedEvent[];
}

/** A participant's session as a feed event: the neutral summary of its kind. */
export function participantFeedEvent(s: Omit<FeedEvent, 'summary'> & { kind: SessionKind }): FeedEvent {
  const { kind, ...rest } = s;
  return { ...rest, summary: FEED_SUMMARIES[kind] };
}

/**
 * What a staff member's feed says of an appointment: its kind in neutral words. The participant's name, the reason
 * and any note stay in Trellis (42 CFR Part 2: a synced calendar is a disclosure outside the program).
 */
export const STAFF_FEED_APPOINTMENT_SUMMARIES: Record<AppointmentKind, string> = {
  individual: 'Individual session',
  family: 'Family session',
  psychiatry: 'Prescriber appointment',
  medication_management: 'Prescriber appointment',
};

/** What a staff member's feed says of their own time off; the note stays in Trellis. */
export const STAFF_FEED_TIME_OFF_SUMMARIES: Record<ClinicianExceptionKind, string> = {
  leave: 'Time off',
  training: 'Training',
  other: 'Unavailable',
};

/** Where an event of a staff member's feed is: the room and the site, "Online" for a virtual room (no link). */
export function staffFeedLocation(siteName: string, room: { name: string; kind: RoomKind } | null): string {
  if (!room) return siteName;
  return room.kind === 'virtual' ? 'Online' : `${room.name}, ${siteName}`;
}

/** Where and whether a group or an appointment takes place: all a staff feed says of it besides its name or kind. */
interface StaffCalendarPlace {
  id: string;
  startsAt: string;
  endsAt: string;
  siteName: string;
  room: { name: string; kind: RoomKind } | null;
  cancelled: boolean;
  version: number;
}

/** One item of a staff member's own calendar, as the server reads it; only the fields a feed may carry. */
export type StaffCalendarItem =
  /** A group, by its name (its track's), never the session's topic or roster. */
  | (StaffCalendarPlace & { source: 'session'; groupName: string })
  | (StaffCalendarPlace & { source: 'appointment'; kind: AppointmentKind })
  | { source: 'time-off'; id: string; kind: ClinicianExceptionKind; startsAt: string; endsAt: string };

/** A staff calendar item as a feed event: a group by its name, an appointment by its kind, time off by its kind. */
export function staffFeedEvent(item: StaffCalendarItem): FeedEvent {
  if (item.source === 'time-off') {
    return {
      id: `time-off-${item.id}`,
      summary: STAFF_FEED_TIME_OFF_SUMMARIES[item.kind],
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      location: null,
      cancelled: false,
      version: 1,
    };
  }
  return {
    id: item.source === 'session' ? item.id : `appointment-${item.id}`,
    summary: item.source === 'session' ? item.groupName : STAFF_FEED_APPOINTMENT_SUMMARIES[item.kind],
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    location: staffFeedLocation(item.siteName, item.room),
    cancelled: item.cancelled,
    version: item.version,
  };
}

/** An instant as an iCalendar UTC DATE-TIME: 2026-03-08T07:00:00.000Z → 20260308T070000Z. */
export function icalUtc(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new Error(`not an instant: ${instant}`);
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcalText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
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
    'PRODID:-//Trellis//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcalText(input.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH}`,
    `X-PUBLISHED-TTL:${FEED_REFRESH}`,
  ];
  const events = [...input.events].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1),
  );
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@${input.domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalUtc(e.startsAt)}`,
      `DTEND:${icalUtc(e.endsAt)}`,
      `SUMMARY:${escapeIcalText(e.summary)}`,
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
