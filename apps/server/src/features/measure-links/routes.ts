/**
 * One-time measure links: staff make them (one, or one per measure due this week), and the participant opens and
 * answers one without signing in under /api/v1/public/measure-links/:token, rate limited per client address before
 * the body is read. The due list per clinician lives here too.
 */
import {
  dueLinksCreatedSchema,
  dueLinksRequestSchema,
  dueListQuerySchema,
  dueListSchema,
  episodeIdParamsSchema,
  measureLinkCreatedSchema,
  measureLinkRequestSchema,
  measureLinkTokenParamsSchema,
  publicMeasureAnswerSchema,
  publicMeasureLinkSchema,
  publicMeasureReceiptSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { rateLimitHook } from '../../http/rate-limit.ts';
import { actorOf } from '../../http/route-config.ts';
import { answerMeasureLink, createDueLinks, createMeasureLink, openMeasureLink, readDueList } from './service.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const measureLinkRoutes: FeatureRoutes = (app, deps) => {
  const now = () => deps.clock.now();
  const readLimit = rateLimitHook(deps.db, now, () => ({ name: 'public-read', windowMs: MINUTE_MS, max: deps.config.publicReadsPerMinute }));
  const answerLimit = rateLimitHook(deps.db, now, () => ({
    name: 'public-measure-answer',
    windowMs: HOUR_MS,
    max: deps.config.publicMeasureAnswersPerHour,
  }));

  app.post(
    '/v1/episodes/:id/measure-links',
    {
      config: { permission: 'measure.write' },
      schema: {
        tags: ['measures'],
        summary: 'Make a one-time link for the participant to answer one instrument or a check-in on their phone; the token is shown only in this answer',
        params: episodeIdParamsSchema,
        body: measureLinkRequestSchema,
        response: { 201: measureLinkCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createMeasureLink(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/measures/due',
    {
      config: { permission: 'measure.read' },
      schema: {
        tags: ['measures'],
        summary: 'A clinician’s caseload with measures due by the end of this program week, with any open link (audited)',
        querystring: dueListQuerySchema,
        response: { 200: dueListSchema },
      },
    },
    async (request) => readDueList(deps, actorOf(request), request.query.clinicianId),
  );

  app.post(
    '/v1/measures/due/links',
    {
      config: { permission: 'measure.write' },
      schema: {
        tags: ['measures'],
        summary: 'Make one-time links for everything due this week on a caseload that has no open link yet',
        body: dueLinksRequestSchema,
        response: { 201: dueLinksCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createDueLinks(deps, actorOf(request), request.body.clinicianId)),
  );

  app.get(
    '/v1/public/measure-links/:token',
    {
      config: { permission: 'public' },
      onRequest: readLimit,
      schema: {
        tags: ['public'],
        summary: 'Open a one-time link: the questionnaire only (no name, no record); 410 when used or expired',
        params: measureLinkTokenParamsSchema,
        response: { 200: publicMeasureLinkSchema },
      },
    },
    async (request) => openMeasureLink(deps, request.params.token),
  );

  app.post(
    '/v1/public/measure-links/:token',
    {
      config: { permission: 'public' },
      onRequest: answerLimit,
      schema: {
        tags: ['public'],
        summary:
          'Answer a one-time link: `{ answers }` for an instrument or the check-in’s fields; stored once (a repeat of the same answer is answered alike); 410 when used or expired, nothing stored',
        params: measureLinkTokenParamsSchema,
        body: publicMeasureAnswerSchema,
        response: { 201: publicMeasureReceiptSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await answerMeasureLink(deps, request.params.token, request.body)),
  );
};
