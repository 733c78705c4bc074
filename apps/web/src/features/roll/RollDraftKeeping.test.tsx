import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuthProvider, useAuth } from '../../app/auth-context.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { BLAIR, FACILITATOR, rollOfThree, savedAnswer, SESSION_ID } from '../../test/fixtures.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { RollPage } from './RollPage.tsx';

const DRAFT_KEY = `trellis.draft:${FACILITATOR.id}:roll:${SESSION_ID}`;

function SignOutButton() {
  const { signOut } = useAuth();
  return <button onClick={() => void signOut('signed-out')}>Sign out</button>;
}

function openRoll(me = FACILITATOR) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url === '/api/auth/sign-out' ? { body: {} } : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/sessions/${SESSION_ID}/roll` ? { body: rollOfThree() } : undefined),
    (r) =>
      r.method === 'PUT'
        ? { body: savedAnswer(rollOfThree(), (r.body as { entries: { participantId: string; status: string }[] }).entries) }
        : undefined,
  );
  const page = renderPage(
    <AuthProvider>
      <RequireAuth>
        <RollPage />
      </RequireAuth>
      <SignOutButton />
    </AuthProvider>,
    {
      path: '/sessions/:sessionId/roll',
      at: `/sessions/${SESSION_ID}/roll`,
      routes: [{ path: '/sign-in', element: <p>Sign-in page</p> }],
    },
  );
  return { server, page };
}

const pressed = (name: string) =>
  within(screen.getByRole('group', { name }))
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => b.textContent);

async function markBlairPresent() {
  const row = await screen.findByRole('group', { name: 'Blair Chen' });
  fireEvent.click(within(row).getByRole('button', { name: 'Present' }));
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('unsaved roll marks and sign-out', () => {
  it('warns a minute before the idle logoff and "Save now" saves the roll', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { server } = openRoll();
    await markBlairPresent();

    act(() => {
      vi.advanceTimersByTime(14 * 60_000 + 10_000);
    });
    expect(await screen.findByText(/you have unsaved attendance marks/i)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save now' }));

    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      entries: [
        { participantId: rollOfThree().entries[0]?.participantId, status: 'absent' },
        { participantId: BLAIR, status: 'present' },
      ],
    });
  });

  it('keeps the unsaved marks in the tab through an idle logoff and restores them for the same person', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const first = openRoll();
    await markBlairPresent();
    act(() => {
      vi.advanceTimersByTime(15 * 60_000 + 10_000);
    });
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(first.server.requests.some((r) => r.url === '/api/auth/sign-out')).toBe(true);
    expect(JSON.parse(window.sessionStorage.getItem(DRAFT_KEY) ?? 'null')).toEqual({
      [BLAIR]: { status: 'present', lateMinutes: '', leftEarlyMinutes: '' },
    });
    first.page.unmount();
    vi.useRealTimers();

    openRoll();
    expect(await screen.findByText('Unsaved marks restored')).toBeTruthy();
    expect(pressed('Blair Chen')).toEqual(['Present']);
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
  });

  it('leaves nothing in the tab after an explicit sign-out', async () => {
    openRoll();
    await markBlairPresent();
    await waitFor(() => expect(window.sessionStorage.getItem(DRAFT_KEY)).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('Sign-in page')).toBeTruthy();
    expect(window.sessionStorage.length).toBe(0);
  });

  it('never shows one person’s kept marks to someone else signing in to the tab', async () => {
    window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ [BLAIR]: { status: 'present', lateMinutes: '', leftEarlyMinutes: '' } }));
    openRoll({ ...FACILITATOR, id: 'user-fac-2', name: 'Sam Second' });
    await screen.findByRole('group', { name: 'Blair Chen' });
    expect(pressed('Blair Chen')).toEqual([]);
    expect(screen.queryByText('Unsaved marks restored')).toBeNull();
    await waitFor(() => expect(window.sessionStorage.getItem(DRAFT_KEY)).toBeNull());
  });
});
