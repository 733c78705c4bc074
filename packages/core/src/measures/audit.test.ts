import { describe, expect, it } from 'vitest';
import { AUDIT, AUDIT_C, scoreAudit, scoreAuditC, screeningSexOf } from './audit.ts';
import type { ScreeningSex } from './audit.ts';
import { answerProblems } from './instrument.ts';
import { answersWithTotal } from './test-support.ts';

describe('AUDIT zones at every boundary (0–7, 8–15, 16–19, 20–40; positive ≥ 8)', () => {
  it.each([
    [0, 'low-risk', false],
    [7, 'low-risk', false],
    [8, 'simple-advice', true],
    [15, 'simple-advice', true],
    [16, 'brief-counselling', true],
    [19, 'brief-counselling', true],
    [20, 'specialist-referral', true],
    [40, 'specialist-referral', true],
  ])('total %i → %s, positive %s', (total, band, positive) => {
    const score = scoreAudit(answersWithTotal(AUDIT, total));
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.flags.map((f) => f.code)).toEqual(positive ? ['audit-positive'] : []);
  });

  it('items 9 and 10 score 0, 2 or 4: "yes, during the last year" to both with no other drinking problem is 8, a positive screen', () => {
    const answers = { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 4, q10: 4 };
    expect(scoreAudit(answers)).toMatchObject({ total: 8, band: { id: 'simple-advice' } });
  });

  it.each([1, 3])('item 9 answered %i is out of range', (value) => {
    const answers = { ...answersWithTotal(AUDIT, 0), q9: value };
    expect(answerProblems(AUDIT, answers)).toEqual([{ item: 'q9', message: 'must be one of 0, 2, 4' }]);
    expect(() => scoreAudit(answers)).toThrow(/q9/);
  });

  it('a drinker 2–3 times a week, 3–4 drinks, monthly six or more, with nothing else scores 3 + 1 + 2 = 6', () => {
    const answers = { q1: 3, q2: 1, q3: 2, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0, q10: 0 };
    expect(scoreAudit(answers)).toMatchObject({ total: 6, band: { id: 'low-risk' }, flags: [] });
  });
});

describe('AUDIT-C cut-offs by sex (positive ≥ 4 men, ≥ 3 women; 8–12 high risk)', () => {
  it.each<[number, ScreeningSex, string]>([
    [0, 'male', 'negative'],
    [3, 'male', 'negative'],
    [4, 'male', 'positive'],
    [7, 'male', 'positive'],
    [8, 'male', 'high-risk'],
    [12, 'male', 'high-risk'],
    [0, 'female', 'negative'],
    [2, 'female', 'negative'],
    [3, 'female', 'positive'],
    [7, 'female', 'positive'],
    [8, 'female', 'high-risk'],
    [12, 'female', 'high-risk'],
    // Sex not recorded: the lower (women's) cut-off, so a positive screen is not missed.
    [2, null, 'negative'],
    [3, null, 'positive'],
  ])('total %i, %s → %s', (total, sex, band) => {
    const score = scoreAuditC(answersWithTotal(AUDIT_C, total), sex);
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.flags.map((f) => f.code)).toEqual(band === 'negative' ? [] : ['audit-c-positive']);
  });

  it('the same answers (monthly or less, 3 or 4 drinks, less than monthly six or more = 3) are positive for a woman, not a man', () => {
    const answers = { q1: 1, q2: 1, q3: 1 };
    expect(scoreAuditC(answers, 'female').band?.id).toBe('positive');
    expect(scoreAuditC(answers, 'male').band?.id).toBe('negative');
  });

  it('takes only items 1–3: an AUDIT item 4 is not one of its items', () => {
    expect(answerProblems(AUDIT_C, { q1: 0, q2: 0, q3: 0, q4: 1 })).toEqual([
      { item: 'q4', message: 'is not an item of the AUDIT-C' },
    ]);
  });

  it.each<[ScreeningSex, RegExp]>([
    ['male', /^Positive at 4 or more \(cut-off for males\)\.$/],
    ['female', /^Positive at 3 or more \(cut-off for females\)\.$/],
    [null, /^Positive at 3 or more: sex assigned at birth is not recorded, so the lower cut-off/],
  ])('says which cut-off it applied (%s), negative screens included', (sex, note) => {
    expect(scoreAuditC({ q1: 0, q2: 0, q3: 0 }, sex).scoringNote).toMatch(note);
  });

  it('reads the record’s "unknown" as not recorded', () => {
    expect(screeningSexOf('unknown')).toBeNull();
    expect(screeningSexOf(undefined)).toBeNull();
    expect(screeningSexOf('female')).toBe('female');
    expect(screeningSexOf('male')).toBe('male');
  });
});
