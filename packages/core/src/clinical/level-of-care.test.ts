import { describe, expect, it } from 'vitest';
import { ASAM_DIMENSIONS, ASAM_EDITIONS, asamDimension, isAsamRiskRating, type AsamRiskRating } from './asam.ts';
import {
  LEVEL_OF_CARE_GUIDANCE_NOTICE,
  levelOfCareGuidance,
  type LevelOfCareFlag,
  type PlacementLevel,
} from './level-of-care.ts';
import { levelOfCareAssessmentInputSchema } from './level-of-care-assessment.ts';

/** Six ratings, all `base` except the ones given by dimension number. */
function ratings(base: AsamRiskRating, overrides: Record<number, AsamRiskRating> = {}) {
  return ([1, 2, 3, 4, 5, 6] as const).map((dimension) => ({ dimension, rating: overrides[dimension] ?? base }));
}

describe('ASAM dimensions, versioned by edition', () => {
  it.each([
    ['asam-3', 4, 'Readiness to Change'],
    ['asam-3', 6, 'Recovery/Living Environment'],
    ['asam-4', 1, 'Intoxication, Withdrawal, and Addiction Medications'],
    ['asam-4', 4, 'Substance Use-Related Risks'],
    ['asam-4', 6, 'Person-Centered Considerations'],
  ] as const)('%s dimension %i is %s', (edition, n, name) => {
    expect(asamDimension(edition, n).name).toBe(name);
  });

  it('has six dimensions numbered 1–6 in each edition, the first three acute', () => {
    for (const edition of ASAM_EDITIONS) {
      expect(ASAM_DIMENSIONS[edition].map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(ASAM_DIMENSIONS[edition].filter((d) => d.acute).map((d) => d.number)).toEqual([1, 2, 3]);
    }
  });

  it('the 4th edition no longer has Readiness to Change', () => {
    expect(ASAM_DIMENSIONS['asam-4'].some((d) => d.name === 'Readiness to Change')).toBe(false);
  });

  it.each([
    [0, true],
    [4, true],
    [-1, false],
    [5, false],
    [2.5, false],
  ])('%d is a risk rating: %s', (value, ok) => {
    expect(isAsamRiskRating(value)).toBe(ok);
  });
});

describe('level-of-care guidance (not the ASAM algorithm)', () => {
  const cases: [string, ReturnType<typeof ratings>, LevelOfCareFlag[], PlacementLevel, PlacementLevel][] = [
    ['all none → outpatient', ratings(0), [], 'op', 'op'],
    ['all mild → outpatient', ratings(1), [], 'op', 'op'],
    ['one moderate sets the floor at IOP', ratings(1, { 5: 2 }), [], 'iop', 'iop'],
    ['one significant sets PHP, never averaged down', ratings(0, { 3: 3 }), [], 'php', 'php'],
    ['very severe withdrawal (acute D1) → inpatient', ratings(1, { 1: 4 }), [], 'inpatient', 'inpatient'],
    ['very severe environment (D6) alone → residential, not Level 4', ratings(1, { 6: 4 }), [], 'residential', 'residential'],
    ['very severe readiness (D4) alone → residential', ratings(0, { 4: 4 }), [], 'residential', 'residential'],
    ['meal support raises IOP to PHP', ratings(2), ['eating_disorder_needs_meal_support'], 'iop', 'php'],
    ['no stable home raises to residential', ratings(2), ['no_stable_supportive_home'], 'iop', 'residential'],
    ['medically managed withdrawal → inpatient', ratings(2), ['needs_medically_managed_withdrawal'], 'iop', 'inpatient'],
    ['imminent safety risk → inpatient', ratings(1), ['imminent_safety_risk'], 'op', 'inpatient'],
    ['medical condition first → inpatient', ratings(1), ['medical_condition_to_treat_first'], 'op', 'inpatient'],
    ['not motivated cannot go below a moderate floor', ratings(2), ['not_yet_motivated'], 'iop', 'iop'],
    ['not motivated with mild ratings stays outpatient', ratings(1), ['not_yet_motivated'], 'op', 'op'],
    ['a flag for more outweighs one for less', ratings(2), ['not_yet_motivated', 'imminent_safety_risk'], 'iop', 'inpatient'],
  ];
  it.each(cases)('%s', (_name, r, flags, floor, suggested) => {
    const g = levelOfCareGuidance('asam-3', r, flags);
    expect(g.floor).toBe(floor);
    expect(g.suggested).toBe(suggested);
  });

  it('names the dimensions at the highest rating as the ones setting the floor', () => {
    const g = levelOfCareGuidance('asam-4', ratings(1, { 2: 3, 5: 3 }), []);
    expect(g.highestRating).toBe(3);
    expect(g.floorDimensions).toEqual([2, 5]);
  });

  it('no dimension sets the floor when all ratings are none', () => {
    expect(levelOfCareGuidance('asam-4', ratings(0), []).floorDimensions).toEqual([]);
  });

  it('says whether anything argues against IOP', () => {
    expect(levelOfCareGuidance('asam-3', ratings(2), []).againstIop).toBe(false);
    expect(levelOfCareGuidance('asam-3', ratings(2), ['not_yet_motivated']).againstIop).toBe(true);
    expect(levelOfCareGuidance('asam-3', ratings(3), []).againstIop).toBe(true);
  });

  it('carries the guidance notice and each flag once with its direction', () => {
    const g = levelOfCareGuidance('asam-3', ratings(2), ['not_yet_motivated', 'not_yet_motivated']);
    expect(g.notice).toBe(LEVEL_OF_CARE_GUIDANCE_NOTICE);
    expect(g.notice).toMatch(/not the licensed ASAM/);
    expect(g.flags).toEqual([{ flag: 'not_yet_motivated', label: expect.any(String), direction: 'less', suggests: 'op' }]);
  });
});

describe('level-of-care assessment input', () => {
  const valid = {
    assessedOn: '2026-03-02',
    edition: 'asam-3',
    ratings: ratings(2).map((r) => ({ ...r, rationale: 'Reported daily use; no withdrawal history.' })),
    flags: [],
    recommendedLevel: 'iop',
    chosenLevel: 'iop',
  };
  const paths = (input: unknown) => {
    const r = levelOfCareAssessmentInputSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts matching levels without a variance reason', () => {
    expect(paths(valid)).toEqual([]);
  });

  it.each([
    ['a rating above 4', { ratings: valid.ratings.map((r, i) => (i === 2 ? { ...r, rating: 5 } : r)) }, 'ratings.2.rating'],
    ['a negative rating', { ratings: valid.ratings.map((r, i) => (i === 0 ? { ...r, rating: -1 } : r)) }, 'ratings.0.rating'],
    ['a fractional rating', { ratings: valid.ratings.map((r, i) => (i === 0 ? { ...r, rating: 1.5 } : r)) }, 'ratings.0.rating'],
    ['an empty rationale', { ratings: valid.ratings.map((r, i) => (i === 4 ? { ...r, rationale: '  ' } : r)) }, 'ratings.4.rationale'],
    ['a missing dimension', { ratings: valid.ratings.slice(0, 5) }, 'ratings'],
    ['a dimension twice', { ratings: [...valid.ratings, valid.ratings[0]] }, 'ratings'],
    ['a dimension 7', { ratings: [...valid.ratings.slice(0, 5), { dimension: 7, rating: 1, rationale: 'x' }] }, 'ratings.5.dimension'],
    ['levels differing with no reason', { chosenLevel: 'op' }, 'varianceReason'],
    ['"other" with no note', { chosenLevel: 'op', varianceReason: 'other' }, 'varianceNote'],
    ['a reason when the levels match', { varianceReason: 'participant_preference' }, 'varianceReason'],
    ['an unknown flag', { flags: ['homeless'] }, 'flags.0'],
    ['an impossible date', { assessedOn: '2026-02-30' }, 'assessedOn'],
  ])('refuses %s, naming %s', (_name, change, path) => {
    expect(paths({ ...valid, ...change })).toContain(path);
  });

  it('accepts a differing level with a coded reason', () => {
    expect(paths({ ...valid, chosenLevel: 'op', varianceReason: 'participant_preference' })).toEqual([]);
  });
});
