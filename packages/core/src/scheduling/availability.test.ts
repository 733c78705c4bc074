import { describe, expect, it } from 'vitest';
import { intervalOf, intervalToInstants } from './intervals.ts';
import {
  APPOINTMENT_STATUSES,
  appointmentKindCounts,
  appointmentLedgerMark,
  appointmentMarkProblem,
  appointmentTransitionAllowed,
  exceedsDailyLimit,
  fullDays,
  mergeWeeklyRules,
  mergeWeeklyRulesBy,
  unavailableTimeWithin,
  workingTimeWithin,
} from './availability.ts';
import { expandWeeklyRules, type WeeklyTimeRule } from './weekly-rules.ts';

const NY = 'America/New_York';
const r = (weekday: number, startTime: string, endTime: string): WeeklyTimeRule => ({ weekday, startTime, endTime });

describe('mergeWeeklyRules: overlapping rules are merged, not duplicated', () => {
  it.each([
    { what: 'overlapping on one day', input: [r(1, '09:00', '12:00'), r(1, '11:00', '17:00')], out: [r(1, '09:00', '17:00')] },
    { what: 'a duplicate', input: [r(2, '09:00', '17:00'), r(2, '09:00', '17:00')], out: [r(2, '09:00', '17:00')] },
    { what: 'touching', input: [r(3, '13:00', '17:00'), r(3, '09:00', '13:00')], out: [r(3, '09:00', '17:00')] },
    { what: 'contained', input: [r(4, '08:00', '18:00'), r(4, '10:00', '11:00')], out: [r(4, '08:00', '18:00')] },
    { what: 'apart stay apart, Monday first', input: [r(5, '14:00', '16:00'), r(1, '09:00', '10:00'), r(5, '09:00', '12:00')], out: [r(1, '09:00', '10:00'), r(5, '09:00', '12:00'), r(5, '14:00', '16:00')] },
    { what: 'past midnight splits at midnight', input: [r(6, '22:00', '06:00')], out: [r(6, '22:00', '24:00'), r(7, '00:00', '06:00')] },
    { what: 'Sunday night wraps to Monday', input: [r(7, '23:00', '02:00'), r(1, '01:00', '04:00')], out: [r(1, '00:00', '04:00'), r(7, '23:00', '24:00')] },
    { what: 'an evening to 24:00 and the next morning', input: [r(1, '18:00', '24:00'), r(2, '00:00', '01:00')], out: [r(1, '18:00', '24:00'), r(2, '00:00', '01:00')] },
    { what: 'nothing', input: [], out: [] },
  ])('$what', ({ input, out }) => {
    expect(mergeWeeklyRules(input)).toEqual(out);
  });

  it('expands to the same instants as the rules it merged, across a DST week', () => {
    const input = [r(7, '00:30', '03:00'), r(7, '01:00', '04:00'), r(6, '22:00', '01:00')];
    const window = intervalOf('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z');
    expect(expandWeeklyRules(mergeWeeklyRules(input), NY, window)).toEqual(expandWeeklyRules(input, NY, window));
  });

  it('merges within each site, not across sites', () => {
    const rules = [
      { ...r(1, '09:00', '12:00'), siteId: 'a' },
      { ...r(1, '11:00', '13:00'), siteId: 'b' },
      { ...r(1, '10:00', '14:00'), siteId: 'a' },
    ];
    expect(mergeWeeklyRulesBy(rules, 'siteId')).toEqual([
      { ...r(1, '09:00', '14:00'), siteId: 'a' },
      { ...r(1, '11:00', '13:00'), siteId: 'b' },
    ]);
  });
});

describe('working and unavailable time', () => {
  const week = intervalOf('2026-11-09T05:00:00Z', '2026-11-16T05:00:00Z');
  it('subtracts leave from working hours', () => {
    const hours = [r(1, '09:00', '17:00')];
    const leave = [intervalOf('2026-11-09T17:00:00Z', '2026-11-09T18:00:00Z')];
    expect(workingTimeWithin(hours, leave, NY, week).map(intervalToInstants)).toEqual([
      { start: '2026-11-09T14:00:00Z', end: '2026-11-09T17:00:00Z' },
      { start: '2026-11-09T18:00:00Z', end: '2026-11-09T22:00:00Z' },
    ]);
  });
  it('adds one-off exceptions to weekly unavailability', () => {
    const work = [r(2, '09:00', '12:00')];
    const dentist = [intervalOf('2026-11-10T17:00:00Z', '2026-11-10T18:00:00Z')];
    // Work until noon and a dentist from noon are one stretch.
    expect(unavailableTimeWithin(work, dentist, NY, week).map(intervalToInstants)).toEqual([
      { start: '2026-11-10T14:00:00Z', end: '2026-11-10T18:00:00Z' },
    ]);
  });
});

describe('the daily limit', () => {
  const booking = (start: string, minutes: number) => {
    const s = Date.parse(start);
    return { start: s, end: s + minutes * 60_000 };
  };
  it('blocks the whole local day once the limit is reached', () => {
    // 23:30 New York on 10 Nov is already 11 Nov in UTC: it counts on the 10th.
    const bookings = [booking('2026-11-10T14:00:00Z', 53), booking('2026-11-11T04:30:00Z', 25), booking('2026-11-11T15:00:00Z', 53)];
    expect(fullDays(bookings, 2, NY).map(intervalToInstants)).toEqual([{ start: '2026-11-10T05:00:00Z', end: '2026-11-11T05:00:00Z' }]);
  });
  it('a fall-back day is 25 hours long', () => {
    expect(fullDays([booking('2026-11-01T15:00:00Z', 53)], 1, NY).map(intervalToInstants)).toEqual([
      { start: '2026-11-01T04:00:00Z', end: '2026-11-02T05:00:00Z' },
    ]);
  });
  it('no limit blocks nothing', () => {
    expect(fullDays([booking('2026-11-10T14:00:00Z', 53)], null, NY)).toEqual([]);
  });
  it.each([
    { booked: 0, max: 1, exceeds: false },
    { booked: 1, max: 1, exceeds: true },
    { booked: 5, max: 6, exceeds: false },
    { booked: 99, max: null, exceeds: false },
    { booked: 0, max: 0, exceeds: true },
  ])('$booked booked with a limit of $max → exceeds $exceeds', ({ booked, max, exceeds }) => {
    expect(exceedsDailyLimit(booked, max)).toBe(exceeds);
  });
});

describe('appointment statuses', () => {
  it('only a booked appointment changes status', () => {
    for (const from of APPOINTMENT_STATUSES) {
      for (const to of APPOINTMENT_STATUSES) {
        expect(appointmentTransitionAllowed(from, to)).toBe(from === 'booked' && to !== 'booked');
      }
    }
  });
  it.each([
    { to: 'attended', before: true, problem: true },
    { to: 'no_show', before: true, problem: true },
    { to: 'attended', before: false, problem: false },
    { to: 'cancelled', before: true, problem: false },
    { to: 'late_cancelled', before: true, problem: false },
  ] as const)('marking $to before the start: refused $problem', ({ to, before, problem }) => {
    const start = Date.parse('2026-11-10T14:00:00Z');
    expect(appointmentMarkProblem(to, start, before ? start - 1 : start) !== null).toBe(problem);
  });
  it.each([
    { status: 'attended', out: { onWeek: true, attendance: { status: 'present', minutesAttended: 53 } } },
    { status: 'no_show', out: { onWeek: true, attendance: { status: 'absent', minutesAttended: 0 } } },
    { status: 'late_cancelled', out: { onWeek: true, attendance: { status: 'absent', minutesAttended: 0 } } },
    { status: 'booked', out: { onWeek: true, attendance: null } },
    { status: 'cancelled', out: { onWeek: false, attendance: null } },
  ] as const)('$status on the ledger', ({ status, out }) => {
    expect(appointmentLedgerMark(status, 53)).toEqual(out);
  });
  it.each([
    { kind: 'individual', counts: true },
    { kind: 'family', counts: true },
    { kind: 'psychiatry', counts: false },
    { kind: 'medication_management', counts: false },
  ] as const)('$kind counts toward weekly hours: $counts', ({ kind, counts }) => {
    expect(appointmentKindCounts(kind)).toBe(counts);
  });
});
