/**
 * Worked examples: whole answer sheets scored by hand the way each instrument's published scoring instructions say
 * (cited beside each), then scored by Trellis. The boundary tables live in each instrument's own test file; these
 * check the procedure end to end — which items count, with what points, in which subscale — on sheets a clinician
 * might see. The people are synthetic; the sheets were written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT, scoreAudit, scoreAuditC } from './audit.ts';
import { scoreBam } from './bam.ts';
import { GAD7, scoreGad7 } from './gad7.ts';
import { scorePcl5 } from './pcl5.ts';
import { PHQ9, scorePhq9 } from './phq9.ts';

const codes = (s: { flags: readonly { code: string }[] }) => s.flags.map((f) => f.code).sort();

/** The paper forms' "for office coding" row: count the ticks in each column, multiply by the column's value, add. */
function columnTotal(answers: Record<string, number>): number {
  const ticks = [0, 0, 0, 0];
  for (const v of Object.values(answers)) ticks[v] = (ticks[v] ?? 0) + 1;
  return ticks.reduce((sum, count, value) => sum + count * value, 0);
}

describe('PHQ-9 (Kroenke, Spitzer & Williams 2001; PHQ instruction manual: column counts × 0–3, total 0–27)', () => {
  // Sheet A: 2 ticks "Not at all", 3 "Several days", 3 "More than half the days", 1 "Nearly every day";
  // office coding 0 + 3 + 6 + 3 = 12 → moderate (10–14); item 9 "Not at all".
  const sheetA = { q1: 2, q2: 3, q3: 2, q4: 1, q5: 1, q6: 2, q7: 1, q8: 0, q9: 0 };
  // Sheet B: every item "More than half the days" except item 9 "Several days": 8 × 2 + 1 × 1 = 17 →
  // moderately severe (15–19), and any item-9 answer above 0 is a safety flag regardless of the total.
  const sheetB = { q1: 2, q2: 2, q3: 2, q4: 2, q5: 2, q6: 2, q7: 2, q8: 2, q9: 1 };

  it.each([
    ['A', sheetA, 12, 'moderate', ['phq9-positive']],
    ['B', sheetB, 17, 'moderately-severe', ['phq9-item9', 'phq9-positive']],
  ])('sheet %s scores %#: the office-coding total, band and flags', (_name, sheet, total, band, flags) => {
    expect(Object.keys(sheet)).toEqual(PHQ9.items.map((i) => i.id));
    expect(columnTotal(sheet)).toBe(total);
    const score = scorePhq9(sheet);
    expect([score.total, score.band?.id]).toEqual([total, band]);
    expect(codes(score)).toEqual([...flags].sort());
  });
});

describe('GAD-7 (Spitzer et al. 2006: items 0–3, total 0–21; 5 / 10 / 15 mild, moderate, severe)', () => {
  // 1 × "Not at all", 2 × "Several days", 2 × "More than half the days", 2 × "Nearly every day": 0 + 2 + 4 + 6 = 12.
  const sheet = { q1: 3, q2: 2, q3: 3, q4: 1, q5: 0, q6: 2, q7: 1 };

  it('scores 12, moderate, a positive screen', () => {
    expect(Object.keys(sheet)).toEqual(GAD7.items.map((i) => i.id));
    expect(columnTotal(sheet)).toBe(12);
    const score = scoreGad7(sheet);
    expect([score.total, score.band?.id]).toEqual([12, 'moderate']);
    expect(score.flags.length).toBe(1);
  });
});

describe('AUDIT (WHO manual WHO/MSD/MSB/01.6a: items 1–8 score 0–4, items 9–10 score 0, 2 or 4; zones I–IV)', () => {
  // Drinks 2–3 times a week (3), 5 or 6 drinks (2), six or more weekly (3); monthly unable to stop (2), less than
  // monthly failed expectations (1), never a morning drink (0), monthly guilt (2), less than monthly blackout (1);
  // injury "yes, but not in the last year" (2); someone concerned "yes, during the last year" (4).
  // 3 + 2 + 3 + 2 + 1 + 0 + 2 + 1 + 2 + 4 = 20 → zone IV (20–40), referral to specialist.
  const sheet = { q1: 3, q2: 2, q3: 3, q4: 2, q5: 1, q6: 0, q7: 2, q8: 1, q9: 2, q10: 4 };

  it('scores 20, zone IV, and items 9–10 add their 2 and 4', () => {
    expect(Object.keys(sheet)).toEqual(AUDIT.items.map((i) => i.id));
    const score = scoreAudit(sheet);
    expect([score.total, score.band?.id]).toEqual([20, 'specialist-referral']);
    // The same sheet with "No" to both of items 9–10 drops by 6 into zone II (8–15).
    const without = scoreAudit({ ...sheet, q9: 0, q10: 0 });
    expect([without.total, without.band?.id]).toEqual([14, 'simple-advice']);
  });

  it('refuses 1 and 3 on items 9–10, which the manual does not offer', () => {
    expect(() => scoreAudit({ ...sheet, q9: 1 })).toThrow();
    expect(() => scoreAudit({ ...sheet, q10: 3 })).toThrow();
  });

  it('its first three items are an AUDIT-C of 8: positive for either sex, and high risk (8–12)', () => {
    const c = { q1: sheet.q1, q2: sheet.q2, q3: sheet.q3 };
    for (const sex of ['female', 'male'] as const) {
      const score = scoreAuditC(c, sex);
      expect(score.total).toBe(8);
      expect(score.flags.length).toBeGreaterThan(0);
    }
    // A sheet of 3 (monthly or less, 3–4 drinks, less than monthly binge) is positive for a woman only.
    const three = { q1: 1, q2: 1, q3: 1 };
    expect(scoreAuditC(three, 'female').flags.length).toBeGreaterThan(0);
    expect(scoreAuditC(three, 'male').flags).toEqual([]);
  });
});

describe('PCL-5 (VA National Center for PTSD scoring: items 0–4, total 0–80; DSM-5 rule: item ≥ 2 is endorsed, B≥1 C≥1 D≥2 E≥2)', () => {
  // B (1–5): 3, 2, 1, 2, 1 = 9, three endorsed; C (6–7): 3, 2 = 5, both endorsed;
  // D (8–14): 0, 1, 2, 1, 2, 1, 0 = 7, two endorsed; E (15–20): 2, 1, 1, 3, 1, 0 = 8, two endorsed.
  // Total 29: below the 31–33 cut-off, yet the cluster rule is met — the VA guidance scores both for this reason.
  const clusterRuleOnly = [3, 2, 1, 2, 1, 3, 2, 0, 1, 2, 1, 2, 1, 0, 2, 1, 1, 3, 1, 0];
  // Every item "A little bit" (1) except four "Quite a bit" (3) in B: 16 + 12 = 28 → C has no endorsed item.
  const noAvoidance = [3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  // Every item "Moderately" (2): 40, over the cut-off, and every cluster endorsed.
  const allModerate = Array.from({ length: 20 }, () => 2);
  const sheet = (values: number[]) => Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));

  it.each([
    ['cluster rule met below the cut-off', clusterRuleOnly, 29, { B: 9, C: 5, D: 7, E: 8 }, ['pcl5-dsm5-rule']],
    ['no avoidance symptom: neither', noAvoidance, 28, { B: 13, C: 2, D: 7, E: 6 }, []],
    ['all moderate: both', allModerate, 40, { B: 10, C: 4, D: 14, E: 12 }, ['pcl5-cutoff', 'pcl5-dsm5-rule']],
  ])('%s', (_name, values, total, clusters, flags) => {
    const score = scorePcl5(sheet(values));
    expect(score.total).toBe(total);
    expect(score.subscales).toEqual(clusters);
    expect(codes(score)).toEqual([...flags].sort());
  });
});

describe('BAM (Cacciola et al. 2013 manual, Likert form: Use 4+5+6, Risk 1+2+3+8+11+15, Protective 9+10+12+13+14+16)', () => {
  // A week-3 IOP participant: good health (2); 4–8 nights poor sleep (2); 1–3 low days (1); 1–3 drinking days (1),
  // no heavy drinking (0), no drug days (0); cravings slightly (1); confidence considerably (3); 9–15 days of
  // meetings (3); no risky situations (0); spirituality moderately (2); 16–30 days at work (4); enough income (yes,
  // 4); family arguments slightly (1); 16–30 days with supportive people (4); satisfied considerably (not scored).
  const sheet = {
    q1: 2,
    q2: 2,
    q3: 1,
    q4: 1,
    q5: 0,
    q6: 0,
    q8: 1,
    q9: 3,
    q10: 3,
    q11: 0,
    q12: 2,
    q13: 4,
    q14: 1,
    q15: 1,
    q16: 4,
    q17: 3,
  };

  it('Use 1 (any use flags), Risk 7 (under 12), Protective 20 (over 12); item 17 counts nowhere', () => {
    const score = scoreBam(sheet);
    expect(score.subscales).toEqual({ use: 1, risk: 7, protective: 20 });
    expect(codes(score)).toEqual(['bam-use']);
    expect(scoreBam({ ...sheet, q17: 0 }).subscales).toEqual(score.subscales);
  });
});
