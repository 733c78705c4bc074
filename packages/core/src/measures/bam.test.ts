import { describe, expect, it } from 'vitest';
import { BAM, scoreBam } from './bam.ts';
import { answerProblems } from './instrument.ts';

/** A BAM with every scored item at its least troubling answer: no use, no risk, full protection. */
const BEST = {
  q1: 0,
  q2: 0,
  q3: 0,
  q4: 0,
  q5: 0,
  q6: 0,
  q8: 0,
  q9: 4,
  q10: 4,
  q11: 0,
  q12: 4,
  q13: 4,
  q14: 1,
  q15: 0,
  q16: 4,
  q17: 4,
};
const noDrugDays = { q7a: 0, q7b: 0, q7c: 0, q7d: 0, q7e: 0, q7f: 0, q7g: 0 };

describe('BAM subscales: Use = 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16', () => {
  it('each subscale sums only its own items, item 14 "yes" counting 4', () => {
    expect(scoreBam(BEST).subscales).toEqual({ use: 0, risk: 0, protective: 24 });
    const answers = {
      ...BEST,
      q1: 1,
      q2: 2,
      q3: 3,
      q4: 1,
      q5: 2,
      q6: 3,
      ...noDrugDays,
      q8: 4,
      q11: 1,
      q15: 2,
      q9: 0,
      q14: 0,
      q17: 0,
    };
    // Use 1+2+3; Risk 1+2+3+4+1+2; Protective 0+4+4+4+0+4; item 17 and items 7A–G add to none.
    expect(scoreBam(answers).subscales).toEqual({ use: 6, risk: 13, protective: 16 });
  });

  it.each<[string, Record<string, number>, string[]]>([
    ['no use, no risk, full protection', BEST, []],
    ['one to three drinking days is use (Use 1)', { ...BEST, q4: 1 }, ['bam-use']],
    ['Risk 11 is below the cut-off', { ...BEST, q1: 4, q2: 4, q3: 3 }, []],
    ['Risk 12 is at the cut-off', { ...BEST, q1: 4, q2: 4, q3: 4 }, ['bam-risk']],
    ['Protective 13 is above the cut-off', { ...BEST, q9: 1, q10: 1, q12: 1, q13: 2 }, []],
    ['Protective 12 is at the cut-off', { ...BEST, q9: 0, q10: 1, q12: 1, q13: 2 }, ['bam-protective-low']],
    [
      'Protective 0: no income, no supports',
      { ...BEST, q9: 0, q10: 0, q12: 0, q13: 0, q14: 0, q16: 0 },
      ['bam-protective-low'],
    ],
  ])('%s → %j', (_what, answers, flags) => {
    const score = scoreBam(answers);
    expect(score.flags.map((f) => f.code)).toEqual(flags);
    expect(score.total).toBeNull();
    expect(score.band).toBeNull();
  });
});

describe('BAM item 7 (which drugs) is asked only after drug use is reported', () => {
  it('drug days reported → each of 7A–G is required', () => {
    expect(answerProblems(BAM, { ...BEST, q6: 1 }).map((p) => p.item)).toEqual([
      'q7a',
      'q7b',
      'q7c',
      'q7d',
      'q7e',
      'q7f',
      'q7g',
    ]);
    expect(scoreBam({ ...BEST, q6: 1, ...noDrugDays, q7e: 1 }).subscales.use).toBe(1);
  });

  it('no drug days → 7A–G are not asked, and an answer to one is refused', () => {
    expect(answerProblems(BAM, BEST)).toEqual([]);
    expect(answerProblems(BAM, { ...BEST, q7a: 2 })).toEqual([
      { item: 'q7a', message: 'is not asked unless item 6 is answered so' },
    ]);
  });
});
