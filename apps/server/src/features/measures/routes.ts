import {
  episodeIdParamsSchema,
  measureEntryHeadersSchema,
  measureEntrySchema,
  participantIdParamsSchema,
  participantMeasuresSchema,
  safetyAcknowledgementSchema,
  safetyAlertListSchema,
  safetyAlertParamsSchema,
  safetyAlertSchema,
  storedMeasureSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { acknowledgeAlert, enterMeasure, listOpenAlerts, readParticipantMeasures } from './service.ts';

export const measureRoutes: FeatureRoutes = (app, deps) => {
  app.post(
    '/v1/episodes/:id/measures',
    {
      config: { permission: 'measure.write' },
      schema: {
        tags: ['measures'],
        summary:
          'Enter a measure’s answers; the server scores them, raises a safety alert for a risk answer, and replays the first answer to a repeat with the same Idempotency-Key',
        params: episodeIdParamsSchema,
        headers: measureEntryHeadersSchema,
        body: measureEntrySchema,
        response: { 201: storedMeasureSchema },
      },
    },
    async (request, reply) => {
      const stored = await enterMeasure(deps, actorOf(request), request.params.id, request.body, request.headers['idempotency-key']);
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/v1/participants/:id/measures',
    {
      config: { permission: 'measure.read' },
      schema: {
        tags: ['measures'],
        summary: 'A participant’s scores per episode and instrument over time, with reliable change from the first (audited)',
        params: participantIdParamsSchema,
        response: { 200: participantMeasuresSchema },
      },
    },
    async (request) => readParticipantMeasures(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/safety-alerts',
    {
      config: { permission: 'safety-alert.acknowledge' },
      schema: {
        tags: ['measures'],
        summary: 'Open safety alerts the caller must see: as primary clinician, program supervisor or clinician’s supervisor (audited)',
        response: { 200: safetyAlertListSchema },
      },
    },
    async (request) => listOpenAlerts(deps, actorOf(request)),
  );

  app.post(
    '/v1/safety-alerts/:id/acknowledgement',
    {
      config: { permission: 'safety-alert.acknowledge' },
      schema: {
        tags: ['measures'],
        summary: 'Acknowledge a safety alert with what was done; records the time to acknowledgement',
        params: safetyAlertParamsSchema,
        body: safetyAcknowledgementSchema,
        response: { 200: safetyAlertSchema },
      },
    },
    async (request) => acknowledgeAlert(deps, actorOf(request), request.params.id, request.body),
  );
};
