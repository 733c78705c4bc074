import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { AvailabilityPage, hoursRequest } from './AvailabilityPage.tsx';

const SITE = '55555555-5555-4555-8555-555555555555';
const CLINICIAN = {
  ...DIRECTOR,
  id: 'user-cl-1',
  role: 'clinician',
  permissions: ['staff.read', 'availability.write', 'appointment.read'],
};
const stored = {
  staffId: CLINICIAN.id,
  staffName: 'Casey Clinician',
  rules: [{ siteId: SITE, weekday: 1, startTime: '09:00', endTime: '17:00' }],
  maxSessionsPerDay: 6,
  exceptions: [
    {
      id: '66666666-6666-4666-8666-666666666666',
      startsAt: '2026-11-19T05:00:00.000Z',
      endsAt: '2026-11-20T05:00:00.000Z',
      kind: 'training',
      note: null,
    },
  ],
  version: 3,
};

function open() {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: CLINICIAN } : undefined),
    (r) =>
      r.url.startsWith('/api/v1/sites')
        ? {
            body: {
              items: [{ id: SITE, name: 'Main Street', timeZone: 'America/New_York', address: null, version: 1 }],
            },
          }
        : undefined,
    (r) =>
      r.url === `/api/v1/staff/${CLINICIAN.id}/availability`
        ? r.method === 'PUT'
          ? {
              body: {
                ...stored,
                rules: [{ siteId: SITE, weekday: 1, startTime: '08:00', endTime: '17:00' }],
                version: 4,
              },
            }
          : { body: stored }
        : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <AvailabilityPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/my-hours', at: '/my-hours' },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('working hours', () => {
  it('turns the form into the request: numbers, an empty limit as none, the version read', () => {
    expect(
      hoursRequest(
        { rules: [{ siteId: SITE, weekday: '2', startTime: '09:00', endTime: '12:00' }], maxSessionsPerDay: '' },
        null,
      ),
    ).toEqual({
      rules: [{ siteId: SITE, weekday: 2, startTime: '09:00', endTime: '12:00' }],
      maxSessionsPerDay: null,
      version: null,
    });
  });

  it('shows one’s hours and training, refuses a bad time before sending, and saves an added stretch', async () => {
    const user = userEvent.setup();
    const server = open();
    expect(await screen.findByText('Working hours — Casey Clinician')).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Training' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add hours' }));
    const froms = screen.getAllByLabelText('From');
    await user.clear(froms[1]!);
    await user.type(froms[1]!, '8am');
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Must be HH:MM')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await user.clear(froms[1]!);
    await user.type(froms[1]!, '08:00');
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      rules: [
        { siteId: SITE, weekday: 1, startTime: '09:00', endTime: '17:00' },
        { siteId: SITE, weekday: 1, startTime: '08:00', endTime: '17:00' },
      ],
      maxSessionsPerDay: 6,
      version: 3,
    });
    // The server's merged rules replace what was typed.
    await waitFor(() => expect(screen.getAllByLabelText('From')).toHaveLength(1));
  }, 60_000);
});
