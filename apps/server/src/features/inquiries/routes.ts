import {
  admitInquirySchema,
  admittedInquirySchema,
  inquiriesQuerySchema,
  inquiryBoardSchema,
  inquiryPipelineQuerySchema,
  inquiryPipelineSchema,
  inquirySchema,
  referInquirySchema,
  setupIdParamsSchema,
  updateInquirySchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { getInquiryBoard, getInquiryPipeline, updateInquiry } from './service.ts';
import { admitInquiry, referInquiry } from './conversion-service.ts';

export const inquiryRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/inquiries',
    {
      config: { permission: 'inquiry.read' },
      schema: {
        tags: ['inquiries'],
        summary: 'One column of the inquiries board (newest first), with every column’s count',
        querystring: inquiriesQuerySchema,
        response: { 200: inquiryBoardSchema },
      },
    },
    async (request) => getInquiryBoard(deps, actorOf(request), request.query),
  );
  app.get(
    '/v1/inquiries/pipeline',
    {
      config: { permission: 'inquiry.read' },
      schema: {
        tags: ['inquiries'],
        summary: 'Conversion rate and median days from inquiry to admission, by referral source, over a period',
        querystring: inquiryPipelineQuerySchema,
        response: { 200: inquiryPipelineSchema },
      },
    },
    async (request) => getInquiryPipeline(deps, actorOf(request), request.query),
  );
  app.patch(
    '/v1/inquiries/:id',
    {
      config: { permission: 'inquiry.write' },
      schema: {
        tags: ['inquiries'],
        summary: 'Move an inquiry on the board, or change its notes or next step',
        params: setupIdParamsSchema,
        body: updateInquirySchema,
        response: { 200: inquirySchema },
      },
    },
    async (request) => updateInquiry(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/v1/inquiries/:id/admit',
    {
      config: { permission: 'inquiry.write' },
      schema: {
        tags: ['inquiries'],
        summary: 'Register the person and admit them to a program and track, in one step; the inquiry becomes admitted',
        params: setupIdParamsSchema,
        body: admitInquirySchema,
        response: { 201: admittedInquirySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await admitInquiry(deps, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/v1/inquiries/:id/refer',
    {
      config: { permission: 'inquiry.write' },
      schema: {
        tags: ['inquiries'],
        summary: 'Record where the person was referred elsewhere, and why',
        params: setupIdParamsSchema,
        body: referInquirySchema,
        response: { 200: inquirySchema },
      },
    },
    async (request) => referInquiry(deps, actorOf(request), request.params.id, request.body),
  );
};
