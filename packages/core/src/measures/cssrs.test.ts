import { describe, expect, it } from 'vitest';
import { CSSRS_SCREENER, cssrsRiskTier, scoreCssrs } from './cssrs.ts';
import { answerProblems } from './instrument.ts';

/** Answers from the items said yes; everything asked and not named is no. */
function screener(yes: string[], opts: { recent?: boolean } = {}): Record<string, number> {
  const y = (id: string) => (yes.includes(id) ? 1 : 0);
  const answers: Record<string, number> = { q1: y('q1'), q2: y('q2'), q6: y('q6') };
  if (answers.q2 === 1) Object.assign(answers, { q3: y('q3'), q4: y('q4'), q5: y('q5') });
  if (answers.q6 === 1) answers['q6-recent'] = opts.recent ? 1 : 0;
  return answers;
}

describe('C-SSRS screener risk tiers', () => {
  it.each<[string, Record<string, number>, string, boolean]>([
    ['all no', screener([]), 'none', false],
    ['wish to be dead only', screener(['q1']), 'low', false],
    ['thoughts of killing oneself, no method, intent or plan', screener(['q1', 'q2']), 'low', false],
    ['thoughts without the wish (2 only)', screener(['q2']), 'low', false],
    ['thoughts with a method', screener(['q1', 'q2', 'q3']), 'moderate', true],
    ['behaviour more than 3 months ago, no ideation', screener(['q6'], { recent: false }), 'moderate', true],
    ['intent without a plan', screener(['q2', 'q4']), 'high', true],
    ['intent with a plan', screener(['q2', 'q5']), 'high', true],
    ['method and plan', screener(['q1', 'q2', 'q3', 'q5']), 'high', true],
    ['behaviour within the past 3 months, no ideation', screener(['q6'], { recent: true }), 'high', true],
    ['wish to be dead and behaviour long ago', screener(['q1', 'q6'], { recent: false }), 'moderate', true],
    ['method and behaviour long ago', screener(['q1', 'q2', 'q3', 'q6'], { recent: false }), 'moderate', true],
    ['thoughts only, behaviour in the past 3 months', screener(['q1', 'q2', 'q6'], { recent: true }), 'high', true],
    ['yes to everything', screener(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'], { recent: true }), 'high', true],
  ])('%s → %s (safety flag %s)', (_what, answers, tier, flagged) => {
    const score = scoreCssrs(answers);
    expect(score.band?.id).toBe(tier);
    expect(score.total).toBeNull();
    expect(score.flags.map((f) => [f.code, f.kind])).toEqual(flagged ? [[`cssrs-${tier}`, 'safety']] : []);
    expect(cssrsRiskTier(answers)).toBe(tier);
  });
});

describe('C-SSRS skip logic', () => {
  it('items 3–5 are required once item 2 is yes, each named', () => {
    expect(answerProblems(CSSRS_SCREENER, { q1: 1, q2: 1, q6: 0 })).toEqual([
      { item: 'q3', message: 'is required' },
      { item: 'q4', message: 'is required' },
      { item: 'q5', message: 'is required' },
    ]);
  });

  it('intent answered yes when item 2 is no is a contradiction, refused rather than scored either way', () => {
    const answers = { q1: 0, q2: 0, q4: 1, q6: 0 };
    expect(answerProblems(CSSRS_SCREENER, answers)).toEqual([
      { item: 'q4', message: 'is not asked unless item 2 is answered so' },
    ]);
    expect(() => scoreCssrs(answers)).toThrow(/q4/);
  });

  it('when the behaviour happened is required once item 6 is yes', () => {
    expect(answerProblems(CSSRS_SCREENER, { q1: 0, q2: 0, q6: 1 })).toEqual([
      { item: 'q6-recent', message: 'is required' },
    ]);
  });

  it('item 6 is asked whatever item 2 says', () => {
    expect(answerProblems(CSSRS_SCREENER, { q1: 0, q2: 0 })).toEqual([{ item: 'q6', message: 'is required' }]);
  });
});
