import { describe, expect, it } from 'vitest';
import { clampToProgramRange, prescriptionInForce, requiredWeeklyMinutes, type PlanPrescription } from './plan-requirement.ts';

const IOP = { minWeeklyMinutes: 540, maxWeeklyMinutes: 1140 };
const PHP = { minWeeklyMinutes: 1200, maxWeeklyMinutes: null };

describe('clampToProgramRange', () => {
  it.each([
    ['inside the IOP range', 720, IOP, 720],
    ['at the minimum', 540, IOP, 540],
    ['at the maximum', 1140, IOP, 1140],
    ['below the minimum → the minimum', 360, IOP, 540],
    ['above the maximum → the maximum', 1500, IOP, 1140],
    ['a PHP range with no maximum keeps a high prescription', 1800, PHP, 1800],
    ['a PHP range with no maximum lifts a low one', 900, PHP, 1200],
  ])('%s', (_name, prescribed, range, expected) => {
    expect(clampToProgramRange(prescribed, range)).toBe(expected);
  });
});

describe('the prescription in force for a week', () => {
  const v1: PlanPrescription = { number: 1, fromDate: '2026-11-04', weeklyMinutes: 720 };
  const v2: PlanPrescription = { number: 2, fromDate: '2026-11-18', weeklyMinutes: 900 };

  it.each([
    ['a week before any plan', [v1, v2], '2026-10-26', null],
    ['the week the first plan was signed mid-week (not yet: weeks are judged from their Monday)', [v1, v2], '2026-11-02', null],
    ['the first Monday after signing', [v1, v2], '2026-11-09', 1],
    ['a week after v2 is signed', [v1, v2], '2026-11-23', 2],
    ['v2 signed on its Monday governs that week', [v1, { ...v2, fromDate: '2026-11-16' }], '2026-11-16', 2],
    ['order of the list does not matter', [v2, v1], '2026-11-30', 2],
    ['a newer version effective later leaves the older in force until then', [v1, { ...v2, fromDate: '2026-12-07' }], '2026-11-30', 1],
  ])('%s', (_name, plans, monday, expected) => {
    expect(prescriptionInForce(plans, monday)?.number ?? null).toBe(expected);
  });
});

describe('requiredWeeklyMinutes', () => {
  const plans: PlanPrescription[] = [{ number: 1, fromDate: '2026-11-09', weeklyMinutes: 720 }];
  it.each([
    ['no plan yet → program minimum', IOP, [], '2026-11-16', 540],
    ['a week before the plan → program minimum (past weeks are not rewritten)', IOP, plans, '2026-11-02', 540],
    ['the plan week → its prescription', IOP, plans, '2026-11-09', 720],
    ['a narrowed program range clamps the plan', { minWeeklyMinutes: 540, maxWeeklyMinutes: 600 }, plans, '2026-11-16', 600],
    ['a raised program minimum lifts the plan', { minWeeklyMinutes: 900, maxWeeklyMinutes: 1140 }, plans, '2026-11-16', 900],
  ])('%s', (_name, range, list, monday, expected) => {
    expect(requiredWeeklyMinutes(range, list, monday)).toBe(expected);
  });
});
