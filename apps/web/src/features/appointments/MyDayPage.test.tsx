import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { MyDayPage } from './MyDayPage.tsx';

const PRESCRIBER = {
  ...DIRECTOR,
  id: 'user-rx-1',
  role: 'prescriber',
  permissions: ['participant.read', 'appointment.read', 'appointment.mark', 'availability.write'],
};
const visit = (id: string, startsAt: string, endsAt: string, name: string, kind: string, status = 'booked') => ({
  id,
  kind,
  participantId: `${id.slice(0, 8)}-1111-4111-8111-111111111111`,
  participantName: name,
  episodeId: '44444444-4444-4444-8444-444444444444',
  clinicianId: PRESCRIBER.id,
  clinicianName: 'Pat Prescriber',
  siteId: '55555555-5555-4555-8555-555555555555',
  timeZone: 'America/New_York',
  roomId: null,
  roomName: null,
  startsAt,
  endsAt,
  localDate: '2026-11-18',
  status,
  reason: null,
  version: 1,
});

function open(day: unknown) {
  return fakeServer(
    (r) => (r.url === '/api/v1/me' ? { body: PRESCRIBER } : undefined),
    (r) => (r.url === '/api/v1/me/calendar-feed' ? { body: { active: false, createdAt: null } } : undefined),
    (r) => (r.url.startsWith(`/api/v1/staff/${PRESCRIBER.id}/day`) ? { body: day } : undefined),
  );
}

function render() {
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <MyDayPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/my-day', at: '/my-day' },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('my day', () => {
  it('shows a prescriber’s visits and groups in time order, in the site’s zone', async () => {
    open({
      staffId: PRESCRIBER.id,
      staffName: 'Pat Prescriber',
      date: '2026-11-18',
      timeZone: 'America/New_York',
      appointments: [
        visit(
          'aaaaaaaa-0000-4000-8000-000000000001',
          '2026-11-18T16:00:00.000Z',
          '2026-11-18T16:25:00.000Z',
          'Ben Example',
          'medication_management',
        ),
        visit(
          'aaaaaaaa-0000-4000-8000-000000000002',
          '2026-11-18T14:00:00.000Z',
          '2026-11-18T14:25:00.000Z',
          'Ana Example',
          'psychiatry',
          'attended',
        ),
      ],
      sessions: [
        {
          id: 'bbbbbbbb-0000-4000-8000-000000000001',
          title: 'Medication education group',
          startsAt: '2026-11-18T15:00:00.000Z',
          endsAt: '2026-11-18T16:00:00.000Z',
          roomName: 'Cedar',
        },
      ],
    });
    render();
    await screen.findByText('Ana Example');
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('09:00–09:25');
    expect(rows[0]).toContain('Psychiatry');
    expect(rows[0]).toContain('Attended');
    expect(rows[1]).toContain('Medication education group');
    expect(rows[2]).toContain('Medication management');
    expect(screen.getByRole('link', { name: 'Ben Example' }).getAttribute('href')).toContain('/appointments');
    expect(screen.getByRole('link', { name: 'My working hours' })).toBeTruthy();
  });

  it('says so when nothing is booked', async () => {
    const server = open({
      staffId: PRESCRIBER.id,
      staffName: 'Pat Prescriber',
      date: '2026-11-18',
      timeZone: 'America/New_York',
      appointments: [],
      sessions: [],
    });
    render();
    expect(await screen.findByText('Nothing booked this day.')).toBeTruthy();
    await waitFor(() => expect(server.requests.some((r) => r.url === `/api/v1/staff/${PRESCRIBER.id}/day`)).toBe(true));
  });
});
