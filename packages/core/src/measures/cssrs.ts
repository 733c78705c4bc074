/**
 * C-SSRS screener (Columbia Lighthouse Project): up to six yes/no questions with skip logic, triaged to a risk tier.
 * Question flow and tiers: shared/domain.md §4 (the item→tier mapping is marked general knowledge, verify).
 */
import type { Instrument, InstrumentItem, MeasureFlag, MeasureScore, SeverityBand } from './instrument.ts';
import { checkedAnswers } from './instrument.ts';
import { YES_NO } from './dast10.ts';

const ASKED_IF_THOUGHTS = { item: 'q2', values: [1] } as const;

const item = (id: string, number: string, text: string, enableWhen?: InstrumentItem['enableWhen']): InstrumentItem => ({
  id,
  number,
  text,
  options: YES_NO,
  ...(enableWhen ? { enableWhen } : {}),
});

export const CSSRS_SCREENER: Instrument = {
  id: 'c-ssrs-screener',
  shortName: 'C-SSRS',
  title: 'Columbia Suicide Severity Rating Scale, screener',
  recall: 'Questions 1 to 5 ask about the past month.',
  // Electronic integrations may need a (free) licence agreement (domain.md §0), so items are our short paraphrases.
  wording: 'paraphrase',
  licence:
    'Columbia Lighthouse Project; free to use, electronic integrations may need a free licence agreement (domain.md §0). Item texts here are short paraphrases, not the published wording.',
  // domain.md names no LOINC codes for the C-SSRS screener.
  loinc: {},
  direction: null,
  items: [
    item('q1', '1', 'Wished you were dead or could go to sleep and not wake up'),
    item('q2', '2', 'Had thoughts of killing yourself'),
    item('q3', '3', 'Thought about a method, how you might do it', ASKED_IF_THOUGHTS),
    item('q4', '4', 'Had these thoughts with some intention of acting on them', ASKED_IF_THOUGHTS),
    item('q5', '5', 'Worked out details of a plan, and intended to carry it out', ASKED_IF_THOUGHTS),
    item('q6', '6', 'Ever done, started or prepared to do anything to end your life'),
    item('q6-recent', '6 (when)', 'Was that in the past 3 months?', { item: 'q6', values: [1] }),
  ],
};

export const CSSRS_RISK_TIERS = ['none', 'low', 'moderate', 'high'] as const;
export type CssrsRiskTier = (typeof CSSRS_RISK_TIERS)[number];

/** The tiers as bands: they come from which questions were answered yes, not from a total. */
export const CSSRS_BANDS: readonly SeverityBand[] = [
  { id: 'none', label: 'No risk reported', min: null, max: null },
  { id: 'low', label: 'Low risk', min: null, max: null },
  { id: 'moderate', label: 'Moderate risk', min: null, max: null },
  { id: 'high', label: 'High risk', min: null, max: null },
];

const yes = (answers: Readonly<Record<string, number>>, id: string): boolean => answers[id] === 1;

/**
 * The screener's risk tier (domain.md §4): high = yes to 4 or 5, or behaviour within the past 3 months; moderate =
 * yes to 3, or behaviour more than 3 months ago; low = yes to 1 or 2 only; none otherwise.
 */
export function cssrsRiskTier(answers: Readonly<Record<string, number>>): CssrsRiskTier {
  const behaviour = yes(answers, 'q6');
  if (yes(answers, 'q4') || yes(answers, 'q5') || (behaviour && yes(answers, 'q6-recent'))) return 'high';
  if (yes(answers, 'q3') || behaviour) return 'moderate';
  if (yes(answers, 'q1') || yes(answers, 'q2')) return 'low';
  return 'none';
}

/** Score a C-SSRS screener: its risk tier, with a safety flag for high or moderate risk (issue 7). */
export function scoreCssrs(answers: Readonly<Record<string, unknown>>): MeasureScore {
  const tier = cssrsRiskTier(checkedAnswers(CSSRS_SCREENER, answers));
  const band = CSSRS_BANDS.find((b) => b.id === tier) ?? null;
  const flags: MeasureFlag[] =
    tier === 'high' || tier === 'moderate'
      ? [{ code: `cssrs-${tier}`, kind: 'safety', message: `C-SSRS screener: ${tier} suicide risk.` }]
      : [];
  return { instrument: 'c-ssrs-screener', total: null, band, subscales: {}, flags };
}
