import { describe, expect, it } from 'vitest';
import {
  dueThisWeek,
  isItemAsked,
  measurementScheduleUpdateSchema,
  MEASURE_LINK_TOKEN_BYTES,
  MEASURE_LINK_TOKEN_PATTERN,
  publicQuestionnaire,
  scheduleDischargeOn,
} from './administration.ts';
import { MEASURES } from './registry.ts';
import { DEFAULT_MEASUREMENT_SCHEDULES } from './schedule.ts';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('publicQuestionnaire', () => {
  it('shows the PHQ-9 wording and choices, without points or codes', () => {
    const q = publicQuestionnaire(MEASURES['phq-9'].instrument);
    expect(q.items).toHaveLength(9);
    expect(q.items[8]!.id).toBe('q9');
    expect(q.items[0]!.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
    expect(JSON.stringify(q)).not.toMatch(/points|loinc|licence/);
  });

  it('keeps the C-SSRS skip logic so the phone asks only what applies', () => {
    const q = publicQuestionnaire(MEASURES['c-ssrs-screener'].instrument);
    const gated = q.items.filter((i) => i.enableWhen !== null);
    expect(gated.length).toBeGreaterThan(0);
    const item = gated[0]!;
    expect(isItemAsked(item, {})).toBe(false);
    expect(isItemAsked(item, { [item.enableWhen!.item]: item.enableWhen!.values[0] })).toBe(true);
  });
});

describe('link tokens', () => {
  it('carry at least 128 bits and match the URL pattern of their base64url form', () => {
    expect(MEASURE_LINK_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const token = 'A'.repeat(Math.ceil((MEASURE_LINK_TOKEN_BYTES * 4) / 3));
    expect(MEASURE_LINK_TOKEN_PATTERN.test(token)).toBe(true);
    expect(MEASURE_LINK_TOKEN_PATTERN.test(`${token}=`)).toBe(false);
  });
});

describe('measurementScheduleUpdateSchema', () => {
  it.each<[string, unknown, string[][]]>([
    ['the defaults', { rules: DEFAULT_MEASUREMENT_SCHEDULES.substance_use }, []],
    ['empty: use the defaults', { rules: [] }, []],
    [
      'an instrument twice',
      {
        rules: [
          { instrument: 'phq-9', atAdmission: true, everyDays: 7, atDischarge: true },
          { instrument: 'phq-9', atAdmission: false, everyDays: 14, atDischarge: false },
        ],
      },
      [['rules.1.instrument', 'is listed twice']],
    ],
    [
      'a rule that never asks',
      { rules: [{ instrument: 'bam', atAdmission: false, everyDays: null, atDischarge: false }] },
      [['rules.0.atAdmission', 'choose at admission, a repeat interval or at discharge']],
    ],
    [
      'an interval of 0 days',
      { rules: [{ instrument: 'bam', atAdmission: false, everyDays: 0, atDischarge: false }] },
      [['rules.0.everyDays', 'must be at least 1 day']],
    ],
    [
      'an unknown instrument',
      { rules: [{ instrument: 'beck', atAdmission: true, everyDays: null, atDischarge: false }] },
      [['rules.0.instrument', expect.stringContaining('must be one of')]],
    ],
  ])('%s', (_name, input, expected) => {
    expect(issues(measurementScheduleUpdateSchema.safeParse(input))).toEqual(expected);
  });
});

describe('scheduleDischargeOn', () => {
  it.each([
    ['recorded discharge wins', { admittedOn: '2026-01-05', dischargedOn: '2026-02-01', expectedWeeks: 8 }, '2026-02-01'],
    ['planned from the expected weeks', { admittedOn: '2026-01-05', dischargedOn: null, expectedWeeks: 6 }, '2026-02-16'],
    ['none known', { admittedOn: '2026-01-05', dischargedOn: null, expectedWeeks: null }, null],
  ])('%s', (_name, episode, expected) => {
    expect(scheduleDischargeOn(episode)).toBe(expected);
  });
});

describe('dueThisWeek', () => {
  const MH = DEFAULT_MEASUREMENT_SCHEDULES.mental_health;
  const admitted = { 'phq-9': '2026-01-05', 'gad-7': '2026-01-05', audit: '2026-01-05', 'dast-10': '2026-01-05' } as const;
  const brief = (d: ReturnType<typeof dueThisWeek>) => d.map((x) => `${x.instrument} ${x.reason} ${x.dueOn} ${x.daysFromToday}`);

  it.each<[string, Record<string, string>, string, string, string[]]>([
    // Week of Monday 2026-01-12 to Sunday 2026-01-18.
    ['Monday: the weekly measures fall due today', admitted, '2026-01-12', '2026-01-18', ['phq-9 interval 2026-01-12 0', 'gad-7 interval 2026-01-12 0']],
    [
      'Monday: the measures given on Wednesday last week fall due on Wednesday, later this week',
      { ...admitted, 'phq-9': '2026-01-07', 'gad-7': '2026-01-07' },
      '2026-01-12',
      '2026-01-18',
      ['phq-9 interval 2026-01-14 -2', 'gad-7 interval 2026-01-14 -2'],
    ],
    ['Friday, overdue since Monday', admitted, '2026-01-16', '2026-01-18', ['phq-9 interval 2026-01-12 4', 'gad-7 interval 2026-01-12 4']],
    ['Sunday: next week’s measures are not this week’s', { ...admitted, 'phq-9': '2026-01-12', 'gad-7': '2026-01-12' }, '2026-01-18', '2026-01-18', []],
  ])('%s', (_name, last, today, weekEnd, expected) => {
    expect(brief(dueThisWeek(MH, { admittedOn: '2026-01-05', dischargeOn: null }, last, today, weekEnd))).toEqual(expected);
  });

  it('an episode discharged mid-week asks nothing after its discharge day', () => {
    const due = dueThisWeek(MH, { admittedOn: '2026-01-05', dischargeOn: '2026-01-13' }, admitted, '2026-01-14', '2026-01-18');
    expect(brief(due)).toEqual([]);
  });
});
