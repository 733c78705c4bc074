import {
  cancelSessionSchema,
  createSessionSchema,
  sessionIdParamsSchema,
  sessionListSchema,
  sessionSummarySchema,
  sessionsQuerySchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { cancelSession, createOneOffSession, getSessions } from './service.ts';

export const sessionRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/sessions',
    {
      config: { permission: 'session.read' },
      schema: {
        tags: ['sessions'],
        summary: 'Sessions by local date (at most 62 days), with expected and recorded counts',
        querystring: sessionsQuerySchema,
        response: { 200: sessionListSchema },
      },
    },
    async (request) => getSessions(deps, actorOf(request), request.query),
  );
  app.post(
    '/v1/sessions',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['sessions'],
        summary: 'Add a one-off session to a track (refused when its room is already booked)',
        body: createSessionSchema,
        response: { 201: sessionSummarySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createOneOffSession(deps, actorOf(request), request.body)),
  );
  app.post(
    '/v1/sessions/:id/cancel',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['sessions'],
        summary: 'Cancel a session with a reason (refused once its roll has entries)',
        params: sessionIdParamsSchema,
        body: cancelSessionSchema,
        response: { 200: sessionSummarySchema },
      },
    },
    async (request) => cancelSession(deps, actorOf(request), request.params.id, request.body),
  );
};
