import {
  participantIdParamsSchema,
  safetyPlanSaveSchema,
  safetyPlanVersionParamsSchema,
  safetyPlanVersionSchema,
  safetyPlanViewSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { readSafetyPlan, readSafetyPlanVersion, saveSafetyPlan } from './service.ts';

export const safetyPlanRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/participants/:id/safety-plan',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['measures'],
        summary: 'A participant’s safety plan (Stanley–Brown): the latest version and the list of versions (audited)',
        params: participantIdParamsSchema,
        response: { 200: safetyPlanViewSchema },
      },
    },
    async (request) => readSafetyPlan(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/participants/:id/safety-plan/versions/:version',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['measures'],
        summary: 'One saved version of a participant’s safety plan, as it was (audited)',
        params: safetyPlanVersionParamsSchema,
        response: { 200: safetyPlanVersionSchema },
      },
    },
    async (request) => readSafetyPlanVersion(deps, actorOf(request), request.params.id, request.params.version),
  );

  app.put(
    '/v1/participants/:id/safety-plan',
    {
      config: { permission: 'safety-plan.write' },
      schema: {
        tags: ['measures'],
        summary: 'Save the next version of a participant’s safety plan; basedOnVersion must be the latest (0 for the first), else 409',
        params: participantIdParamsSchema,
        body: safetyPlanSaveSchema,
        response: { 200: safetyPlanVersionSchema },
      },
    },
    async (request) => saveSafetyPlan(deps, actorOf(request), request.params.id, request.body),
  );
};
