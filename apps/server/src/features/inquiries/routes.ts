import { inquiriesQuerySchema, inquiryBoardSchema, inquirySchema, setupIdParamsSchema, updateInquirySchema } from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { getInquiryBoard, updateInquiry } from './service.ts';

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
};
