import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../time.ts';
import { intervalOf, type Interval } from './intervals.ts';
import { findFreeSlots, type SlotSearch } from './slot-finder.ts';
import { expandWeeklyRules } from './weekly-rules.ts';
import { APPOINTMENT_KIND_RULES, APPOINTMENT_KINDS } from './appointment-kinds.ts';
import { gridStartsWithin } from './grid.ts';

const NY = 'America/New_York';
const at = (date: string, time: string, zone = NY) => intervalOf(zonedInstant(date, time, zone), zonedInstant(date, time, zone)).start;
const local = (date: string, from: string, to: string, zone = NY): Interval => ({ start: at(date, from, zone), end: at(date, to, zone) });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const startsOf = (search: SlotSearch) => findFreeSlots(search).map((s) => iso(s.start));

// Monday 12 January 2026, New York (UTC-5).
const DAY = '2026-01-12';
const base: SlotSearch = {
  kind: 'individual',
  zone: NY,
  window: local(DAY, '00:00', '23:59'),
  clinicianHours: [local(DAY, '09:00', '17:00')],
  busy: [[local(DAY, '09:00', '12:00')], [local(DAY, '13:00', '14:00')]],
  count: 4,
};

describe('findFreeSlots: the next slots free for participant, clinician and room', () => {
  it('fits a 53-minute individual session between a group and a meeting, on the quarter hour', () => {
    // 12:00–12:53 fits before the 13:00 meeting; 12:15 would run into it.
    expect(startsOf(base)).toEqual(['2026-01-12T17:00:00Z', '2026-01-12T19:00:00Z', '2026-01-12T19:15:00Z', '2026-01-12T19:30:00Z']);
    const [first] = findFreeSlots(base);
    expect(first!.end - first!.start).toBe(53 * 60_000);
  });

  it('offers the last start that still ends within working hours', () => {
    const slots = findFreeSlots({ ...base, count: 100 });
    expect(iso(slots.at(-1)!.start)).toBe('2026-01-12T21:00:00Z'); // 16:00 local, ends 16:53
    expect(slots).toHaveLength(1 + 9); // 12:00, then 14:00 … 16:00
  });

  it('gives each slot the first room free for all of it, and skips times with no room', () => {
    const rooms = [
      { id: 'room-a', busy: [local(DAY, '14:00', '15:00')] },
      { id: 'room-b', busy: [local(DAY, '14:00', '14:30')] },
    ];
    const slots = findFreeSlots({ ...base, rooms, count: 4 });
    expect(slots.map((s) => [iso(s.start), s.roomId])).toEqual([
      ['2026-01-12T17:00:00Z', 'room-a'],
      // 14:00 and 14:15 have no room; 14:30–15:23 fits room B only.
      ['2026-01-12T19:30:00Z', 'room-b'],
      ['2026-01-12T19:45:00Z', 'room-b'],
      ['2026-01-12T20:00:00Z', 'room-a'],
    ]);
  });

  it('offers a shared (virtual) room whatever it holds already, and an office only when it is free', () => {
    const holding = [local(DAY, '12:00', '13:00')];
    const shared = findFreeSlots({ ...base, rooms: [{ id: 'link', busy: holding, shared: true }], count: 1 });
    expect(shared.map((s) => [iso(s.start), s.roomId])).toEqual([['2026-01-12T17:00:00Z', 'link']]);
    const office = findFreeSlots({ ...base, rooms: [{ id: 'office', busy: holding }], count: 1 });
    expect(office.map((s) => [iso(s.start), s.roomId])).toEqual([['2026-01-12T19:00:00Z', 'office']]);
  });

  it('returns nothing when the participant works through the clinician hours', () => {
    expect(findFreeSlots({ ...base, busy: [[local(DAY, '08:00', '17:30')]] })).toEqual([]);
    expect(findFreeSlots({ ...base, rooms: [] })).toEqual([]);
    expect(findFreeSlots({ ...base, count: 0 })).toEqual([]);
  });

  it('honours the window', () => {
    expect(startsOf({ ...base, window: local(DAY, '14:20', '15:30'), count: 10 })).toEqual(['2026-01-12T19:30:00Z']);
  });

  it('is deterministic whatever order busy lists come in', () => {
    const shuffled = { ...base, busy: [[local(DAY, '13:00', '14:00')], [local(DAY, '11:00', '12:00'), local(DAY, '09:00', '11:30')]] };
    expect(findFreeSlots(shuffled)).toEqual(findFreeSlots(base));
  });

  it('fits a participant who works 9–17: only evening slots within an evening clinician day', () => {
    const workWeek = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' }));
    const week = intervalOf('2026-01-12T05:00:00Z', '2026-01-19T05:00:00Z');
    const clinicianWeek = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '12:00', endTime: '19:00' }));
    const slots = findFreeSlots({
      kind: 'family',
      zone: NY,
      window: week,
      clinicianHours: expandWeeklyRules(clinicianWeek, NY, week),
      busy: [expandWeeklyRules(workWeek, NY, week)],
      count: 9,
    });
    // 17:00, 17:15 … 18:00 each weekday (a 50-minute session ends by 19:00 at the latest 18:00 + 0:50).
    expect(slots.map((s) => iso(s.start)).slice(0, 6)).toEqual([
      '2026-01-12T22:00:00Z',
      '2026-01-12T22:15:00Z',
      '2026-01-12T22:30:00Z',
      '2026-01-12T22:45:00Z',
      '2026-01-12T23:00:00Z',
      '2026-01-13T22:00:00Z',
    ]);
  });

  it('crosses local midnight when working hours do', () => {
    const slots = findFreeSlots({
      ...base,
      window: { start: at(DAY, '00:00'), end: at('2026-01-13', '12:00') },
      clinicianHours: [{ start: at(DAY, '23:00'), end: at('2026-01-13', '01:00') }],
      busy: [],
      count: 10,
    });
    // 23:00 … 00:00 local; the 00:00 session ends 00:53, inside the shift.
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-01-13T04:00:00Z',
      '2026-01-13T04:15:00Z',
      '2026-01-13T04:30:00Z',
      '2026-01-13T04:45:00Z',
      '2026-01-13T05:00:00Z',
    ]);
  });
});

describe('findFreeSlots across DST, and the local grid', () => {
  it('spring-forward night: 01:00–04:00 local is two real hours and the grid follows the clock', () => {
    const slots = findFreeSlots({
      kind: 'psychiatry',
      zone: NY,
      window: intervalOf('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z'),
      clinicianHours: [local('2026-03-08', '01:00', '04:00')],
      busy: [],
      count: 20,
    });
    // 01:00–01:45 EST (06:00Z–06:45Z; the 01:45 visit ends 03:10 EDT), then 03:00–03:30 EDT.
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-03-08T06:00:00Z',
      '2026-03-08T06:15:00Z',
      '2026-03-08T06:30:00Z',
      '2026-03-08T06:45:00Z',
      '2026-03-08T07:00:00Z',
      '2026-03-08T07:15:00Z',
      '2026-03-08T07:30:00Z',
    ]);
  });

  it('fall-back night: the repeated 01:00 hour offers two hourly slots', () => {
    const slots = findFreeSlots({
      kind: 'psychiatry',
      zone: NY,
      window: intervalOf('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
      clinicianHours: [intervalOf('2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')], // 00:00 EDT – 03:00 EST
      busy: [],
      gridMinutes: 60,
      count: 10,
    });
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z']);
  });

  it('aligns an hourly grid to the local hour in a half-hour zone', () => {
    const kolkata = 'Asia/Kolkata'; // UTC+5:30
    const starts = gridStartsWithin(intervalOf('2026-01-12T03:00:00Z', '2026-01-12T06:00:00Z'), 25, 60, kolkata);
    expect(starts.map(iso)).toEqual(['2026-01-12T03:30:00Z', '2026-01-12T04:30:00Z', '2026-01-12T05:30:00Z']);
  });

  it('refuses a grid that does not divide the hour', () => {
    expect(() => findFreeSlots({ ...base, gridMinutes: 7 })).toThrow(RangeError);
  });
});

describe('appointment kinds', () => {
  it.each([
    { kind: 'individual', minutes: 53 },
    { kind: 'family', minutes: 50 },
    { kind: 'psychiatry', minutes: 25 },
    { kind: 'medication_management', minutes: 25 },
  ] as const)('$kind is booked for $minutes minutes, at least its billing floor', ({ kind, minutes }) => {
    const rule = APPOINTMENT_KIND_RULES[kind];
    expect(rule.lengthMinutes).toBe(minutes);
    expect(rule.lengthMinutes).toBeGreaterThanOrEqual(rule.minimumMinutes ?? 0);
  });

  it('lists every kind once', () => {
    expect(Object.keys(APPOINTMENT_KIND_RULES).sort()).toEqual([...APPOINTMENT_KINDS].sort());
  });
});
