import {
  checkInEntrySchema,
  checkInListSchema,
  episodeIdParamsSchema,
  measureEntryHeadersSchema,
  participantIdParamsSchema,
  storedCheckInSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { enterCheckIn, listCheckIns } from './service.ts';

export const checkInRoutes: FeatureRoutes = (app, deps) => {
  app.post(
    '/v1/episodes/:id/check-ins',
    {
      config: { permission: 'measure.write' },
      schema: {
        tags: ['measures'],
        summary:
          'Enter a daily check-in (mood, anxiety, craving, sleep, use, note); thoughts of self-harm raise a safety alert; a repeat with the same Idempotency-Key stores one',
        params: episodeIdParamsSchema,
        headers: measureEntryHeadersSchema,
        body: checkInEntrySchema,
        response: { 201: storedCheckInSchema },
      },
    },
    async (request, reply) => {
      const stored = await enterCheckIn(deps, actorOf(request), request.params.id, request.body, request.headers['idempotency-key']);
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/v1/participants/:id/check-ins',
    {
      config: { permission: 'measure.read' },
      schema: {
        tags: ['measures'],
        summary: 'A participant’s daily check-ins, newest first (audited)',
        params: participantIdParamsSchema,
        response: { 200: checkInListSchema },
      },
    },
    async (request) => listCheckIns(deps, actorOf(request), request.params.id),
  );
};
