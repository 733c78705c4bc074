import {
  diagnosisCreateSchema,
  diagnosisListSchema,
  diagnosisParamsSchema,
  diagnosisUpdateSchema,
  diagnosisViewSchema,
  episodeIdParamsSchema,
  icd10SearchQuerySchema,
  icd10SearchResultSchema,
  levelOfCareAssessmentInputSchema,
  levelOfCareAssessmentParamsSchema,
  levelOfCareAssessmentViewSchema,
  levelOfCareHistorySchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { sendPdf } from '../../pdf/export.ts';
import {
  addDiagnosis,
  assessLevelOfCare,
  editDiagnosis,
  exportLevelOfCare,
  readDiagnoses,
  readLevelOfCareHistory,
  searchCommonCodes,
} from './service.ts';

export const clinicalRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/icd10-codes',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['clinical'],
        summary: 'Search the bundled common ICD-10-CM F-codes by code or description words',
        querystring: icd10SearchQuerySchema,
        response: { 200: icd10SearchResultSchema },
      },
    },
    async (request) => searchCommonCodes(request.query.q, request.query.limit),
  );

  app.get(
    '/v1/episodes/:id/diagnoses',
    {
      config: { permission: 'diagnosis.read' },
      schema: {
        tags: ['clinical'],
        summary: 'An episode’s diagnoses, the primary first (audited)',
        params: episodeIdParamsSchema,
        response: { 200: diagnosisListSchema },
      },
    },
    async (request) => readDiagnoses(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/v1/episodes/:id/diagnoses',
    {
      config: { permission: 'diagnosis.write' },
      schema: {
        tags: ['clinical'],
        summary: 'Record a diagnosis on an episode; a new primary diagnosis takes the flag from the previous one',
        params: episodeIdParamsSchema,
        body: diagnosisCreateSchema,
        response: { 201: diagnosisViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addDiagnosis(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/v1/episodes/:id/diagnoses/:diagnosisId',
    {
      config: { permission: 'diagnosis.write' },
      schema: {
        tags: ['clinical'],
        summary: 'Change a diagnosis’s status, onset or primary flag (409 on a stale version)',
        params: diagnosisParamsSchema,
        body: diagnosisUpdateSchema,
        response: { 200: diagnosisViewSchema },
      },
    },
    async (request) => editDiagnosis(deps, actorOf(request), request.params.id, request.params.diagnosisId, request.body),
  );

  app.get(
    '/v1/episodes/:id/level-of-care',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['clinical'],
        summary: 'An episode’s level-of-care assessments, newest first (audited)',
        params: episodeIdParamsSchema,
        response: { 200: levelOfCareHistorySchema },
      },
    },
    async (request) => readLevelOfCareHistory(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/episodes/:id/level-of-care/:assessmentId/pdf',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['clinical'],
        summary: 'A level-of-care assessment as a PDF download, with the Part 2 notice on a Part 2 record (audited as an export)',
        params: levelOfCareAssessmentParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendPdf(reply, await exportLevelOfCare(deps, actorOf(request), request.params.id, request.params.assessmentId)),
  );

  app.post(
    '/v1/episodes/:id/level-of-care',
    {
      config: { permission: 'level-of-care.write' },
      schema: {
        tags: ['clinical'],
        summary: 'Record a level-of-care assessment: six ratings with rationale, flags, recommended and chosen level',
        params: episodeIdParamsSchema,
        body: levelOfCareAssessmentInputSchema,
        response: { 201: levelOfCareAssessmentViewSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assessLevelOfCare(deps, actorOf(request), request.params.id, request.body)),
  );
};
