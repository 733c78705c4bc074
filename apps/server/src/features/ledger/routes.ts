import { censusQuerySchema, censusSchema, participantIdParamsSchema, participantLedgerSchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { readCensus, readParticipantLedger } from './service.ts';

export const ledgerRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/participants/:id/ledger',
    {
      config: { permission: 'attendance.read' },
      schema: {
        tags: ['ledger'],
        summary: 'Weekly hours against the requirement for every program week of the current episode (audited)',
        params: participantIdParamsSchema,
        response: { 200: participantLedgerSchema },
      },
    },
    async (request) => readParticipantLedger(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/census',
    {
      config: { permission: 'census.read' },
      schema: {
        tags: ['ledger'],
        summary: 'Every active participant’s hours for one program week, by program, track and primary clinician',
        querystring: censusQuerySchema,
        response: { 200: censusSchema },
      },
      // Thousands of rows built by readCensus to Census's type: parsing them again through zod before sending cost
      // more than writing them (the schema above still documents the answer; the tests check it holds).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => readCensus(deps, actorOf(request), request.query),
  );
};
