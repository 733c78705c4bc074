/**
 * Safety plans (issue 7) in the Stanley–Brown structure (core's `safetyPlanSchema`), versioned as every plan a
 * participant keeps with their clinician is (`db/versioned-plans.ts`).
 */
import type { SafetyPlan } from '@trellis/core';
import { versionedPlans } from '../../db/versioned-plans.ts';
import { safetyPlan } from '../../db/schema.ts';

export const safetyPlans = versionedPlans<SafetyPlan>({
  table: safetyPlan,
  what: 'The safety plan',
  entityType: 'safety_plan',
  readAction: 'safety-plan.read',
  saveAction: 'safety-plan.save',
});
