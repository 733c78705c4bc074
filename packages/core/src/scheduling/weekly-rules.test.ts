import { describe, expect, it } from 'vitest';
import { programWeekStarting } from '../time.ts';
import { intervalOf, intervalToInstants, totalMinutes } from './intervals.ts';
import { expandWeeklyRules, weeklyTimeRuleProblem, type WeeklyTimeRule } from './weekly-rules.ts';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';

const weekWindow = (monday: string, zone: string) => {
  const week = programWeekStarting(monday, zone);
  return intervalOf(week.start, week.end);
};
const asInstants = (rules: WeeklyTimeRule[], zone: string, monday: string) =>
  expandWeeklyRules(rules, zone, weekWindow(monday, zone)).map(intervalToInstants);

const workWeek: WeeklyTimeRule[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' }));

describe('expandWeeklyRules: wall-clock rules across the DST changes of 2026', () => {
  // New York springs forward on Sunday 8 March 2026 at 02:00 EST (07:00Z) and falls back on Sunday 1 November at
  // 02:00 EDT (06:00Z); Los Angeles three hours later in UTC.
  it.each([
    { what: 'NY: 01:00–03:00 on spring-forward night is one real hour', zone: NY, monday: '2026-03-02', rule: { weekday: 7, startTime: '01:00', endTime: '03:00' }, out: [{ start: '2026-03-08T06:00:00Z', end: '2026-03-08T07:00:00Z' }] },
    { what: 'NY: a start inside the gap begins when the clock jumps', zone: NY, monday: '2026-03-02', rule: { weekday: 7, startTime: '02:30', endTime: '04:00' }, out: [{ start: '2026-03-08T07:00:00Z', end: '2026-03-08T08:00:00Z' }] },
    { what: 'NY: a rule wholly inside the gap never happens', zone: NY, monday: '2026-03-02', rule: { weekday: 7, startTime: '02:00', endTime: '02:45' }, out: [] },
    { what: 'LA: 01:00–03:00 on spring-forward night is one real hour', zone: LA, monday: '2026-03-02', rule: { weekday: 7, startTime: '01:00', endTime: '03:00' }, out: [{ start: '2026-03-08T09:00:00Z', end: '2026-03-08T10:00:00Z' }] },
    { what: 'NY: 00:00–02:00 on fall-back night is three real hours', zone: NY, monday: '2026-10-26', rule: { weekday: 7, startTime: '00:00', endTime: '02:00' }, out: [{ start: '2026-11-01T04:00:00Z', end: '2026-11-01T07:00:00Z' }] },
    { what: 'NY: a time in the repeated hour is its first pass', zone: NY, monday: '2026-10-26', rule: { weekday: 7, startTime: '01:00', endTime: '01:30' }, out: [{ start: '2026-11-01T05:00:00Z', end: '2026-11-01T05:30:00Z' }] },
    { what: 'LA: an overnight shift over fall-back is nine hours', zone: LA, monday: '2026-10-26', rule: { weekday: 6, startTime: '22:00', endTime: '06:00' }, out: [{ start: '2026-11-01T05:00:00Z', end: '2026-11-01T14:00:00Z' }] },
    { what: 'LA: an overnight shift over spring-forward is seven hours', zone: LA, monday: '2026-03-02', rule: { weekday: 6, startTime: '22:00', endTime: '06:00' }, out: [{ start: '2026-03-08T06:00:00Z', end: '2026-03-08T13:00:00Z' }] },
    { what: 'NY: 24:00 ends at the next local midnight', zone: NY, monday: '2026-01-12', rule: { weekday: 1, startTime: '18:00', endTime: '24:00' }, out: [{ start: '2026-01-12T23:00:00Z', end: '2026-01-13T05:00:00Z' }] },
  ])('$what', ({ zone, monday, rule, out }) => {
    expect(asInstants([rule], zone, monday)).toEqual(out);
  });

  it.each([
    { zone: NY, monday: '2026-03-02', friday: { start: '2026-03-06T14:00:00Z', end: '2026-03-06T22:00:00Z' } },
    { zone: NY, monday: '2026-03-09', friday: { start: '2026-03-13T13:00:00Z', end: '2026-03-13T21:00:00Z' } },
    { zone: LA, monday: '2026-10-26', friday: { start: '2026-10-30T16:00:00Z', end: '2026-10-31T00:00:00Z' } },
    { zone: LA, monday: '2026-11-02', friday: { start: '2026-11-06T17:00:00Z', end: '2026-11-07T01:00:00Z' } },
  ])('$zone work 09–17 Mon–Fri in the week of $monday stays 09–17 local, 40 real hours', ({ zone, monday, friday }) => {
    const pieces = asInstants(workWeek, zone, monday);
    expect(pieces).toHaveLength(5);
    expect(pieces[4]).toEqual(friday);
    expect(totalMinutes(expandWeeklyRules(workWeek, zone, weekWindow(monday, zone)))).toBe(40 * 60);
  });

  it("counts Sunday night's shift on Monday morning, clipped to the window", () => {
    const nightShift = [{ weekday: 7, startTime: '22:00', endTime: '06:00' }];
    // The LA week of 9 March opens Monday 00:00 PDT = 07:00Z; Sunday 22:00 is before the window.
    expect(asInstants(nightShift, LA, '2026-03-09')).toEqual([
      { start: '2026-03-09T07:00:00Z', end: '2026-03-09T13:00:00Z' },
      { start: '2026-03-16T05:00:00Z', end: '2026-03-16T07:00:00Z' },
    ]);
  });

  it('merges overlapping and repeated rules instead of counting them twice', () => {
    const rules = [
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
      { weekday: 1, startTime: '11:00', endTime: '14:00' },
      { weekday: 1, startTime: '14:00', endTime: '15:00' },
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
    ];
    expect(asInstants(rules, NY, '2026-01-12')).toEqual([{ start: '2026-01-12T14:00:00Z', end: '2026-01-12T20:00:00Z' }]);
  });

  it('returns nothing for an empty window or no rules', () => {
    expect(expandWeeklyRules(workWeek, NY, { start: 5, end: 5 })).toEqual([]);
    expect(expandWeeklyRules([], NY, weekWindow('2026-01-12', NY))).toEqual([]);
  });
});

describe('weeklyTimeRuleProblem names the field at fault', () => {
  it.each([
    { rule: { weekday: 0, startTime: '09:00', endTime: '10:00' }, field: 'weekday' },
    { rule: { weekday: 8, startTime: '09:00', endTime: '10:00' }, field: 'weekday' },
    { rule: { weekday: 1.5, startTime: '09:00', endTime: '10:00' }, field: 'weekday' },
    { rule: { weekday: 1, startTime: '9:00', endTime: '10:00' }, field: 'startTime' },
    { rule: { weekday: 1, startTime: '24:00', endTime: '10:00' }, field: 'startTime' },
    { rule: { weekday: 1, startTime: '09:00', endTime: '25:00' }, field: 'endTime' },
    { rule: { weekday: 1, startTime: '09:00', endTime: '09:00' }, field: 'endTime' },
  ])('$rule → $field', ({ rule, field }) => {
    expect(weeklyTimeRuleProblem(rule)?.field).toBe(field);
    expect(() => expandWeeklyRules([rule], NY, weekWindow('2026-01-12', NY))).toThrow(RangeError);
  });

  it('accepts a sound rule', () => {
    expect(weeklyTimeRuleProblem({ weekday: 5, startTime: '22:00', endTime: '06:00' })).toBeNull();
  });
});
