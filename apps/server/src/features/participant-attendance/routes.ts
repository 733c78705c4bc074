import { participantAttendancePageSchema, participantAttendanceQuerySchema, participantIdParamsSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { readAttendanceHistory } from './service.ts';

export const participantAttendanceRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/participants/:id/attendance',
    {
      config: { permission: 'attendance.read' },
      schema: {
        tags: ['attendance'],
        summary: 'Sessions the participant was expected at or marked on that have begun, newest first (audited)',
        params: participantIdParamsSchema,
        querystring: participantAttendanceQuerySchema,
        response: { 200: participantAttendancePageSchema },
      },
    },
    async (request) => readAttendanceHistory(deps, actorOf(request), request.params.id, request.query),
  );
};
