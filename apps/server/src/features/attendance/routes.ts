import { rollHeadersSchema, rollParamsSchema, rollSavedSchema, rollSchema, rollUpdateSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { openedRollWrite, openRollWriteAlong } from './queries.ts';
import { readRoll, recordRoll } from './service.ts';
import { replayableSince } from './idempotency.ts';

export const attendanceRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/sessions/:id/roll',
    {
      config: { permission: 'attendance.read' },
      schema: {
        tags: ['attendance'],
        summary: 'The roll of a session: its expected roster with the marks taken (audited per participant)',
        params: rollParamsSchema,
        response: { 200: rollSchema },
      },
    },
    async (request) => readRoll(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/sessions/:id/roll',
    {
      config: {
        permission: 'attendance.write',
        // The roll's first read rides along the session check; only for values the route's validation will accept.
        readAlong: (request) => {
          const params = rollParamsSchema.safeParse(request.params);
          const headers = rollHeadersSchema.safeParse(request.headers);
          if (!params.success || !headers.success) return null;
          const idempotencyKey = headers.data['idempotency-key'] ?? null;
          return openRollWriteAlong({ sessionId: params.data.id, idempotencyKey, storedSince: replayableSince(deps.clock.now()) });
        },
      },
      schema: {
        tags: ['attendance'],
        summary:
          'Record marks on a session’s roll; answers the marks that changed and the roll’s counts. A repeat with the same Idempotency-Key replays the first answer',
        params: rollParamsSchema,
        headers: rollHeadersSchema,
        body: rollUpdateSchema,
        response: { 200: rollSavedSchema },
      },
      // The answer is built by recordRoll to RollSaved's type; parsing it again through zod before sending cost more
      // than writing it (the schema above still documents it).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      const opened = request.readAlong ? { ...openedRollWrite(request.readAlong), idempotencyKey: key ?? null } : null;
      return recordRoll(deps, actorOf(request), request.params.id, request.body, key, opened);
    },
  );
};
