import {
  episodeIdParamsSchema,
  intakeAssessmentAddendumSchema,
  intakeAssessmentCreateSchema,
  intakeAssessmentIdParamsSchema,
  intakeAssessmentListSchema,
  intakeAssessmentSaveSchema,
  intakeAssessmentSignSchema,
  intakeAssessmentViewSchema,
  setupIdParamsSchema,
  unsignedAssessmentListSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { sendPdf } from '../../pdf/export.ts';
import {
  addAssessmentAddendum,
  createAssessment,
  exportAssessment,
  listAssessmentsOf,
  listUnsigned,
  readAssessment,
  saveAssessment,
  signAssessment,
  type SubjectKind,
} from './service.ts';

const tags = ['intake-assessments'];

export const intakeAssessmentRoutes: FeatureRoutes = (app, deps) => {
  const subjects: [SubjectKind, string, typeof episodeIdParamsSchema][] = [
    ['episode', '/v1/episodes/:id/intake-assessments', episodeIdParamsSchema],
    ['inquiry', '/v1/inquiries/:id/intake-assessments', setupIdParamsSchema],
  ];
  for (const [kind, url, params] of subjects) {
    app.get(
      url,
      {
        config: { permission: 'intake-assessment.read' },
        schema: { tags, summary: `An ${kind}’s intake assessments, newest first (audited)`, params, response: { 200: intakeAssessmentListSchema } },
      },
      async (request) => listAssessmentsOf(deps, actorOf(request), kind, request.params.id),
    );
    app.post(
      url,
      {
        config: { permission: 'intake-assessment.write' },
        schema: {
          tags,
          summary: `Start an intake assessment draft for an ${kind}`,
          params,
          body: intakeAssessmentCreateSchema,
          response: { 201: intakeAssessmentViewSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createAssessment(deps, actorOf(request), kind, request.params.id, request.body.content)),
    );
  }

  app.get(
    '/v1/intake-assessments/unsigned',
    {
      config: { permission: 'intake-assessment.read' },
      schema: { tags, summary: 'Intake assessments not yet signed that the caller reaches, least recently saved first', response: { 200: unsignedAssessmentListSchema } },
    },
    async (request) => listUnsigned(deps, actorOf(request)),
  );

  app.get(
    '/v1/intake-assessments/:id',
    {
      config: { permission: 'intake-assessment.read' },
      schema: {
        tags,
        summary: 'An intake assessment with its level-of-care flags, content hash and addenda (audited)',
        params: intakeAssessmentIdParamsSchema,
        response: { 200: intakeAssessmentViewSchema },
      },
    },
    async (request) => readAssessment(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/intake-assessments/:id/pdf',
    {
      config: { permission: 'intake-assessment.read' },
      schema: {
        tags,
        summary: 'A signed intake assessment as a PDF download, with the Part 2 notice on a Part 2 record (409 for a draft; audited as an export)',
        params: intakeAssessmentIdParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendPdf(reply, await exportAssessment(deps, actorOf(request), request.params.id)),
  );

  app.put(
    '/v1/intake-assessments/:id',
    {
      config: { permission: 'intake-assessment.write' },
      schema: {
        tags,
        summary: 'Autosave a draft (409 when signed, or on a stale version)',
        params: intakeAssessmentIdParamsSchema,
        body: intakeAssessmentSaveSchema,
        response: { 200: intakeAssessmentViewSchema },
      },
    },
    async (request) => saveAssessment(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/intake-assessments/:id/sign',
    {
      config: { permission: 'intake-assessment.write' },
      schema: {
        tags,
        summary: 'Sign one’s draft: 422 naming the first missing answer; then locked and hashed',
        params: intakeAssessmentIdParamsSchema,
        body: intakeAssessmentSignSchema,
        response: { 200: intakeAssessmentViewSchema },
      },
    },
    async (request) => signAssessment(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/intake-assessments/:id/addenda',
    {
      config: { permission: 'intake-assessment.write' },
      schema: {
        tags,
        summary: 'Add an addendum to a signed assessment (the assessment itself never changes)',
        params: intakeAssessmentIdParamsSchema,
        body: intakeAssessmentAddendumSchema,
        response: { 201: intakeAssessmentViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addAssessmentAddendum(deps, actorOf(request), request.params.id, request.body)),
  );
};
