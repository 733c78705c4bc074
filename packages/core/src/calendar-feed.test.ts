import { describe, expect, it } from 'vitest';
import { calendarFeedText, escapeIcalText, foldIcalLine, icalUtc } from './calendar-feed.ts';

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
      events: [
        { id: 's2', kind: 'family', startsAt: '2026-11-19T23:00:00Z', endsAt: '2026-11-20T00:00:00Z', location: null, cancelled: true, version: 3 },
        { id: 's1', kind: 'group_therapy', startsAt: '2026-11-18T23:00:00Z', endsAt: '2026-11-19T02:00:00Z', location: 'Room A, 2nd floor', cancelled: false, version: 1 },
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
  });
});
