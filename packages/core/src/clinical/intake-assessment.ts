/**
 * The structured biopsychosocial intake assessment (issue 6): presenting problem, mental health history, substance use
 * (each substance with route, frequency, last use and prior treatment), current symptoms, stressors and supports, medical
 * needs, medications, legal, obligations, strengths and a risk screen. A draft may leave anything unanswered; signing
 * needs every answer, and `firstMissingAnswer` names the first one missing in the order the form asks them.
 */
import { z } from 'zod';
import { saneDateSchema } from '../api/dates.ts';
import type { LevelOfCareFlag } from './level-of-care.ts';
import { PROGRAM_SCOPED_ROLES, roleAllows, type StaffRole } from '../roles.ts';

export const INTAKE_TEXT_MAX_LENGTH = 4000;
export const INTAKE_SUBSTANCES_MAX = 20;

export const SUBSTANCES = [
  'alcohol',
  'cannabis',
  'opioids_prescription',
  'heroin_fentanyl',
  'cocaine',
  'methamphetamine',
  'benzodiazepines',
  'hallucinogens',
  'nicotine',
  'other',
] as const;
export type Substance = (typeof SUBSTANCES)[number];
export const SUBSTANCE_LABELS: Record<Substance, string> = {
  alcohol: 'Alcohol',
  cannabis: 'Cannabis',
  opioids_prescription: 'Prescription opioids',
  heroin_fentanyl: 'Heroin or fentanyl',
  cocaine: 'Cocaine',
  methamphetamine: 'Methamphetamine or other stimulants',
  benzodiazepines: 'Benzodiazepines or sedatives',
  hallucinogens: 'Hallucinogens',
  nicotine: 'Nicotine',
  other: 'Other',
};

export const USE_ROUTES = ['oral', 'smoked', 'vaped', 'intranasal', 'injected', 'other'] as const;
export type UseRoute = (typeof USE_ROUTES)[number];
export const USE_ROUTE_LABELS: Record<UseRoute, string> = {
  oral: 'Oral',
  smoked: 'Smoked',
  vaped: 'Vaped',
  intranasal: 'Intranasal',
  injected: 'Injected',
  other: 'Other',
};

export const USE_FREQUENCIES = ['daily', 'several_per_week', 'weekly', 'monthly_or_less', 'not_in_past_month'] as const;
export type UseFrequency = (typeof USE_FREQUENCIES)[number];
export const USE_FREQUENCY_LABELS: Record<UseFrequency, string> = {
  daily: 'Daily',
  several_per_week: 'Several times a week',
  weekly: 'About weekly',
  monthly_or_less: 'Monthly or less',
  not_in_past_month: 'Not in the past month',
};

/** Home as it bears on recovery: only a stable home where someone supports recovery is no flag. */
export const HOME_STABILITY = ['stable_supportive', 'stable_unsupportive', 'unstable', 'unsafe', 'no_home'] as const;
export type HomeStability = (typeof HOME_STABILITY)[number];
export const HOME_STABILITY_LABELS: Record<HomeStability, string> = {
  stable_supportive: 'Stable and supportive',
  stable_unsupportive: 'Stable but not supportive of recovery',
  unstable: 'Unstable (may lose housing soon)',
  unsafe: 'Unsafe (violence or active use at home)',
  no_home: 'No home (unhoused or shelter)',
};

export const IDEATION_LEVELS = ['none', 'passive', 'active_no_plan', 'active_with_plan_or_intent'] as const;
export type IdeationLevel = (typeof IDEATION_LEVELS)[number];
export const IDEATION_LABELS: Record<IdeationLevel, string> = {
  none: 'None',
  passive: 'Passive thoughts',
  active_no_plan: 'Active thoughts, no plan',
  active_with_plan_or_intent: 'Active, with a plan or intent',
};

export const WITHDRAWAL_RISKS = ['none', 'mild', 'moderate', 'severe'] as const;
export type WithdrawalRisk = (typeof WITHDRAWAL_RISKS)[number];
export const WITHDRAWAL_RISK_LABELS: Record<WithdrawalRisk, string> = {
  none: 'None',
  mild: 'Mild (manageable as an outpatient)',
  moderate: 'Moderate',
  severe: 'Severe (seizures, delirium or needing 24-hour monitoring)',
};

/** Stages of change, as the person describes their wish to change now. */
export const READINESS_LEVELS = ['not_ready', 'ambivalent', 'ready', 'acting'] as const;
export type ReadinessLevel = (typeof READINESS_LEVELS)[number];
export const READINESS_LABELS: Record<ReadinessLevel, string> = {
  not_ready: 'Not ready: sees no need to change',
  ambivalent: 'Ambivalent: thinking about change',
  ready: 'Ready: preparing to change',
  acting: 'Already making changes',
};

const text = z.string().max(INTAKE_TEXT_MAX_LENGTH, `must be at most ${INTAKE_TEXT_MAX_LENGTH} characters`);

/** A draft answer set: every answer optional; types and lengths still checked. */
export const substanceDraftSchema = z.object({
  substance: z.enum(SUBSTANCES).optional(),
  /** Names the substance when it is "other". */
  otherName: z.string().max(100).optional(),
  route: z.enum(USE_ROUTES).optional(),
  frequency: z.enum(USE_FREQUENCIES).optional(),
  lastUse: saneDateSchema.optional(),
  priorTreatment: text.optional(),
});
export type SubstanceDraft = z.infer<typeof substanceDraftSchema>;

export const intakeAssessmentDraftSchema = z.object({
  presentingProblem: text.optional(),
  mentalHealthHistory: text.optional(),
  substanceUse: z
    .object({
      /** True when the person reports no substance use: then no substances are listed. */
      noneReported: z.boolean().optional(),
      substances: z.array(substanceDraftSchema).max(INTAKE_SUBSTANCES_MAX).optional(),
    })
    .optional(),
  currentSymptoms: text.optional(),
  stressorsAndSupports: z
    .object({
      homeStability: z.enum(HOME_STABILITY).optional(),
      stressors: text.optional(),
      supportsRecovery: text.optional(),
    })
    .optional(),
  medical: z
    .object({
      conditions: text.optional(),
      needs: text.optional(),
      /** A medical condition must be treated before (or instead of) outpatient care. */
      treatFirst: z.boolean().optional(),
    })
    .optional(),
  medications: text.optional(),
  legal: text.optional(),
  obligations: z.object({ workSchool: text.optional(), family: text.optional() }).optional(),
  strengths: text.optional(),
  riskScreen: z
    .object({
      suicidalIdeation: z.enum(IDEATION_LEVELS).optional(),
      harmToOthers: z.enum(IDEATION_LEVELS).optional(),
      withdrawalRisk: z.enum(WITHDRAWAL_RISKS).optional(),
      eatingDisorderNeedsMealSupport: z.boolean().optional(),
      readiness: z.enum(READINESS_LEVELS).optional(),
      notes: text.optional(),
    })
    .optional(),
});
export type IntakeAssessmentContent = z.infer<typeof intakeAssessmentDraftSchema>;

const filled = (v: string | undefined) => v !== undefined && v.trim().length > 0;
const given = (v: unknown) => v !== undefined && v !== null;

/** One question of the assessment: where its answer sits, what the form calls it, and whether it is answered. */
interface Question {
  path: string;
  label: string;
  answered: (c: IntakeAssessmentContent) => boolean;
}

/** The questions in the order the form asks them; the completeness rule walks this list. */
export const INTAKE_QUESTIONS: readonly Question[] = [
  { path: 'presentingProblem', label: 'Presenting problem', answered: (c) => filled(c.presentingProblem) },
  { path: 'mentalHealthHistory', label: 'Mental health history', answered: (c) => filled(c.mentalHealthHistory) },
  {
    path: 'substanceUse.substances',
    label: 'Substance use (list each substance, or mark none reported)',
    answered: (c) => c.substanceUse?.noneReported === true || (c.substanceUse?.substances?.length ?? 0) > 0,
  },
  { path: 'currentSymptoms', label: 'Current symptoms', answered: (c) => filled(c.currentSymptoms) },
  { path: 'stressorsAndSupports.homeStability', label: 'Home stability', answered: (c) => given(c.stressorsAndSupports?.homeStability) },
  { path: 'stressorsAndSupports.stressors', label: 'Stressors', answered: (c) => filled(c.stressorsAndSupports?.stressors) },
  {
    path: 'stressorsAndSupports.supportsRecovery',
    label: 'Who supports recovery',
    answered: (c) => filled(c.stressorsAndSupports?.supportsRecovery),
  },
  { path: 'medical.conditions', label: 'Medical conditions', answered: (c) => filled(c.medical?.conditions) },
  { path: 'medical.needs', label: 'Medical needs', answered: (c) => filled(c.medical?.needs) },
  { path: 'medical.treatFirst', label: 'Medical condition to treat first', answered: (c) => given(c.medical?.treatFirst) },
  { path: 'medications', label: 'Medications', answered: (c) => filled(c.medications) },
  { path: 'legal', label: 'Legal', answered: (c) => filled(c.legal) },
  { path: 'obligations.workSchool', label: 'Work or school obligations', answered: (c) => filled(c.obligations?.workSchool) },
  { path: 'obligations.family', label: 'Family obligations', answered: (c) => filled(c.obligations?.family) },
  { path: 'strengths', label: 'Strengths', answered: (c) => filled(c.strengths) },
  { path: 'riskScreen.suicidalIdeation', label: 'Thoughts of suicide', answered: (c) => given(c.riskScreen?.suicidalIdeation) },
  { path: 'riskScreen.harmToOthers', label: 'Thoughts of harming others', answered: (c) => given(c.riskScreen?.harmToOthers) },
  { path: 'riskScreen.withdrawalRisk', label: 'Withdrawal risk', answered: (c) => given(c.riskScreen?.withdrawalRisk) },
  {
    path: 'riskScreen.eatingDisorderNeedsMealSupport',
    label: 'Eating disorder needing meal support',
    answered: (c) => given(c.riskScreen?.eatingDisorderNeedsMealSupport),
  },
  { path: 'riskScreen.readiness', label: 'Readiness to change', answered: (c) => given(c.riskScreen?.readiness) },
];

const SUBSTANCE_FIELDS = [
  ['substance', 'substance'],
  ['route', 'route'],
  ['frequency', 'frequency'],
  ['lastUse', 'last use'],
  ['priorTreatment', 'prior treatment (say "none" if none)'],
] as const;

export interface MissingAnswer {
  /** Dotted path into the content, e.g. `substanceUse.substances.1.route`. */
  path: string;
  message: string;
}

/**
 * The first answer a signature still needs, in the form's order, or null when the assessment is complete. A listed
 * substance needs all five of its answers (an "other" one its name too); "none reported" with substances listed is a
 * contradiction and is named as such.
 */
export function firstMissingAnswer(c: IntakeAssessmentContent): MissingAnswer | null {
  for (const q of INTAKE_QUESTIONS) {
    if (!q.answered(c)) return { path: q.path, message: `${q.label} is required to sign` };
    if (q.path !== 'substanceUse.substances') continue;
    const substances = c.substanceUse?.substances ?? [];
    if (c.substanceUse?.noneReported === true && substances.length > 0) {
      return { path: 'substanceUse.noneReported', message: 'No substance use reported, yet substances are listed: remove one or the other' };
    }
    for (const [i, s] of substances.entries()) {
      for (const [field, words] of SUBSTANCE_FIELDS) {
        const v = s[field];
        if (typeof v === 'string' ? !filled(v) : !given(v)) {
          return { path: `substanceUse.substances.${i}.${field}`, message: `Substance ${i + 1}: ${words} is required to sign` };
        }
      }
      if (s.substance === 'other' && !filled(s.otherName)) {
        return { path: `substanceUse.substances.${i}.otherName`, message: `Substance ${i + 1}: name the substance` };
      }
    }
  }
  return null;
}

/** A signed assessment's content: the draft shape with every answer given (see `firstMissingAnswer`). */
export const intakeAssessmentSignedSchema = intakeAssessmentDraftSchema.superRefine((c, ctx) => {
  const missing = firstMissingAnswer(c);
  if (missing) ctx.addIssue({ code: 'custom', path: missing.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: missing.message });
});

export interface AssessmentFlag {
  flag: LevelOfCareFlag;
  /** The answer that raised it, in the assessment's words. */
  because: string;
}

/**
 * The level-of-care flags the answers point to (guidance for the level-of-care page, never a placement). Works on a
 * draft: an unanswered question raises nothing. Rules (domain.md §1.3: D1/D2 severity calls for medical management,
 * D3 imminent risk for more than IOP, an unsupportive environment for structure, low readiness for less intensity):
 * severe withdrawal risk → medically managed withdrawal; a medical condition to treat first; an eating disorder needing
 * meal support; active suicidal or homicidal thoughts with a plan or intent → imminent safety risk; a home that is not
 * both stable and supportive; "not ready" → not yet motivated.
 */
export function levelOfCareFlagsFromAssessment(c: IntakeAssessmentContent): AssessmentFlag[] {
  const flags: AssessmentFlag[] = [];
  const r = c.riskScreen;
  if (r?.withdrawalRisk === 'severe') {
    flags.push({ flag: 'needs_medically_managed_withdrawal', because: `Withdrawal risk: ${WITHDRAWAL_RISK_LABELS.severe}` });
  }
  if (c.medical?.treatFirst === true) {
    flags.push({ flag: 'medical_condition_to_treat_first', because: 'A medical condition is to be treated first' });
  }
  if (r?.eatingDisorderNeedsMealSupport === true) {
    flags.push({ flag: 'eating_disorder_needs_meal_support', because: 'Eating disorder needing meal support' });
  }
  const imminent: string[] = [];
  if (r?.suicidalIdeation === 'active_with_plan_or_intent') imminent.push('thoughts of suicide with a plan or intent');
  if (r?.harmToOthers === 'active_with_plan_or_intent') imminent.push('thoughts of harming others with a plan or intent');
  if (imminent.length) flags.push({ flag: 'imminent_safety_risk', because: `Risk screen: ${imminent.join('; ')}` });
  const home = c.stressorsAndSupports?.homeStability;
  if (home !== undefined && home !== 'stable_supportive') {
    flags.push({ flag: 'no_stable_supportive_home', because: `Home: ${HOME_STABILITY_LABELS[home]}` });
  }
  if (r?.readiness === 'not_ready') flags.push({ flag: 'not_yet_motivated', because: `Readiness: ${READINESS_LABELS.not_ready}` });
  return flags;
}

export const INTAKE_ASSESSMENT_STATUSES = ['draft', 'signed'] as const;
export type IntakeAssessmentStatus = (typeof INTAKE_ASSESSMENT_STATUSES)[number];

/** What decides whether a staff member reaches an assessment of an inquiry (someone not yet admitted). */
export interface InquiryAssessmentScope {
  /** The program the person asked about, if any. */
  programId: string | null;
  programPart2: boolean;
  /** The staff member is assigned to that program. */
  worksInProgram: boolean;
}

/**
 * Whether a role with the intake-assessment actions reaches an inquiry's assessment. 42 CFR Part 2: when the person
 * asked about a Part 2 program, only that program's staff, whatever the role (intake coordinators included); otherwise
 * the care-team roles (clinician, prescriber) within their programs, and organisation-wide roles (director, intake) as
 * the inquiries board already reaches every inquiry.
 */
export function mayReachInquiryAssessment(role: StaffRole, s: InquiryAssessmentScope): boolean {
  if (s.programPart2) return s.worksInProgram;
  if (PROGRAM_SCOPED_ROLES.includes(role) && s.programId !== null) return s.worksInProgram;
  return true;
}

/**
 * Whether a role reaches an admitted participant's assessment at all: it is clinical free text, so only roles that read
 * the clinical record (the care-team and Part 2 rules then apply as for notes). Intake coordinators work before
 * admission and so reach an assessment only while it belongs to an inquiry.
 */
export function mayReachEpisodeAssessment(role: StaffRole): boolean {
  return roleAllows(role, 'clinical-note.read');
}
