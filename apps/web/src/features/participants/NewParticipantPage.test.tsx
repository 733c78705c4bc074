import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR, eveningTrack, program, staff } from '../../test/fixtures.ts';
import { NewParticipantPage } from './NewParticipantPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

function openIntake(duplicates: unknown[], places: { taken: number; capacity: number }) {
  const server = fakeServer(
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
});
