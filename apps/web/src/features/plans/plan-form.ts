/** The plan editor's values and how they become a plan the server checks with core's treatmentPlanSchema. */
import { type FrequencyPeriod, type InterventionModality, type TreatmentPlan } from '@trellis/core';

export interface InterventionValues {
  modality: InterventionModality;
  description: string;
  frequency: { times: number | string; per: FrequencyPeriod };
  responsibleStaffId: string;
}

export interface ObjectiveValues {
  id: string;
  description: string;
  /** 'YYYY-MM-DD' from a date input; '' while empty. */
  targetDate: string;
  measuredBy: string;
  interventions: InterventionValues[];
}

export interface PlanValues {
  effectiveOn: string;
  problems: { description: string; goals: { description: string; objectives: ObjectiveValues[] }[] }[];
  schedule: { daysPerWeek: number | string; hoursPerDay: number | string; expectedWeeks: number | string };
  strengths: string;
  dischargeCriteria: string;
}

/**
 * A random (v4) UUID for a new objective. crypto.randomUUID exists only in secure contexts, and Trellis may be served
 * over plain http inside a clinic's network; getRandomValues works everywhere.
 */
export function objectiveId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newIntervention = (staffId: string): InterventionValues => ({
  modality: 'cbt',
  description: '',
  frequency: { times: 1, per: 'week' },
  responsibleStaffId: staffId,
});

export const newObjective = (staffId: string): ObjectiveValues => ({
  id: objectiveId(),
  description: '',
  targetDate: '',
  measuredBy: '',
  interventions: [newIntervention(staffId)],
});

export const newGoal = (staffId: string) => ({ description: '', objectives: [newObjective(staffId)] });
export const newProblem = (staffId: string) => ({ description: '', goals: [newGoal(staffId)] });

/** A first plan: one problem, goal, objective and intervention to fill in, taking effect today. */
export function emptyPlan(today: string, staffId: string): PlanValues {
  return {
    effectiveOn: today,
    problems: [newProblem(staffId)],
    schedule: { daysPerWeek: 3, hoursPerDay: 3, expectedWeeks: 8 },
    strengths: '',
    dischargeCriteria: '',
  };
}

/** A stored plan as editor values (a copy: the next version starts from the plan in force). */
export function valuesOf(plan: TreatmentPlan): PlanValues {
  return {
    effectiveOn: plan.effectiveOn,
    problems: plan.problems.map((p) => ({
      description: p.description,
      goals: p.goals.map((g) => ({
        description: g.description,
        objectives: g.objectives.map((o) => ({
          id: o.id,
          description: o.description,
          targetDate: o.targetDate,
          measuredBy: o.measuredBy,
          interventions: o.interventions.map((i) => ({
            modality: i.modality,
            description: i.description ?? '',
            frequency: { ...i.frequency },
            responsibleStaffId: i.responsibleStaffId,
          })),
        })),
      })),
    })),
    schedule: { ...plan.schedule },
    strengths: plan.strengths,
    dischargeCriteria: plan.dischargeCriteria,
  };
}

/** The next version of a signed plan starts from it, taking effect today (its objectives' dates must be later). */
export function nextVersionOf(plan: TreatmentPlan, today: string): PlanValues {
  return { ...valuesOf(plan), effectiveOn: today > plan.effectiveOn ? today : plan.effectiveOn };
}

const numberOrBlank = (v: number | string) => (v === '' ? undefined : Number(v));

/** The request as typed: blanks left out so the schema names them ("is required", not "not a date"). */
export function requestOf(v: PlanValues): Record<string, unknown> {
  return {
    effectiveOn: v.effectiveOn || undefined,
    problems: v.problems.map((p) => ({
      description: p.description,
      goals: p.goals.map((g) => ({
        description: g.description,
        objectives: g.objectives.map((o) => ({
          id: o.id,
          description: o.description,
          targetDate: o.targetDate || undefined,
          measuredBy: o.measuredBy,
          interventions: o.interventions.map((i) => ({
            modality: i.modality,
            description: i.description.trim() || null,
            frequency: { times: numberOrBlank(i.frequency.times), per: i.frequency.per },
            responsibleStaffId: i.responsibleStaffId,
          })),
        })),
      })),
    })),
    schedule: {
      daysPerWeek: numberOrBlank(v.schedule.daysPerWeek),
      hoursPerDay: numberOrBlank(v.schedule.hoursPerDay),
      expectedWeeks: numberOrBlank(v.schedule.expectedWeeks),
    },
    strengths: v.strengths,
    dischargeCriteria: v.dischargeCriteria,
  };
}
