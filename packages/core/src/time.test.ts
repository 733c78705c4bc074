import { describe, it, expect } from 'vitest';
import {
  addDays,
  instantOfLocalDateTime,
  localDateTimeOf,
  isValidLocalTime,
  isValidTimeZone,
  localDateOf,
  minutesBetween,
  programWeekContaining,
  programWeekStarting,
  rangeTense,
  weekdayOf,
  weekTense,
  zonedInstant,
} from './time.ts';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';

describe('programWeekContaining: week edges are local midnights, not UTC ones', () => {
  it.each([
    // New York in winter is UTC-5: Sunday 23:59 local is already Monday in UTC.
    { zone: NY, instant: '2026-01-12T04:59:00Z', monday: '2026-01-05', what: 'NY Sunday 23:59' },
    { zone: NY, instant: '2026-01-12T04:59:59Z', monday: '2026-01-05', what: 'NY Sunday 23:59:59' },
    { zone: NY, instant: '2026-01-12T05:00:00Z', monday: '2026-01-12', what: 'NY Monday 00:00' },
    {
      zone: NY,
      instant: '2026-01-12T00:00:00Z',
      monday: '2026-01-05',
      what: 'UTC Monday midnight is NY Sunday evening',
    },
    // Los Angeles in summer is UTC-7.
    { zone: LA, instant: '2026-07-13T06:59:00Z', monday: '2026-07-06', what: 'LA Sunday 23:59' },
    { zone: LA, instant: '2026-07-13T07:00:00Z', monday: '2026-07-13', what: 'LA Monday 00:00' },
    {
      zone: LA,
      instant: '2026-07-13T00:00:00Z',
      monday: '2026-07-06',
      what: 'UTC Monday midnight is LA Sunday afternoon',
    },
    // The same instant falls in different weeks in different zones.
    { zone: NY, instant: '2026-07-13T05:00:00Z', monday: '2026-07-13', what: 'NY Monday 01:00 (EDT)' },
    { zone: LA, instant: '2026-07-13T05:00:00Z', monday: '2026-07-06', what: 'LA Sunday 22:00 (PDT)' },
    // A Wednesday in the middle of the week.
    { zone: NY, instant: '2026-01-14T17:00:00Z', monday: '2026-01-12', what: 'NY Wednesday noon' },
  ])('$what → week of $monday', ({ zone, instant, monday }) => {
    const week = programWeekContaining(instant, zone);
    expect(week.monday).toBe(monday);
    expect(week).toEqual(programWeekStarting(monday, zone));
  });

  it('describes the whole week with local-midnight bounds', () => {
    expect(programWeekContaining('2026-01-14T17:00:00Z', NY)).toEqual({
      monday: '2026-01-12',
      sunday: '2026-01-18',
      start: '2026-01-12T05:00:00Z',
      end: '2026-01-19T05:00:00Z',
      zone: NY,
    });
    expect(programWeekContaining('2026-07-08T19:00:00Z', LA)).toEqual({
      monday: '2026-07-06',
      sunday: '2026-07-12',
      start: '2026-07-06T07:00:00Z',
      end: '2026-07-13T07:00:00Z',
      zone: LA,
    });
  });
});

describe('programWeekStarting: DST weeks are 167 or 169 real hours', () => {
  it.each([
    { zone: NY, monday: '2026-03-02', start: '2026-03-02T05:00:00Z', end: '2026-03-09T04:00:00Z', hours: 167 },
    { zone: NY, monday: '2026-10-26', start: '2026-10-26T04:00:00Z', end: '2026-11-02T05:00:00Z', hours: 169 },
    { zone: NY, monday: '2026-03-09', start: '2026-03-09T04:00:00Z', end: '2026-03-16T04:00:00Z', hours: 168 },
    { zone: NY, monday: '2026-01-12', start: '2026-01-12T05:00:00Z', end: '2026-01-19T05:00:00Z', hours: 168 },
    { zone: LA, monday: '2026-03-02', start: '2026-03-02T08:00:00Z', end: '2026-03-09T07:00:00Z', hours: 167 },
    { zone: LA, monday: '2026-10-26', start: '2026-10-26T07:00:00Z', end: '2026-11-02T08:00:00Z', hours: 169 },
  ])('$zone week of $monday is $hours h', ({ zone, monday, start, end, hours }) => {
    const week = programWeekStarting(monday, zone);
    expect(week.start).toBe(start);
    expect(week.end).toBe(end);
    expect(week.sunday).toBe(addDays(monday, 6));
    expect(minutesBetween(week.start, week.end)).toBe(hours * 60);
  });

  it('puts Sunday 23:30 of the spring-forward week inside it and Monday 00:00 outside', () => {
    expect(programWeekContaining('2026-03-09T03:30:00Z', NY).monday).toBe('2026-03-02');
    expect(programWeekContaining('2026-03-09T04:00:00Z', NY).monday).toBe('2026-03-09');
  });

  it('puts both passes of the repeated 01:30 on fall-back Sunday in the same week', () => {
    expect(programWeekContaining('2026-11-01T05:30:00Z', NY).monday).toBe('2026-10-26');
    expect(programWeekContaining('2026-11-01T06:30:00Z', NY).monday).toBe('2026-10-26');
    expect(programWeekContaining('2026-11-02T04:59:00Z', NY).monday).toBe('2026-10-26');
    expect(programWeekContaining('2026-11-02T05:00:00Z', NY).monday).toBe('2026-11-02');
  });

  it.each(['2026-01-13', '2026-01-18', '2026-01-11'])('refuses %s, which is not a Monday', (date) => {
    expect(() => programWeekStarting(date, NY)).toThrow(RangeError);
  });

  it.each(['20260112', '2026-1-12', '2026-01-12T00:00', '', '2026-02-30'])('refuses malformed date %j', (date) => {
    expect(() => programWeekStarting(date, NY)).toThrow(RangeError);
  });

  it('refuses an unknown zone', () => {
    expect(() => programWeekStarting('2026-01-12', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('localDateOf', () => {
  it.each([
    { instant: '2026-01-12T04:59:00Z', zone: NY, date: '2026-01-11' },
    { instant: '2026-01-12T05:00:00Z', zone: NY, date: '2026-01-12' },
    { instant: '2026-03-09T03:30:00Z', zone: NY, date: '2026-03-08' },
    { instant: '2026-07-13T06:59:00Z', zone: LA, date: '2026-07-12' },
    { instant: '2026-07-13T06:59:00Z', zone: 'UTC', date: '2026-07-13' },
  ])('$instant in $zone is $date', ({ instant, zone, date }) => {
    expect(localDateOf(instant, zone)).toBe(date);
  });
});

describe('zonedInstant keeps wall-clock time across DST', () => {
  it.each([
    // Spring forward, Sunday 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    { date: '2026-03-07', time: '18:00', instant: '2026-03-07T23:00:00Z', what: '18:00 the day before (EST)' },
    { date: '2026-03-08', time: '18:00', instant: '2026-03-08T22:00:00Z', what: '18:00 on the day (EDT)' },
    { date: '2026-03-08', time: '01:30', instant: '2026-03-08T06:30:00Z', what: '01:30, before the gap' },
    { date: '2026-03-08', time: '02:30', instant: '2026-03-08T07:30:00Z', what: '02:30 in the gap moves to 03:30 EDT' },
    { date: '2026-03-08', time: '03:00', instant: '2026-03-08T07:00:00Z', what: '03:00, after the gap' },
    // Fall back, Sunday 2026-11-01: 02:00 EDT falls back to 01:00 EST.
    { date: '2026-10-31', time: '18:00', instant: '2026-10-31T22:00:00Z', what: '18:00 the day before (EDT)' },
    { date: '2026-11-01', time: '18:00', instant: '2026-11-01T23:00:00Z', what: '18:00 on the day (EST)' },
    { date: '2026-11-01', time: '01:30', instant: '2026-11-01T05:30:00Z', what: '01:30 twice: the earlier (EDT)' },
    { date: '2026-11-01', time: '02:30', instant: '2026-11-01T07:30:00Z', what: '02:30 (EST)' },
    { date: '2026-11-01', time: '00:00', instant: '2026-11-01T04:00:00Z', what: 'midnight (EDT)' },
  ])('$date $time: $what', ({ date, time, instant }) => {
    expect(zonedInstant(date, time, NY)).toBe(instant);
  });

  it('writes instants without fractional seconds', () => {
    expect(zonedInstant('2026-01-12', '09:00', LA)).toBe('2026-01-12T17:00:00Z');
  });

  it.each([
    ['2026-01-12', '24:00'],
    ['2026-01-12', '9:00'],
    ['2026-01-12', '09:60'],
    ['2026-01-12', '09:00:00'],
    ['2026-02-29', '09:00'],
    ['12/01/2026', '09:00'],
  ])('refuses %s %s', (date, time) => {
    expect(() => zonedInstant(date, time, NY)).toThrow(RangeError);
  });
});

describe('localDateTimeOf and instantOfLocalDateTime: a note’s times as the site’s clock shows them', () => {
  it.each([
    // Spring forward, Sunday 2026-03-08 in New York: the hour 02:00–03:00 does not exist.
    { instant: '2026-03-08T06:59:00Z', local: '2026-03-08T01:59', what: 'a minute before the gap (EST)' },
    { instant: '2026-03-08T07:00:00Z', local: '2026-03-08T03:00', what: 'the gap skipped (EDT)' },
    // Fall back, Sunday 2026-11-01: 01:00–02:00 happens twice.
    { instant: '2026-11-01T05:30:00Z', local: '2026-11-01T01:30', what: 'first 01:30 (EDT)' },
    { instant: '2026-11-01T06:30:00Z', local: '2026-11-01T01:30', what: 'second 01:30 (EST)' },
    // An evening session is already tomorrow in UTC.
    { instant: '2026-11-19T00:30:00Z', local: '2026-11-18T19:30', what: 'evening, next day in UTC' },
  ])('$instant shows as $local: $what', ({ instant, local }) => {
    expect(localDateTimeOf(instant, NY)).toBe(local);
  });

  it.each([
    { local: '2026-03-08T01:59', instant: '2026-03-08T06:59:00Z' },
    { local: '2026-03-08T02:30', instant: '2026-03-08T07:30:00Z' },
    { local: '2026-03-08T03:00', instant: '2026-03-08T07:00:00Z' },
    { local: '2026-11-01T01:30', instant: '2026-11-01T05:30:00Z' },
    { local: '2026-11-18T19:30', instant: '2026-11-19T00:30:00Z' },
  ])('$local in New York is $instant', ({ local, instant }) => {
    expect(instantOfLocalDateTime(local, NY)).toBe(instant);
  });

  it('reads the same wall clock as a different instant in another zone', () => {
    expect(instantOfLocalDateTime('2026-11-18T19:30', LA)).toBe('2026-11-19T03:30:00Z');
  });

  it.each(['', '2026-11-18', '2026-11-18T', '2026-11-18T25:00', '2026-02-30T10:00'])('answers null for %j', (value) => {
    expect(instantOfLocalDateTime(value, NY)).toBeNull();
  });
});

describe('minutesBetween counts real elapsed minutes', () => {
  it.each([
    { date: '2026-03-08', from: '01:00', to: '03:00', minutes: 60, what: 'spring-forward night loses an hour' },
    {
      date: '2026-03-08',
      from: '01:30',
      to: '02:30',
      minutes: 60,
      what: 'spring-forward 01:30–02:30 (end in the gap)',
    },
    { date: '2026-11-01', from: '01:00', to: '03:00', minutes: 180, what: 'fall-back night gains an hour' },
    { date: '2026-11-01', from: '01:30', to: '02:30', minutes: 120, what: 'fall-back 01:30 (EDT) to 02:30 (EST)' },
    { date: '2026-11-01', from: '00:00', to: '23:59', minutes: 25 * 60 - 1, what: 'the 25-hour day' },
    { date: '2026-03-08', from: '00:00', to: '23:59', minutes: 23 * 60 - 1, what: 'the 23-hour day' },
    { date: '2026-01-12', from: '01:00', to: '03:00', minutes: 120, what: 'an ordinary night' },
    { date: '2026-01-12', from: '09:00', to: '12:00', minutes: 180, what: 'an ordinary morning' },
  ])('$what: $minutes', ({ date, from, to, minutes }) => {
    expect(minutesBetween(zonedInstant(date, from, NY), zonedInstant(date, to, NY))).toBe(minutes);
  });

  it('is negative when the end is first and fractional for seconds', () => {
    expect(minutesBetween('2026-01-12T10:00:00Z', '2026-01-12T09:00:00Z')).toBe(-60);
    expect(minutesBetween('2026-01-12T10:00:00Z', '2026-01-12T10:00:30Z')).toBe(0.5);
  });

  it.each([
    ['toISOString form on both ends', '2026-01-12T14:00:00.000Z', '2026-01-12T17:00:00.000Z', 180],
    [
      'an offset on one end, toISOString form on the other',
      '2026-01-12T09:00:00-05:00',
      '2026-01-12T17:00:00.000Z',
      180,
    ],
    ['milliseconds', '2026-01-12T14:00:00.000Z', '2026-01-12T14:00:00.600Z', 0.01],
  ])('reads %s exactly', (_what, start, end, minutes) => {
    expect(minutesBetween(start, end)).toBe(minutes);
  });

  it.each([
    'Jan 12 2026 10:00',
    '2026-01-12 10:00',
    '2026-13-12T10:00:00.000Z',
    '2026-02-30T10:00:00.000Z',
    '2026-01-12T25:00:00.000Z',
  ])('refuses %s, which is no ISO instant', (text) => {
    expect(() => minutesBetween(text, '2026-01-12T10:00:00.000Z')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/New_York', true],
    ['America/Los_Angeles', true],
    ['Europe/London', true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['+05:00', false],
    ['-08:00', false],
    ['2026-01-12T00:00Z', false],
    ['2026-01-12[America/New_York]', false],
    ['Z', false],
  ])('%j → %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('isValidLocalTime', () => {
  it.each([
    ['00:00', true],
    ['09:05', true],
    ['23:59', true],
    ['24:00', false],
    ['23:60', false],
    ['9:00', false],
    ['09:00:00', false],
    ['0900', false],
    [' 09:00', false],
    ['', false],
  ])('%j → %s', (time, valid) => {
    expect(isValidLocalTime(time)).toBe(valid);
  });
});

describe('addDays and weekdayOf', () => {
  it.each([
    { date: '2026-03-07', days: 1, result: '2026-03-08' },
    { date: '2026-03-08', days: 1, result: '2026-03-09' },
    { date: '2026-10-31', days: 2, result: '2026-11-02' },
    { date: '2026-12-31', days: 1, result: '2027-01-01' },
    { date: '2028-02-28', days: 1, result: '2028-02-29' },
    { date: '2026-02-28', days: 1, result: '2026-03-01' },
    { date: '2026-01-12', days: -1, result: '2026-01-11' },
    { date: '2026-01-12', days: 0, result: '2026-01-12' },
  ])('$date + $days = $result', ({ date, days, result }) => {
    expect(addDays(date, days)).toBe(result);
  });

  it.each([
    ['2026-01-12', 1],
    ['2026-01-14', 3],
    ['2026-01-18', 7],
    ['2026-03-08', 7],
    ['2026-11-01', 7],
    ['2028-02-29', 2],
  ])('%s is weekday %i', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it('refuses malformed dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekdayOf('2026/01/12')).toThrow(RangeError);
  });
});

describe('weekTense: a week is over once its Sunday has passed where the site is', () => {
  it.each([
    ['2026-11-23', '2026-11-30', 'past'],
    ['2026-11-23', '2026-11-29', 'current'],
    ['2026-11-23', '2026-11-23', 'current'],
    ['2026-11-30', '2026-11-29', 'future'],
    ['2025-12-29', '2026-01-05', 'past'],
  ] as const)('the week of %s seen on %s is %s', (monday, today, tense) => {
    expect(weekTense(monday, today)).toBe(tense);
  });

  it.each([
    ['2026-11-23', '2026-11-25', '2026-11-25', 'current'],
    ['2026-11-23', '2026-11-25', '2026-11-26', 'past'],
    ['2026-11-23', '2026-11-25', '2026-11-22', 'future'],
  ] as const)('the dates %s to %s seen on %s are %s', (from, to, today, tense) => {
    expect(rangeTense(from, to, today)).toBe(tense);
  });
});
