import { safetyPlanSaveSchema, safetyPlanVersionSchema, safetyPlanViewSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { versionedPlanRoutes } from '../../http/versioned-plan-routes.ts';
import { safetyPlans } from './service.ts';

export const safetyPlanRoutes: FeatureRoutes = (app, deps) =>
  versionedPlanRoutes(app, deps, {
    segment: 'safety-plan',
    name: 'safety plan (Stanley–Brown)',
    tags: ['measures'],
    store: safetyPlans,
    schemas: { save: safetyPlanSaveSchema, version: safetyPlanVersionSchema, view: safetyPlanViewSchema },
  });
