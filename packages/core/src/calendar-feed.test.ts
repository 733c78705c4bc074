import { describe, expect, it } from 'vitest';
import {
  calendarFeedText,
  escapeIcalText,
  foldIcalLine,
  icalUtc,
  participantFeedEvent,
  staffFeedEvent,
  type StaffCalendarItem,
} from './calendar-feed.ts';
import { zonedInstant } from './time.ts';

describe('iCalendar text', () => {
  it.each([
    ['plain', 'plain'],
    ['Room A, east wing', 'Room A\\, east wing'],
    ['a;b', 'a\\;b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['crlf\r\nline', 'crlf\\nline'],
  ])('escapes %j as %j (RFC 5545 §3.3.11)', (text, escaped) => {
    expect(escapeIcalText(text)).toBe(escaped);
  });

  it.each([
    ['2026-03-08T07:00:00.000Z', '20260308T070000Z'],
    ['2026-11-01T05:30:00Z', '20261101T053000Z'],
    ['2026-11-01T01:30:00-04:00', '20261101T053000Z'],
  ])('writes %s as the UTC DATE-TIME %s', (instant, ical) => {
    expect(icalUtc(instant)).toBe(ical);
  });

  it.each([
    ['short line', 1],
    ['x'.repeat(75), 1],
    ['x'.repeat(76), 2],
    ['x'.repeat(75 + 74), 2],
    ['x'.repeat(75 + 75), 3],
  ])('folds a line at 75 octets: %#', (line, parts) => {
    const folded = foldIcalLine(line).split('\r\n');
    expect(folded).toHaveLength(parts);
    expect(folded.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('never splits a multi-octet character when folding', () => {
    const line = `LOCATION:${'é'.repeat(60)}`;
    const folded = foldIcalLine(line).split('\r\n');
    expect(folded.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('writes a calendar of neutral events, CRLF-terminated, cancelled ones marked', () => {
    const text = calendarFeedText({
      domain: 'trellis.example',
      now: '2026-11-18T15:00:00Z',
      name: 'My sessions',
      events: [
        participantFeedEvent({
          id: 's2',
          kind: 'family',
          startsAt: '2026-11-19T23:00:00Z',
          endsAt: '2026-11-20T00:00:00Z',
          location: null,
          cancelled: true,
          version: 3,
        }),
        participantFeedEvent({
          id: 's1',
          kind: 'group_therapy',
          startsAt: '2026-11-18T23:00:00Z',
          endsAt: '2026-11-19T02:00:00Z',
          location: 'Room A, 2nd floor',
          cancelled: false,
          version: 1,
        }),
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(['UID:s1@trellis.example', 'UID:s2@trellis.example']);
    expect(lines).toContain('SUMMARY:Group session');
    expect(lines).toContain('SUMMARY:Family session');
    expect(lines).toContain('LOCATION:Room A\\, 2nd floor');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTART:20261118T230000Z');
    expect(lines).toContain('X-WR-CALNAME:My sessions');
  });
});

describe('a staff member’s feed', () => {
  const site = 'Riverside';
  const room = { name: 'Room B', kind: 'physical' as const };
  const at = { startsAt: '2026-11-18T15:00:00Z', endsAt: '2026-11-18T16:00:00Z' };
  it.each<[string, StaffCalendarItem, { id: string; summary: string; location: string | null; cancelled: boolean }]>([
    [
      'a group by its name, with room and site',
      {
        source: 'session',
        id: 'g1',
        groupName: 'Evening IOP A',
        ...at,
        siteName: site,
        room,
        cancelled: false,
        version: 2,
      },
      { id: 'g1', summary: 'Evening IOP A', location: 'Room B, Riverside', cancelled: false },
    ],
    [
      'a cancelled group with no room at its site',
      {
        source: 'session',
        id: 'g2',
        groupName: 'PHP Day',
        ...at,
        siteName: site,
        room: null,
        cancelled: true,
        version: 1,
      },
      { id: 'g2', summary: 'PHP Day', location: 'Riverside', cancelled: true },
    ],
    [
      'an individual appointment by its kind only',
      {
        source: 'appointment',
        id: 'a1',
        kind: 'individual',
        ...at,
        siteName: site,
        room,
        cancelled: false,
        version: 1,
      },
      { id: 'appointment-a1', summary: 'Individual session', location: 'Room B, Riverside', cancelled: false },
    ],
    [
      'a family appointment online, no link',
      {
        source: 'appointment',
        id: 'a2',
        kind: 'family',
        ...at,
        siteName: site,
        room: { name: 'Telehealth 1', kind: 'virtual' },
        cancelled: false,
        version: 1,
      },
      { id: 'appointment-a2', summary: 'Family session', location: 'Online', cancelled: false },
    ],
    [
      'a psychiatry appointment',
      {
        source: 'appointment',
        id: 'a3',
        kind: 'psychiatry',
        ...at,
        siteName: site,
        room: null,
        cancelled: true,
        version: 4,
      },
      { id: 'appointment-a3', summary: 'Prescriber appointment', location: 'Riverside', cancelled: true },
    ],
    [
      'medication management says no more than psychiatry',
      {
        source: 'appointment',
        id: 'a4',
        kind: 'medication_management',
        ...at,
        siteName: site,
        room: null,
        cancelled: false,
        version: 1,
      },
      { id: 'appointment-a4', summary: 'Prescriber appointment', location: 'Riverside', cancelled: false },
    ],
    [
      'leave, no note',
      { source: 'time-off', id: 't1', kind: 'leave', ...at },
      { id: 'time-off-t1', summary: 'Time off', location: null, cancelled: false },
    ],
    [
      'training',
      { source: 'time-off', id: 't2', kind: 'training', ...at },
      { id: 'time-off-t2', summary: 'Training', location: null, cancelled: false },
    ],
    [
      'other time away',
      { source: 'time-off', id: 't3', kind: 'other', ...at },
      { id: 'time-off-t3', summary: 'Unavailable', location: null, cancelled: false },
    ],
  ])('shows %s', (_name, item, expected) => {
    expect(staffFeedEvent(item)).toMatchObject({ ...expected, startsAt: at.startsAt, endsAt: at.endsAt });
  });

  // America/New_York moves its clocks on Sunday 2026-03-08 (EST −5 → EDT −4) and back on Sunday 2026-11-01.
  it.each([
    [
      'the Friday before clocks go forward',
      '2026-03-06',
      '09:00',
      '10:00',
      'DTSTART:20260306T140000Z',
      'DTEND:20260306T150000Z',
    ],
    [
      'the Monday after clocks go forward',
      '2026-03-09',
      '09:00',
      '10:00',
      'DTSTART:20260309T130000Z',
      'DTEND:20260309T140000Z',
    ],
    [
      'across the change as clocks go back (three real hours)',
      '2026-11-01',
      '00:30',
      '02:30',
      'DTSTART:20261101T043000Z',
      'DTEND:20261101T073000Z',
    ],
    [
      'the Monday after clocks go back',
      '2026-11-02',
      '09:00',
      '10:00',
      'DTSTART:20261102T140000Z',
      'DTEND:20261102T150000Z',
    ],
  ])('keeps a group at its site-local hours in the week clocks change: %s', (_name, date, from, to, start, end) => {
    const startsAt = zonedInstant(date, from, 'America/New_York');
    const endsAt = zonedInstant(date, to, 'America/New_York');
    const text = calendarFeedText({
      domain: 'trellis.example',
      now: '2026-03-01T00:00:00Z',
      name: 'My work calendar',
      events: [
        staffFeedEvent({
          source: 'session',
          id: 'g',
          groupName: 'Morning IOP',
          startsAt,
          endsAt,
          siteName: site,
          room,
          cancelled: false,
          version: 1,
        }),
      ],
    });
    const lines = text.split('\r\n');
    expect(lines).toContain(start);
    expect(lines).toContain(end);
  });
});
