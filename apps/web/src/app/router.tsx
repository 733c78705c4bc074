import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import type { Action } from '@trellis/core';
import { AuthProvider } from './auth-context.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RequirePermission } from './RequirePermission.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { NotFoundPage, RouteError } from './RouteError.tsx';

/**
 * Pages load when first visited, so the sign-in page downloads only what it needs (charts, the date pickers and the
 * app shell come with the pages that use them).
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const SignInPage = lazyPage(() => import('../features/auth/SignInPage.tsx'), 'SignInPage');
const AppLayout = lazyPage(() => import('./AppLayout.tsx'), 'AppLayout');
const CensusPage = lazyPage(() => import('../features/census/CensusPage.tsx'), 'CensusPage');
const ParticipantsPage = lazyPage(() => import('../features/participants/ParticipantsPage.tsx'), 'ParticipantsPage');
const NewParticipantPage = lazyPage(() => import('../features/participants/NewParticipantPage.tsx'), 'NewParticipantPage');
const ParticipantPage = lazyPage(() => import('../features/participants/ParticipantPage.tsx'), 'ParticipantPage');
const SchedulePage = lazyPage(() => import('../features/schedule/SchedulePage.tsx'), 'SchedulePage');
const RollPage = lazyPage(() => import('../features/roll/RollPage.tsx'), 'RollPage');
const SetupPage = lazyPage(() => import('../features/setup/SetupPage.tsx'), 'SetupPage');
const TrackEditorPage = lazyPage(() => import('../features/setup/TrackEditorPage.tsx'), 'TrackEditorPage');
const InquiriesPage = lazyPage(() => import('../features/inquiries/InquiriesPage.tsx'), 'InquiriesPage');
const OutcomesPage = lazyPage(() => import('../features/outcomes/OutcomesPage.tsx'), 'OutcomesPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage.tsx'), 'AuditPage');
const StaffPage = lazyPage(() => import('../features/staff/StaffPage.tsx'), 'StaffPage');
const OutboxPage = lazyPage(() => import('../features/staff/OutboxPage.tsx'), 'OutboxPage');
const LevelOfCarePage = lazyPage(() => import('../features/clinical/LevelOfCarePage.tsx'), 'LevelOfCarePage');
const DiagnosesPage = lazyPage(() => import('../features/clinical/DiagnosesPage.tsx'), 'DiagnosesPage');
const DueMeasuresPage = lazyPage(() => import('../features/measure-links/DueMeasuresPage.tsx'), 'DueMeasuresPage');
const CheckInsPage = lazyPage(() => import('../features/measure-links/CheckInsPage.tsx'), 'CheckInsPage');
const MeasurementSchedulePage = lazyPage(() => import('../features/measurement-schedules/MeasurementSchedulePage.tsx'), 'MeasurementSchedulePage');
const SafetyPlanPage = lazyPage(() => import('../features/safety-plans/SafetyPlanPage.tsx'), 'SafetyPlanPage');
const ProgramSkillsPage = lazyPage(() => import('../features/skills/ProgramSkillsPage.tsx'), 'ProgramSkillsPage');
const EpisodeSkillsPage = lazyPage(() => import('../features/skills/EpisodeSkillsPage.tsx'), 'EpisodeSkillsPage');
const RelapsePlanPage = lazyPage(() => import('../features/relapse-plans/RelapsePlanPage.tsx'), 'RelapsePlanPage');
// A one-time measure link on a participant's phone: no sign-in, no staff shell, its own small chunk.
const MeasureLinkPage = lazyPage(() => import('../features/measure-links/MeasureLinkPage.tsx'), 'MeasureLinkPage');
const AppointmentsPage = lazyPage(() => import('../features/appointments/AppointmentsPage.tsx'), 'AppointmentsPage');
const MyDayPage = lazyPage(() => import('../features/appointments/MyDayPage.tsx'), 'MyDayPage');
const AvailabilityPage = lazyPage(() => import('../features/appointments/AvailabilityPage.tsx'), 'AvailabilityPage');
const AutoSchedulePage = lazyPage(() => import('../features/auto-schedule/AutoSchedulePage.tsx'), 'AutoSchedulePage');
const NotesPage = lazyPage(() => import('../features/notes/NotesPage.tsx'), 'NotesPage');
const GroupNotePage = lazyPage(() => import('../features/notes/GroupNotePage.tsx'), 'GroupNotePage');
const TreatmentPlanPage = lazyPage(() => import('../features/plans/TreatmentPlanPage.tsx'), 'TreatmentPlanPage');
const SupervisionPage = lazyPage(() => import('../features/notes/SupervisionPage.tsx'), 'SupervisionPage');
const CertificationQueuePage = lazyPage(() => import('../features/plans/CertificationQueuePage.tsx'), 'CertificationQueuePage');
const IntakeAssessmentPage = lazyPage(() => import('../features/intake-assessments/IntakeAssessmentPage.tsx'), 'IntakeAssessmentPage');
const EpisodeAssessmentsPage = lazyPage(() => import('../features/intake-assessments/AssessmentsPage.tsx'), 'EpisodeAssessmentsPage');
const InquiryAssessmentsPage = lazyPage(() => import('../features/intake-assessments/AssessmentsPage.tsx'), 'InquiryAssessmentsPage');
const AccountPage = lazyPage(() => import('../features/account/AccountPage.tsx'), 'AccountPage');
// The participant portal: its own sign-in and frame, outside the staff app's.
const PortalLayout = lazyPage(() => import('../features/portal/PortalLayout.tsx'), 'PortalLayout');
const PortalHomePage = lazyPage(() => import('../features/portal/PortalHomePage.tsx'), 'PortalHomePage');
const PortalRelapsePlanPage = lazyPage(() => import('../features/portal/PortalPlanPage.tsx'), 'PortalRelapsePlanPage');
const PortalSafetyPlanPage = lazyPage(() => import('../features/portal/PortalPlanPage.tsx'), 'PortalSafetyPlanPage');
const PortalTreatmentPlanPage = lazyPage(() => import('../features/portal/PortalTreatmentPlanPage.tsx'), 'PortalTreatmentPlanPage');
const PortalMeasuresPage = lazyPage(() => import('../features/portal/PortalMeasuresPage.tsx'), 'PortalMeasuresPage');
const PortalSkillsPage = lazyPage(() => import('../features/portal/PortalSkillsPage.tsx'), 'PortalSkillsPage');
const PortalSkillTopicPage = lazyPage(() => import('../features/portal/PortalSkillsPage.tsx'), 'PortalSkillTopicPage');
const PortalSignInPage = lazyPage(() => import('../features/portal/PortalSignInPage.tsx'), 'PortalSignInPage');
const PortalSetPasswordPage = lazyPage(() => import('../features/portal/PortalSetPasswordPage.tsx'), 'PortalSetPasswordPage');
// The family portal: the participant portal's sign-in pages and frame, with its own home page.
const FamilyLayout = lazyPage(() => import('../features/family/FamilyLayout.tsx'), 'FamilyLayout');
const FamilyHomePage = lazyPage(() => import('../features/family/FamilyHomePage.tsx'), 'FamilyHomePage');
const FamilySignInPage = lazy(async () => {
  const { PortalSignInPage } = await import('../features/portal/PortalSignInPage.tsx');
  return { default: () => <PortalSignInPage kind="family" /> };
});
const FamilySetPasswordPage = lazy(async () => {
  const { PortalSetPasswordPage } = await import('../features/portal/PortalSetPasswordPage.tsx');
  return { default: () => <PortalSetPasswordPage kind="family" /> };
});
const AcceptInvitationPage = lazy(async () => {
  const { SetPasswordPage } = await import('../features/account/SetPasswordPage.tsx');
  return { default: () => <SetPasswordPage invitation /> };
});
const ResetPasswordPage = lazy(async () => {
  const { SetPasswordPage } = await import('../features/account/SetPasswordPage.tsx');
  return { default: () => <SetPasswordPage invitation={false} /> };
});

function Loading({ children }: { children: ReactNode }) {
  const fallback = (
    <Center mih="50vh" role="status" aria-label="Loading">
      <Loader />
    </Center>
  );
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

/** A page behind a permission (the server checks the same permission on each call). */
const guarded = (action: Action, Page: ComponentType) => (
  <RequirePermission action={action}>
    <Loading>
      <Page />
    </Loading>
  </RequirePermission>
);

/**
 * Every page of the staff app and the permission it needs; the portals first, outside sign-in. The public way in
 * (/p/:orgSlug) is a page of its own (way-in.html, src/way-in.tsx), outside this app.
 */
export const router = createBrowserRouter([
  { path: '/portal/sign-in', element: <Loading><PortalSignInPage /></Loading>, errorElement: <RouteError /> },
  { path: '/portal/set-password', element: <Loading><PortalSetPasswordPage /></Loading>, errorElement: <RouteError /> },
  {
    path: '/portal',
    element: (
      <Loading>
        <PortalLayout />
      </Loading>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Loading><PortalHomePage /></Loading> },
      { path: 'plan', element: <Loading><PortalTreatmentPlanPage /></Loading> },
      { path: 'check-in', element: <Loading><PortalMeasuresPage /></Loading> },
      { path: 'skills', element: <Loading><PortalSkillsPage /></Loading> },
      { path: 'skills/:topic', element: <Loading><PortalSkillTopicPage /></Loading> },
      { path: 'relapse-plan', element: <Loading><PortalRelapsePlanPage /></Loading> },
      { path: 'safety-plan', element: <Loading><PortalSafetyPlanPage /></Loading> },
      { path: '*', element: <Navigate to="/portal" replace /> },
    ],
  },
  { path: '/family/sign-in', element: <Loading><FamilySignInPage /></Loading>, errorElement: <RouteError /> },
  { path: '/family/set-password', element: <Loading><FamilySetPasswordPage /></Loading>, errorElement: <RouteError /> },
  {
    path: '/family',
    element: (
      <Loading>
        <FamilyLayout />
      </Loading>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Loading><FamilyHomePage /></Loading> },
      { path: '*', element: <Navigate to="/family" replace /> },
    ],
  },
  {
    path: '/m/:token',
    element: (
      <Loading>
        <MeasureLinkPage />
      </Loading>
    ),
    errorElement: <RouteError />,
  },
  {
    element: (
      <AuthProvider>
        <Outlet />
      </AuthProvider>
    ),
    errorElement: <RouteError />,
    children: [
      {
        path: '/sign-in',
        element: (
          <Loading>
            <SignInPage />
          </Loading>
        ),
      },
      {
        path: '/accept-invitation',
        element: (
          <Loading>
            <AcceptInvitationPage />
          </Loading>
        ),
      },
      {
        path: '/reset-password',
        element: (
          <Loading>
            <ResetPasswordPage />
          </Loading>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <Loading>
              <AppLayout />
            </Loading>
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'census', element: guarded('census.read', CensusPage) },
          { path: 'participants', element: guarded('participant.read', ParticipantsPage) },
          { path: 'participants/new', element: guarded('participant.write', NewParticipantPage) },
          { path: 'participants/:participantId', element: guarded('participant.read', ParticipantPage) },
          { path: 'participants/:participantId/check-ins', element: guarded('measure.read', CheckInsPage) },
          { path: 'participants/:participantId/safety-plan', element: guarded('clinical-note.read', SafetyPlanPage) },
          { path: 'participants/:participantId/relapse-plan', element: guarded('clinical-note.read', RelapsePlanPage) },
          { path: 'measures/due', element: guarded('measure.read', DueMeasuresPage) },
          { path: 'participants/:participantId/appointments', element: guarded('appointment.read', AppointmentsPage) },
          { path: 'my-day', element: guarded('appointment.read', MyDayPage) },
          { path: 'my-hours', element: guarded('availability.write', AvailabilityPage) },
          { path: 'auto-schedule', element: guarded('schedule-run.write', AutoSchedulePage) },
          { path: 'staff/:staffId/hours', element: guarded('staff.read', AvailabilityPage) },
          { path: 'episodes/:episodeId/level-of-care', element: guarded('clinical-note.read', LevelOfCarePage) },
          { path: 'episodes/:episodeId/diagnoses', element: guarded('diagnosis.read', DiagnosesPage) },
          { path: 'episodes/:episodeId/notes', element: guarded('clinical-note.read', NotesPage) },
          { path: 'sessions/:sessionId/group-note', element: guarded('clinical-note.read', GroupNotePage) },
          { path: 'episodes/:episodeId/treatment-plan', element: guarded('clinical-note.read', TreatmentPlanPage) },
          { path: 'certifications', element: guarded('certification.read', CertificationQueuePage) },
          { path: 'supervision', element: guarded('note.cosign', SupervisionPage) },
          { path: 'inquiries', element: guarded('inquiry.read', InquiriesPage) },
          { path: 'inquiries/:inquiryId/intake-assessments', element: guarded('intake-assessment.read', InquiryAssessmentsPage) },
          { path: 'episodes/:episodeId/intake-assessments', element: guarded('intake-assessment.read', EpisodeAssessmentsPage) },
          { path: 'intake-assessments/:assessmentId', element: guarded('intake-assessment.read', IntakeAssessmentPage) },
          { path: 'outcomes', element: guarded('outcomes.read', OutcomesPage) },
          { path: 'schedule', element: guarded('session.read', SchedulePage) },
          { path: 'sessions/:sessionId/roll', element: guarded('attendance.read', RollPage) },
          { path: 'setup', element: <Navigate to="/setup/sites" replace /> },
          { path: 'setup/tracks/new', element: guarded('setup.write', TrackEditorPage) },
          { path: 'setup/tracks/:trackId', element: guarded('setup.read', TrackEditorPage) },
          { path: 'setup/programs/:programId/measurement-schedule', element: guarded('setup.read', MeasurementSchedulePage) },
          { path: 'setup/programs/:programId/skills', element: guarded('setup.read', ProgramSkillsPage) },
          { path: 'episodes/:episodeId/skills', element: guarded('clinical-note.read', EpisodeSkillsPage) },
          { path: 'setup/:tab', element: guarded('setup.read', SetupPage) },
          { path: 'audit', element: guarded('audit.read', AuditPage) },
          { path: 'staff', element: guarded('staff.write', StaffPage) },
          { path: 'staff/outbox', element: guarded('staff.write', OutboxPage) },
          {
            path: 'account',
            element: (
              <Loading>
                <AccountPage />
              </Loading>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
