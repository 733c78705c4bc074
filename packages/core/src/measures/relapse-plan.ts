/**
 * A relapse prevention plan a participant keeps with their clinician (issue 8): what sets them off, the early signs
 * that things are slipping, what helps, who to call, and what to do after a slip. Versioned like the safety plan:
 * each save is the next version, never an edit of an old one.
 */
import { z } from 'zod';
import { planContactsSchema, planListSchema } from './safety-plan.ts';
import { planSaveSchemaOf, planVersionSchemaOf, planViewSchemaOf } from './plan-versions.ts';

/** The sections in their order on the printed plan, with the headings a participant reads. */
export const RELAPSE_PLAN_SECTIONS = [
  { key: 'triggers', heading: 'My triggers' },
  { key: 'warningSigns', heading: 'My early warning signs' },
  { key: 'copingStrategies', heading: 'What helps me cope' },
  { key: 'peopleToCall', heading: 'People I can call' },
  { key: 'afterASlip', heading: 'If I slip, I will' },
] as const;
export type RelapsePlanSectionKey = (typeof RELAPSE_PLAN_SECTIONS)[number]['key'];

/** A relapse prevention plan's content. Every section may be empty while the plan is drafted. */
export const relapsePlanSchema = z.object({
  triggers: planListSchema,
  warningSigns: planListSchema,
  copingStrategies: planListSchema,
  peopleToCall: planContactsSchema,
  afterASlip: planListSchema,
});
export type RelapsePlan = z.infer<typeof relapsePlanSchema>;

export const relapsePlanSaveSchema = planSaveSchemaOf(relapsePlanSchema);
export type RelapsePlanSave = z.infer<typeof relapsePlanSaveSchema>;

export const relapsePlanVersionSchema = planVersionSchemaOf(relapsePlanSchema);
export type RelapsePlanVersion = z.infer<typeof relapsePlanVersionSchema>;

export const relapsePlanViewSchema = planViewSchemaOf(relapsePlanSchema);
export type RelapsePlanView = z.infer<typeof relapsePlanViewSchema>;
