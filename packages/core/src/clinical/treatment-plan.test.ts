import { describe, expect, it } from 'vitest';
import { WEEKLY_HOURS_BY_LEVEL } from '../program-rules.ts';
import {
  PLAN_REVIEW_INTERVAL_DAYS_DEFAULT,
  levelOfCareChangeDates,
  nextReviewDateProblems,
  nextReviewDue,
  planReviewProblems,
  prescribedScheduleProblems,
  treatmentPlanSchema,
  type PlanReviewCycle,
  type TreatmentPlan,
} from './treatment-plan.ts';

const OBJ_A = '0b6f6a52-3c0e-4d7e-9a51-1f1f7f0c0a01';
const OBJ_B = '0b6f6a52-3c0e-4d7e-9a51-1f1f7f0c0a02';

const plan = {
  effectiveOn: '2026-03-02',
  problems: [
    {
      description: 'Daily alcohol use disrupting work',
      asamDimension: 5,
      goals: [
        {
          description: 'Sustain abstinence',
          objectives: [
            {
              id: OBJ_A,
              description: 'Name three personal triggers and a coping skill for each',
              targetDate: '2026-03-30',
              measuredBy: 'Written relapse-prevention plan reviewed in session',
              interventions: [
                { modality: 'relapse_prevention', frequency: { times: 3, per: 'week' }, responsibleStaffId: 'staff-1' },
              ],
            },
            {
              id: OBJ_B,
              description: 'Attend two mutual-help meetings a week',
              targetDate: '2026-04-27',
              measuredBy: 'Self-report with attendance sheet',
              interventions: [{ modality: 'motivational_interviewing', frequency: { times: 1, per: 'week' }, responsibleStaffId: 'staff-1' }],
            },
          ],
        },
      ],
    },
  ],
  schedule: { daysPerWeek: 3, hoursPerDay: 3, expectedWeeks: 8 },
  strengths: 'Supportive sibling; stable job',
  dischargeCriteria: 'Objectives met and four weeks abstinent',
};

type Draft = Record<string, unknown>;
const withObjective = (change: Draft) => ({
  ...plan,
  problems: [{ ...plan.problems[0], goals: [{ ...plan.problems[0]!.goals[0], objectives: [{ ...plan.problems[0]!.goals[0]!.objectives[0], ...change }] }] }],
});
const paths = (input: unknown) => {
  const r = treatmentPlanSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};
const objectivePath = 'problems.0.goals.0.objectives.0';

describe('treatment plan model', () => {
  it('accepts a complete plan', () => {
    expect(paths(plan)).toEqual([]);
  });

  it.each([
    ['an objective without a target date', { targetDate: undefined }, `${objectivePath}.targetDate`],
    ['a target date on the day the plan takes effect', { targetDate: '2026-03-02' }, `${objectivePath}.targetDate`],
    ['an objective without a measure', { measuredBy: ' ' }, `${objectivePath}.measuredBy`],
    ['an objective with no intervention', { interventions: [] }, `${objectivePath}.interventions`],
    [
      'an unknown modality',
      { interventions: [{ modality: 'hypnosis', frequency: { times: 1, per: 'week' }, responsibleStaffId: 's' }] },
      `${objectivePath}.interventions.0.modality`,
    ],
    [
      'an intervention with no responsible staff',
      { interventions: [{ modality: 'cbt', frequency: { times: 1, per: 'week' }, responsibleStaffId: '' }] },
      `${objectivePath}.interventions.0.responsibleStaffId`,
    ],
    [
      'a frequency of zero',
      { interventions: [{ modality: 'cbt', frequency: { times: 0, per: 'week' }, responsibleStaffId: 's' }] },
      `${objectivePath}.interventions.0.frequency.times`,
    ],
  ])('refuses %s, naming %s', (_name, change, path) => {
    expect(paths(withObjective(change))).toContain(path);
  });

  it.each([
    ['no problems', { problems: [] }, 'problems'],
    ['8 days a week', { schedule: { ...plan.schedule, daysPerWeek: 8 } }, 'schedule.daysPerWeek'],
    ['2.1 hours a day', { schedule: { ...plan.schedule, hoursPerDay: 2.1 } }, 'schedule.hoursPerDay'],
    ['no discharge criteria', { dischargeCriteria: '' }, 'dischargeCriteria'],
  ])('refuses %s', (_name, change, path) => {
    expect(paths({ ...plan, ...change })).toContain(path);
  });

  it('refuses two objectives with one id', () => {
    const twice = withObjective({});
    const goal = twice.problems[0]!.goals[0]!;
    goal.objectives = [goal.objectives[0]!, { ...goal.objectives[0]!, description: 'Another' }];
    expect(paths(twice)).toContain(`problems.0.goals.0.objectives.1.id`);
  });
});

describe('prescribed schedule within the program range', () => {
  const iopAdult = WEEKLY_HOURS_BY_LEVEL.iop.adult;
  it.each([
    [3, 3, iopAdult, null],
    [3, 2.75, iopAdult, 'below'],
    [5, 3.75, iopAdult, null],
    [5, 4, iopAdult, 'above'],
    [5, 4, WEEKLY_HOURS_BY_LEVEL.php.adult, null],
    [5, 3.75, WEEKLY_HOURS_BY_LEVEL.php.adult, 'below'],
    [2, 3, WEEKLY_HOURS_BY_LEVEL.iop.adolescent, null],
  ] as const)('%i days × %d h against %j → %s', (daysPerWeek, hoursPerDay, range, problem) => {
    const found = prescribedScheduleProblems({ daysPerWeek, hoursPerDay, expectedWeeks: 8 }, range);
    if (problem === null) expect(found).toEqual([]);
    else expect(found).toEqual([{ field: 'schedule', message: expect.stringContaining(problem) }]);
  });
});

describe('nextReviewDue', () => {
  const cycle = (c: Partial<PlanReviewCycle>): PlanReviewCycle => ({
    effectiveOn: '2026-03-02',
    lastReviewedOn: null,
    intervalDays: PLAN_REVIEW_INTERVAL_DAYS_DEFAULT,
    levelOfCareChangedOn: [],
    ...c,
  });
  it.each([
    ['30 days after the plan takes effect', {}, '2026-04-01', 'cycle'],
    ['30 days after the last review', { lastReviewedOn: '2026-03-30' }, '2026-04-29', 'cycle'],
    ['on the program cycle', { intervalDays: 14 }, '2026-03-16', 'cycle'],
    ['on the sooner date the last review chose', { lastReviewedOn: '2026-03-30', nextReviewOn: '2026-04-13' }, '2026-04-13', 'cycle'],
    ['a chosen date later than the cycle is held to the cycle', { lastReviewedOn: '2026-03-30', nextReviewOn: '2026-06-01' }, '2026-04-29', 'cycle'],
    [
      'a chosen date gives way to a newer plan version',
      { effectiveOn: '2026-04-06', lastReviewedOn: '2026-03-30', nextReviewOn: '2026-04-02' },
      '2026-05-06',
      'cycle',
    ],
    ['on a level-of-care change before the cycle', { levelOfCareChangedOn: ['2026-03-20'] }, '2026-03-20', 'level_of_care_change'],
    ['a change already reviewed does not count', { lastReviewedOn: '2026-03-21', levelOfCareChangedOn: ['2026-03-20'] }, '2026-04-20', 'cycle'],
    ['the earliest unreviewed change', { levelOfCareChangedOn: ['2026-03-25', '2026-03-10'] }, '2026-03-10', 'level_of_care_change'],
    ['a change on the plan date is the plan itself', { levelOfCareChangedOn: ['2026-03-02'] }, '2026-04-01', 'cycle'],
  ] as const)('%s', (_name, c, dueOn, reason) => {
    expect(nextReviewDue(cycle(c))).toEqual({ dueOn, reason });
  });
});

describe('plan review against its plan', () => {
  const review = (progress: { objectiveId: string; progress: 'met' | 'progressing' }[]) => ({
    reviewedOn: '2026-04-01',
    narrative: 'Engaged; two triggers identified.',
    progress,
  });
  const p = plan as unknown as TreatmentPlan;
  it('accepts progress on every objective', () => {
    expect(planReviewProblems(p, review([{ objectiveId: OBJ_A, progress: 'met' }, { objectiveId: OBJ_B, progress: 'progressing' }]))).toEqual([]);
  });
  it('names a missing objective, a stranger and a repeat', () => {
    const stranger = '0b6f6a52-3c0e-4d7e-9a51-1f1f7f0c0aff';
    expect(
      planReviewProblems(p, review([{ objectiveId: OBJ_A, progress: 'met' }, { objectiveId: stranger, progress: 'met' }, { objectiveId: OBJ_A, progress: 'met' }])),
    ).toEqual([
      { field: 'progress.1.objectiveId', message: 'is not an objective of this plan' },
      { field: 'progress.2.objectiveId', message: 'is listed twice' },
      { field: 'progress', message: 'is missing for 1 objective(s)' },
    ]);
  });
});

describe('nextReviewDateProblems', () => {
  it.each([
    ['no date chosen', undefined, []],
    ['a date inside the cycle', '2026-04-15', []],
    ['the last day of the cycle', '2026-05-01', []],
    ['the review day itself', '2026-04-01', ['nextReviewOn']],
    ['past the cycle', '2026-05-02', ['nextReviewOn']],
  ])('%s', (_name, nextReviewOn, fields) => {
    expect(nextReviewDateProblems({ reviewedOn: '2026-04-01', nextReviewOn }, 30).map((p) => p.field)).toEqual(fields);
  });
});

describe('levelOfCareChangeDates', () => {
  const a = (assessedOn: string, chosenLevel: string) => ({ assessedOn, chosenLevel });
  it.each([
    ['no assessments', [], []],
    ['the admission assessment alone is no change', [a('2026-03-02', 'iop')], []],
    ['the same level again', [a('2026-03-02', 'iop'), a('2026-03-16', 'iop')], []],
    ['a step up and back down', [a('2026-03-02', 'iop'), a('2026-03-16', 'php'), a('2026-03-30', 'iop')], ['2026-03-16', '2026-03-30']],
  ])('%s', (_name, list, expected) => {
    expect(levelOfCareChangeDates(list)).toEqual(expected);
  });
});
