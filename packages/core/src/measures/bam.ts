/**
 * Brief Addiction Monitor (Cacciola et al. 2013; VA): 17 items on the past 30 days, read item by item and as three
 * subscales — Use (4–6), Risk (1, 2, 3, 8, 11, 15) and Protective (9, 10, 12, 13, 14, 16). This is the Likert form:
 * every scored item 0–4, day counts grouped 0 / 1–3 / 4–8 / 9–15 / 16–30. Subscales and cut-offs: domain.md §4.
 * Items 7A–G (which drugs) elaborate item 6 and item 17 (satisfaction with progress) is not scored. The weekly
 * variant with a 7-day recall is not modelled here: its day groups are not in domain.md.
 */
import type {
  AnswerOption,
  Instrument,
  InstrumentItem,
  MeasureFlag,
  MeasureScore,
  SeverityBand,
} from './instrument.ts';
import { checkedAnswers, scaleOptions, sumPoints } from './instrument.ts';

const DAYS = scaleOptions(['0 days', '1–3 days', '4–8 days', '9–15 days', '16–30 days']);
const HOW_MUCH = scaleOptions(['Not at all', 'Slightly', 'Moderately', 'Considerably', 'Extremely']);
const HEALTH = scaleOptions(['Excellent', 'Very good', 'Good', 'Fair', 'Poor']);
/** Item 14 scores 4 for "yes" on the Likert form, so it weighs like the other protective items. */
const ENOUGH_INCOME: readonly AnswerOption[] = [
  { value: 0, label: 'No', points: 0 },
  { value: 1, label: 'Yes', points: 4 },
];
const ASKED_IF_DRUG_USE = { item: 'q6', values: [1, 2, 3, 4] } as const;

const item = (id: string, number: string, text: string, options: readonly AnswerOption[]): InstrumentItem => ({
  id,
  number,
  text,
  options,
});

const DRUGS: readonly [string, string][] = [
  ['a', 'Marijuana'],
  ['b', 'Sedatives or tranquilizers'],
  ['c', 'Cocaine or crack'],
  ['d', 'Other stimulants'],
  ['e', 'Opioids'],
  ['f', 'Inhalants'],
  ['g', 'Other drugs'],
];

export const BAM: Instrument = {
  id: 'bam',
  shortName: 'BAM',
  title: 'Brief Addiction Monitor',
  recall: 'In the past 30 days.',
  // Public-domain status is not settled in domain.md §0 (general knowledge, verify), so items are our short paraphrases.
  wording: 'paraphrase',
  licence:
    'VA (Cacciola et al.; Philadelphia CESATE / VISN 4 MIRECC); public-domain status unverified (domain.md §0). Item texts here are short paraphrases, not the published wording.',
  // domain.md names no LOINC codes for the BAM.
  loinc: {},
  direction: null,
  items: [
    item('q1', '1', 'Physical health', HEALTH),
    item('q2', '2', 'Nights with trouble falling or staying asleep', DAYS),
    item('q3', '3', 'Days feeling depressed, anxious, angry or very upset most of the day', DAYS),
    item('q4', '4', 'Days drinking any alcohol', DAYS),
    item('q5', '5', 'Days of heavy drinking (5 or more drinks for men, 4 or more for women)', DAYS),
    item('q6', '6', 'Days using street drugs or misusing prescription medication', DAYS),
    ...DRUGS.map(([letter, drug]) => ({
      ...item(`q7${letter}`, `7${letter.toUpperCase()}`, `Days using: ${drug}`, DAYS),
      enableWhen: ASKED_IF_DRUG_USE,
    })),
    item('q8', '8', 'Bothered by cravings or urges to drink or use drugs', HOW_MUCH),
    item('q9', '9', 'Confidence in staying completely abstinent for the next 30 days', HOW_MUCH),
    item('q10', '10', 'Days attending self-help meetings (such as AA or NA)', DAYS),
    item('q11', '11', 'Days in risky situations or with people who raise the risk of using', DAYS),
    item('q12', '12', 'Religion or spirituality supports recovery', HOW_MUCH),
    item('q13', '13', 'Days spent mostly at work, school or volunteering', DAYS),
    item('q14', '14', 'Enough legal income for housing, food, transport and clothing', ENOUGH_INCOME),
    item('q15', '15', 'Bothered by arguments or problems with family or friends', HOW_MUCH),
    item('q16', '16', 'Days in contact with family or friends who support recovery', DAYS),
    item('q17', '17', 'Satisfaction with progress toward recovery goals', HOW_MUCH),
  ],
};

/** The BAM has no validated total and so no bands (domain.md §4); its subscales carry cut-offs instead. */
export const BAM_BANDS: readonly SeverityBand[] = [];

/** BAM subscales and their items (domain.md §4). */
export const BAM_SUBSCALES = {
  use: ['q4', 'q5', 'q6'],
  risk: ['q1', 'q2', 'q3', 'q8', 'q11', 'q15'],
  protective: ['q9', 'q10', 'q12', 'q13', 'q14', 'q16'],
} as const;

/** Likert-form cut-offs: any Use (≥ 1), Risk ≥ 12, Protective ≤ 12 (domain.md §4). */
export const BAM_CUTOFFS = { useAtLeast: 1, riskAtLeast: 12, protectiveAtMost: 12 } as const;

/** Score a BAM: the three subscales and a screen flag for each one past its cut-off. */
export function scoreBam(answers: Readonly<Record<string, unknown>>): MeasureScore {
  const a = checkedAnswers(BAM, answers);
  const use = sumPoints(BAM, a, BAM_SUBSCALES.use);
  const risk = sumPoints(BAM, a, BAM_SUBSCALES.risk);
  const protective = sumPoints(BAM, a, BAM_SUBSCALES.protective);
  const flags: MeasureFlag[] = [];
  if (use >= BAM_CUTOFFS.useAtLeast)
    flags.push({ code: 'bam-use', kind: 'screen', message: 'Alcohol or drug use reported.' });
  if (risk >= BAM_CUTOFFS.riskAtLeast)
    flags.push({
      code: 'bam-risk',
      kind: 'screen',
      message: `Risk factors ${risk} of 24: at or above ${BAM_CUTOFFS.riskAtLeast}.`,
    });
  if (protective <= BAM_CUTOFFS.protectiveAtMost) {
    flags.push({
      code: 'bam-protective-low',
      kind: 'screen',
      message: `Protective factors ${protective} of 24: at or below ${BAM_CUTOFFS.protectiveAtMost}.`,
    });
  }
  return { instrument: 'bam', total: null, band: null, subscales: { use, risk, protective }, flags };
}
