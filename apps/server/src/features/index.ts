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
import { checkInRoutes } from './check-ins/routes.ts';
import { measureLinkRoutes } from './measure-links/routes.ts';
import { measurementScheduleRoutes } from './measurement-schedules/routes.ts';
import { safetyPlanRoutes } from './safety-plans/routes.ts';
import { availabilityRoutes } from './availability/routes.ts';
import { appointmentRoutes } from './appointments/routes.ts';
import { scheduleRunRoutes } from './schedule-runs/routes.ts';
import { noteRoutes } from './notes/routes.ts';
import { outcomeRoutes } from './outcomes/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { portalRoutes } from './portal/routes.ts';
import { staffCalendarFeedRoutes } from './staff-calendar-feed/routes.ts';
import { makeUpRoutes } from './make-up/routes.ts';
import { intakeAssessmentRoutes } from './intake-assessments/routes.ts';
import { familyRoutes } from './family/routes.ts';
import { relapsePlanRoutes } from './relapse-plans/routes.ts';
import { skillRoutes } from './skills/routes.ts';

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
  checkInRoutes,
  measureLinkRoutes,
  measurementScheduleRoutes,
  safetyPlanRoutes,
  availabilityRoutes,
  appointmentRoutes,
  scheduleRunRoutes,
  noteRoutes,
  outcomeRoutes,
  planRoutes,
  portalRoutes,
  staffCalendarFeedRoutes,
  makeUpRoutes,
  intakeAssessmentRoutes,
  familyRoutes,
  relapsePlanRoutes,
  skillRoutes,
];

export function registerFeatures(app: ApiScope, deps: AppDeps): void {
  for (const register of features) register(app, deps);
}
