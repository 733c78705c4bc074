import { describe, expect, it } from 'vitest';
import {
  firstMissingAnswer,
  intakeAssessmentDraftSchema,
  intakeAssessmentSignedSchema,
  levelOfCareFlagsFromAssessment,
  mayReachEpisodeAssessment,
  mayReachInquiryAssessment,
  type IntakeAssessmentContent,
} from './intake-assessment.ts';

/** A complete assessment of a synthetic person: every answer given, nothing that raises a flag. */
const completeAssessment: IntakeAssessmentContent = {
  presentingProblem: 'Drinking more since losing work; wants to stop.',
  mentalHealthHistory: 'Depression treated in 2022 with sertraline.',
  substanceUse: {
    substances: [{ substance: 'alcohol', route: 'oral', frequency: 'daily', lastUse: '2026-11-16', priorTreatment: 'None' }],
  },
  currentSymptoms: 'Low mood, poor sleep.',
  stressorsAndSupports: { homeStability: 'stable_supportive', stressors: 'Unemployment', supportsRecovery: 'Sister' },
  medical: { conditions: 'Hypertension', needs: 'Blood pressure checks', treatFirst: false },
  medications: 'Lisinopril 10 mg daily',
  legal: 'None',
  obligations: { workSchool: 'Job search', family: 'Shares care of one child' },
  strengths: 'Motivated, good family ties',
  riskScreen: { suicidalIdeation: 'none', harmToOthers: 'none', withdrawalRisk: 'mild', eatingDisorderNeedsMealSupport: false, readiness: 'ready' },
};

const without = (path: string): IntakeAssessmentContent => {
  const copy = structuredClone(completeAssessment) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  delete at[keys.at(-1)!];
  return copy;
};

describe('firstMissingAnswer', () => {
  it('is null for a complete assessment, which the signed schema accepts', () => {
    expect(firstMissingAnswer(completeAssessment)).toBeNull();
    expect(intakeAssessmentSignedSchema.safeParse(completeAssessment).success).toBe(true);
  });

  it('names the presenting problem first on an empty draft, which the draft schema accepts', () => {
    expect(intakeAssessmentDraftSchema.safeParse({}).success).toBe(true);
    expect(firstMissingAnswer({})).toEqual({ path: 'presentingProblem', message: 'Presenting problem is required to sign' });
  });

  it.each([
    ['presentingProblem', 'presentingProblem'],
    ['mentalHealthHistory', 'mentalHealthHistory'],
    ['substanceUse.substances', 'substanceUse.substances'],
    ['stressorsAndSupports.homeStability', 'stressorsAndSupports.homeStability'],
    ['stressorsAndSupports.supportsRecovery', 'stressorsAndSupports.supportsRecovery'],
    ['medical.treatFirst', 'medical.treatFirst'],
    ['obligations.family', 'obligations.family'],
    ['strengths', 'strengths'],
    ['riskScreen.eatingDisorderNeedsMealSupport', 'riskScreen.eatingDisorderNeedsMealSupport'],
    ['riskScreen.readiness', 'riskScreen.readiness'],
  ])('without %s names %s', (removed, named) => {
    expect(firstMissingAnswer(without(removed))?.path).toBe(named);
  });

  it('treats whitespace as unanswered, and false as an answer', () => {
    expect(firstMissingAnswer({ ...completeAssessment, legal: '   ' })?.path).toBe('legal');
    expect(firstMissingAnswer({ ...completeAssessment, medical: { ...completeAssessment.medical, treatFirst: false } })).toBeNull();
  });

  it.each([
    [{ substance: 'alcohol' as const }, 'substanceUse.substances.1.route'],
    [{ substance: 'cannabis' as const, route: 'smoked' as const, frequency: 'weekly' as const, lastUse: '2026-11-01' }, 'substanceUse.substances.1.priorTreatment'],
    [{ substance: 'other' as const, route: 'oral' as const, frequency: 'weekly' as const, lastUse: '2026-11-01', priorTreatment: 'None' }, 'substanceUse.substances.1.otherName'],
    [{ route: 'oral' as const }, 'substanceUse.substances.1.substance'],
  ])('names the first missing answer of a listed substance (%o → %s)', (second, path) => {
    const c = { ...completeAssessment, substanceUse: { substances: [...completeAssessment.substanceUse!.substances!, second] } };
    expect(firstMissingAnswer(c)?.path).toBe(path);
    expect(firstMissingAnswer(c)?.message).toMatch(/^Substance 2: /);
  });

  it('accepts "none reported" instead of substances, but not both', () => {
    expect(firstMissingAnswer({ ...completeAssessment, substanceUse: { noneReported: true } })).toBeNull();
    expect(firstMissingAnswer({ ...completeAssessment, substanceUse: { noneReported: true, substances: completeAssessment.substanceUse!.substances! } })?.path).toBe(
      'substanceUse.noneReported',
    );
    expect(firstMissingAnswer({ ...completeAssessment, substanceUse: { noneReported: false } })?.path).toBe('substanceUse.substances');
  });

  it('the signed schema reports the missing answer at its path', () => {
    const r = intakeAssessmentSignedSchema.safeParse(without('medications'));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['medications'], message: 'Medications is required to sign' });
  });

  it('the draft schema still checks types, enums and lengths', () => {
    expect(intakeAssessmentDraftSchema.safeParse({ riskScreen: { readiness: 'eager' } }).success).toBe(false);
    expect(intakeAssessmentDraftSchema.safeParse({ legal: 'x'.repeat(4001) }).success).toBe(false);
    expect(intakeAssessmentDraftSchema.safeParse({ substanceUse: { substances: [{ lastUse: '2026-02-30' }] } }).success).toBe(false);
  });
});

describe('levelOfCareFlagsFromAssessment', () => {
  const risk = (r: NonNullable<IntakeAssessmentContent['riskScreen']>): IntakeAssessmentContent => ({
    ...completeAssessment,
    riskScreen: { ...completeAssessment.riskScreen, ...r },
  });
  it.each<[string, IntakeAssessmentContent, string[]]>([
    ['nothing for a complete assessment without concerns', completeAssessment, []],
    ['nothing for an empty draft', {}, []],
    ['severe withdrawal risk', risk({ withdrawalRisk: 'severe' }), ['needs_medically_managed_withdrawal']],
    ['moderate withdrawal risk raises nothing', risk({ withdrawalRisk: 'moderate' }), []],
    ['a medical condition to treat first', { ...completeAssessment, medical: { treatFirst: true } }, ['medical_condition_to_treat_first']],
    ['an eating disorder needing meal support', risk({ eatingDisorderNeedsMealSupport: true }), ['eating_disorder_needs_meal_support']],
    ['suicidal thoughts with a plan', risk({ suicidalIdeation: 'active_with_plan_or_intent' }), ['imminent_safety_risk']],
    ['thoughts of harming others with intent', risk({ harmToOthers: 'active_with_plan_or_intent' }), ['imminent_safety_risk']],
    ['active thoughts without a plan raise nothing', risk({ suicidalIdeation: 'active_no_plan' }), []],
    ['a stable home that does not support recovery', { ...completeAssessment, stressorsAndSupports: { homeStability: 'stable_unsupportive' } }, ['no_stable_supportive_home']],
    ['no home', { ...completeAssessment, stressorsAndSupports: { homeStability: 'no_home' } }, ['no_stable_supportive_home']],
    ['not ready to change', risk({ readiness: 'not_ready' }), ['not_yet_motivated']],
    ['ambivalence raises nothing', risk({ readiness: 'ambivalent' }), []],
    [
      'several at once, in the flag order',
      { ...risk({ withdrawalRisk: 'severe', readiness: 'not_ready', suicidalIdeation: 'active_with_plan_or_intent', harmToOthers: 'active_with_plan_or_intent' }), stressorsAndSupports: { homeStability: 'unsafe' } },
      ['needs_medically_managed_withdrawal', 'imminent_safety_risk', 'no_stable_supportive_home', 'not_yet_motivated'],
    ],
  ])('%s', (_name, content, flags) => {
    expect(levelOfCareFlagsFromAssessment(content).map((f) => f.flag)).toEqual(flags);
  });

  it('says which answer raised a flag', () => {
    const [f] = levelOfCareFlagsFromAssessment(risk({ suicidalIdeation: 'active_with_plan_or_intent', harmToOthers: 'active_with_plan_or_intent' }));
    expect(f!.because).toBe('Risk screen: thoughts of suicide with a plan or intent; thoughts of harming others with a plan or intent');
  });
});

describe('who reaches an assessment', () => {
  const part2 = { programId: 'p', programPart2: true };
  const open = { programId: 'p', programPart2: false };
  it.each([
    ['intake', { ...part2, worksInProgram: false }, false],
    ['intake', { ...part2, worksInProgram: true }, true],
    ['director', { ...part2, worksInProgram: false }, false],
    ['intake', { ...open, worksInProgram: false }, true],
    ['director', { ...open, worksInProgram: false }, true],
    ['clinician', { ...open, worksInProgram: false }, false],
    ['clinician', { ...open, worksInProgram: true }, true],
    ['prescriber', { programId: null, programPart2: false, worksInProgram: false }, true],
  ] as const)('%s on an inquiry %o: %s', (role, scope, allowed) => {
    expect(mayReachInquiryAssessment(role, scope)).toBe(allowed);
  });
  it.each([
    ['clinician', true],
    ['director', true],
    ['intake', false],
    ['biller', false],
  ] as const)('%s on an episode: %s', (role, allowed) => {
    expect(mayReachEpisodeAssessment(role)).toBe(allowed);
  });
});
