import { describe, expect, it } from 'vitest';
import { RCI_CRITICAL, measureOutcome, reliableChange, sdiffOf } from './reliable-change.ts';

describe('Jacobson–Truax reliable change', () => {
  it.each([
    // Worked thresholds in domain.md §4.1.
    ['PHQ-9 SD 5.5, r .89', { sd: 5.5, reliability: 0.89 }, 2.58, 6],
    ['PHQ-9 SD 5.5, r .84', { sd: 5.5, reliability: 0.84 }, 3.11, 7],
    ['GAD-7 SD 4.5, r .92', { sd: 4.5, reliability: 0.92 }, 1.8, 4],
    ['GAD-7 SD 4.5, r .83', { sd: 4.5, reliability: 0.83 }, 2.62, 6],
  ])('%s → Sdiff %f, reliable from %i points', (_what, settings, sdiff, points) => {
    expect(sdiffOf(settings)).toBeCloseTo(sdiff, 2);
    expect(reliableChange('phq-9', 20, 20 - points, settings)?.reliable).toBe(true);
    expect(reliableChange('phq-9', 20, 20 - points + 1, settings)?.reliable).toBe(false);
    expect(reliableChange('phq-9', 20, 20, settings)?.minimumReliablePoints).toBe(points);
  });

  it.each([
    ['PHQ-9 drop of 6 (IAPT reliable improvement)', 'phq-9', 18, 12, 'improved'],
    ['PHQ-9 drop of 5', 'phq-9', 18, 13, 'no-reliable-change'],
    ['PHQ-9 rise of 6', 'phq-9', 8, 14, 'deteriorated'],
    ['GAD-7 drop of 4 (IAPT reliable improvement)', 'gad-7', 15, 11, 'improved'],
    ['GAD-7 drop of 3', 'gad-7', 15, 12, 'no-reliable-change'],
    ['GAD-7 rise of 4', 'gad-7', 5, 9, 'deteriorated'],
  ] as const)('defaults: %s → %s', (_what, id, before, after, direction) => {
    expect(reliableChange(id, before, after)?.direction).toBe(direction);
  });

  it.each([
    ['exactly 1.96 is not reliable', 1.96, false, 'no-reliable-change'],
    ['just above 1.96 is', 1.97, true, 'improved'],
    ['exactly −1.96 the other way is not', -1.96, false, 'no-reliable-change'],
    ['just beyond −1.96 is a deterioration', -1.97, true, 'deteriorated'],
  ])('at the critical value (Sdiff 1): %s', (_what, drop, reliable, direction) => {
    const settings = { sd: 1, reliability: 0.5 };
    expect(sdiffOf(settings)).toBe(1);
    const rc = reliableChange('phq-9', 10, 10 - drop, settings)!;
    expect(Math.abs(rc.rci)).toBe(Math.abs(drop));
    expect(Math.abs(rc.rci) > RCI_CRITICAL).toBe(reliable);
    expect([rc.reliable, rc.direction]).toEqual([reliable, direction]);
  });

  it('settings passed override the defaults', () => {
    expect(reliableChange('phq-9', 18, 12)?.reliable).toBe(true);
    expect(reliableChange('phq-9', 18, 12, { sd: 5.5, reliability: 0.84 })?.reliable).toBe(false);
  });

  it('is null where domain.md gives no SD and reliability and none are passed, or the instrument has no total', () => {
    expect(reliableChange('pcl-5', 50, 20)).toBeNull();
    expect(reliableChange('pcl-5', 50, 20, { sd: 14, reliability: 0.9 })?.direction).toBe('improved');
    expect(reliableChange('bam', 10, 2, { sd: 3, reliability: 0.8 })).toBeNull();
  });

  it.each([
    { sd: 0, reliability: 0.8 },
    { sd: 5, reliability: 1 },
    { sd: 5, reliability: -0.1 },
  ])('refuses impossible settings %j', (settings) => {
    expect(() => reliableChange('phq-9', 10, 5, settings)).toThrow(RangeError);
  });
});

describe('response, remission and clinical significance', () => {
  it.each([
    [
      'PHQ-9 20 → 10: 50% drop is a response',
      'phq-9',
      20,
      10,
      { response: true, remission: false, clinicallySignificant: false },
    ],
    ['PHQ-9 20 → 11: 45% is not', 'phq-9', 20, 11, { response: false, remission: false, clinicallySignificant: false }],
    [
      'PHQ-9 15 → 5: remission needs < 5',
      'phq-9',
      15,
      5,
      { response: true, remission: false, clinicallySignificant: true },
    ],
    ['PHQ-9 15 → 4: remission', 'phq-9', 15, 4, { response: true, remission: true, clinicallySignificant: true }],
    [
      'PHQ-9 12 → 9: a case no longer, but a drop of 3 is not reliable',
      'phq-9',
      12,
      9,
      { response: false, remission: false, clinicallySignificant: false },
    ],
    [
      'PHQ-9 0 → 0: no baseline to halve',
      'phq-9',
      0,
      0,
      { response: false, remission: true, clinicallySignificant: false },
    ],
    [
      'GAD-7 12 → 7: reliable and below caseness 8',
      'gad-7',
      12,
      7,
      { response: null, remission: null, clinicallySignificant: true },
    ],
    ['GAD-7 12 → 8: still a case', 'gad-7', 12, 8, { response: null, remission: null, clinicallySignificant: false }],
  ] as const)('%s', (_what, id, baseline, latest, expected) => {
    expect(measureOutcome(id, baseline, latest)).toMatchObject(expected);
  });

  it.each([
    [50, 46, false, false],
    [50, 45, true, false],
    [50, 41, true, false],
    [50, 40, true, true],
  ])(
    'PCL-5 %i → %i: response (5 points) %s, clinically meaningful (10 points) %s',
    (baseline, latest, response, meaningful) => {
      expect(measureOutcome('pcl-5', baseline, latest)).toMatchObject({
        response,
        clinicallyMeaningful: meaningful,
        remission: null,
        reliableChange: null,
      });
    },
  );

  it('instruments without definitions answer null, not false', () => {
    expect(measureOutcome('audit', 20, 5)).toEqual({
      reliableChange: null,
      response: null,
      remission: null,
      clinicallyMeaningful: null,
      clinicallySignificant: null,
    });
  });
});
