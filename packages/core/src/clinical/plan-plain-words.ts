/**
 * A treatment plan told to the participant in plain words (issue 8): their goals, the steps toward each with the date
 * and how they will know, what the team will do and how often, and the schedule. Clinical labels (CBT, DBT) become a
 * short description a person can follow; staff ids and ASAM dimensions are left out.
 */
import type { FrequencyPeriod, InterventionModality, PrescribedSchedule, TreatmentPlan } from './treatment-plan.ts';

export const MODALITY_PLAIN_WORDS: Record<InterventionModality, string> = {
  cbt: 'Working on the links between thoughts, feelings and actions (CBT)',
  dbt: 'Learning skills for strong emotions and relationships (DBT)',
  motivational_interviewing: 'Talking through what you want to change and why',
  trauma_informed: 'Care that takes past hard experiences into account',
  relapse_prevention: 'Planning for risky moments and what to do after a slip',
  family_therapy: 'Sessions with family or people close to you',
  medication_management: 'Checking in about your medicines',
  psychoeducation: 'Learning how recovery and mental health work',
  mindfulness: 'Practising attention and calm in the present moment',
  holistic: 'Whole-person care such as sleep, movement and nutrition',
};

const PERIOD_WORDS: Record<FrequencyPeriod, string> = { day: 'a day', week: 'a week', month: 'a month' };

/** "once a week", "twice a day", "3 times a month". */
export function howOften(times: number, per: FrequencyPeriod): string {
  const count = times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`;
  return `${count} ${PERIOD_WORDS[per]}`;
}

/** "3 days a week, 3 hours a day, for about 8 weeks". */
export function scheduleInPlainWords(s: PrescribedSchedule): string {
  const days = s.daysPerWeek === 1 ? '1 day a week' : `${s.daysPerWeek} days a week`;
  const hours = s.hoursPerDay === 1 ? '1 hour a day' : `${s.hoursPerDay} hours a day`;
  const weeks = s.expectedWeeks === 1 ? '1 week' : `${s.expectedWeeks} weeks`;
  return `${days}, ${hours}, for about ${weeks}`;
}

export interface PlainStep {
  id: string;
  /** The objective as the clinician wrote it with the participant. */
  step: string;
  byDate: string;
  howWeWillKnow: string;
  /** What the team will do, and how often. */
  support: string[];
}
export interface PlainGoal {
  goal: string;
  /** The problem the goal answers, as written. */
  because: string;
  steps: PlainStep[];
}
export interface PlanInPlainWords {
  goals: PlainGoal[];
  schedule: string;
  strengths: string;
  whenReadyToFinish: string;
}

/** The participant's view of their plan: goals, steps, support and schedule in plain words. */
export function planInPlainWords(plan: TreatmentPlan): PlanInPlainWords {
  return {
    goals: plan.problems.flatMap((p) =>
      p.goals.map((g) => ({
        goal: g.description,
        because: p.description,
        steps: g.objectives.map((o) => ({
          id: o.id,
          step: o.description,
          byDate: o.targetDate,
          howWeWillKnow: o.measuredBy,
          support: o.interventions.map(
            (i) => `${MODALITY_PLAIN_WORDS[i.modality]}, ${howOften(i.frequency.times, i.frequency.per)}`,
          ),
        })),
      })),
    ),
    schedule: scheduleInPlainWords(plan.schedule),
    strengths: plan.strengths,
    whenReadyToFinish: plan.dischargeCriteria,
  };
}
