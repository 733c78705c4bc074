import { describe, expect, it } from 'vitest';
import { PCL5, scorePcl5 } from './pcl5.ts';
import { allAnswered, answersWithTotal } from './test-support.ts';

const zeros = allAnswered(PCL5, 0);
const codes = (answers: Record<string, number>) => scorePcl5(answers).flags.map((f) => f.code);

/** The fewest symptoms that meet the DSM-5 rule: one B, one C, two D, two E, each rated "moderately" (2). */
const MINIMAL_RULE = { q1: 2, q6: 2, q8: 2, q9: 2, q15: 2, q16: 2 };

describe('PCL-5 provisional cut-off (33, the top of the published 31–33)', () => {
  it.each([
    [0, []],
    [32, []],
    [33, ['pcl5-cutoff']],
    [80, ['pcl5-cutoff', 'pcl5-dsm5-rule']],
  ])('total %i → %j', (total, flags) => {
    // Filled from item 20 backwards: up to 33 only clusters E and D carry points, so the DSM-5 rule is not met.
    const answers = answersWithTotal(PCL5, total);
    expect(scorePcl5(answers).total).toBe(total);
    expect(codes(answers)).toEqual(flags);
  });

  it('has no severity bands: the band is null', () => {
    expect(scorePcl5(zeros).band).toBeNull();
  });
});

describe('PCL-5 DSM-5 cluster rule (item ≥ 2 counts; B ≥ 1, C ≥ 1, D ≥ 2, E ≥ 2)', () => {
  it.each<[string, Record<string, number>, boolean]>([
    ['the minimal set', MINIMAL_RULE, true],
    ['no B symptom', { ...MINIMAL_RULE, q1: 1 }, false],
    ['no C symptom', { ...MINIMAL_RULE, q6: 1 }, false],
    ['one D symptom only', { ...MINIMAL_RULE, q9: 1 }, false],
    ['one E symptom only', { ...MINIMAL_RULE, q16: 1 }, false],
    ['B met by item 5, C by item 7, D by 13–14, E by 19–20', { q5: 2, q7: 3, q13: 2, q14: 4, q19: 2, q20: 2 }, true],
    ['every item "a little bit" (total 20)', allAnswered(PCL5, 1), false],
    [
      'every symptom in B, C and E but one in D',
      { q1: 4, q2: 4, q3: 4, q4: 4, q5: 4, q6: 4, q7: 4, q8: 4, q15: 4, q16: 4, q17: 4, q18: 4, q19: 4, q20: 4 },
      false,
    ],
  ])('%s → met %s', (_what, endorsed, met) => {
    expect(codes({ ...zeros, ...endorsed }).includes('pcl5-dsm5-rule')).toBe(met);
  });

  it('the rule can be met with a total far below the cut-off (12), and the clusters sum by DSM-5 criterion', () => {
    const score = scorePcl5({ ...zeros, ...MINIMAL_RULE });
    expect(score.total).toBe(12);
    expect(score.subscales).toEqual({ B: 2, C: 2, D: 4, E: 4 });
    expect(score.flags.map((f) => f.code)).toEqual(['pcl5-dsm5-rule']);
  });

  it('the cut-off can be met without the rule (56 with only clusters B and E: no C symptom)', () => {
    const answers = {
      ...zeros,
      q1: 4,
      q2: 4,
      q3: 4,
      q4: 4,
      q5: 4,
      q8: 4,
      q9: 4,
      q10: 4,
      q15: 4,
      q16: 4,
      q17: 4,
      q18: 4,
      q19: 4,
      q20: 4,
    };
    const score = scorePcl5(answers);
    expect(score.total).toBe(56);
    expect(score.subscales).toEqual({ B: 20, C: 0, D: 12, E: 24 });
    expect(score.flags.map((f) => f.code)).toEqual(['pcl5-cutoff']);
  });
});
