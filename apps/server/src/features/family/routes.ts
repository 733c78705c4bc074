/**
 * Family access. Staff routes sit under the participant (`/v1/participants/:id/family-members…`, the accounting of
 * disclosures); `/v1/family/*` answers only a family member signed in to the family portal (permission 'family') and
 * takes no ids; the participant reads their own accounting of disclosures in their portal. The family portal's
 * invitation link uses the participant portal's public invitation routes.
 */
import {
  familyAttendanceSchema,
  familyConsentInputSchema,
  familyEducationSchema,
  familyMeSchema,
  familyMemberInputSchema,
  familyMemberListSchema,
  familyMemberParamsSchema,
  familyMemberSchema,
  familyMemberUpdateSchema,
  familyPlanGoalsSchema,
  familySessionsSchema,
  guardianFamilyMemberInputSchema,
  guardianFamilySchema,
  guardianMemberParamsSchema,
  participantIdParamsSchema,
  part2DisclosureListSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf, familyActorOf, participantActorOf } from '../../http/route-config.ts';
import { familyAttendance, familyEducation, familyMe, familyPlanGoals, familySessions } from './portal-service.ts';
import { readOwnDisclosures } from './own-disclosures.ts';
import {
  addFamilyMemberAsGuardian,
  readGuardianFamily,
  recordConsentAsGuardian,
  revokeConsentAsGuardian,
} from './guardian-service.ts';
import {
  addFamilyMember,
  inviteFamilyMember,
  listFamilyMembers,
  readDisclosures,
  recordFamilyConsent,
  revokeFamilyConsent,
  updateFamilyMember,
} from './staff-service.ts';

export const familyRoutes: FeatureRoutes = (app, deps) => {
  const tags = ['family'];
  const member = { params: familyMemberParamsSchema };

  app.get(
    '/v1/participants/:id/family-members',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags,
        summary: 'The participant’s family members with their consent and sign-in (audited)',
        params: participantIdParamsSchema,
        response: { 200: familyMemberListSchema },
      },
    },
    async (request) => listFamilyMembers(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/v1/participants/:id/family-members',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary: 'Record a family member',
        params: participantIdParamsSchema,
        body: familyMemberInputSchema,
        response: { 201: familyMemberSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFamilyMember(deps, actorOf(request), request.params.id, request.body)),
  );
  app.put(
    '/v1/participants/:id/family-members/:memberId',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary: 'Change a family member’s details (a stale version is 409)',
        ...member,
        body: familyMemberUpdateSchema,
        response: { 200: familyMemberSchema },
      },
    },
    async (request) =>
      updateFamilyMember(deps, actorOf(request), request.params.id, request.params.memberId, request.body),
  );
  app.post(
    '/v1/participants/:id/family-members/:memberId/consent',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary:
          'Record a written consent (it replaces the one in force); a Part 2 program’s needs every element of 42 CFR 2.31 (422 names the first missing)',
        ...member,
        body: familyConsentInputSchema,
        response: { 201: familyMemberSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordFamilyConsent(deps, actorOf(request), request.params.id, request.params.memberId, request.body),
        ),
  );
  app.post(
    '/v1/participants/:id/family-members/:memberId/consent/revocation',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary: 'Revoke the consent in force: it holds from the family member’s next request',
        ...member,
        response: { 200: familyMemberSchema },
      },
    },
    async (request) => revokeFamilyConsent(deps, actorOf(request), request.params.id, request.params.memberId),
  );
  app.post(
    '/v1/participants/:id/family-members/:memberId/invitation',
    {
      config: { permission: 'participant.write' },
      schema: {
        tags,
        summary: 'Invite the family member to the family portal (or send it again): the link goes through the outbox',
        ...member,
        response: { 201: familyMemberSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await inviteFamilyMember(deps, actorOf(request), request.params.id, request.params.memberId)),
  );
  app.get(
    '/v1/participants/:id/disclosures',
    {
      config: { permission: 'participant.read' },
      schema: {
        tags,
        summary: 'The accounting of disclosures of the participant’s Part 2 records (audited)',
        params: participantIdParamsSchema,
        response: { 200: part2DisclosureListSchema },
      },
    },
    async (request) => readDisclosures(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/portal/disclosures',
    {
      config: { permission: 'participant' },
      schema: {
        tags,
        summary: 'The participant’s own accounting of disclosures to family members (audited)',
        response: { 200: part2DisclosureListSchema },
      },
    },
    async (request) => readOwnDisclosures(deps, participantActorOf(request)),
  );

  app.get(
    '/v1/family/me',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'The family member signed in, and what their consent lets them see now',
        response: { 200: familyMeSchema },
      },
    },
    async (request) => familyMe(deps, familyActorOf(request)),
  );
  app.get(
    '/v1/family/sessions',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'Family-session schedule, if the consent allows it (a Part 2 disclosure is recorded)',
        response: { 200: familySessionsSchema },
      },
    },
    async (request) => familySessions(deps, familyActorOf(request)),
  );
  app.get(
    '/v1/family/attendance',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'This week’s attendance summary, if the consent allows it (a Part 2 disclosure is recorded)',
        response: { 200: familyAttendanceSchema },
      },
    },
    async (request) => familyAttendance(deps, familyActorOf(request)),
  );
  app.get(
    '/v1/family/education',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'Educational material for families, if the consent allows it',
        response: { 200: familyEducationSchema },
      },
    },
    async (request) => familyEducation(deps, familyActorOf(request)),
  );
  app.get(
    '/v1/family/plan-goals',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary:
          'Treatment plan goals, only if the consent includes clinical information (a Part 2 disclosure is recorded)',
        response: { 200: familyPlanGoalsSchema },
      },
    },
    async (request) => familyPlanGoals(deps, familyActorOf(request)),
  );

  // A minor's guardian manages their family members and consents (403 for any other member, 422 once they are adult).
  app.get(
    '/v1/family/guardian/family-members',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'For a minor’s guardian: the participant’s family members and their consents, and the programs a consent may name (audited)',
        response: { 200: guardianFamilySchema },
      },
    },
    async (request) => readGuardianFamily(deps, familyActorOf(request)),
  );
  app.post(
    '/v1/family/guardian/family-members',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'For a minor’s guardian: record a family member of the participant',
        body: guardianFamilyMemberInputSchema,
        response: { 201: familyMemberSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addFamilyMemberAsGuardian(deps, familyActorOf(request), request.body)),
  );
  app.post(
    '/v1/family/guardian/family-members/:id/consent',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'For a minor’s guardian: record a family member’s written consent (it replaces the one in force); not their own, not a Part 2 program’s',
        params: guardianMemberParamsSchema,
        body: familyConsentInputSchema,
        response: { 201: familyMemberSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordConsentAsGuardian(deps, familyActorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/family/guardian/family-members/:id/consent/revocation',
    {
      config: { permission: 'family' },
      schema: {
        tags,
        summary: 'For a minor’s guardian: revoke a family member’s consent in force, effective at their next request',
        params: guardianMemberParamsSchema,
        response: { 200: familyMemberSchema },
      },
    },
    async (request) => revokeConsentAsGuardian(deps, familyActorOf(request), request.params.id),
  );
};
