import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR, eveningTrack, program, PROGRAM_ID, staff, TRACK_ID } from '../../test/fixtures.ts';
import { NewParticipantPage } from './NewParticipantPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

function openIntake(duplicates: unknown[], places: { taken: number; capacity: number }, ...more: ((r: FakeRequest) => Answer)[]) {
  const server = fakeServer(
    ...more,
    (r) => (r.url.startsWith('/api/v1/me') ? { body: DIRECTOR } : undefined),
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.url.startsWith('/api/v1/tracks?') ? { body: { items: [eveningTrack()] } } : undefined),
    (r) => (r.url === '/api/v1/participants/possible-duplicates' ? { body: { items: duplicates } } : undefined),
    (r): Answer =>
      r.url.startsWith(`/api/v1/tracks/${eveningTrack().id}/places`)
        ? { body: { trackId: eveningTrack().id, trackName: 'Evening', ...places, full: places.taken >= places.capacity } }
        : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <NewParticipantPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/participants/new', at: '/participants/new' },
  );
  return server;
}

async function fillProfile(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(/legal given name/i), 'Avery');
  await user.type(screen.getByLabelText(/legal family name/i), 'Quill');
  const dob = screen.getByLabelText(/date of birth/i);
  await user.type(dob, 'Apr 12, 1991');
  fireEvent.blur(dob);
}

const posted = (requests: FakeRequest[], url: string) => requests.filter((r) => r.method === 'POST' && r.url === url);

afterEach(() => vi.unstubAllGlobals());

describe('registering a new participant', () => {
  it('warns of a record with the same name and birth date before going on, and goes on only for a different person', async () => {
    const user = userEvent.setup();
    const server = openIntake([{ id: 'p-1', displayName: 'Ave Quill', dateOfBirth: '1991-04-12', active: true }], { taken: 0, capacity: 12 });
    await fillProfile(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('This person may already have a record')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ave Quill' }).getAttribute('href')).toBe('/participants/p-1');
    expect(posted(server.requests, '/api/v1/participants/possible-duplicates')[0]?.body).toEqual({
      givenName: 'Avery',
      familyName: 'Quill',
      dateOfBirth: '1991-04-12',
    });
    expect(screen.queryByLabelText(/admission date/i)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'This is a different person' }));
    expect(await screen.findByLabelText(/admission date/i)).toBeTruthy();
    expect(posted(server.requests, '/api/v1/participants')).toHaveLength(0);
  });

  it('stops at the admission step when the track is full, before any record is created', async () => {
    const user = userEvent.setup();
    const server = openIntake([], { taken: 12, capacity: 12 });
    await fillProfile(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.click((await screen.findAllByLabelText(/^Program/))[0]!);
    await user.click(await screen.findByRole('option', { name: 'Adult IOP', hidden: true }));
    await user.click(screen.getAllByLabelText(/^Track/)[0]!);
    await user.click(await screen.findByRole('option', { name: /Evening/, hidden: true }));
    await user.click(screen.getAllByLabelText(/^Primary clinician/)[0]!);
    await user.click(await screen.findByRole('option', { name: /Fran Facilitator/, hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText(/Evening is full: 12 of 12 places are taken/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /create and admit/i })).toBeNull();
    expect(posted(server.requests, '/api/v1/participants')).toHaveLength(0);
  });

  describe('weekly times at intake', () => {
    const NEW_ID = '99999999-9999-4999-8999-999999999999';
    const URL = `/api/v1/participants/${NEW_ID}/unavailability`;
    const participant = {
      id: NEW_ID,
      givenName: 'Avery',
      familyName: 'Quill',
      preferredName: null,
      pronouns: null,
      dateOfBirth: '1991-04-12',
      phone: null,
      email: null,
      emergencyContact: null,
      sexForScoring: 'female',
      version: 1,
      part2: false,
      episodes: [],
    };
    const episode = {
      id: '12121212-1212-4212-8212-121212121212',
      participantId: NEW_ID,
      programId: PROGRAM_ID,
      programName: 'Adult IOP',
      levelOfCare: 'iop',
      part2: false,
      admittedOn: '2026-11-16',
      expectedWeeks: null,
      primaryClinicianId: null,
      primaryClinicianName: null,
      status: 'active',
      dischargedOn: null,
      disposition: null,
      dischargeNote: null,
      currentTrackId: TRACK_ID,
      currentTrackName: 'Evening',
      memberships: [],
      version: 1,
    };
    // Two overlapping work stretches on Monday come back as one.
    const merged = {
      participantId: NEW_ID,
      rules: [{ reason: 'work', weekday: 1, startTime: '08:00', endTime: '17:00' }],
      exceptions: [],
      version: 1,
    };

    async function throughAdmission(user: ReturnType<typeof userEvent.setup>) {
      await fillProfile(user);
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click((await screen.findAllByLabelText(/^Program/))[0]!);
      await user.click(await screen.findByRole('option', { name: 'Adult IOP', hidden: true }));
      await user.click(screen.getAllByLabelText(/^Track/)[0]!);
      await user.click(await screen.findByRole('option', { name: /Evening/, hidden: true }));
      await user.click(screen.getAllByLabelText(/^Primary clinician/)[0]!);
      await user.click(await screen.findByRole('option', { name: /Fran Facilitator/, hidden: true }));
      const section = within(screen.getByRole('region', { name: 'When they cannot come' }));
      await user.click(section.getByRole('button', { name: 'Add a weekly time' }));
      await user.click(section.getByRole('button', { name: 'Add a weekly time' }));
      const from = section.getAllByLabelText('From');
      const to = section.getAllByLabelText('To');
      await user.clear(from[0]!);
      await user.type(from[0]!, '08:00');
      await user.clear(to[0]!);
      await user.type(to[0]!, '12:00');
      await user.clear(from[1]!);
      await user.type(from[1]!, '11:00');
      return section;
    }

    const saving = (putAnswers: Answer[]) => {
      let puts = 0;
      return [
        (r: FakeRequest): Answer => (r.method === 'POST' && r.url === '/api/v1/participants' ? { status: 201, body: participant } : undefined),
        (r: FakeRequest): Answer => (r.method === 'POST' && r.url === `/api/v1/participants/${NEW_ID}/episodes` ? { status: 201, body: episode } : undefined),
        (r: FakeRequest): Answer => (r.method === 'PUT' && r.url === URL ? putAnswers[Math.min(puts++, putAnswers.length - 1)] : undefined),
      ];
    };

    it('checks each weekly time with core’s rule before the review', async () => {
      const user = userEvent.setup();
      openIntake([], { taken: 0, capacity: 12 });
      const section = await throughAdmission(user);
      const to = section.getAllByLabelText('To');
      await user.clear(to[1]!);
      await user.type(to[1]!, '25:00');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await section.findByText('Must be HH:MM or 24:00')).toBeTruthy();
      expect(screen.queryByRole('button', { name: /create and admit/i })).toBeNull();
    }, 60_000);

    it('saves them after the admission and shows the server’s merged result', async () => {
      const user = userEvent.setup();
      const server = openIntake([], { taken: 0, capacity: 12 }, ...saving([{ body: merged }]));
      await throughAdmission(user);
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByText('Work, Monday 08:00–12:00; Work, Monday 11:00–17:00')).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Create and admit' }));

      expect(await screen.findByText('Overlapping times merged: 2 entered, 1 kept — Work, Monday 08:00–17:00.')).toBeTruthy();
      const order = server.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/possible-duplicates')).map((r) => `${r.method} ${r.url}`);
      expect(order).toEqual(['POST /api/v1/participants', `POST /api/v1/participants/${NEW_ID}/episodes`, `PUT ${URL}`]);
      expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
        rules: [
          { reason: 'work', weekday: 1, startTime: '08:00', endTime: '12:00' },
          { reason: 'work', weekday: 1, startTime: '11:00', endTime: '17:00' },
        ],
        version: null,
      });
    }, 60_000);

    it('keeps the admitted participant when the weekly save fails, says so, and saves only the times on retry', async () => {
      const user = userEvent.setup();
      const unavailable = { status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Try again in a moment.' } };
      const server = openIntake([], { taken: 0, capacity: 12 }, ...saving([unavailable, { body: merged }]));
      await throughAdmission(user);
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Create and admit' }));

      expect(await screen.findByText('Admitted, but the weekly times were not saved')).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Open their record without them' }).getAttribute('href')).toBe(`/participants/${NEW_ID}`);
      expect(screen.getByRole('button', { name: 'Admit' }).hasAttribute('disabled')).toBe(true);

      await user.click(screen.getByRole('button', { name: 'Try saving the weekly times again' }));
      expect(await screen.findByText(/Overlapping times merged: 2 entered, 1 kept/)).toBeTruthy();
      const writes = server.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/possible-duplicates')).map((r) => `${r.method} ${r.url}`);
      expect(writes).toEqual(['POST /api/v1/participants', `POST /api/v1/participants/${NEW_ID}/episodes`, `PUT ${URL}`, `PUT ${URL}`]);
    }, 60_000);
  });
});
