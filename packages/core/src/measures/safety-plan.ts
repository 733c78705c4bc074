/**
 * The shape of a safety plan in the Stanley–Brown structure (issue 7), and the crisis line every participant who
 * reports risk is shown. Plans are versioned: each save is a new version, never an edit of an old one.
 */
import { z } from 'zod';
import { planSaveSchemaOf } from './plan-versions.ts';

/** One line of a participant's plan (a warning sign, a coping step, …). */
export const planEntrySchema = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
/** A plan's list of lines. */
export const planListSchema = z.array(planEntrySchema).max(20, 'must have at most 20 entries');
/** A person (or service) on a plan, with a way to reach them. */
export const planContactSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  phone: z.string().trim().max(40, 'must be at most 40 characters').nullable().optional(),
});
/** A plan's list of people. */
export const planContactsSchema = z.array(planContactSchema).max(20, 'must have at most 20 entries');

/** The Stanley–Brown sections in their order on the printed plan, with the headings a participant reads. */
export const SAFETY_PLAN_SECTIONS = [
  { key: 'warningSigns', heading: 'Warning signs' },
  { key: 'internalCoping', heading: 'Things I can do on my own to take my mind off my problems' },
  { key: 'distractions', heading: 'People and places that take my mind off things' },
  { key: 'helpers', heading: 'People I can ask for help' },
  { key: 'professionals', heading: 'Professionals and crisis lines I can contact' },
  { key: 'safeEnvironment', heading: 'Making my environment safe' },
  { key: 'reasonsForLiving', heading: 'Reasons for living' },
] as const;

/** A safety plan's content, section by section (Stanley–Brown). Every section may be empty while the plan is drafted. */
export const safetyPlanSchema = z.object({
  warningSigns: planListSchema,
  internalCoping: planListSchema,
  /** People (with a way to reach them) and places. */
  distractions: z.object({ people: planContactsSchema, places: planListSchema }),
  helpers: planContactsSchema,
  /** Clinicians, urgent care and crisis lines; the 988 Lifeline is printed on every plan whatever is entered. */
  professionals: planContactsSchema,
  safeEnvironment: planListSchema,
  reasonsForLiving: planListSchema,
});
export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

/** Saving a new version of a participant's plan: the version it replaces, for optimistic concurrency (0 for the first). */
export const safetyPlanSaveSchema = planSaveSchemaOf(safetyPlanSchema);
export type SafetyPlanSave = z.infer<typeof safetyPlanSaveSchema>;
