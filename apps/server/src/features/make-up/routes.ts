import {
  makeUpBookingResultSchema,
  makeUpBookingSchema,
  makeUpGuestParamsSchema,
  makeUpOptionsSchema,
  participantIdParamsSchema,
  sessionIdParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { bookMakeUp, cancelMakeUp, readMakeUpOptions } from './service.ts';

export const makeUpRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/participants/:id/make-up-options',
    {
      config: { permission: 'attendance.read' },
      schema: {
        tags: ['make-up'],
        summary: 'Other tracks’ sessions this week the participant could join to make up hours, most hours recovered first (audited)',
        params: participantIdParamsSchema,
        response: { 200: makeUpOptionsSchema },
      },
    },
    async (request) => readMakeUpOptions(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/v1/sessions/:id/guests',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['make-up'],
        summary: 'Book a participant into another track’s session as a make-up (422 when full, 409 when they are busy then)',
        params: sessionIdParamsSchema,
        body: makeUpBookingSchema,
        response: { 201: makeUpBookingResultSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await bookMakeUp(deps, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/sessions/:id/guests/:participantId/cancel',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['make-up'],
        summary: 'Cancel a make-up booking before the session starts',
        params: makeUpGuestParamsSchema,
        response: { 200: makeUpBookingResultSchema },
      },
    },
    async (request) => cancelMakeUp(deps, actorOf(request), request.params.id, request.params.participantId),
  );
};
