/** A participant's relapse prevention plan: the latest version with the list of versions, one version, and saving the next. */
import {
  relapsePlanVersionSchema,
  relapsePlanViewSchema,
  type RelapsePlanSave,
  type RelapsePlanVersion,
  type RelapsePlanView,
} from '@trellis/core';
import { versionedPlanApi } from '../../ui/plans/versioned-plan-api.ts';

export const relapsePlanApi = versionedPlanApi<RelapsePlanVersion, RelapsePlanView, RelapsePlanSave>('relapse-plan', {
  version: relapsePlanVersionSchema,
  view: relapsePlanViewSchema,
});
