import { describe, expect, it } from 'vitest';
import { relapsePlanSaveSchema } from './relapse-plan.ts';

const PLAN = {
  triggers: ['Payday'],
  warningSigns: ['Skipping meals'],
  copingStrategies: ['Call my sponsor'],
  peopleToCall: [{ name: 'Sam', phone: '555 0100' }],
  afterASlip: ['Tell my counsellor'],
};

describe('relapse prevention plan', () => {
  it.each([
    ['a whole plan', { basedOnVersion: 0, plan: PLAN }, null],
    [
      'an empty draft',
      {
        basedOnVersion: 3,
        plan: { triggers: [], warningSigns: [], copingStrategies: [], peopleToCall: [], afterASlip: [] },
      },
      null,
    ],
    ['a blank trigger', { basedOnVersion: 0, plan: { ...PLAN, triggers: [' '] } }, 'plan.triggers.0'],
    [
      'a person without a name',
      { basedOnVersion: 0, plan: { ...PLAN, peopleToCall: [{ name: '' }] } },
      'plan.peopleToCall.0.name',
    ],
    ['a missing section', { basedOnVersion: 0, plan: { ...PLAN, afterASlip: undefined } }, 'plan.afterASlip'],
    ['a negative version', { basedOnVersion: -1, plan: PLAN }, 'basedOnVersion'],
  ])('%s', (_, input, path) => {
    const r = relapsePlanSaveSchema.safeParse(input);
    expect(r.success ? null : r.error.issues[0]!.path.join('.')).toBe(path);
  });
});
