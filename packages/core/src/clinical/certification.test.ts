import { describe, expect, it } from 'vitest';
import { nextCertificationDue, type CertificationEpisode } from './certification.ts';
import { dueState } from './due.ts';

const episode = (e: Partial<CertificationEpisode>): CertificationEpisode => ({
  level: 'php',
  admittedOn: '2026-03-02',
  dischargedOn: null,
  certifiedOn: [],
  ...e,
});

describe('dueState', () => {
  it.each([
    ['2026-03-10', '2026-03-02', 'upcoming'],
    ['2026-03-10', '2026-03-03', 'due'],
    ['2026-03-10', '2026-03-10', 'due'],
    ['2026-03-10', '2026-03-11', 'overdue'],
  ] as const)('due %s, today %s → %s', (dueOn, today, state) => {
    expect(dueState(dueOn, today)).toBe(state);
  });
});

describe('nextCertificationDue', () => {
  const cases: [string, Partial<CertificationEpisode>, string, { kind: string; sequence: number; dueOn: string; state: string } | null][] = [
    ['PHP: certify on the admission day', {}, '2026-03-02', { kind: 'certification', sequence: 1, dueOn: '2026-03-02', state: 'due' }],
    ['PHP: uncertified the day after admission is overdue', {}, '2026-03-03', { kind: 'certification', sequence: 1, dueOn: '2026-03-02', state: 'overdue' }],
    [
      'PHP: first recertification by day 18 (admission is day 1)',
      { certifiedOn: ['2026-03-02'] },
      '2026-03-05',
      { kind: 'recertification', sequence: 2, dueOn: '2026-03-19', state: 'upcoming' },
    ],
    [
      'PHP: day 18 counts from admission even when the certification was late',
      { certifiedOn: ['2026-03-06'] },
      '2026-03-19',
      { kind: 'recertification', sequence: 2, dueOn: '2026-03-19', state: 'due' },
    ],
    [
      'PHP: then every 30 days from the last recertification',
      { certifiedOn: ['2026-03-18', '2026-03-02'] },
      '2026-04-18',
      { kind: 'recertification', sequence: 3, dueOn: '2026-04-17', state: 'overdue' },
    ],
    [
      'IOP: every other month after the admission certification',
      { level: 'iop', certifiedOn: ['2026-03-02'] },
      '2026-04-01',
      { kind: 'recertification', sequence: 2, dueOn: '2026-05-02', state: 'upcoming' },
    ],
    [
      'IOP: a 31st with no 31st two months on falls on the month end',
      { level: 'iop', admittedOn: '2025-12-31', certifiedOn: ['2025-12-31'] },
      '2026-02-27',
      { kind: 'recertification', sequence: 2, dueOn: '2026-02-28', state: 'due' },
    ],
    [
      'IOP: overdue the day after',
      { level: 'iop', certifiedOn: ['2026-03-02', '2026-05-01'] },
      '2026-07-02',
      { kind: 'recertification', sequence: 3, dueOn: '2026-07-01', state: 'overdue' },
    ],
    ['outpatient needs no certification', { level: 'op' }, '2026-03-02', null],
    ['nothing due after discharge', { certifiedOn: ['2026-03-02'], dischargedOn: '2026-03-18' }, '2026-04-01', null],
    [
      'due on the discharge day is still owed',
      { certifiedOn: ['2026-03-02'], dischargedOn: '2026-03-19' },
      '2026-04-01',
      { kind: 'recertification', sequence: 2, dueOn: '2026-03-19', state: 'overdue' },
    ],
  ];
  it.each(cases)('%s', (_name, e, today, expected) => {
    expect(nextCertificationDue(episode(e), today)).toEqual(expected);
  });
});
