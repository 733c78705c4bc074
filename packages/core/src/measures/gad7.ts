/** GAD-7 (Spitzer, Kroenke, Williams, Löwe 2006): seven items, 0–3 over the past two weeks, total 0–21 (domain.md §4). */
import type { Instrument, MeasureScore, SeverityBand } from './instrument.ts';
import { numberedItems, scoreByTotal } from './instrument.ts';
import { FREQUENCY_OPTIONS } from './phq9.ts';

export const GAD7: Instrument = {
  id: 'gad-7',
  shortName: 'GAD-7',
  title: 'Generalized Anxiety Disorder-7',
  recall: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  wording: 'published',
  licence: 'Free to reproduce, translate and display without permission (Pfizer educational grant; domain.md §0).',
  // domain.md names no LOINC codes for the GAD-7, so none are given here.
  loinc: {},
  direction: 'lower-is-better',
  items: numberedItems(
    'q',
    [
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid, as if something awful might happen',
    ],
    FREQUENCY_OPTIONS,
  ),
};

/** GAD-7 severity bands (domain.md §4). */
export const GAD7_BANDS: readonly SeverityBand[] = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'severe', label: 'Severe', min: 15, max: 21 },
];

/** GAD-7 screening cut-off: ≥ 10, sensitivity 89%, specificity 82% (domain.md §4; some use ≥ 8). */
export const GAD7_SCREEN_CUTOFF = 10;

/** Score a GAD-7: total, band, and a positive-screen flag at the cut-off. */
export function scoreGad7(answers: Readonly<Record<string, unknown>>): MeasureScore {
  return scoreByTotal(GAD7, answers, GAD7_BANDS, {
    cutoff: GAD7_SCREEN_CUTOFF,
    code: 'gad7-positive',
    meaning: 'anxiety disorder likely',
  });
}
