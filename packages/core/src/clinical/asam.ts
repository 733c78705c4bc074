/**
 * ASAM Criteria dimensions and risk ratings, as a versioned code system (`asam-3`, `asam-4`; domain.md §1.1).
 *
 * Licensing (domain.md §0): the ASAM Criteria's text and decision logic are proprietary. Trellis ships the dimension
 * names, a 0–4 risk rating with the clinician's rationale per dimension, and the level the clinician chooses — never
 * ASAM's placement algorithm. The guidance in `level-of-care.ts` is our own rule of thumb, labelled as such.
 */

/** The editions Trellis records ratings under; an assessment keeps the edition it was made in. */
export const ASAM_EDITIONS = ['asam-3', 'asam-4'] as const;
export type AsamEdition = (typeof ASAM_EDITIONS)[number];

export const ASAM_EDITION_LABELS: Record<AsamEdition, string> = {
  'asam-3': 'ASAM Criteria, 3rd edition (2013)',
  'asam-4': 'ASAM Criteria, 4th edition (2023)',
};

/** Dimensions are numbered 1–6 in both editions; the number is the key, the name depends on the edition. */
export const ASAM_DIMENSION_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export type AsamDimensionNumber = (typeof ASAM_DIMENSION_NUMBERS)[number];

export interface AsamDimension {
  number: AsamDimensionNumber;
  name: string;
  /**
   * Whether a very severe rating here points to medically managed care (withdrawal, biomedical, acute psychiatric
   * danger). Problems in the other dimensions alone do not justify Level 4 (domain.md §1.3).
   */
  acute: boolean;
}

/**
 * Dimension names per edition. 3rd ed. (2013) and 4th ed. (2023, adult volume) titles from domain.md §1.1
 * (3rd: studyhippo.com/asam-placement; 4th: open-exam-prep.com ICRC guide, jeopardylabs asam-4 — exact 4th-ed. titles
 * general knowledge, verify).
 */
export const ASAM_DIMENSIONS: Record<AsamEdition, readonly AsamDimension[]> = {
  'asam-3': [
    { number: 1, name: 'Acute Intoxication and/or Withdrawal Potential', acute: true },
    { number: 2, name: 'Biomedical Conditions and Complications', acute: true },
    { number: 3, name: 'Emotional, Behavioral, or Cognitive Conditions and Complications', acute: true },
    { number: 4, name: 'Readiness to Change', acute: false },
    { number: 5, name: 'Relapse, Continued Use, or Continued Problem Potential', acute: false },
    { number: 6, name: 'Recovery/Living Environment', acute: false },
  ],
  'asam-4': [
    { number: 1, name: 'Intoxication, Withdrawal, and Addiction Medications', acute: true },
    { number: 2, name: 'Biomedical Conditions', acute: true },
    { number: 3, name: 'Psychiatric and Cognitive Conditions', acute: true },
    { number: 4, name: 'Substance Use-Related Risks', acute: false },
    { number: 5, name: 'Recovery Environment Interactions', acute: false },
    { number: 6, name: 'Person-Centered Considerations', acute: false },
  ],
};

/** The dimension of an edition by number. */
export function asamDimension(edition: AsamEdition, number: AsamDimensionNumber): AsamDimension {
  const found = ASAM_DIMENSIONS[edition].find((d) => d.number === number);
  if (!found) throw new Error(`no dimension ${number} in ${edition}`);
  return found;
}

/**
 * Risk ratings 0–4, anchored in history and the here and now (domain.md §1.3, asamcontinuum.org knowledge base):
 * 0 none, 1 mild, 2 moderate, 3 significant/severe, 4 very severe/imminent.
 */
export const ASAM_RISK_RATINGS = [0, 1, 2, 3, 4] as const;
export type AsamRiskRating = (typeof ASAM_RISK_RATINGS)[number];
export const ASAM_RISK_RATING_MIN = 0;
export const ASAM_RISK_RATING_MAX = 4;

export const ASAM_RISK_RATING_LABELS: Record<AsamRiskRating, string> = {
  0: 'None',
  1: 'Mild',
  2: 'Moderate',
  3: 'Significant',
  4: 'Very severe / imminent',
};

/** Whether a number is a valid 0–4 risk rating. */
export function isAsamRiskRating(value: number): value is AsamRiskRating {
  return Number.isInteger(value) && value >= ASAM_RISK_RATING_MIN && value <= ASAM_RISK_RATING_MAX;
}

export interface DimensionRating {
  dimension: AsamDimensionNumber;
  rating: AsamRiskRating;
  rationale: string;
}
