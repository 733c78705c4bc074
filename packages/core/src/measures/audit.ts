/**
 * AUDIT (WHO, Babor et al. 2001, WHO/MSD/MSB/01.6a) and its first three items as the AUDIT-C.
 * Scoring, zones and AUDIT-C cut-offs by sex: shared/domain.md §4.
 */
import type {
  AnswerOption,
  Instrument,
  InstrumentItem,
  MeasureFlag,
  MeasureScore,
  SeverityBand,
} from './instrument.ts';
import { bandFor, checkedAnswers, itemRange, scaleOptions, scoreByTotal, sumPoints } from './instrument.ts';

const HOW_OFTEN = scaleOptions(['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily']);

/** Items 9 and 10 score 0, 2 or 4; the stored value is the score, so 1 and 3 are out of range. */
const INJURY_OR_CONCERN: readonly AnswerOption[] = [
  { value: 0, label: 'No', points: 0 },
  { value: 2, label: 'Yes, but not in the last year', points: 2 },
  { value: 4, label: 'Yes, during the last year', points: 4 },
];

const AUDIT_ITEMS: readonly InstrumentItem[] = [
  {
    id: 'q1',
    number: '1',
    text: 'How often do you have a drink containing alcohol?',
    options: scaleOptions([
      'Never',
      'Monthly or less',
      '2 to 4 times a month',
      '2 to 3 times a week',
      '4 or more times a week',
    ]),
  },
  {
    id: 'q2',
    number: '2',
    text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
    options: scaleOptions(['1 or 2', '3 or 4', '5 or 6', '7, 8 or 9', '10 or more']),
  },
  { id: 'q3', number: '3', text: 'How often do you have six or more drinks on one occasion?', options: HOW_OFTEN },
  ...[
    'How often during the last year have you found that you were not able to stop drinking once you had started?',
    'How often during the last year have you failed to do what was normally expected from you because of drinking?',
    'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
    'How often during the last year have you had a feeling of guilt or remorse after drinking?',
    'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
  ].map((text, i) => ({ id: `q${i + 4}`, number: String(i + 4), text, options: HOW_OFTEN })),
  {
    id: 'q9',
    number: '9',
    text: 'Have you or someone else been injured as a result of your drinking?',
    options: INJURY_OR_CONCERN,
  },
  {
    id: 'q10',
    number: '10',
    text: 'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
    options: INJURY_OR_CONCERN,
  },
];

const WHO_LICENCE = 'WHO instrument, free to use (WHO/MSD/MSB/01.6a; domain.md §0).';

export const AUDIT: Instrument = {
  id: 'audit',
  shortName: 'AUDIT',
  title: 'Alcohol Use Disorders Identification Test',
  recall: 'Questions 4 to 10 ask about the last year.',
  wording: 'published',
  licence: WHO_LICENCE,
  // domain.md names no LOINC codes for the AUDIT.
  loinc: {},
  direction: 'lower-is-better',
  items: AUDIT_ITEMS,
};

export const AUDIT_C: Instrument = {
  id: 'audit-c',
  shortName: 'AUDIT-C',
  title: 'AUDIT-Consumption (AUDIT items 1–3)',
  recall: 'Your drinking now.',
  wording: 'published',
  licence: WHO_LICENCE,
  // domain.md names no LOINC codes for the AUDIT-C.
  loinc: {},
  direction: 'lower-is-better',
  items: AUDIT_ITEMS.slice(0, 3),
};

/** AUDIT risk zones by total (WHO manual; domain.md §4). */
export const AUDIT_BANDS: readonly SeverityBand[] = [
  { id: 'low-risk', label: 'Low risk', min: 0, max: 7 },
  { id: 'simple-advice', label: 'Simple advice', min: 8, max: 15 },
  { id: 'brief-counselling', label: 'Advice, brief counselling and monitoring', min: 16, max: 19 },
  { id: 'specialist-referral', label: 'Referral to specialist', min: 20, max: 40 },
];

/** AUDIT total at or above which the screen is positive: the standard cut (domain.md §4; some guidance uses ≥ 7 for women). */
export const AUDIT_POSITIVE_CUTOFF = 8;

/**
 * Sex assigned at birth as a participant's record holds it for scoring purposes only (the AUDIT-C cut-offs are
 * validated by sex assigned at birth, domain.md §4). `unknown` covers "not recorded" and "not asked or declined": no
 * one has to answer. It says nothing about gender; pronouns are a separate field.
 */
export const SEXES_FOR_SCORING = ['female', 'male', 'unknown'] as const;
export type SexForScoring = (typeof SEXES_FOR_SCORING)[number];

/** Plain labels for the record's field. */
export const SEX_FOR_SCORING_LABELS: Readonly<Record<SexForScoring, string>> = {
  female: 'Female',
  male: 'Male',
  unknown: 'Not recorded',
};

/** Sex as the AUDIT-C cut-offs use it; null when not recorded. */
export type ScreeningSex = 'female' | 'male' | null;

/** The record's value as scoring uses it: `unknown` is "not recorded". */
export function screeningSexOf(sex: SexForScoring | null | undefined): ScreeningSex {
  return sex === 'female' || sex === 'male' ? sex : null;
}

/**
 * AUDIT-C positive-screen cut-offs: ≥ 4 for men, ≥ 3 for women (domain.md §4). When sex is not recorded the lower
 * cut-off is used: missing a positive screen costs more than a second look.
 */
export const AUDIT_C_POSITIVE_CUTOFF = { male: 4, female: 3, unrecorded: 3 } as const;

/** AUDIT-C total from which drinking is high risk, whatever the sex (domain.md §4). */
export const AUDIT_C_HIGH_RISK = 8;

/** AUDIT-C bands for a person of this sex: negative, positive (cut-off by sex) and high risk (8–12). */
export function auditCBands(sex: ScreeningSex): readonly SeverityBand[] {
  const cut = AUDIT_C_POSITIVE_CUTOFF[sex ?? 'unrecorded'];
  return [
    { id: 'negative', label: 'Negative screen', min: 0, max: cut - 1 },
    { id: 'positive', label: 'Positive screen', min: cut, max: AUDIT_C_HIGH_RISK - 1 },
    { id: 'high-risk', label: 'High risk', min: AUDIT_C_HIGH_RISK, max: 12 },
  ];
}

/** Score an AUDIT: total 0–40, risk zone, and a positive-screen flag at 8. */
export function scoreAudit(answers: Readonly<Record<string, unknown>>): MeasureScore {
  return scoreByTotal(AUDIT, answers, AUDIT_BANDS, {
    cutoff: AUDIT_POSITIVE_CUTOFF,
    code: 'audit-positive',
    meaning: 'hazardous or harmful drinking',
  });
}

/**
 * Which AUDIT-C cut-off a score used, in a sentence shown beside the score: the cut-off for the recorded sex, or, when
 * sex is not recorded, the lower one and why.
 */
export function auditCCutoffNote(sex: ScreeningSex): string {
  if (sex === 'male') return `Positive at ${AUDIT_C_POSITIVE_CUTOFF.male} or more (cut-off for males).`;
  if (sex === 'female') return `Positive at ${AUDIT_C_POSITIVE_CUTOFF.female} or more (cut-off for females).`;
  return (
    `Positive at ${AUDIT_C_POSITIVE_CUTOFF.unrecorded} or more: sex assigned at birth is not recorded, so the lower ` +
    `cut-off (for females) was applied, so that a positive screen is not missed.`
  );
}

/** Score an AUDIT-C: total 0–12 with the band and positive-screen flag for the person's sex, and which cut-off was used. */
export function scoreAuditC(answers: Readonly<Record<string, unknown>>, sex: ScreeningSex): MeasureScore {
  const total = sumPoints(AUDIT_C, checkedAnswers(AUDIT_C, answers), itemRange('q', 1, 3));
  const band = bandFor(auditCBands(sex), total);
  const flags: MeasureFlag[] =
    band.id === 'negative'
      ? []
      : [
          {
            code: 'audit-c-positive',
            kind: 'screen',
            message: `Total ${total} is a positive AUDIT-C screen${band.id === 'high-risk' ? ' (high risk)' : ''}.`,
          },
        ];
  return { instrument: 'audit-c', total, band, subscales: {}, flags, scoringNote: auditCCutoffNote(sex) };
}
