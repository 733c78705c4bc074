/**
 * Public routes of the way in (no sign-in), each declared `public`, rate limited per client address before its body is
 * read, and answered `no-store` like every API route. None returns anything stored about a person.
 */
import {
  inquiryFormTokenSchema,
  programPublicProfileViewSchema,
  setupIdParamsSchema,
  updateProgramPublicProfileSchema, inquiryReceivedSchema, inquiryRequestSchema, orgSlugParamsSchema, publicProgramPageSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { rateLimitHook } from '../../http/rate-limit.ts';
import { actorOf } from '../../http/route-config.ts';
import { getProgramPublicProfile, updateProgramPublicProfile } from './program-profile.ts';
import { publicReadLimit } from './page.ts';
import { inquiryForm, programPage, requestAssessment } from './service.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const wayInRoutes: FeatureRoutes = (app, deps) => {
  const now = () => deps.clock.now();
  const readLimit = rateLimitHook(deps.db, now, () => publicReadLimit(deps.config));
  const inquiryLimit = rateLimitHook(deps.db, now, () => ({
    name: 'public-inquiry',
    windowMs: HOUR_MS,
    max: deps.config.publicInquiriesPerHour,
  }));

  app.get(
    '/v1/public/orgs/:orgSlug/programs',
    {
      config: { permission: 'public' },
      onRequest: readLimit,
      schema: {
        tags: ['public'],
        summary: 'The organisation’s program page: listed programs, tracks with days and times in the site’s zone',
        params: orgSlugParamsSchema,
        response: { 200: publicProgramPageSchema },
      },
    },
    async (request) => programPage(deps, request.params.orgSlug),
  );

  app.get(
    '/v1/public/orgs/:orgSlug/inquiry-form',
    {
      config: { permission: 'public' },
      onRequest: readLimit,
      schema: {
        tags: ['public'],
        summary: 'Opens the "Request an assessment" form: a signed token dating when it was opened',
        params: orgSlugParamsSchema,
        response: { 200: inquiryFormTokenSchema },
      },
    },
    async (request) => inquiryForm(deps, request.params.orgSlug),
  );

  app.post(
    '/v1/public/orgs/:orgSlug/inquiries',
    {
      config: { permission: 'public' },
      onRequest: inquiryLimit,
      schema: {
        tags: ['public'],
        summary: 'Request an assessment: answers only that it was received',
        params: orgSlugParamsSchema,
        body: inquiryRequestSchema,
        response: { 202: inquiryReceivedSchema },
      },
    },
    async (request, reply) => {
      await requestAssessment(deps, request.params.orgSlug, request.body);
      return reply.status(202).send({ status: 'received' as const });
    },
  );

  // ---- Staff: what a program publishes ----
  app.get(
    '/v1/programs/:id/public-profile',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'What the public program page shows about a program',
        params: setupIdParamsSchema,
        response: { 200: programPublicProfileViewSchema },
      },
    },
    async (request) => getProgramPublicProfile(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/v1/programs/:id/public-profile',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'List a program on the public program page, with who it is for, a typical week, therapies and insurance',
        params: setupIdParamsSchema,
        body: updateProgramPublicProfileSchema,
        response: { 200: programPublicProfileViewSchema },
      },
    },
    async (request) => updateProgramPublicProfile(deps, actorOf(request), request.params.id, request.body),
  );
};
