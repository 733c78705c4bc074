import { auditPageSchema, auditQuerySchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { browseAudit } from './service.ts';

export const auditRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first, by participant, user and time range',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => browseAudit(deps, actorOf(request), request.query),
  );
};
