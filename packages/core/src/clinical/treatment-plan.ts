/**
 * The treatment plan (domain.md §5): problems → goals → measurable, time-framed objectives (target date, how
 * measured) → interventions (modality, frequency, responsible staff); the prescribed schedule; strengths; discharge
 * criteria. Reviews record progress per objective on a cycle set per program.
 */
import { z } from 'zod';
import { saneDateSchema } from '../api/dates.ts';
import type { WeeklyHoursRequirement } from '../program-rules.ts';
import { addDays } from '../time.ts';
import { ASAM_DIMENSION_NUMBERS } from './asam.ts';

export const INTERVENTION_MODALITIES = [
  'cbt',
  'dbt',
  'motivational_interviewing',
  'trauma_informed',
  'relapse_prevention',
  'family_therapy',
  'medication_management',
  'psychoeducation',
  'mindfulness',
  'holistic',
] as const;
export type InterventionModality = (typeof INTERVENTION_MODALITIES)[number];

export const INTERVENTION_MODALITY_LABELS: Record<InterventionModality, string> = {
  cbt: 'Cognitive behavioural therapy (CBT)',
  dbt: 'Dialectical behaviour therapy (DBT)',
  motivational_interviewing: 'Motivational interviewing',
  trauma_informed: 'Trauma-informed care',
  relapse_prevention: 'Relapse prevention',
  family_therapy: 'Family therapy',
  medication_management: 'Medication management',
  psychoeducation: 'Psychoeducation',
  mindfulness: 'Mindfulness',
  holistic: 'Holistic',
};

export const FREQUENCY_PERIODS = ['day', 'week', 'month'] as const;
export type FrequencyPeriod = (typeof FREQUENCY_PERIODS)[number];

/** Progress on an objective at a review (issue 6). */
export const OBJECTIVE_PROGRESS = ['met', 'progressing', 'not_progressing', 'revised'] as const;
export type ObjectiveProgress = (typeof OBJECTIVE_PROGRESS)[number];

export const OBJECTIVE_PROGRESS_LABELS: Record<ObjectiveProgress, string> = {
  met: 'Met',
  progressing: 'Progressing',
  not_progressing: 'Not progressing',
  revised: 'Revised',
};

/**
 * Days between plan reviews unless the program sets its own: "review every 30 days, at each payer concurrent review,
 * at any level-of-care change, and at discharge" is the practical default (domain.md §5; WA 388-877B-0350 monthly).
 */
export const PLAN_REVIEW_INTERVAL_DAYS_DEFAULT = 30;
/** The longest cycle a program may set: a CMHC policy and Kansas cap updates at 90 days (domain.md §5). */
export const PLAN_REVIEW_INTERVAL_DAYS_MAX = 90;

/** The prescribed schedule's bounds as entered: a day has at most 12 program hours, a plan runs at most a year. */
export const SCHEDULE_MAX_HOURS_PER_DAY = 12;
export const SCHEDULE_MAX_WEEKS = 52;

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const interventionSchema = z.object({
  modality: z.enum(INTERVENTION_MODALITIES),
  description: z.string().trim().max(500).nullable().optional(),
  frequency: z.object({
    times: z.number().int('must be a whole number').min(1, 'must be at least 1').max(31, 'must be at most 31'),
    per: z.enum(FREQUENCY_PERIODS),
  }),
  responsibleStaffId: text(100),
});
export type Intervention = z.infer<typeof interventionSchema>;

export const objectiveSchema = z.object({
  id: z.uuid(),
  description: text(500),
  targetDate: saneDateSchema,
  measuredBy: text(300),
  interventions: z.array(interventionSchema).min(1, 'needs at least one intervention'),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const goalSchema = z.object({
  description: text(500),
  objectives: z.array(objectiveSchema).min(1, 'needs at least one objective'),
});

export const problemSchema = z.object({
  description: text(500),
  /** The ASAM dimension the problem comes from, when it comes from one. */
  asamDimension: z
    .union(ASAM_DIMENSION_NUMBERS.map((n) => z.literal(n)))
    .nullable()
    .optional(),
  goals: z.array(goalSchema).min(1, 'needs at least one goal'),
});

export const prescribedScheduleSchema = z.object({
  daysPerWeek: z.number().int('must be a whole number').min(1, 'must be 1 to 7').max(7, 'must be 1 to 7'),
  hoursPerDay: z
    .number()
    .positive('must be more than 0')
    .max(SCHEDULE_MAX_HOURS_PER_DAY, `must be at most ${SCHEDULE_MAX_HOURS_PER_DAY}`)
    .multipleOf(0.25, 'must be in quarter hours'),
  expectedWeeks: z.number().int('must be a whole number').min(1, 'must be at least 1').max(SCHEDULE_MAX_WEEKS),
});
export type PrescribedSchedule = z.infer<typeof prescribedScheduleSchema>;

export const treatmentPlanSchema = z
  .object({
    effectiveOn: saneDateSchema,
    problems: z.array(problemSchema).min(1, 'needs at least one problem'),
    schedule: prescribedScheduleSchema,
    strengths: text(2000),
    dischargeCriteria: text(2000),
  })
  .superRefine((plan, ctx) => {
    const ids = new Set<string>();
    plan.problems.forEach((p, pi) =>
      p.goals.forEach((g, gi) =>
        g.objectives.forEach((o, oi) => {
          const path = ['problems', pi, 'goals', gi, 'objectives', oi];
          if (o.targetDate <= plan.effectiveOn) {
            ctx.addIssue({ code: 'custom', path: [...path, 'targetDate'], message: 'must be after the plan takes effect' });
          }
          if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: 'is used by another objective' });
          ids.add(o.id);
        }),
      ),
    );
  });
export type TreatmentPlan = z.infer<typeof treatmentPlanSchema>;

/** Every objective of a plan, in order. */
export function planObjectives(plan: Pick<TreatmentPlan, 'problems'>): Objective[] {
  return plan.problems.flatMap((p) => p.goals.flatMap((g) => g.objectives));
}

/** Weekly hours a prescribed schedule adds up to. */
export function prescribedWeeklyHours(s: PrescribedSchedule): number {
  return s.daysPerWeek * s.hoursPerDay;
}

/**
 * Problems with a prescribed schedule against the program's weekly range (program-rules.ts, domain.md §1.2), each
 * naming the field: the prescription becomes the participant's weekly requirement, so it must sit inside the range.
 */
export function prescribedScheduleProblems(
  s: PrescribedSchedule,
  range: WeeklyHoursRequirement,
): { field: string; message: string }[] {
  const weekly = prescribedWeeklyHours(s);
  if (weekly < range.minHours) {
    return [{ field: 'schedule', message: `adds up to ${weekly} h a week, below the program's minimum of ${range.minHours} h` }];
  }
  if (range.maxHours !== null && weekly > range.maxHours) {
    return [{ field: 'schedule', message: `adds up to ${weekly} h a week, above the program's maximum of ${range.maxHours} h` }];
  }
  return [];
}

export interface PlanReviewCycle {
  /** When the plan (or its latest version) took effect. */
  effectiveOn: string;
  lastReviewedOn: string | null;
  intervalDays: number;
  /** Dates the episode's level of care changed. */
  levelOfCareChangedOn: readonly string[];
  /** The next review date the last review set, when it chose one sooner than the cycle. */
  nextReviewOn?: string | null;
}

export interface PlanReviewDue {
  dueOn: string;
  reason: 'cycle' | 'level_of_care_change';
}

/**
 * When the plan's next review is due: `intervalDays` after the last review (or the plan taking effect), or on the day
 * the level of care changed, whichever comes first, for a change since then (domain.md §5).
 */
export function nextReviewDue(c: PlanReviewCycle): PlanReviewDue {
  const since = c.lastReviewedOn !== null && c.lastReviewedOn > c.effectiveOn ? c.lastReviewedOn : c.effectiveOn;
  const byCycle = addDays(since, c.intervalDays);
  // A date the last review chose counts only while that review is the latest event, and never later than the cycle.
  const chosen = c.lastReviewedOn !== null && since === c.lastReviewedOn ? (c.nextReviewOn ?? null) : null;
  const cycle = chosen !== null && chosen < byCycle ? chosen : byCycle;
  const change = c.levelOfCareChangedOn.filter((d) => d > since).sort()[0];
  if (change !== undefined && change < cycle) return { dueOn: change, reason: 'level_of_care_change' };
  return { dueOn: cycle, reason: 'cycle' };
}

/**
 * The dates an episode's level of care changed: each assessment whose chosen level differs from the one before it
 * (the first assessment sets the level at admission and is no change). Assessments in date order.
 */
export function levelOfCareChangeDates(assessments: readonly { assessedOn: string; chosenLevel: string }[]): string[] {
  const changes: string[] = [];
  assessments.forEach((a, i) => {
    const before = assessments[i - 1];
    if (before !== undefined && before.chosenLevel !== a.chosenLevel) changes.push(a.assessedOn);
  });
  return changes;
}

export const planReviewSchema = z.object({
  reviewedOn: saneDateSchema,
  /** Sooner than the program's cycle when the reviewer wants it; the cycle when left out. */
  nextReviewOn: saneDateSchema.nullable().optional(),
  progress: z
    .array(
      z.object({
        objectiveId: z.uuid(),
        progress: z.enum(OBJECTIVE_PROGRESS),
        note: z.string().trim().max(1000).nullable().optional(),
      }),
    )
    .min(1, 'needs progress on each objective'),
  narrative: text(4000),
});
export type PlanReview = z.infer<typeof planReviewSchema>;

/** Problems with a review against its plan: progress on every objective of the plan, once, and on no other. */
export function planReviewProblems(plan: Pick<TreatmentPlan, 'problems'>, review: PlanReview): { field: string; message: string }[] {
  const objectives = new Set(planObjectives(plan).map((o) => o.id));
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  review.progress.forEach((p, i) => {
    if (!objectives.has(p.objectiveId)) problems.push({ field: `progress.${i}.objectiveId`, message: 'is not an objective of this plan' });
    else if (seen.has(p.objectiveId)) problems.push({ field: `progress.${i}.objectiveId`, message: 'is listed twice' });
    seen.add(p.objectiveId);
  });
  const missing = [...objectives].filter((id) => !seen.has(id)).length;
  if (missing > 0) problems.push({ field: 'progress', message: `is missing for ${missing} objective(s)` });
  return problems;
}

/** Problems with a review's next review date: after the review, and no later than the program's cycle allows. */
export function nextReviewDateProblems(review: Pick<PlanReview, 'reviewedOn' | 'nextReviewOn'>, intervalDays: number): { field: string; message: string }[] {
  const next = review.nextReviewOn;
  if (next === null || next === undefined) return [];
  if (next <= review.reviewedOn) return [{ field: 'nextReviewOn', message: 'must be after the review' }];
  const latest = addDays(review.reviewedOn, intervalDays);
  if (next > latest) return [{ field: 'nextReviewOn', message: `must be no later than ${latest} (the program reviews every ${intervalDays} days)` }];
  return [];
}
