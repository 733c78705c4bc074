import { relapsePlanSaveSchema, relapsePlanVersionSchema, relapsePlanViewSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { versionedPlanRoutes } from '../../http/versioned-plan-routes.ts';
import { relapsePlans } from './service.ts';

export const relapsePlanRoutes: FeatureRoutes = (app, deps) =>
  versionedPlanRoutes(app, deps, {
    segment: 'relapse-plan',
    name: 'relapse prevention plan',
    tags: ['clinical'],
    store: relapsePlans,
    schemas: { save: relapsePlanSaveSchema, version: relapsePlanVersionSchema, view: relapsePlanViewSchema },
  });
