/** A participant's safety plan: the latest version with the list of versions, one version, and saving the next. */
import { safetyPlanVersionSchema, safetyPlanViewSchema, type SafetyPlanSave, type SafetyPlanVersion, type SafetyPlanView } from '@trellis/core';
import { versionedPlanApi } from '../../ui/plans/versioned-plan-api.ts';

export const safetyPlanApi = versionedPlanApi<SafetyPlanVersion, SafetyPlanView, SafetyPlanSave>('safety-plan', {
  version: safetyPlanVersionSchema,
  view: safetyPlanViewSchema,
});
