/**
 * DAST-10 (Skinner 1982): ten yes/no questions about drug use in the past 12 months (not alcohol or tobacco), one
 * point per answer pointing to a problem; item 3 is reversed ("No" scores 1). Bands: shared/domain.md §4.
 */
import type { AnswerOption, Instrument, MeasureScore, SeverityBand } from './instrument.ts';
import { numberedItems, scoreByTotal } from './instrument.ts';

/** Yes/no answers as stored (1 = yes, 0 = no), scoring a point for "yes". */
export const YES_NO: readonly AnswerOption[] = [
  { value: 0, label: 'No', points: 0 },
  { value: 1, label: 'Yes', points: 1 },
];

/** The reversed form: "no" scores the point. */
const YES_NO_REVERSED: readonly AnswerOption[] = [
  { value: 0, label: 'No', points: 1 },
  { value: 1, label: 'Yes', points: 0 },
];

const items = numberedItems(
  'q',
  [
    'Used drugs other than those needed for medical reasons',
    'Used more than one drug at a time',
    'Always able to stop using drugs when wanting to',
    'Had blackouts or flashbacks from drug use',
    'Felt bad or guilty about drug use',
    'Spouse or parents complained about drug involvement',
    'Neglected family because of drug use',
    'Engaged in illegal activities to obtain drugs',
    'Had withdrawal symptoms on stopping drugs',
    'Had medical problems from drug use',
  ],
  YES_NO,
).map((item) => (item.id === 'q3' ? { ...item, options: YES_NO_REVERSED } : item));

export const DAST10: Instrument = {
  id: 'dast-10',
  shortName: 'DAST-10',
  title: 'Drug Abuse Screening Test (10 items)',
  recall: 'In the past 12 months, not counting alcohol or tobacco.',
  // © H. A. Skinner, held via CAMH: commercial redistribution needs permission, so items are our short paraphrases.
  wording: 'paraphrase',
  licence:
    '© Harvey A. Skinner 1982 (CAMH); free for clinical and non-commercial use, redistribution needs permission (domain.md §0). Item texts here are short paraphrases, not the published wording.',
  // domain.md names no LOINC codes for the DAST-10.
  loinc: {},
  direction: 'lower-is-better',
  items,
};

/** DAST-10 bands (domain.md §4). */
export const DAST10_BANDS: readonly SeverityBand[] = [
  { id: 'none', label: 'No problems reported', min: 0, max: 0 },
  { id: 'low', label: 'Low', min: 1, max: 2 },
  { id: 'moderate', label: 'Moderate', min: 3, max: 5 },
  { id: 'substantial', label: 'Substantial', min: 6, max: 8 },
  { id: 'severe', label: 'Severe', min: 9, max: 10 },
];

/** Score a DAST-10: total 0–10 with item 3 reversed, and its band. domain.md defines no flag beyond the band. */
export function scoreDast10(answers: Readonly<Record<string, unknown>>): MeasureScore {
  return scoreByTotal(DAST10, answers, DAST10_BANDS);
}
