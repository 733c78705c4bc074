import {
  certificationCreateSchema,
  certificationQueueQuerySchema,
  certificationQueueSchema,
  certificationViewSchema,
  episodeCertificationsSchema,
  episodeIdParamsSchema,
  planDraftCreateSchema,
  planDraftSaveSchema,
  planReviewCreateSchema,
  planReviewsDueSchema,
  planReviewViewSchema,
  planSettingsUpdateSchema,
  planSettingsViewSchema,
  planSignatureCreateSchema,
  planSignSchema,
  planVersionParamsSchema,
  planVersionViewSchema,
  setupIdParamsSchema,
  treatmentPlanOverviewSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { sendPdf } from '../../pdf/export.ts';
import { certifyEpisode, readCertificationQueue, readEpisodeCertifications } from './certifications.ts';
import { addPlanSignature, createPlanDraft, exportPlanVersion, readPlanVersion, readTreatmentPlan, reviewPlan, savePlanDraft, signPlan } from './service.ts';
import { readPlanReviewsDue } from './reviews-due.ts';
import { getPlanSettings, updatePlanSettings } from './settings.ts';

export const planRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/episodes/:id/treatment-plan',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['plans'],
        summary: 'An episode’s treatment plan: versions, the plan in force, an open draft, reviews and the next review due (audited)',
        params: episodeIdParamsSchema,
        response: { 200: treatmentPlanOverviewSchema },
      },
    },
    async (request) => readTreatmentPlan(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/episodes/:id/treatment-plan/versions/:number',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['plans'],
        summary: 'One version of the plan as signed, or the draft as last saved (audited)',
        params: planVersionParamsSchema,
        response: { 200: planVersionViewSchema },
      },
    },
    async (request) => readPlanVersion(deps, actorOf(request), request.params.id, request.params.number),
  );

  app.get(
    '/v1/episodes/:id/treatment-plan/versions/:number/pdf',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['plans'],
        summary: 'A signed version of the plan as a PDF download, with the Part 2 notice on a Part 2 record (409 for a draft; audited as an export)',
        params: planVersionParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendPdf(reply, await exportPlanVersion(deps, actorOf(request), request.params.id, request.params.number)),
  );

  app.post(
    '/v1/episodes/:id/treatment-plan/versions',
    {
      config: { permission: 'treatment-plan.write' },
      schema: {
        tags: ['plans'],
        summary: 'Open a draft: the first plan, or the next version after a signed one (409 while a draft is open)',
        params: episodeIdParamsSchema,
        body: planDraftCreateSchema,
        response: { 201: planVersionViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createPlanDraft(deps, actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/v1/episodes/:id/treatment-plan/versions/:number',
    {
      config: { permission: 'treatment-plan.write' },
      schema: {
        tags: ['plans'],
        summary: 'Save a draft (409 on a stale version, or when the version is signed)',
        params: planVersionParamsSchema,
        body: planDraftSaveSchema,
        response: { 200: planVersionViewSchema },
      },
    },
    async (request) => savePlanDraft(deps, actorOf(request), request.params.id, request.params.number, request.body),
  );

  app.post(
    '/v1/episodes/:id/treatment-plan/versions/:number/sign',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['plans'],
        summary: 'Sign a draft as its clinician: the content is hashed and locked (409 when stale or already signed)',
        params: planVersionParamsSchema,
        body: planSignSchema,
        response: { 200: planVersionViewSchema },
      },
    },
    async (request) => signPlan(deps, actorOf(request), request.params.id, request.params.number, request.body),
  );

  app.post(
    '/v1/episodes/:id/treatment-plan/versions/:number/signatures',
    {
      config: { permission: 'treatment-plan.write' },
      schema: {
        tags: ['plans'],
        summary: 'Add the participant’s signature (taken in person) or the supervisor’s sign-off to a signed version',
        params: planVersionParamsSchema,
        body: planSignatureCreateSchema,
        response: { 201: planVersionViewSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPlanSignature(deps, actorOf(request), request.params.id, request.params.number, request.body)),
  );

  app.post(
    '/v1/episodes/:id/treatment-plan/reviews',
    {
      config: { permission: 'treatment-plan.write' },
      schema: {
        tags: ['plans'],
        summary: 'Review the plan in force: progress on each objective, a narrative and the next review date',
        params: episodeIdParamsSchema,
        body: planReviewCreateSchema,
        response: { 201: planReviewViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await reviewPlan(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/episodes/:id/certifications',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['plans'],
        summary: 'An episode’s physician certifications and the next one due (audited)',
        params: episodeIdParamsSchema,
        response: { 200: episodeCertificationsSchema },
      },
    },
    async (request) => readEpisodeCertifications(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/v1/episodes/:id/certifications',
    {
      config: { permission: 'certification.sign' },
      schema: {
        tags: ['plans'],
        summary: 'Certify (or recertify) the need for PHP/IOP now, on the signed plan of care (409 if already made)',
        params: episodeIdParamsSchema,
        body: certificationCreateSchema,
        response: { 201: certificationViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await certifyEpisode(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/certifications',
    {
      config: { permission: 'certification.read' },
      schema: {
        tags: ['plans'],
        summary: 'The certification queue: active episodes needing certification, overdue first (audited)',
        querystring: certificationQueueQuerySchema,
        response: { 200: certificationQueueSchema },
      },
    },
    async (request) => readCertificationQueue(deps, actorOf(request), request.query),
  );

  app.get(
    '/v1/treatment-plans/reviews-due',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['plans'],
        summary: 'Plan reviews due within 7 days or overdue, of the caller’s and their supervisees’ episodes, overdue first (audited)',
        response: { 200: planReviewsDueSchema },
      },
    },
    async (request) => readPlanReviewsDue(deps, actorOf(request)),
  );

  app.get(
    '/v1/programs/:id/plan-settings',
    {
      config: { permission: 'setup.read' },
      schema: {
        tags: ['setup'],
        summary: 'A program’s treatment-plan settings: review cycle, supervisor sign-off, Medicare certification',
        params: setupIdParamsSchema,
        response: { 200: planSettingsViewSchema },
      },
    },
    async (request) => getPlanSettings(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/programs/:id/plan-settings',
    {
      config: { permission: 'setup.write' },
      schema: {
        tags: ['setup'],
        summary: 'Set a program’s review cycle (1–90 days), supervisor sign-off and Medicare certification',
        params: setupIdParamsSchema,
        body: planSettingsUpdateSchema,
        response: { 200: planSettingsViewSchema },
      },
    },
    async (request) => updatePlanSettings(deps, actorOf(request), request.params.id, request.body),
  );
};
