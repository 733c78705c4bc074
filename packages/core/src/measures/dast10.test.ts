import { describe, expect, it } from 'vitest';
import { DAST10, scoreDast10 } from './dast10.ts';
import { allAnswered, answersWithTotal } from './test-support.ts';

describe('DAST-10 bands at every boundary (0 none, 1–2 low, 3–5 moderate, 6–8 substantial, 9–10 severe)', () => {
  it.each([
    [0, 'none'],
    [1, 'low'],
    [2, 'low'],
    [3, 'moderate'],
    [5, 'moderate'],
    [6, 'substantial'],
    [8, 'substantial'],
    [9, 'severe'],
    [10, 'severe'],
  ])('total %i → %s', (total, band) => {
    const score = scoreDast10(answersWithTotal(DAST10, total));
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
  });
});

describe('DAST-10 item 3 is reversed: "no, not always able to stop" scores the point', () => {
  it.each([
    ['all "no"', allAnswered(DAST10, 0), 1, 'low'],
    ['all "yes"', allAnswered(DAST10, 1), 9, 'severe'],
    ['all "no" but item 3 "yes"', { ...allAnswered(DAST10, 0), q3: 1 }, 0, 'none'],
    ['all "yes" but item 3 "no"', { ...allAnswered(DAST10, 1), q3: 0 }, 10, 'severe'],
    ['only item 1 "yes", able to stop', { ...allAnswered(DAST10, 0), q1: 1, q3: 1 }, 1, 'low'],
  ])('%s → %i (%s)', (_what, answers, total, band) => {
    expect(scoreDast10(answers)).toMatchObject({ total, band: { id: band } });
  });
});

describe('DAST-10 worked example and the item-3 reversal at a band boundary', () => {
  it('yes to 1, 2 and 5, "not always able to stop" (item 3 no), no to the rest: 1 + 1 + 1 + 1 = 4, moderate', () => {
    const answers = { ...allAnswered(DAST10, 0), q1: 1, q2: 1, q5: 1 };
    expect(scoreDast10(answers)).toMatchObject({ total: 4, band: { id: 'moderate' }, flags: [] });
  });

  it.each([
    // Item 3 alone moves the total across 2|3 (low → moderate) and 0|1 (none → low).
    [{ q1: 1, q2: 1, q3: 1 }, 2, 'low'],
    [{ q1: 1, q2: 1, q3: 0 }, 3, 'moderate'],
    [{ q3: 1 }, 0, 'none'],
    [{ q3: 0 }, 1, 'low'],
  ])('%j → %i (%s)', (answered, total, band) => {
    expect(scoreDast10({ ...allAnswered(DAST10, 0), ...answered })).toMatchObject({ total, band: { id: band } });
  });
});
