import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES } from '../crisis-resources.ts';
import { SAFETY_PLAN_SECTIONS, safetyPlanSaveSchema, safetyPlanSchema } from './safety-plan.ts';
import { checkInFlags, checkInSchema } from './check-in.ts';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

const EMPTY_PLAN = {
  warningSigns: [],
  internalCoping: [],
  distractions: { people: [], places: [] },
  helpers: [],
  professionals: [],
  safeEnvironment: [],
  reasonsForLiving: [],
};

describe('safety plan (Stanley–Brown)', () => {
  it('has the seven sections in order, each a field of the schema', () => {
    expect(SAFETY_PLAN_SECTIONS.map((s) => s.key)).toEqual(Object.keys(safetyPlanSchema.shape));
    expect(SAFETY_PLAN_SECTIONS).toHaveLength(7);
  });

  it('accepts a filled plan and an empty draft', () => {
    const plan = {
      warningSigns: ['Not sleeping', 'Pulling away from friends'],
      internalCoping: ['Walk the dog'],
      distractions: { people: [{ name: 'Sam (synthetic)', phone: '555 0100' }], places: ['The library'] },
      helpers: [{ name: 'Alex (synthetic)', phone: '555 0101' }],
      professionals: [
        { name: 'Clinic front desk', phone: '555 0102' },
        { name: '988 Suicide & Crisis Lifeline', phone: '988' },
      ],
      safeEnvironment: ['Medicines kept by a relative'],
      reasonsForLiving: ['My children'],
    };
    expect(safetyPlanSchema.parse(plan)).toEqual(plan);
    expect(safetyPlanSchema.safeParse(EMPTY_PLAN).success).toBe(true);
  });

  it.each([
    ['a blank warning sign', { ...EMPTY_PLAN, warningSigns: ['  '] }, [['warningSigns.0', 'must not be empty']]],
    [
      'a helper without a name',
      { ...EMPTY_PLAN, helpers: [{ name: '', phone: '555 0100' }] },
      [['helpers.0.name', 'is required']],
    ],
    ['a missing section', { ...EMPTY_PLAN, reasonsForLiving: undefined }, [['reasonsForLiving', expect.any(String)]]],
  ])('refuses %s, naming the field', (_what, plan, expected) => {
    expect(issues(safetyPlanSchema.safeParse(plan))).toEqual(expected);
  });

  it('a save names the version it replaces', () => {
    expect(safetyPlanSaveSchema.safeParse({ basedOnVersion: 0, plan: EMPTY_PLAN }).success).toBe(true);
    expect(issues(safetyPlanSaveSchema.safeParse({ basedOnVersion: -1, plan: EMPTY_PLAN })).map(([p]) => p)).toEqual([
      'basedOnVersion',
    ]);
  });

  it('the crisis line shown to a participant who reports risk is 988', () => {
    expect(CRISIS_RESOURCES[0]).toMatchObject({ name: '988 Suicide & Crisis Lifeline', href: 'tel:988' });
  });
});

const CHECK_IN = {
  mood: 6,
  anxiety: 4,
  craving: 2,
  sleepHours: 7.5,
  anyUse: false,
  selfHarmThoughts: false,
  note: null,
};

describe('daily check-in', () => {
  it.each([
    ['mood 0', { mood: 0 }],
    ['mood 10', { mood: 10 }],
    ['craving 10', { craving: 10 }],
    ['no sleep', { sleepHours: 0 }],
    ['24 hours of sleep', { sleepHours: 24 }],
    ['use reported with what', { anyUse: true, substancesUsed: 'Alcohol' }],
  ])('accepts %s', (_what, change) => {
    expect(checkInSchema.safeParse({ ...CHECK_IN, ...change }).success).toBe(true);
  });

  it.each([
    ['mood 11', { mood: 11 }, [['mood', 'must be 0 to 10']]],
    ['anxiety −1', { anxiety: -1 }, [['anxiety', 'must be 0 to 10']]],
    ['craving 2.5', { craving: 2.5 }, [['craving', 'must be a whole number']]],
    ['sleep 24.25 h', { sleepHours: 24.25 }, [['sleepHours', 'must be 0 to 24']]],
    ['sleep 7.3 h', { sleepHours: 7.3 }, [['sleepHours', 'must be in quarter hours']]],
    ['use without what', { anyUse: true }, [['substancesUsed', 'is required when any use is reported']]],
    ['what without use', { substancesUsed: 'Cannabis' }, [['substancesUsed', 'must be empty when no use is reported']]],
    ['no safety answer', { selfHarmThoughts: undefined }, [['selfHarmThoughts', expect.any(String)]]],
  ])('refuses %s, naming the field', (_what, change, expected) => {
    expect(issues(checkInSchema.safeParse({ ...CHECK_IN, ...change }))).toEqual(expected);
  });

  it.each([
    ['nothing of note', {}, []],
    ['thoughts of self-harm', { selfHarmThoughts: true }, [['check-in-self-harm', 'safety']]],
    ['use', { anyUse: true, substancesUsed: 'Alcohol' }, [['check-in-use', 'screen']]],
  ])('flags %s', (_what, change, flags) => {
    const checkIn = checkInSchema.parse({ ...CHECK_IN, ...change });
    expect(checkInFlags(checkIn).map((f) => [f.code, f.kind])).toEqual(flags);
  });
});
