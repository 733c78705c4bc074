import { describe, expect, it } from 'vitest';
import { PHQ9, scorePhq9 } from './phq9.ts';
import { GAD7, scoreGad7 } from './gad7.ts';
import { allAnswered, answersWithTotal } from './test-support.ts';

const flagCodes = (s: { flags: readonly { code: string }[] }) => s.flags.map((f) => f.code);

describe('PHQ-9 bands at every boundary (0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe)', () => {
  it.each([
    [0, 'minimal', []],
    [4, 'minimal', []],
    [5, 'mild', []],
    [9, 'mild', []],
    [10, 'moderate', ['phq9-positive']],
    [14, 'moderate', ['phq9-positive']],
    [15, 'moderately-severe', ['phq9-positive']],
    [19, 'moderately-severe', ['phq9-positive']],
    [20, 'severe', ['phq9-positive']],
    [27, 'severe', ['phq9-item9', 'phq9-positive']],
  ])('total %i → %s', (total, band, flags) => {
    // Item 9 stays at 0 wherever the total allows, so the band is seen apart from the item-9 flag.
    const score = scorePhq9(answersWithTotal(PHQ9, total, { zero: total < 27 ? ['q9'] : [] }));
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(flagCodes(score)).toEqual(flags);
  });
});

describe('PHQ-9 item 9', () => {
  it.each([
    [0, false],
    [1, true],
    [2, true],
    [3, true],
  ])('item 9 = %i → safety flag %s, whatever the total', (value, flagged) => {
    const score = scorePhq9({ ...allAnswered(PHQ9, 0), q9: value });
    expect(score.total).toBe(value);
    expect(score.band?.id).toBe('minimal');
    expect(score.flags.some((f) => f.code === 'phq9-item9' && f.kind === 'safety')).toBe(flagged);
  });

  it('every item "several days" scores 9 (mild) and raises the item-9 flag', () => {
    const score = scorePhq9(allAnswered(PHQ9, 1));
    expect([score.total, score.band?.id]).toEqual([9, 'mild']);
    expect(flagCodes(score)).toEqual(['phq9-item9']);
  });
});

describe('GAD-7 bands at every boundary (0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe; positive screen ≥ 10)', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('total %i → %s, positive %s', (total, band, positive) => {
    const score = scoreGad7(answersWithTotal(GAD7, total));
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(flagCodes(score)).toEqual(positive ? ['gad7-positive'] : []);
  });

  it('every item "more than half the days" scores 14 (moderate)', () => {
    expect(scoreGad7(allAnswered(GAD7, 2))).toMatchObject({ total: 14, band: { id: 'moderate' } });
  });
});
