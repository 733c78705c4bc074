import { describe, expect, it } from 'vitest';
import { howOften, planInPlainWords, scheduleInPlainWords } from './plan-plain-words.ts';
import type { TreatmentPlan } from './treatment-plan.ts';

describe('plan in plain words', () => {
  it.each([
    [1, 'week', 'once a week'],
    [2, 'day', 'twice a day'],
    [3, 'month', '3 times a month'],
  ] as const)('%i per %s is "%s"', (times, per, words) => expect(howOften(times, per)).toBe(words));

  it.each([
    [{ daysPerWeek: 3, hoursPerDay: 3, expectedWeeks: 8 }, '3 days a week, 3 hours a day, for about 8 weeks'],
    [{ daysPerWeek: 1, hoursPerDay: 1, expectedWeeks: 1 }, '1 day a week, 1 hour a day, for about 1 week'],
    [{ daysPerWeek: 5, hoursPerDay: 2.5, expectedWeeks: 12 }, '5 days a week, 2.5 hours a day, for about 12 weeks'],
  ])('schedule %o', (s, words) => expect(scheduleInPlainWords(s)).toBe(words));

  it('tells each goal with its steps and support, without staff ids or clinical codes', () => {
    const plan: TreatmentPlan = {
      effectiveOn: '2026-11-02',
      problems: [
        {
          description: 'Drinking most evenings',
          asamDimension: 5,
          goals: [
            {
              description: 'Stay sober through the holidays',
              objectives: [
                {
                  id: '11111111-1111-4111-8111-111111111111',
                  description: 'Use a coping skill when a craving comes',
                  targetDate: '2026-12-31',
                  measuredBy: 'Daily check-in',
                  interventions: [
                    { modality: 'cbt', frequency: { times: 3, per: 'week' }, responsibleStaffId: 'staff-1' },
                  ],
                },
              ],
            },
          ],
        },
      ],
      schedule: { daysPerWeek: 3, hoursPerDay: 3, expectedWeeks: 8 },
      strengths: 'Supportive sister',
      dischargeCriteria: 'Four weeks without use',
    };
    const words = planInPlainWords(plan);
    expect(words.goals).toEqual([
      {
        goal: 'Stay sober through the holidays',
        because: 'Drinking most evenings',
        steps: [
          {
            id: '11111111-1111-4111-8111-111111111111',
            step: 'Use a coping skill when a craving comes',
            byDate: '2026-12-31',
            howWeWillKnow: 'Daily check-in',
            support: ['Working on the links between thoughts, feelings and actions (CBT), 3 times a week'],
          },
        ],
      },
    ]);
    expect(JSON.stringify(words)).not.toContain('staff-1');
    expect(words.whenReadyToFinish).toBe('Four weeks without use');
  });
});
