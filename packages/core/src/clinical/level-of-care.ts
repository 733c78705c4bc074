/**
 * Level-of-care decision SUPPORT. This is guidance written for Trellis from published rules of thumb (domain.md §1.3),
 * NOT the licensed ASAM placement algorithm (domain.md §0): the clinician chooses the level, and a level that differs
 * from the recommendation carries a variance reason.
 */
import { ASAM_DIMENSIONS, isAsamRiskRating, type AsamEdition, type AsamDimensionNumber, type AsamRiskRating } from './asam.ts';

/** Shown wherever the guidance is: it must never read as an ASAM placement. */
export const LEVEL_OF_CARE_GUIDANCE_NOTICE =
  'Guidance only: a rule of thumb from the dimension ratings and flags, not the licensed ASAM Criteria algorithm. ' +
  'The clinician decides the level of care.';

/**
 * The ladder of placements a program can recommend, least to most intensive. Program levels (`op`, `iop`, `php`)
 * match program-rules.ts; residential and inpatient are referrals out. ASAM equivalents (domain.md §1.2): op = 1
 * (4th ed. 1.5), iop = 2.1, php = 2.5 (4th ed. "High-Intensity Outpatient"), residential = clinically managed 3.1–3.5,
 * inpatient = medically monitored/managed 3.7–4 (withdrawal management included).
 */
export const PLACEMENT_LEVELS = ['op', 'iop', 'php', 'residential', 'inpatient'] as const;
export type PlacementLevel = (typeof PLACEMENT_LEVELS)[number];

export const PLACEMENT_LEVEL_LABELS: Record<PlacementLevel, string> = {
  op: 'Outpatient',
  iop: 'Intensive outpatient',
  php: 'Partial hospitalization',
  residential: 'Residential (clinically managed)',
  inpatient: 'Inpatient (medically monitored or managed)',
};

const rank = (level: PlacementLevel): number => PLACEMENT_LEVELS.indexOf(level);

/** The more intensive of two levels. */
export function moreIntensive(a: PlacementLevel, b: PlacementLevel): PlacementLevel {
  return rank(a) >= rank(b) ? a : b;
}

/** The least intensive level a single dimension's rating calls for: the highest rating sets the floor, never an average (domain.md §1.3). */
export const FLOOR_BY_RATING: Record<AsamRiskRating, PlacementLevel> = {
  0: 'op',
  1: 'op',
  2: 'iop',
  3: 'php',
  4: 'residential',
};

/**
 * Flags that argue against IOP. Each points one way: to more care (PHP, residential, inpatient) or to less (standard
 * outpatient). The suggested level per flag is Trellis guidance (domain.md §1.3: D1/D2 severity drives medical
 * management; an unsupportive environment calls for structure; IOP needs minimal withdrawal risk and stable D2/D3).
 */
export const LEVEL_OF_CARE_FLAGS = [
  'needs_medically_managed_withdrawal',
  'medical_condition_to_treat_first',
  'eating_disorder_needs_meal_support',
  'imminent_safety_risk',
  'no_stable_supportive_home',
  'not_yet_motivated',
] as const;
export type LevelOfCareFlag = (typeof LEVEL_OF_CARE_FLAGS)[number];

export interface FlagGuidance {
  label: string;
  direction: 'more' | 'less';
  suggests: PlacementLevel;
}

export const LEVEL_OF_CARE_FLAG_GUIDANCE: Record<LevelOfCareFlag, FlagGuidance> = {
  needs_medically_managed_withdrawal: { label: 'Needs medically managed withdrawal', direction: 'more', suggests: 'inpatient' },
  medical_condition_to_treat_first: { label: 'Medical condition to treat first', direction: 'more', suggests: 'inpatient' },
  eating_disorder_needs_meal_support: {
    label: 'Eating disorder needing meal support',
    direction: 'more',
    suggests: 'php',
  },
  imminent_safety_risk: { label: 'Imminent risk to self or others', direction: 'more', suggests: 'inpatient' },
  no_stable_supportive_home: { label: 'No stable or supportive home', direction: 'more', suggests: 'residential' },
  not_yet_motivated: { label: 'Not yet motivated for intensive treatment', direction: 'less', suggests: 'op' },
};

export interface LevelOfCareGuidance {
  /** The least intensive level the ratings allow. */
  floor: PlacementLevel;
  /** The dimensions at the highest rating: the ones that set the floor. */
  floorDimensions: AsamDimensionNumber[];
  highestRating: AsamRiskRating;
  /** The floor raised by any flag arguing for more; flags arguing for less never go below the floor. */
  suggested: PlacementLevel;
  /** The flags raised, with where each points. */
  flags: (FlagGuidance & { flag: LevelOfCareFlag })[];
  /** Whether anything (a rating or a flag) argues against intensive outpatient. */
  againstIop: boolean;
  notice: string;
}

/**
 * Guidance from six dimension ratings and the flags raised. A very severe (4) rating in an acute dimension (1–3)
 * points to inpatient; in the others it points to residential, since readiness, relapse or environment problems alone
 * do not justify Level 4 (domain.md §1.3).
 */
export function levelOfCareGuidance(
  edition: AsamEdition,
  ratings: readonly { dimension: number; rating: number }[],
  flags: readonly LevelOfCareFlag[],
): LevelOfCareGuidance {
  const dimensions = ASAM_DIMENSIONS[edition];
  let floor: PlacementLevel = 'op';
  let highestRating: AsamRiskRating = 0;
  for (const r of ratings) {
    const dim = dimensions.find((d) => d.number === r.dimension);
    if (!dim) throw new Error(`no dimension ${r.dimension} in ${edition}`);
    if (!isAsamRiskRating(r.rating)) throw new Error(`rating ${r.rating} is not 0–4`);
    const level = r.rating === 4 && dim.acute ? 'inpatient' : FLOOR_BY_RATING[r.rating];
    floor = moreIntensive(floor, level);
    if (r.rating > highestRating) highestRating = r.rating;
  }
  const floorDimensions = dimensions
    .filter((d) => highestRating > 0 && ratings.some((r) => r.dimension === d.number && r.rating === highestRating))
    .map((d) => d.number);

  const raised = [...new Set(flags)].map((flag) => ({ flag, ...LEVEL_OF_CARE_FLAG_GUIDANCE[flag] }));
  let suggested = floor;
  for (const f of raised) if (f.direction === 'more') suggested = moreIntensive(suggested, f.suggests);
  // A "less" flag only moves the suggestion down when the ratings allow it, i.e. when the floor is already below IOP.
  if (raised.some((f) => f.direction === 'less') && suggested === 'iop' && floor === 'op') suggested = 'op';

  return {
    floor,
    floorDimensions,
    highestRating,
    suggested,
    flags: raised,
    againstIop: suggested !== 'iop' || raised.length > 0,
    notice: LEVEL_OF_CARE_GUIDANCE_NOTICE,
  };
}

/**
 * Why the level chosen differs from the one recommended. Coded reasons as Minnesota MHIS uses for LOCUS/service
 * mismatches (domain.md §1.3): participant preference, service unavailable, other supports, and the usual others.
 */
export const VARIANCE_REASONS = [
  'participant_preference',
  'level_unavailable',
  'waitlist',
  'payer_decision',
  'other_supports',
  'clinical_judgement',
  'other',
] as const;
export type VarianceReason = (typeof VARIANCE_REASONS)[number];

export const VARIANCE_REASON_LABELS: Record<VarianceReason, string> = {
  participant_preference: 'Participant preference',
  level_unavailable: 'Recommended level not available',
  waitlist: 'Waiting for a place at the recommended level',
  payer_decision: 'Payer authorised a different level',
  other_supports: 'Other supports make up the difference',
  clinical_judgement: 'Clinical judgement',
  other: 'Other',
};

/** Whether a recommended/chosen pair needs a variance reason: whenever they differ. */
export function needsVarianceReason(recommended: PlacementLevel, chosen: PlacementLevel): boolean {
  return recommended !== chosen;
}
