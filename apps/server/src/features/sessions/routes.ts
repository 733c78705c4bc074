import {
  cancelSessionSchema,
  rosterCandidateListSchema,
  rosterCandidatesQuerySchema,
  createSessionSchema,
  sessionIdParamsSchema,
  sessionListSchema,
  sessionSummarySchema,
  sessionsQuerySchema,
  setCoFacilitatorsSchema,
  setupIdParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { cancelSession, createOneOffSession, getSessions } from './service.ts';
import { listRosterCandidates } from './roster-candidates.ts';
import { setCoFacilitators } from './co-facilitators.ts';

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
  app.get(
    '/v1/tracks/:id/roster-candidates',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['sessions'],
        summary: 'Participants who may be chosen for a one-off session of the track on a date (in its program that day; audited)',
        params: setupIdParamsSchema,
        querystring: rosterCandidatesQuerySchema,
        response: { 200: rosterCandidateListSchema },
      },
    },
    async (request) => listRosterCandidates(deps, actorOf(request), request.params.id, request.query.localDate),
  );
  app.put(
    '/v1/sessions/:id/co-facilitators',
    {
      config: { permission: 'session.write' },
      schema: {
        tags: ['sessions'],
        summary: 'Replace the staff who co-facilitate a session (409 naming the clash when one is busy then; audited)',
        params: sessionIdParamsSchema,
        body: setCoFacilitatorsSchema,
        response: { 200: sessionSummarySchema },
      },
    },
    async (request) => setCoFacilitators(deps, actorOf(request), request.params.id, request.body),
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
