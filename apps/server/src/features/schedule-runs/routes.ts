import { scheduleRunAcceptSchema, scheduleRunCreateSchema, scheduleRunIdParamsSchema, scheduleRunSchema, scheduleRunStartedSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { acceptScheduleRun, readScheduleRun, startScheduleRun } from './service.ts';

export const scheduleRunRoutes: FeatureRoutes = (app, deps) => {
  app.post(
    '/v1/schedule-runs',
    {
      config: { permission: 'schedule-run.write' },
      schema: {
        tags: ['schedule-runs'],
        summary: 'Start the weekly auto-scheduler for a program (or, with programId null, the organisation) for next week; 202 with the run id',
        body: scheduleRunCreateSchema,
        response: { 202: scheduleRunStartedSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await startScheduleRun(deps, actorOf(request), request.body)),
  );

  app.get(
    '/v1/schedule-runs/:id',
    {
      config: { permission: 'schedule-run.write' },
      schema: {
        tags: ['schedule-runs'],
        summary: 'A run: queued while solving, then its proposal (placements, unplaced participants and why), then what accepting booked (audited)',
        params: scheduleRunIdParamsSchema,
        response: { 200: scheduleRunSchema },
      },
    },
    async (request) => readScheduleRun(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/v1/schedule-runs/:id/accept',
    {
      config: { permission: 'schedule-run.write' },
      schema: {
        tags: ['schedule-runs'],
        summary:
          'Book the placements named (placementIds), or every placement not booked yet, as a person’s booking would be; those that clashed since the run are listed, not booked. 400 names ids not of this run, 409 those booked already',
        params: scheduleRunIdParamsSchema,
        body: scheduleRunAcceptSchema,
        response: { 200: scheduleRunSchema },
      },
    },
    async (request) => acceptScheduleRun(deps, actorOf(request), request.params.id, request.body),
  );
};
