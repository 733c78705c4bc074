import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDays } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR, eveningTrack, program, SITE_ID } from '../../test/fixtures.ts';
import { CensusPage } from '../census/CensusPage.tsx';
import { SchedulePage } from './SchedulePage.tsx';

const THIS_MONDAY = '2026-11-30';
const me = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'census.read' as const, 'session.read' as const] };

afterEach(() => vi.unstubAllGlobals());

describe('the census and the schedule show the same week', () => {
  it('opens the schedule on the week last chosen on the census', async () => {
    const server = fakeServer(
      (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
      (r) => {
        if (!r.url.startsWith('/api/v1/census')) return undefined;
        const monday = new URL(r.url, 'http://x').searchParams.get('week') ?? THIS_MONDAY;
        return { body: { week: { monday, sunday: addDays(monday, 6), timeZone: 'America/New_York', today: '2026-12-01', tense: monday === THIS_MONDAY ? 'current' : 'future' }, rows: [], counts: { met: 0, onTrack: 0, atRisk: 0, short: 0, rollsNotTaken: 0 } } };
      },
      (r) => (r.url.startsWith('/api/v1/sites') ? { body: { items: [{ id: SITE_ID, name: 'Main Street', timeZone: 'America/New_York', address: null, version: 1 }] } } : undefined),
      (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
      (r) => (r.url.startsWith('/api/v1/tracks') ? { body: { items: [eveningTrack()] } } : undefined),
      (r) => {
        if (!r.url.startsWith('/api/v1/sessions')) return undefined;
        const from = new URL(r.url, 'http://x').searchParams.get('from') ?? THIS_MONDAY;
        return { body: { from, to: addDays(from, 6), timeZone: 'America/New_York', today: '2026-12-01', tense: from === THIS_MONDAY ? 'current' : 'future', items: [], rollsNotTaken: 0 } };
      },
    );
    const wrap = (page: React.ReactNode) => (
      <AuthProvider>
        <RequireAuth>{page}</RequireAuth>
      </AuthProvider>
    );
    const { router } = renderPage(wrap(<CensusPage />), { path: '/census', at: '/census', routes: [{ path: '/schedule', element: wrap(<SchedulePage />) }] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Next week' }));
    await user.click(await screen.findByRole('button', { name: 'Next week' }));
    const chosen = addDays(THIS_MONDAY, 14);
    await waitFor(() => expect(server.requests.some((r) => r.url.includes(`week=${chosen}`))).toBe(true));

    await act(() => router.navigate('/schedule'));
    await waitFor(() => expect(server.requests.some((r) => r.url.startsWith('/api/v1/sessions'))).toBe(true));
    const sessions = server.requests.filter((r) => r.url.startsWith('/api/v1/sessions')).map((r) => new URL(r.url, 'http://x').searchParams.get('from'));
    expect(sessions).toEqual([chosen]);
  });
});
