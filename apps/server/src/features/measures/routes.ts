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
import { acknowledgeAlert, alertStreamStart, enterMeasure, listOpenAlerts, readParticipantMeasures } from './service.ts';
import { ALERT_STREAM_HEARTBEAT_MS, createAlertHub, type AlertNotice } from './alert-stream.ts';

export const measureRoutes: FeatureRoutes = (app, deps) => {
  // One listener per process, started by the first stream and stopped with the app.
  const hub = createAlertHub(deps.db, deps.dbKind, (message) => app.log.warn(message));
  app.addHook('preClose', async () => hub.endStreams());
  app.addHook('onClose', async () => hub.close());

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

  app.get(
    '/v1/safety-alerts/stream',
    {
      config: { permission: 'safety-alert.acknowledge' },
      schema: {
        tags: ['measures'],
        summary:
          'Server-Sent Events: `open-count` {count} on connect, then `safety-alert` {alertId} for each new alert the caller must see and `safety-alert-acknowledged` {alertId} when one is acknowledged (ids only: fetch the list), and a heartbeat comment every 25 s',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await hub.ready();
      const { openCount } = await alertStreamStart(deps, actor);
      const cookie = request.headers.cookie;
      // The session is checked again before every event and heartbeat, as every request is: a revoked or ended
      // session closes the stream.
      const stillSignedIn = async () => {
        const now = await deps.signedIn({ cookie }).catch(() => null);
        return now !== null && now.userId === actor.userId && now.role === actor.role && now.orgId === actor.orgId;
      };

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let open = true;
      const write = (chunk: string) => {
        if (open) res.write(chunk);
      };
      const end = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      const checked = (send: () => void) => {
        void stillSignedIn().then((ok) => (ok ? send() : end()));
      };
      const unsubscribe = hub.subscribe({
        orgId: actor.orgId,
        user: { id: actor.userId, role: actor.role },
        deliver: (notice: AlertNotice) =>
          checked(() => write(`event: ${notice.acknowledged ? 'safety-alert-acknowledged' : 'safety-alert'}\nid: ${notice.alertId}\ndata: ${JSON.stringify({ alertId: notice.alertId })}\n\n`)),
        end: () => end(),
      });
      const heartbeat = setInterval(() => checked(() => write(': heartbeat\n\n')), ALERT_STREAM_HEARTBEAT_MS);
      request.raw.on('close', end);
      write(`retry: 3000\nevent: open-count\ndata: ${JSON.stringify({ count: openCount })}\n\n`);
    },
  );
};
