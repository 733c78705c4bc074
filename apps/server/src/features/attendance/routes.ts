import { rollHeadersSchema, rollParamsSchema, rollSavedSchema, rollSchema, rollUpdateSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { openedRollWrite, openRollWriteAlong } from './queries.ts';
import { readRoll, recordRoll, recordRollAlongSignIn, rollAnswerJson } from './service.ts';
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
        // With the sign-in and the roll both remembered, the whole write is one statement that checks the sign-in too.
        writeAlong: true,
        // The roll's first read rides along the session check; only for values the route's validation will accept.
        readAlong: (request) => {
          // Only the two values it uses, each by its own field's schema (not a copy of every header).
          const id = rollParamsSchema.shape.id.safeParse((request.params as { id?: unknown }).id);
          const key = rollHeadersSchema.shape['idempotency-key'].safeParse(request.headers['idempotency-key']);
          if (!id.success || !key.success) return null;
          return openRollWriteAlong({ sessionId: id.data, idempotencyKey: key.data ?? null, storedSince: replayableSince(deps.clock.now()) });
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
      // than writing it (the schema above still documents it). A fresh answer was already written out as JSON for the
      // Idempotency-Key's store: that text is sent.
      serializerCompiler: () => (data) => rollAnswerJson(data) ?? JSON.stringify(data),
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      if (request.signInToConfirm) {
        const saved = await recordRollAlongSignIn(deps, request.signInToConfirm, request.params.id, request.body, key);
        if (saved) {
          request.signInToConfirm = null;
          return saved;
        }
        await request.confirmSignIn!();
      }
      const opened = request.readAlong ? { ...openedRollWrite(request.readAlong), idempotencyKey: key ?? null } : null;
      return recordRoll(deps, actorOf(request), request.params.id, request.body, key, opened);
    },
  );
};
