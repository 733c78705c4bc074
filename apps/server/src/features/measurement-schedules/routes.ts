import { measurementScheduleUpdateSchema, measurementScheduleViewSchema, setupIdParamsSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { getMeasurementSchedule, updateMeasurementSchedule } from './service.ts';

export const measurementScheduleRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/programs/:id/measurement-schedule',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'A program’s measurement schedule: its own, or the defaults for its focus (isDefault)',
        params: setupIdParamsSchema,
        response: { 200: measurementScheduleViewSchema },
      },
    },
    async (request) => getMeasurementSchedule(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/v1/programs/:id/measurement-schedule',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Set which instruments a program gives at admission, every N days and at discharge; an empty list returns to the defaults',
        params: setupIdParamsSchema,
        body: measurementScheduleUpdateSchema,
        response: { 200: measurementScheduleViewSchema },
      },
    },
    async (request) => updateMeasurementSchedule(deps, actorOf(request), request.params.id, request.body),
  );
};
