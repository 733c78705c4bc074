import { describe, expect, it } from 'vitest';
import { requiredServices, serviceCountsInWeek, serviceStatusInWeek, servicesDueInWeek, usualTimeOf, type ServiceRequirement } from './required-services.ts';

const weekly = (times: number) => ({ times, per: 'week' as const });

describe('requiredServices', () => {
  it.each<[string, Parameters<typeof requiredServices>[0], ServiceRequirement[] | null, ServiceRequirement[]]>([
    [
      'no plan, no setting: the named default, in kind order',
      null,
      null,
      [
        { kind: 'individual', count: 1, everyWeeks: 1 },
        { kind: 'family', count: 1, everyWeeks: 2 },
        { kind: 'psychiatry', count: 1, everyWeeks: 4 },
      ],
    ],
    ['no plan: the program setting', null, [{ kind: 'individual', count: 2, everyWeeks: 1 }], [{ kind: 'individual', count: 2, everyWeeks: 1 }]],
    [
      'plan CBT twice a week overrides individual; others from the default',
      { interventions: [{ modality: 'cbt', frequency: weekly(2) }], daysPerWeek: 3 },
      null,
      [
        { kind: 'individual', count: 2, everyWeeks: 1 },
        { kind: 'family', count: 1, everyWeeks: 2 },
        { kind: 'psychiatry', count: 1, everyWeeks: 4 },
      ],
    ],
    [
      'two individual modalities share sessions: the most frequent wins',
      { interventions: [{ modality: 'cbt', frequency: weekly(1) }, { modality: 'relapse_prevention', frequency: weekly(2) }], daysPerWeek: 3 },
      [],
      [{ kind: 'individual', count: 2, everyWeeks: 1 }],
    ],
    [
      'monthly: once → every 4 weeks, twice → every 2, eight times → 2 a week',
      {
        interventions: [
          { modality: 'medication_management', frequency: { times: 1, per: 'month' } },
          { modality: 'family_therapy', frequency: { times: 2, per: 'month' } },
          { modality: 'dbt', frequency: { times: 8, per: 'month' } },
        ],
        daysPerWeek: 3,
      },
      [],
      [
        { kind: 'individual', count: 2, everyWeeks: 1 },
        { kind: 'family', count: 1, everyWeeks: 2 },
        { kind: 'psychiatry', count: 1, everyWeeks: 4 },
      ],
    ],
    [
      'daily on the plan’s days a week, at most 7; group modalities add nothing',
      { interventions: [{ modality: 'motivational_interviewing', frequency: { times: 1, per: 'day' } }, { modality: 'mindfulness', frequency: weekly(5) }], daysPerWeek: 3 },
      [],
      [{ kind: 'individual', count: 3, everyWeeks: 1 }],
    ],
  ])('%s', (_name, plan, setting, expected) => {
    expect(requiredServices(plan, setting)).toEqual(expected);
  });
});

describe('servicesDueInWeek', () => {
  const monday = '2026-11-23';
  const reqs: ServiceRequirement[] = [
    { kind: 'individual', count: 1, everyWeeks: 1 },
    { kind: 'psychiatry', count: 1, everyWeeks: 4 },
    { kind: 'family', count: 1, everyWeeks: 2 },
  ];
  it.each<[string, { kind: 'individual' | 'psychiatry' | 'family'; localDate: string }[], { kind: string; count: number }[]]>([
    ['nothing before: everything due', [], [{ kind: 'individual', count: 1 }, { kind: 'psychiatry', count: 1 }, { kind: 'family', count: 1 }]],
    ['psychiatry three weeks ago (inside 4): not due', [{ kind: 'psychiatry', localDate: '2026-11-02' }], [{ kind: 'individual', count: 1 }, { kind: 'family', count: 1 }]],
    ['psychiatry four weeks ago: due again', [{ kind: 'psychiatry', localDate: '2026-10-26' }], [{ kind: 'individual', count: 1 }, { kind: 'psychiatry', count: 1 }, { kind: 'family', count: 1 }]],
    ['family last week (every 2): not due; last Sunday counts', [{ kind: 'family', localDate: '2026-11-22' }], [{ kind: 'individual', count: 1 }, { kind: 'psychiatry', count: 1 }]],
    ['individual last week does not cover a weekly one', [{ kind: 'individual', localDate: '2026-11-20' }], [{ kind: 'individual', count: 1 }, { kind: 'psychiatry', count: 1 }, { kind: 'family', count: 1 }]],
    ['already booked in the week (Sunday edge): not due', [{ kind: 'individual', localDate: '2026-11-29' }], [{ kind: 'psychiatry', count: 1 }, { kind: 'family', count: 1 }]],
    ['booked the Monday after: still due', [{ kind: 'individual', localDate: '2026-11-30' }], [{ kind: 'individual', count: 1 }, { kind: 'psychiatry', count: 1 }, { kind: 'family', count: 1 }]],
  ])('%s', (_name, appointments, expected) => {
    expect(servicesDueInWeek(reqs, monday, appointments)).toEqual(expected);
  });

  it('counts what is missing when two a week are required and one is booked', () => {
    expect(servicesDueInWeek([{ kind: 'individual', count: 2, everyWeeks: 1 }], monday, [{ kind: 'individual', localDate: '2026-11-24' }])).toEqual([
      { kind: 'individual', count: 1 },
    ]);
  });
});

describe('usualTimeOf', () => {
  const NY = 'America/New_York';
  it.each<[string, { kind: 'individual' | 'psychiatry'; startsAt: string }[], { weekday: number; time: string } | null]>([
    ['no appointments', [], null],
    ['only other kinds', [{ kind: 'psychiatry', startsAt: '2026-11-17T15:00:00Z' }], null],
    [
      'the most recent of the kind, on the site’s clock',
      [
        { kind: 'individual', startsAt: '2026-11-10T15:00:00Z' },
        { kind: 'individual', startsAt: '2026-11-19T19:30:00Z' },
        { kind: 'psychiatry', startsAt: '2026-11-20T15:00:00Z' },
      ],
      { weekday: 4, time: '14:30' },
    ],
    ['across DST: the local hour is kept (EDT in October)', [{ kind: 'individual', startsAt: '2026-10-27T14:00:00Z' }], { weekday: 2, time: '10:00' }],
    ['late evening UTC falls on the local day', [{ kind: 'individual', startsAt: '2026-11-17T02:00:00Z' }], { weekday: 1, time: '21:00' }],
  ])('%s', (_name, appointments, expected) => {
    expect(usualTimeOf(appointments, ['individual', 'family'], NY)).toEqual(expected);
  });
});

describe('serviceStatusInWeek', () => {
  type Appt = { kind: 'individual' | 'psychiatry' | 'family'; localDate: string; status: 'booked' | 'attended' | 'cancelled' | 'late_cancelled' | 'no_show' };
  const reqs: ServiceRequirement[] = [
    { kind: 'individual', count: 1, everyWeeks: 1 },
    { kind: 'psychiatry', count: 1, everyWeeks: 4 },
  ];
  const monday = '2026-11-23';
  const open = { monday, ended: false };
  const over = { monday, ended: true };
  const admitted = '2026-10-01';
  /** kind → status, and the counts where they matter. */
  const statuses = (week: { monday: string; ended: boolean }, admittedOn: string, appts: Appt[]) =>
    Object.fromEntries(serviceStatusInWeek(reqs, week, admittedOn, appts).map((s) => [s.kind, s.status]));

  it.each<[string, { monday: string; ended: boolean }, string, Appt[], Record<string, string>]>([
    ['nothing booked in a running week: due', open, admitted, [], { individual: 'due', psychiatry: 'due' }],
    ['nothing held by the week’s end: missing', over, admitted, [], { individual: 'missing', psychiatry: 'missing' }],
    ['booked this week: booked, even once the week is over', over, admitted, [{ kind: 'individual', localDate: '2026-11-25', status: 'booked' }], { individual: 'booked', psychiatry: 'missing' }],
    ['attended counts as booked', over, admitted, [{ kind: 'individual', localDate: '2026-11-29', status: 'attended' }], { individual: 'booked', psychiatry: 'missing' }],
    ['booked, then cancelled: due again', open, admitted, [{ kind: 'individual', localDate: '2026-11-24', status: 'cancelled' }], { individual: 'due', psychiatry: 'due' }],
    ['late-cancelled at the week’s end: missing', over, admitted, [{ kind: 'individual', localDate: '2026-11-24', status: 'late_cancelled' }], { individual: 'missing', psychiatry: 'missing' }],
    ['a no-show holds nothing: missing', over, admitted, [{ kind: 'individual', localDate: '2026-11-24', status: 'no_show' }], { individual: 'missing', psychiatry: 'missing' }],
    // Every 4 weeks from the last visit: three weeks ago covers this week; four weeks ago does not.
    ['psychiatry three weeks before (Monday 2 Nov): not due', open, admitted, [{ kind: 'psychiatry', localDate: '2026-11-02', status: 'attended' }], { individual: 'due', psychiatry: 'not_due' }],
    ['psychiatry on the Sunday four weeks before (1 Nov): due', open, admitted, [{ kind: 'psychiatry', localDate: '2026-11-01', status: 'attended' }], { individual: 'due', psychiatry: 'due' }],
    ['a no-show three weeks before covers nothing: due', open, admitted, [{ kind: 'psychiatry', localDate: '2026-11-02', status: 'no_show' }], { individual: 'due', psychiatry: 'due' }],
    // Admission: the admission week calls for everything; earlier weeks for nothing; visits before admission do not count.
    ['admitted on the week’s Sunday: due in the admission week', open, '2026-11-29', [], { individual: 'due', psychiatry: 'due' }],
    ['admitted the Monday after: nothing called for', open, '2026-11-30', [], { individual: 'not_due', psychiatry: 'not_due' }],
    ['psychiatry before admission does not cover the first weeks', open, '2026-11-20', [{ kind: 'psychiatry', localDate: '2026-11-10', status: 'attended' }], { individual: 'due', psychiatry: 'due' }],
    ['an extra visit in a week not calling for one shows as booked', open, admitted, [{ kind: 'psychiatry', localDate: '2026-11-09', status: 'attended' }, { kind: 'psychiatry', localDate: '2026-11-24', status: 'booked' }], { individual: 'due', psychiatry: 'booked' }],
  ])('%s', (_name, week, admittedOn, appts, expected) => {
    expect(statuses(week, admittedOn, appts)).toEqual(expected);
  });

  it('counts booked and attended against the number required', () => {
    const twice: ServiceRequirement[] = [{ kind: 'individual', count: 2, everyWeeks: 1 }];
    const appts: Appt[] = [
      { kind: 'individual', localDate: '2026-11-23', status: 'attended' },
      { kind: 'individual', localDate: '2026-11-26', status: 'no_show' },
    ];
    expect(serviceStatusInWeek(twice, over, admitted, appts)).toEqual([{ kind: 'individual', required: 2, booked: 1, attended: 1, status: 'missing' }]);
    expect(serviceStatusInWeek(twice, open, admitted, [...appts, { kind: 'individual', localDate: '2026-11-27', status: 'booked' }])).toEqual([
      { kind: 'individual', required: 2, booked: 2, attended: 1, status: 'booked' },
    ]);
  });
});

describe('serviceCountsInWeek', () => {
  const item = (kind: 'individual' | 'family' | 'psychiatry', required: number, booked: number, status: 'not_due' | 'booked' | 'due' | 'missing') =>
    ({ kind, required, booked, attended: 0, status }) as const;

  it.each<[string, ReturnType<typeof item>[], { required: number; booked: number; due: number; missing: number }]>([
    ['nothing required', [], { required: 0, booked: 0, due: 0, missing: 0 }],
    ['not called for this week', [item('psychiatry', 0, 0, 'not_due')], { required: 0, booked: 0, due: 0, missing: 0 }],
    ['all booked', [item('individual', 1, 1, 'booked'), item('family', 1, 1, 'booked')], { required: 2, booked: 2, due: 0, missing: 0 }],
    ['one of two booked while the week runs: one due', [item('individual', 2, 1, 'due')], { required: 2, booked: 1, due: 1, missing: 0 }],
    ['nothing held by the week’s end: each missing', [item('individual', 1, 0, 'missing'), item('psychiatry', 1, 0, 'missing')], { required: 2, booked: 0, due: 0, missing: 2 }],
    // An extra visit in a week not calling for one books nothing the week asked for.
    ['an extra visit counts for nothing required', [item('psychiatry', 0, 1, 'booked'), item('individual', 1, 0, 'due')], { required: 1, booked: 0, due: 1, missing: 0 }],
    ['more booked than required counts as the required number', [item('individual', 1, 2, 'booked')], { required: 1, booked: 1, due: 0, missing: 0 }],
  ])('%s', (_name, items, expected) => {
    expect(serviceCountsInWeek(items)).toEqual(expected);
  });
});
