/**
 * Relapse prevention plans (issue 8): triggers, early warning signs, coping strategies, people to call and what to do
 * after a slip (core's `relapsePlanSchema`), versioned as every plan a participant keeps with their clinician is
 * (`db/versioned-plans.ts`). Staff edit it on the participant's page; the participant reads it in the portal.
 */
import type { RelapsePlan } from '@trellis/core';
import { versionedPlans } from '../../db/versioned-plans.ts';
import { relapsePlan } from '../../db/schema.ts';

export const relapsePlans = versionedPlans<RelapsePlan>({
  table: relapsePlan,
  what: 'The relapse prevention plan',
  entityType: 'relapse_plan',
  readAction: 'relapse-plan.read',
  saveAction: 'relapse-plan.save',
});
