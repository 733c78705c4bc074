/**
 * The feature slices. Each exports a function that registers its routes on the `/api` scope; add new ones here.
 */
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { healthRoutes } from './health/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { participantRoutes } from './participants/routes.ts';
import { attendanceRoutes } from './attendance/routes.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { setupRoutes } from './setup/routes.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { participantAttendanceRoutes } from './participant-attendance/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { measureRoutes } from './measures/routes.ts';
import { clinicalRoutes } from './clinical/routes.ts';
import { wayInRoutes } from './way-in/routes.ts';
import { inquiryRoutes } from './inquiries/routes.ts';
import { portalRoutes } from './portal/routes.ts';

export type ApiScope = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
export type FeatureRoutes = (app: ApiScope, deps: AppDeps) => void;

const features: FeatureRoutes[] = [
  healthRoutes,
  auditRoutes,
  participantRoutes,
  attendanceRoutes,
  ledgerRoutes,
  setupRoutes,
  sessionRoutes,
  participantAttendanceRoutes,
  staffRoutes,
  measureRoutes,
  clinicalRoutes,
  wayInRoutes,
  inquiryRoutes,
  portalRoutes,
];

export function registerFeatures(app: ApiScope, deps: AppDeps): void {
  for (const register of features) register(app, deps);
}
