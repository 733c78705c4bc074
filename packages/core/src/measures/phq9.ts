/**
 * PHQ-9 (Kroenke, Spitzer, Williams 2001): nine items, 0–3 over the past two weeks, total 0–27.
 * Bands, item-9 rule and LOINC codes: shared/domain.md §4.
 */
import type { Answers, Instrument, MeasureFlag, MeasureScore, SeverityBand } from './instrument.ts';
import { itemPoints, numberedItems, scaleOptions, scoreByTotal } from './instrument.ts';

/** The answer scale PHQ-9 and GAD-7 share, with the LOINC answer codes of the US Core PHQ-9 example (domain.md §4). */
export const FREQUENCY_OPTIONS = scaleOptions(
  ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
  ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'],
);

export const PHQ9: Instrument = {
  id: 'phq-9',
  shortName: 'PHQ-9',
  title: 'Patient Health Questionnaire-9',
  recall: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  wording: 'published',
  licence: 'Free to reproduce, translate and display without permission (Pfizer educational grant; domain.md §0).',
  // Panel 44249-1 and total 44261-6: domain.md §4 (general knowledge, verify).
  loinc: { panel: '44249-1', total: '44261-6' },
  direction: 'lower-is-better',
  items: numberedItems(
    'q',
    [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ],
    FREQUENCY_OPTIONS,
    // Item codes in item order: US Core QuestionnaireResponse PHQ-9 example; item 9 44260-8 (domain.md §4).
    ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
  ),
};

/** PHQ-9 severity bands (Kroenke 2001; domain.md §4). */
export const PHQ9_BANDS: readonly SeverityBand[] = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { id: 'severe', label: 'Severe', min: 20, max: 27 },
];

/** PHQ-9 total at or above which major depression is likely: sensitivity 88%, specificity 88% (Kroenke 2001; domain.md §4). */
export const PHQ9_SCREEN_CUTOFF = 10;

/** Score a PHQ-9: total, band, and a safety flag whenever item 9 is above 0, whatever the total (domain.md §4). */
export function scorePhq9(answers: Readonly<Record<string, unknown>>): MeasureScore {
  const score = scoreByTotal(PHQ9, answers, PHQ9_BANDS, {
    cutoff: PHQ9_SCREEN_CUTOFF,
    code: 'phq9-positive',
    meaning: 'major depression likely',
  });
  if (itemPoints(PHQ9, answers as Answers, 'q9') === 0) return score;
  const item9: MeasureFlag = {
    code: 'phq9-item9',
    kind: 'safety',
    message: 'Item 9 (thoughts of death or self-harm) answered above “Not at all”: same-day risk follow-up.',
  };
  return { ...score, flags: [item9, ...score.flags] };
}
