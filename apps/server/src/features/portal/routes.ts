/**
 * The participant portal's routes. `/v1/portal/*` answers only a participant signed in to the portal (permission
 * 'participant': staff get 403) and takes no participant id. The calendar feed is unauthenticated (a phone's calendar
 * cannot sign in) but guarded by its secret token and rate limited per address. The invitation routes are public,
 * rate limited, and tell nothing about whose link it was.
 */
import {
  calendarFeedCreatedSchema,
  calendarFeedStatusSchema,
  linkTokenParamsSchema,
  measureEntryHeadersSchema,
  participantIdParamsSchema,
  portalAccountSchema,
  portalInvitationRenewalSchema,
  portalInvitationSchema,
  portalInvitationStateSchema,
  portalMeSchema,
  portalMeasureParamsSchema,
  portalMeasuresSchema,
  portalPlanSignSchema,
  publicMeasureAnswerSchema,
  publicMeasureReceiptSchema,
  portalTreatmentPlanSchema,
  portalTreatmentPlansSchema,
  portalWeekSchema,
  relapsePlanViewSchema,
  safetyPlanViewSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { rateLimitHook } from '../../http/rate-limit.ts';
import { calendarFeedRoute } from '../../http/calendar-feed.ts';
import { actorOf, participantActorOf } from '../../http/route-config.ts';
import {
  calendarFeedFor,
  invitationState,
  inviteToPortal,
  portalMe,
  readFeedStatus,
  readPortalAccount,
  readPortalWeek,
  renewInvitation,
  resetFeed,
} from './service.ts';
import { answerOwnMeasure, readOwnMeasures } from './measures.ts';
import { readOwnTreatmentPlans, signOwnTreatmentPlan } from '../plans/portal.ts';
import { relapsePlans } from '../relapse-plans/service.ts';
import { safetyPlans } from '../safety-plans/service.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const portalRoutes: FeatureRoutes = (app, deps) => {
  const tags = ['participant portal'];
  const now = () => deps.clock.now();
  const invitationReadLimit = rateLimitHook(deps.db, now, () => ({ name: 'portal-invitation-read', windowMs: MINUTE_MS, max: deps.config.publicReadsPerMinute }));
  // A renewal may put an email in someone's inbox, as a password-reset request does: the same limit.
  const renewalLimit = rateLimitHook(deps.db, now, () => ({ name: 'portal-invitation-renewal', windowMs: HOUR_MS, max: deps.config.passwordResetRequestsPerHour }));

  app.get(
    '/v1/portal/me',
    { config: { permission: 'participant' }, schema: { tags, summary: 'The participant signed in to the portal', response: { 200: portalMeSchema } } },
    async (request) => portalMe(deps, participantActorOf(request)),
  );
  app.get(
    '/v1/portal/week',
    {
      config: { permission: 'participant' },
      schema: { tags, summary: 'Today and this program week: the participant’s own sessions and hours so far against the requirement (audited)', response: { 200: portalWeekSchema } },
    },
    async (request) => readPortalWeek(deps, participantActorOf(request)),
  );
  app.get(
    '/v1/portal/relapse-plan',
    {
      config: { permission: 'participant' },
      schema: { tags, summary: 'The participant’s own relapse prevention plan: the latest version, to read and print (audited)', response: { 200: relapsePlanViewSchema } },
    },
    async (request) => relapsePlans.readOwn(deps, participantActorOf(request)),
  );
  app.get(
    '/v1/portal/safety-plan',
    {
      config: { permission: 'participant' },
      schema: { tags, summary: 'The participant’s own safety plan: the latest version, to read and print (audited)', response: { 200: safetyPlanViewSchema } },
    },
    async (request) => safetyPlans.readOwn(deps, participantActorOf(request)),
  );
  app.get(
    '/v1/portal/treatment-plans',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'The participant’s treatment plan in force for each current program, in plain words, and whether they have signed it (audited)',
        response: { 200: portalTreatmentPlansSchema },
      },
    },
    async (request) => readOwnTreatmentPlans(deps, participantActorOf(request)),
  );
  app.post(
    '/v1/portal/treatment-plans/signature',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'The participant signs the plan they read, named by its content hash (method portal); signing again answers the same signature',
        body: portalPlanSignSchema,
        response: { 200: portalTreatmentPlanSchema, 201: portalTreatmentPlanSchema },
      },
    },
    async (request, reply) => {
      const { plan, created } = await signOwnTreatmentPlan(deps, participantActorOf(request), request.body);
      return reply.code(created ? 201 : 200).send(plan);
    },
  );
  app.get(
    '/v1/portal/measures',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'Questionnaires due this week for the participant’s current episodes, and where a daily check-in goes (audited)',
        response: { 200: portalMeasuresSchema },
      },
    },
    async (request) => readOwnMeasures(deps, participantActorOf(request)),
  );
  app.post(
    '/v1/portal/episodes/:episodeId/measures/:kind',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary:
          'Answer a questionnaire due now (`{ answers }`) or check in (the check-in’s fields): scored and stored as a link’s answer is, a risk answer raises a safety alert; says whether to show crisis resources; a repeat with the same Idempotency-Key stores one and replays the first receipt',
        params: portalMeasureParamsSchema,
        headers: measureEntryHeadersSchema,
        body: publicMeasureAnswerSchema,
        response: { 201: publicMeasureReceiptSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await answerOwnMeasure(
            deps,
            participantActorOf(request),
            request.params.episodeId,
            request.params.kind,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );
  app.get(
    '/v1/portal/calendar-feed',
    {
      config: { permission: 'participant' },
      schema: { tags, summary: 'Whether the participant has a private calendar feed address', response: { 200: calendarFeedStatusSchema } },
    },
    async (request) => readFeedStatus(deps, participantActorOf(request)),
  );
  app.post(
    '/v1/portal/calendar-feed',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'Make a new private calendar feed address (shown once); any earlier one stops working (audited)',
        response: { 201: calendarFeedCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await resetFeed(deps, participantActorOf(request))),
  );

  calendarFeedRoute(app, deps, {
    collection: 'calendar-feeds',
    tags,
    summary: 'A participant’s sessions as iCalendar (RFC 5545) for their phone: neutral summaries, times and rooms only; the token is the key',
    read: (token) => calendarFeedFor(deps, token),
  });

  app.get(
    '/v1/public/portal-invitations/:token',
    {
      config: { permission: 'public' },
      onRequest: invitationReadLimit,
      schema: {
        tags,
        summary: 'Whether a portal invitation link can still be used (valid, expired, or unknown)',
        params: linkTokenParamsSchema,
        response: { 200: portalInvitationStateSchema },
      },
    },
    async (request) => ({ state: await invitationState(deps, request.params.token) }),
  );
  app.post(
    '/v1/public/portal-invitations/:token/renewal',
    {
      config: { permission: 'public' },
      onRequest: renewalLimit,
      schema: {
        tags,
        summary: 'Ask for a new invitation when the link has expired: it goes to the address the program has on file',
        params: linkTokenParamsSchema,
        response: { 202: portalInvitationRenewalSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await renewInvitation(deps, request.params.token)),
  );

  app.get(
    '/v1/participants/:id/portal-account',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags,
        summary: 'Whether the participant has a portal account: none, invited, active or inactive (audited)',
        params: participantIdParamsSchema,
        response: { 200: portalAccountSchema },
      },
    },
    async (request) => readPortalAccount(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/v1/participants/:id/portal-invitation',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary: 'Invite the participant to the portal (or send the invitation again): the link goes through the outbox',
        params: participantIdParamsSchema,
        body: portalInvitationSchema,
        response: { 201: portalAccountSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await inviteToPortal(deps, actorOf(request), request.params.id, request.body ?? {})),
  );
};
