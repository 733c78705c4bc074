import { createBrowserRouter, Navigate, Outlet } from 'react-router-dom';
import { AuthProvider } from './auth-context.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RequirePermission } from './RequirePermission.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';
import { NotFoundPage, RouteError } from './RouteError.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { CensusPage } from '../features/census/CensusPage.tsx';
import { ParticipantsPage } from '../features/participants/ParticipantsPage.tsx';
import { NewParticipantPage } from '../features/participants/NewParticipantPage.tsx';
import { ParticipantPage } from '../features/participants/ParticipantPage.tsx';
import { SchedulePage } from '../features/schedule/SchedulePage.tsx';
import { RollPage } from '../features/roll/RollPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { TrackEditorPage } from '../features/setup/TrackEditorPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { StaffPage } from '../features/staff/StaffPage.tsx';
import { OutboxPage } from '../features/staff/OutboxPage.tsx';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { SetPasswordPage } from '../features/account/SetPasswordPage.tsx';

/** Every page of the staff app and the permission it needs (the server checks the same permission on each call). */
export const router = createBrowserRouter([
  {
    element: (
      <AuthProvider>
        <Outlet />
      </AuthProvider>
    ),
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/accept-invitation', element: <SetPasswordPage invitation /> },
      { path: '/reset-password', element: <SetPasswordPage invitation={false} /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'census', element: <RequirePermission action="census.read"><CensusPage /></RequirePermission> },
          { path: 'participants', element: <RequirePermission action="participant.read"><ParticipantsPage /></RequirePermission> },
          { path: 'participants/new', element: <RequirePermission action="participant.write"><NewParticipantPage /></RequirePermission> },
          { path: 'participants/:participantId', element: <RequirePermission action="participant.read"><ParticipantPage /></RequirePermission> },
          { path: 'schedule', element: <RequirePermission action="session.read"><SchedulePage /></RequirePermission> },
          { path: 'sessions/:sessionId/roll', element: <RequirePermission action="attendance.read"><RollPage /></RequirePermission> },
          { path: 'setup', element: <Navigate to="/setup/sites" replace /> },
          { path: 'setup/tracks/new', element: <RequirePermission action="setup.write"><TrackEditorPage /></RequirePermission> },
          { path: 'setup/tracks/:trackId', element: <RequirePermission action="setup.read"><TrackEditorPage /></RequirePermission> },
          { path: 'setup/:tab', element: <RequirePermission action="setup.read"><SetupPage /></RequirePermission> },
          { path: 'audit', element: <RequirePermission action="audit.read"><AuditPage /></RequirePermission> },
          { path: 'staff', element: <RequirePermission action="staff.write"><StaffPage /></RequirePermission> },
          { path: 'staff/outbox', element: <RequirePermission action="staff.write"><OutboxPage /></RequirePermission> },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
