/**
 * PCL-5 (Weathers et al. 2013, VA National Center for PTSD): twenty DSM-5 PTSD symptoms rated 0–4 over the past
 * month, total 0–80, with symptom clusters B–E. Cut-off, clusters and the DSM-5 rule: shared/domain.md §4.
 */
import type { Instrument, MeasureFlag, MeasureScore, SeverityBand } from './instrument.ts';
import { checkedAnswers, itemRange, numberedItems, scaleOptions, sumPoints } from './instrument.ts';
import type { Answers } from './instrument.ts';

export const PCL5: Instrument = {
  id: 'pcl-5',
  shortName: 'PCL-5',
  title: 'PTSD Checklist for DSM-5',
  recall: 'In the past month, how much were you bothered by:',
  wording: 'published',
  licence: 'VA National Center for PTSD; not copyrighted (domain.md §0).',
  // domain.md names no LOINC codes for the PCL-5.
  loinc: {},
  direction: 'lower-is-better',
  items: numberedItems(
    'q',
    [
      'Repeated, disturbing, and unwanted memories of the stressful experience?',
      'Repeated, disturbing dreams of the stressful experience?',
      'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
      'Feeling very upset when something reminded you of the stressful experience?',
      'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
      'Avoiding memories, thoughts, or feelings related to the stressful experience?',
      'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
      'Trouble remembering important parts of the stressful experience?',
      'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
      'Blaming yourself or someone else for the stressful experience or what happened after it?',
      'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
      'Loss of interest in activities that you used to enjoy?',
      'Feeling distant or cut off from other people?',
      'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
      'Irritable behavior, angry outbursts, or acting aggressively?',
      'Taking too many risks or doing things that could cause you harm?',
      'Being “superalert” or watchful or on guard?',
      'Feeling jumpy or easily startled?',
      'Having difficulty concentrating?',
      'Trouble falling or staying asleep?',
    ],
    scaleOptions(['Not at all', 'A little bit', 'Moderately', 'Quite a bit', 'Extremely']),
  ),
};

/**
 * The PCL-5 has no validated severity bands (domain.md §4), so it has none here; charts draw the provisional
 * cut-off instead.
 */
export const PCL5_BANDS: readonly SeverityBand[] = [];

/** Total at or above which PTSD is provisionally likely; the published range is 31–33, and 33 its upper end (domain.md §4). */
export const PCL5_PROVISIONAL_CUTOFF = 33;

/** An item rated at least this ("Moderately") counts as a symptom endorsed under the DSM-5 rule (domain.md §4). */
export const PCL5_SYMPTOM_THRESHOLD = 2;

/** DSM-5 symptom clusters by PCL-5 item, and how many endorsed symptoms each needs (domain.md §4). */
export const PCL5_CLUSTERS = {
  B: { label: 'Intrusion', items: itemRange('q', 1, 5), needed: 1 },
  C: { label: 'Avoidance', items: itemRange('q', 6, 7), needed: 1 },
  D: { label: 'Negative alterations in cognition and mood', items: itemRange('q', 8, 14), needed: 2 },
  E: { label: 'Alterations in arousal and reactivity', items: itemRange('q', 15, 20), needed: 2 },
} as const;
export type Pcl5Cluster = keyof typeof PCL5_CLUSTERS;
const CLUSTER_KEYS = Object.keys(PCL5_CLUSTERS) as Pcl5Cluster[];

/** Whether the answers meet the DSM-5 rule: at least 1 B, 1 C, 2 D and 2 E items rated 2 or more. */
export function meetsPcl5ClusterRule(answers: Answers): boolean {
  return CLUSTER_KEYS.every((key) => {
    const cluster = PCL5_CLUSTERS[key];
    const endorsed = cluster.items.filter((id) => (answers[id] ?? 0) >= PCL5_SYMPTOM_THRESHOLD).length;
    return endorsed >= cluster.needed;
  });
}

/**
 * Score a PCL-5: total, cluster severity sums (B–E), and screen flags for the provisional cut-off and for the DSM-5
 * cluster rule, which a total can meet without the other.
 */
export function scorePcl5(answers: Readonly<Record<string, unknown>>): MeasureScore {
  const a = checkedAnswers(PCL5, answers);
  const total = sumPoints(PCL5, a, itemRange('q', 1, 20));
  const subscales = Object.fromEntries(CLUSTER_KEYS.map((key) => [key, sumPoints(PCL5, a, PCL5_CLUSTERS[key].items)]));
  const flags: MeasureFlag[] = [];
  if (total >= PCL5_PROVISIONAL_CUTOFF) {
    flags.push({
      code: 'pcl5-cutoff',
      kind: 'screen',
      message: `Total ${total} is at or above ${PCL5_PROVISIONAL_CUTOFF}: provisional PTSD.`,
    });
  }
  if (meetsPcl5ClusterRule(a)) {
    flags.push({
      code: 'pcl5-dsm5-rule',
      kind: 'screen',
      message: 'Symptoms meet the DSM-5 cluster rule: provisional PTSD diagnosis.',
    });
  }
  return { instrument: 'pcl-5', total, band: null, subscales, flags };
}
