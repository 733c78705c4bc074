import { describe, expect, it } from 'vitest';
import {
  OUTCOME_BASELINE_WINDOW_DAYS,
  OUTCOME_INSTRUMENTS,
  baselineAndLatest,
  baselineDeadline,
  outcomeCellOf,
  pairOutcome,
  shareOf,
  summariseOutcomes,
  type OutcomeCell,
} from './outcomes.ts';

const ADMITTED = '2026-09-07';

describe('baseline and latest of an episode', () => {
  it.each([
    ['no scores', [], { kind: 'no-baseline' }],
    ['one score on the admission day', [{ on: ADMITTED, total: 18 }], { kind: 'single-score', baseline: 18 }],
    [
      'first on admission, last at discharge',
      [
        { on: ADMITTED, total: 18 },
        { on: '2026-09-14', total: 15 },
        { on: '2026-10-30', total: 7 },
      ],
      { kind: 'pair', baseline: 18, latest: 7 },
    ],
    [
      'first on the last day of the window (14 days) still counts',
      [
        { on: '2026-09-21', total: 12 },
        { on: '2026-10-05', total: 9 },
      ],
      { kind: 'pair', baseline: 12, latest: 9 },
    ],
    [
      'first a day after the window is no baseline',
      [
        { on: '2026-09-22', total: 12 },
        { on: '2026-10-05', total: 9 },
      ],
      { kind: 'no-baseline' },
    ],
    [
      'a score given before the admission day (pre-admission screen) is the baseline',
      [
        { on: '2026-09-04', total: 20 },
        { on: '2026-10-05', total: 9 },
      ],
      { kind: 'pair', baseline: 20, latest: 9 },
    ],
  ] as const)('%s', (_what, scores, expected) => {
    expect(baselineAndLatest(ADMITTED, scores)).toEqual(expected);
  });

  it('the window is 14 days after admission, across a month end', () => {
    expect(OUTCOME_BASELINE_WINDOW_DAYS).toBe(14);
    expect(baselineDeadline('2026-01-25')).toBe('2026-02-08');
  });
});

describe('one pair: reliable change, response and remission', () => {
  it.each([
    // PHQ-9: reliable at 6 points (SD 5.5, r .89), response ≥ 50% drop, remission < 5, only for baseline ≥ 10.
    ['PHQ-9 18 → 12: reliable improvement, no response', 'phq-9', 18, 12, 'improved', false, false],
    ['PHQ-9 18 → 9: response (exactly 50%), no remission', 'phq-9', 18, 9, 'improved', true, false],
    ['PHQ-9 18 → 4: response and remission', 'phq-9', 18, 4, 'improved', true, true],
    ['PHQ-9 12 → 5: remission needs below 5', 'phq-9', 12, 5, 'improved', true, false],
    ['PHQ-9 10 → 5: 5 points is not reliable, 50% is a response', 'phq-9', 10, 5, 'no-reliable-change', true, false],
    ['PHQ-9 9 → 2: began below caseness, so not counted for response or remission', 'phq-9', 9, 2, 'improved', null, null],
    ['PHQ-9 8 → 14: reliable deterioration, not counted for response', 'phq-9', 8, 14, 'deteriorated', null, null],
    ['GAD-7 15 → 11: reliable at 4 points; GAD-7 defines no response or remission', 'gad-7', 15, 11, 'improved', null, null],
    ['GAD-7 15 → 12: 3 points is not reliable', 'gad-7', 15, 12, 'no-reliable-change', null, null],
    ['PCL-5 50 → 45: response is a 5-point drop; no reliable-change settings', 'pcl-5', 50, 45, null, true, null],
    ['PCL-5 50 → 46: 4 points is no response', 'pcl-5', 50, 46, null, false, null],
    ['AUDIT 20 → 8: nothing defined but the change', 'audit', 20, 8, null, null, null],
  ] as const)('%s', (_what, instrument, baseline, latest, rc, response, remission) => {
    const o = pairOutcome(instrument, baseline, latest);
    expect(o).toEqual({ change: latest - baseline, reliableChange: rc, response, remission });
  });
});

describe('summarising episodes', () => {
  const cell = (c: Partial<OutcomeCell> & Pick<OutcomeCell, 'instrument'>): OutcomeCell => ({
    kind: 'pair',
    baseline: null,
    latest: null,
    episodes: 1,
    ...c,
  });

  it('counts each figure out of the episodes that can count towards it', () => {
    const [phq] = summariseOutcomes([
      cell({ instrument: 'phq-9', baseline: 18, latest: 4, episodes: 3 }), // improved, response, remission
      cell({ instrument: 'phq-9', baseline: 18, latest: 12, episodes: 2 }), // improved only
      cell({ instrument: 'phq-9', baseline: 6, latest: 13 }), // deteriorated; below caseness at baseline
      cell({ instrument: 'phq-9', kind: 'single-score', baseline: 20, episodes: 4 }),
      cell({ instrument: 'phq-9', kind: 'no-baseline', episodes: 2 }),
    ]);
    expect(phq).toEqual({
      instrument: 'phq-9',
      scored: 12,
      noBaseline: 2,
      singleScore: 4,
      measured: 6,
      reliableImprovement: { count: 5, of: 6 },
      reliableDeterioration: { count: 1, of: 6 },
      response: { count: 3, of: 5 },
      remission: { count: 3, of: 5 },
      // (3·(4−18) + 2·(12−18) + (13−6)) / 6 = (−42 − 12 + 7) / 6
      meanChange: -7.83,
      meanBaseline: 16,
      meanLatest: 8.17,
    });
    expect(shareOf(phq!.response)).toBeCloseTo(0.6);
  });

  it('says "not defined" (null) rather than 0 of 0 where the instrument has no such figure', () => {
    const [gad, audit] = summariseOutcomes([
      cell({ instrument: 'audit', baseline: 20, latest: 9 }),
      cell({ instrument: 'gad-7', baseline: 15, latest: 10 }),
    ]);
    expect(gad).toMatchObject({ instrument: 'gad-7', reliableImprovement: { count: 1, of: 1 }, response: null, remission: null });
    expect(audit).toMatchObject({ instrument: 'audit', reliableImprovement: null, response: null, remission: null, meanChange: -11 });
  });

  it('gives no means and zero shares when nobody has two scores, and leaves out instruments nobody took', () => {
    const result = summariseOutcomes([cell({ instrument: 'phq-9', kind: 'single-score', baseline: 12 })]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ measured: 0, meanChange: null, reliableImprovement: { count: 0, of: 0 } });
    expect(shareOf(result[0]!.reliableImprovement)).toBeNull();
    expect(summariseOutcomes([])).toEqual([]);
  });

  it('reports instruments in one fixed order, and only those with a total', () => {
    const all = summariseOutcomes(OUTCOME_INSTRUMENTS.map((instrument) => cell({ instrument, baseline: 5, latest: 3 })).reverse());
    expect(all.map((s) => s.instrument)).toEqual(['phq-9', 'gad-7', 'audit', 'audit-c', 'dast-10', 'pcl-5']);
  });

  it('the cell of an episode is what baselineAndLatest says', () => {
    expect(outcomeCellOf('phq-9', ADMITTED, [])).toBeNull();
    expect(
      outcomeCellOf('phq-9', ADMITTED, [
        { on: ADMITTED, total: 15 },
        { on: '2026-10-01', total: 8 },
      ]),
    ).toEqual({ instrument: 'phq-9', kind: 'pair', baseline: 15, latest: 8, episodes: 1 });
  });

  it('refuses a pair cell without its scores', () => {
    expect(() => summariseOutcomes([cell({ instrument: 'phq-9', baseline: 12 })])).toThrow(RangeError);
  });
});
