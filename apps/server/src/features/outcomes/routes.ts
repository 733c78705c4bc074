import { acknowledgementQuerySchema, acknowledgementReportSchema, outcomesQuerySchema, outcomesReportSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { readAcknowledgementReport, readOutcomes } from './service.ts';

export const outcomeRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/outcomes',
    {
      config: { permission: 'outcomes.read' },
      schema: {
        tags: ['outcomes'],
        summary:
          'Program outcomes by program, track or primary clinician: shares with reliable improvement and deterioration, response and remission, and mean change from admission, each with its N (counts only)',
        querystring: outcomesQuerySchema,
        response: { 200: outcomesReportSchema },
      },
    },
    async (request) => readOutcomes(deps, actorOf(request), request.query),
  );

  app.get(
    '/v1/outcomes/time-to-acknowledgement',
    {
      config: { permission: 'outcomes.read' },
      schema: {
        tags: ['outcomes'],
        summary: 'Time to acknowledgement of safety alerts by program and week or month: median, 90th percentile and alerts still open (counts only)',
        querystring: acknowledgementQuerySchema,
        response: { 200: acknowledgementReportSchema },
      },
    },
    async (request) => readAcknowledgementReport(deps, actorOf(request), request.query),
  );
};
