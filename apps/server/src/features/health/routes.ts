import { z } from 'zod';
import { ACTIONS, meSchema, roleAllows } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { VERSION } from '../../version.ts';
import { actorOf } from '../../http/route-config.ts';

export const healthRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database answer',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await deps.db.execute('select 1');
      return { status: 'ok' as const, database: deps.dbKind, version: VERSION };
    },
  );

  app.get(
    '/v1/me',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['system'],
        summary: 'The signed-in staff member and what they may do',
        response: {
          200: meSchema,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        role: actor.role,
        orgId: actor.orgId,
        permissions: ACTIONS.filter((a) => roleAllows(actor.role, a)),
        sessionIdleMinutes: deps.config.sessionIdleMinutes,
        twoFactorPending: actor.twoFactorPending === true,
      };
    },
  );
};
