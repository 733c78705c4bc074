import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { AuthProvider } from '../app/auth-context.tsx';
import { RequireAuth } from '../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../test/render.tsx';
import { DIRECTOR } from '../test/fixtures.ts';
import { RollPage } from '../features/roll/RollPage.tsx';
import { TrackEditorPage } from '../features/setup/TrackEditorPage.tsx';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function open(page: React.ReactNode, path: string, at: string) {
  const server = fakeServer((r) => (r.url.startsWith('/api/v1/me') ? { body: { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'attendance.read'] } } : undefined));
  renderPage(
    <AuthProvider>
      <RequireAuth>{page}</RequireAuth>
    </AuthProvider>,
    { path, at },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('an address naming no record says "not found"', () => {
  it.each([
    ['a roll with a malformed id', <RollPage key="r" />, '/sessions/:sessionId/roll', '/sessions/not-a-session/roll', 'Session not found'],
    ['a roll of an unknown session', <RollPage key="r" />, '/sessions/:sessionId/roll', `/sessions/${UNKNOWN}/roll`, 'Session not found'],
    ['a track with a malformed id', <TrackEditorPage key="t" />, '/setup/tracks/:trackId', '/setup/tracks/evening', 'Track not found'],
    ['an unknown track', <TrackEditorPage key="t" />, '/setup/tracks/:trackId', `/setup/tracks/${UNKNOWN}`, 'Track not found'],
  ])('%s', async (_name, page, path, at, heading) => {
    const server = open(page, path, at);
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expect(screen.queryByText(/some fields need attention/i)).toBeNull();
    // A malformed id is never sent to the server.
    if (!at.includes(UNKNOWN)) expect(server.requests.filter((r) => !r.url.startsWith('/api/v1/me') && r.url.includes(at.split('/')[2] ?? ''))).toEqual([]);
  });
});
