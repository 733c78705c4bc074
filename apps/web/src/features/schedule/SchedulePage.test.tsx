import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { formatWeekRange } from '../../app/format.ts';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR, eveningTrack, program, SITE_ID } from '../../test/fixtures.ts';
import { SchedulePage } from './SchedulePage.tsx';

const me = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'session.read' as const] };

function openSchedule(answer: { from: string; to: string; today: string; tense: 'past' | 'current' | 'future' }) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url.startsWith('/api/v1/sites') ? { body: { items: [{ id: SITE_ID, name: 'Main Street', timeZone: 'America/New_York', address: null, version: 1 }] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/tracks') ? { body: { items: [eveningTrack()] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/sessions') ? { body: { ...answer, timeZone: 'America/New_York', items: [], rollsNotTaken: 0 } } : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <SchedulePage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/schedule', at: '/schedule' },
  );
  return server;
}

// The browser's clock stands a week later than the server's: the page must follow the server.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-09T15:00:00Z'));
  window.localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the schedule’s week', () => {
  it('opens on the week the server says is under way at the site, and speaks of it as this week', async () => {
    const server = openSchedule({ from: '2026-11-23', to: '2026-11-29', today: '2026-11-29', tense: 'current' });
    expect(await screen.findByText('No sessions this week', undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText(formatWeekRange('2026-11-23', '2026-11-29'))).toBeTruthy();
    // No dates asked for: the server chose the week on its clock, in the site's zone.
    const asked = server.requests.filter((r) => r.url.startsWith('/api/v1/sessions')).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q.get('from') === null && q.get('siteId') === SITE_ID)).toBe(true);
    expect(screen.getByRole('button', { name: 'This week' }).hasAttribute('disabled')).toBe(true);
  });

  it('speaks of a week the server says is over as that week', async () => {
    openSchedule({ from: '2026-11-23', to: '2026-11-29', today: '2026-11-30', tense: 'past' });
    expect(await screen.findByText('No sessions that week', undefined, { timeout: 8000 })).toBeTruthy();
  });
});
