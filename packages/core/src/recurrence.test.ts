import { describe, it, expect } from 'vitest';
import { occurrencesOfWeeklyBlocks } from './recurrence.ts';
import type { WeeklyBlock } from './recurrence.ts';
import { minutesBetween } from './time.ts';

const NY = 'America/New_York';

describe('occurrencesOfWeeklyBlocks', () => {
  it('expands a Monday/Wednesday/Thursday morning track over one week', () => {
    const blocks: WeeklyBlock[] = [
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
      { weekday: 3, startTime: '09:00', endTime: '12:00' },
      { weekday: 4, startTime: '09:00', endTime: '12:00' },
    ];
    const occurrences = occurrencesOfWeeklyBlocks(blocks, NY, '2026-01-12', '2026-01-18');
    expect(occurrences).toEqual([
      { blockIndex: 0, localDate: '2026-01-12', startsAt: '2026-01-12T14:00:00Z', endsAt: '2026-01-12T17:00:00Z' },
      { blockIndex: 1, localDate: '2026-01-14', startsAt: '2026-01-14T14:00:00Z', endsAt: '2026-01-14T17:00:00Z' },
      { blockIndex: 2, localDate: '2026-01-15', startsAt: '2026-01-15T14:00:00Z', endsAt: '2026-01-15T17:00:00Z' },
    ]);
    const total = occurrences.reduce((sum, o) => sum + minutesBetween(o.startsAt, o.endsAt), 0);
    expect(total).toBe(540);
  });

  it.each([
    // An 18:00 group stays at 18:00 local, so its UTC instant moves by an hour at each change.
    { date: '2026-03-01', startsAt: '2026-03-01T23:00:00Z', endsAt: '2026-03-02T02:00:00Z' },
    { date: '2026-03-07', startsAt: '2026-03-07T23:00:00Z', endsAt: '2026-03-08T02:00:00Z' },
    { date: '2026-03-08', startsAt: '2026-03-08T22:00:00Z', endsAt: '2026-03-09T01:00:00Z' },
    { date: '2026-03-14', startsAt: '2026-03-14T22:00:00Z', endsAt: '2026-03-15T01:00:00Z' },
    { date: '2026-10-31', startsAt: '2026-10-31T22:00:00Z', endsAt: '2026-11-01T01:00:00Z' },
    { date: '2026-11-01', startsAt: '2026-11-01T23:00:00Z', endsAt: '2026-11-02T02:00:00Z' },
  ])('an 18:00–21:00 block on $date starts at $startsAt', ({ date, startsAt, endsAt }) => {
    const daily: WeeklyBlock[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startTime: '18:00',
      endTime: '21:00',
    }));
    const occurrences = occurrencesOfWeeklyBlocks(daily, NY, date, date);
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({ localDate: date, startsAt, endsAt });
  });

  it('keeps a daily 18:00 block at 18:00 local through the spring-forward week', () => {
    const daily: WeeklyBlock[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startTime: '18:00',
      endTime: '21:00',
    }));
    const occurrences = occurrencesOfWeeklyBlocks(daily, NY, '2026-03-05', '2026-03-10');
    expect(occurrences.map((o) => [o.localDate, o.startsAt])).toEqual([
      ['2026-03-05', '2026-03-05T23:00:00Z'],
      ['2026-03-06', '2026-03-06T23:00:00Z'],
      ['2026-03-07', '2026-03-07T23:00:00Z'],
      ['2026-03-08', '2026-03-08T22:00:00Z'],
      ['2026-03-09', '2026-03-09T22:00:00Z'],
      ['2026-03-10', '2026-03-10T22:00:00Z'],
    ]);
  });

  it.each([
    { date: '2026-03-01', startsAt: '2026-03-01T06:30:00Z', endsAt: '2026-03-01T07:30:00Z', minutes: 60 },
    // 02:30 does not exist on spring-forward night; it moves later to 03:30 EDT.
    { date: '2026-03-08', startsAt: '2026-03-08T06:30:00Z', endsAt: '2026-03-08T07:30:00Z', minutes: 60 },
    // 01:30 happens twice on fall-back night; the earlier (EDT) is taken, so the session really lasts two hours.
    { date: '2026-11-01', startsAt: '2026-11-01T05:30:00Z', endsAt: '2026-11-01T07:30:00Z', minutes: 120 },
    { date: '2026-11-08', startsAt: '2026-11-08T06:30:00Z', endsAt: '2026-11-08T07:30:00Z', minutes: 60 },
  ])('a Sunday 01:30–02:30 block on $date lasts $minutes real minutes', ({ date, startsAt, endsAt, minutes }) => {
    const [occurrence] = occurrencesOfWeeklyBlocks(
      [{ weekday: 7, startTime: '01:30', endTime: '02:30' }],
      NY,
      date,
      date,
    );
    expect(occurrence).toEqual({ blockIndex: 0, localDate: date, startsAt, endsAt });
    expect(minutesBetween(startsAt, endsAt)).toBe(minutes);
  });

  it('never ends before it starts when the start falls in the spring-forward gap', () => {
    const [occurrence] = occurrencesOfWeeklyBlocks(
      [{ weekday: 7, startTime: '02:45', endTime: '03:15' }],
      NY,
      '2026-03-08',
      '2026-03-08',
    );
    expect(occurrence).toEqual({
      blockIndex: 0,
      localDate: '2026-03-08',
      startsAt: '2026-03-08T07:45:00Z',
      endsAt: '2026-03-08T07:45:00Z',
    });
  });

  it('sorts by start instant, then by block index', () => {
    const blocks: WeeklyBlock[] = [
      { weekday: 2, startTime: '13:00', endTime: '14:00' },
      { weekday: 1, startTime: '18:00', endTime: '19:00' },
      { weekday: 2, startTime: '09:00', endTime: '10:00' },
      { weekday: 1, startTime: '18:00', endTime: '20:00' },
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
    ];
    const occurrences = occurrencesOfWeeklyBlocks(blocks, NY, '2026-01-12', '2026-01-13');
    expect(occurrences.map((o) => o.blockIndex)).toEqual([4, 1, 3, 2, 0]);
  });

  it('includes both end dates and skips days without blocks', () => {
    const blocks: WeeklyBlock[] = [{ weekday: 1, startTime: '09:00', endTime: '10:00' }];
    expect(occurrencesOfWeeklyBlocks(blocks, NY, '2026-01-12', '2026-01-26').map((o) => o.localDate)).toEqual([
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
    ]);
    expect(occurrencesOfWeeklyBlocks(blocks, NY, '2026-01-13', '2026-01-18')).toEqual([]);
    expect(occurrencesOfWeeklyBlocks(blocks, NY, '2026-01-19', '2026-01-12')).toEqual([]);
    expect(occurrencesOfWeeklyBlocks([], NY, '2026-01-12', '2026-01-18')).toEqual([]);
  });

  it.each([
    { block: { weekday: 1, startTime: '10:00', endTime: '10:00' }, what: 'end equal to start' },
    { block: { weekday: 1, startTime: '10:00', endTime: '09:00' }, what: 'end before start' },
    { block: { weekday: 1, startTime: '22:00', endTime: '01:00' }, what: 'end past midnight' },
    { block: { weekday: 0, startTime: '09:00', endTime: '10:00' }, what: 'weekday 0' },
    { block: { weekday: 8, startTime: '09:00', endTime: '10:00' }, what: 'weekday 8' },
    { block: { weekday: 1.5, startTime: '09:00', endTime: '10:00' }, what: 'fractional weekday' },
    { block: { weekday: 1, startTime: '9:00', endTime: '10:00' }, what: 'unpadded start' },
    { block: { weekday: 1, startTime: '09:00', endTime: '24:00' }, what: 'end 24:00' },
  ])('refuses a block with $what', ({ block }) => {
    expect(() => occurrencesOfWeeklyBlocks([block], NY, '2026-01-12', '2026-01-18')).toThrow(RangeError);
  });

  it('refuses a bad block even when no date in range uses it, and malformed dates', () => {
    const bad: WeeklyBlock = { weekday: 7, startTime: '11:00', endTime: '10:00' };
    expect(() => occurrencesOfWeeklyBlocks([bad], NY, '2026-01-12', '2026-01-12')).toThrow(RangeError);
    const good: WeeklyBlock = { weekday: 1, startTime: '09:00', endTime: '10:00' };
    expect(() => occurrencesOfWeeklyBlocks([good], NY, 'next week', '2026-01-12')).toThrow(RangeError);
    expect(() => occurrencesOfWeeklyBlocks([good], NY, '2026-01-12', '2026-13-01')).toThrow(RangeError);
  });
});
