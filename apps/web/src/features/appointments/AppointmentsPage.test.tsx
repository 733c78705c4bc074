import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { AppointmentsPage } from './AppointmentsPage.tsx';

const PARTICIPANT = '11111111-1111-4111-8111-111111111111';
const ROOM = '22222222-2222-4222-8222-222222222222';
const BOOKER = {
  ...DIRECTOR,
  permissions: [...DIRECTOR.permissions, 'appointment.read', 'appointment.write', 'appointment.mark'],
};
const READER = { ...DIRECTOR, role: 'intake', permissions: ['participant.read', 'appointment.read'] };

const staff = [
  {
    id: 'user-cl-1',
    name: 'Casey Clinician',
    email: 'c@demo.test',
    role: 'clinician',
    credentials: null,
    programIds: [],
  },
  {
    id: 'user-rx-1',
    name: 'Pat Prescriber',
    email: 'p@demo.test',
    role: 'prescriber',
    credentials: 'MD',
    programIds: [],
  },
  { id: 'user-bi-1', name: 'Bo Biller', email: 'b@demo.test', role: 'biller', credentials: null, programIds: [] },
];

const booked = {
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'individual',
  participantId: PARTICIPANT,
  participantName: 'Ana Example',
  episodeId: '44444444-4444-4444-8444-444444444444',
  clinicianId: 'user-cl-1',
  clinicianName: 'Casey Clinician',
  siteId: '55555555-5555-4555-8555-555555555555',
  timeZone: 'America/New_York',
  roomId: ROOM,
  roomName: 'Cedar',
  startsAt: '2026-11-17T14:00:00.000Z',
  endsAt: '2026-11-17T14:53:00.000Z',
  localDate: '2026-11-17',
  status: 'booked',
  reason: null,
  version: 1,
};

const slots = {
  timeZone: 'America/New_York',
  siteId: booked.siteId,
  lengthMinutes: 53,
  slots: [
    { startsAt: '2026-11-18T14:00:00.000Z', endsAt: '2026-11-18T14:53:00.000Z', roomId: ROOM, roomName: 'Cedar' },
    { startsAt: '2026-11-18T15:00:00.000Z', endsAt: '2026-11-18T15:53:00.000Z', roomId: ROOM, roomName: 'Cedar' },
  ],
};

type Answer = { status?: number; body?: unknown };

function open(
  me: unknown,
  bookAnswer: Answer = { status: 201, body: booked },
  moveAnswer: Answer = { body: { ...booked, startsAt: slots.slots[1]!.startsAt, endsAt: slots.slots[1]!.endsAt, localDate: '2026-11-18', reason: 'Starts a new job', version: 2 } },
) {
  const server = fakeServer(
    (r) => (r.url === `/api/v1/appointments/${booked.id}/reschedule` && r.method === 'POST' ? moveAnswer : undefined),
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.url.startsWith('/api/v1/appointments/slots?') ? { body: slots } : undefined),
    (r) => (r.url === '/api/v1/appointments' && r.method === 'POST' ? bookAnswer : undefined),
    (r) =>
      r.url === `/api/v1/appointments/${booked.id}/cancel`
        ? { body: { ...booked, status: 'late_cancelled', reason: 'Called late', version: 2 } }
        : undefined,
    (r) =>
      r.url === `/api/v1/participants/${PARTICIPANT}/appointments` ? { body: { appointments: [booked] } } : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <AppointmentsPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/participants/:participantId/appointments', at: `/participants/${PARTICIPANT}/appointments` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('a participant’s appointments', () => {
  it('lists them without booking or marking for a reader', async () => {
    open(READER);
    expect(await screen.findByText('Casey Clinician')).toBeTruthy();
    expect(screen.getByText('Booked')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Book an appointment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attended' })).toBeNull();
  });

  it('asks for a clinician before it asks for slots, then books the chosen slot', async () => {
    const user = userEvent.setup();
    const server = open(BOOKER);
    await user.click(await screen.findByRole('button', { name: 'Book an appointment' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Book' }));
    expect(await within(dialog).findByText('Choose who the appointment is with')).toBeTruthy();
    expect(server.requests.some((r) => r.url.startsWith('/api/v1/appointments/slots'))).toBe(false);

    // Only treating staff are offered; psychiatry would narrow it to prescribers.
    const withSelect = within(dialog).getByLabelText(/^With/);
    expect(within(withSelect).queryByText('Bo Biller')).toBeNull();
    await user.selectOptions(withSelect, 'user-cl-1');
    await user.click(await within(dialog).findByLabelText(/10:00–10:53 · Cedar/));
    await user.click(within(dialog).getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      participantId: PARTICIPANT,
      clinicianId: 'user-cl-1',
      kind: 'individual',
      startsAt: '2026-11-18T15:00:00.000Z',
      roomId: ROOM,
    });
  }, 60_000);

  it('shows the clash the server names and fetches the free times again', async () => {
    const user = userEvent.setup();
    const clash = {
      status: 409,
      body: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'Not free at Wed 18 Nov 09:00–09:53: Casey Clinician has the group “Coping skills”.',
        errors: [{ path: 'body.clinicianId', message: 'Casey Clinician has the group “Coping skills”' }],
      },
    };
    const server = open(BOOKER, clash);
    await user.click(await screen.findByRole('button', { name: 'Book an appointment' }));
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(within(dialog).getByLabelText(/^With/), 'user-cl-1');
    await user.click(await within(dialog).findByLabelText(/09:00–09:53 · Cedar/));
    const slotAsks = () => server.requests.filter((r) => r.url.startsWith('/api/v1/appointments/slots')).length;
    const before = slotAsks();
    await user.click(within(dialog).getByRole('button', { name: 'Book' }));
    expect((await within(dialog).findAllByText(/Coping skills/)).length).toBeGreaterThan(0);
    await waitFor(() => expect(slotAsks()).toBeGreaterThan(before));
  }, 60_000);

  it('asks for a reason before cancelling, and records a late cancellation', async () => {
    const user = userEvent.setup();
    const server = open(BOOKER);
    await user.click(await screen.findByRole('button', { name: 'Cancel…' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    expect(await within(dialog).findByText('Say why it is cancelled')).toBeTruthy();
    expect(server.requests.filter((r) => r.url.endsWith('/cancel'))).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Called late');
    await user.click(within(dialog).getByLabelText(/Late cancellation/));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    await waitFor(() => expect(server.requests.filter((r) => r.url.endsWith('/cancel'))).toHaveLength(1));
    expect(server.requests.find((r) => r.url.endsWith('/cancel'))?.body).toEqual({
      version: 1,
      reason: 'Called late',
      late: true,
    });
  }, 60_000);

  it('moves a booked appointment through the slot finder, set to its participant and clinician, with a reason', async () => {
    const user = userEvent.setup();
    const server = open(BOOKER);
    await user.click(await screen.findByRole('button', { name: 'Move…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move the appointment' });
    // The pair and kind come from the appointment: the free times are asked for at once.
    expect(within(dialog).getByLabelText<HTMLSelectElement>(/^With/).value).toBe('user-cl-1');
    expect(within(dialog).getByLabelText<HTMLSelectElement>(/^With/).disabled).toBe(true);
    await user.click(await within(dialog).findByLabelText(/10:00–10:53 · Cedar/));
    expect(server.requests.some((r) => r.url.includes(`participantId=${PARTICIPANT}`) && r.url.includes('clinicianId=user-cl-1'))).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Move here' }));
    expect(await within(dialog).findByText('Say why it moves')).toBeTruthy();
    expect(server.requests.filter((r) => r.url.endsWith('/reschedule'))).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason for the move/), 'Starts a new job');
    await user.click(within(dialog).getByRole('button', { name: 'Move here' }));
    await waitFor(() => expect(server.requests.filter((r) => r.url.endsWith('/reschedule'))).toHaveLength(1));
    expect(server.requests.find((r) => r.url.endsWith('/reschedule'))?.body).toEqual({
      version: 1,
      startsAt: '2026-11-18T15:00:00.000Z',
      roomId: ROOM,
      reason: 'Starts a new job',
    });
    // Never cancel + book: one step on the server.
    expect(server.requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/reschedule'))).toHaveLength(0);
  }, 60_000);

  it('names the clash when the new time was taken meanwhile', async () => {
    const user = userEvent.setup();
    const clash = {
      status: 409,
      body: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'Not free at Wed 18 Nov 10:00–10:53: room Cedar is booked for “Family session”.',
        errors: [{ path: 'body.roomId', message: 'room Cedar is booked for “Family session”' }],
      },
    };
    open(BOOKER, undefined, clash);
    await user.click(await screen.findByRole('button', { name: 'Move…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move the appointment' });
    await user.click(await within(dialog).findByLabelText(/10:00–10:53 · Cedar/));
    await user.type(within(dialog).getByLabelText(/^Reason for the move/), 'Starts a new job');
    await user.click(within(dialog).getByRole('button', { name: 'Move here' }));
    expect((await within(dialog).findAllByText(/room Cedar is booked for “Family session”/)).length).toBeGreaterThan(0);
    expect(within(dialog).getByText('Could not move the appointment')).toBeTruthy();
  }, 60_000);
});
