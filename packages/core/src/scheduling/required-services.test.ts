import { describe, expect, it } from 'vitest';
import { requiredServices, servicesDueInWeek, usualTimeOf, type ServiceRequirement } from './required-services.ts';

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
