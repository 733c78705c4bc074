import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { ALEX, BLAIR, CASEY, FACILITATOR, rollOfThree, savedAnswer, SESSION_ID } from '../../test/fixtures.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { RollPage } from './RollPage.tsx';

function openRoll() {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: FACILITATOR } : undefined),
    (r) => (r.method === 'GET' && r.url === `/api/v1/sessions/${SESSION_ID}/roll` ? { body: rollOfThree() } : undefined),
    (r) => {
      if (r.method !== 'PUT') return undefined;
      return { body: savedAnswer(rollOfThree(), (r.body as { entries: { participantId: string; status: string }[] }).entries) };
    },
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <RollPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/sessions/:sessionId/roll', at: `/sessions/${SESSION_ID}/roll` },
  );
  return server;
}

const pressed = (name: string) =>
  within(screen.getByRole('group', { name }))
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => b.textContent);

describe('the roll', () => {
  it('"Mark all present" marks only the rows nobody has marked yet', async () => {
    const user = userEvent.setup();
    const server = openRoll();
    await user.click(await screen.findByRole('button', { name: /mark all present/i }));

    expect(pressed('Alex Rivera')).toEqual(['Absent']);
    expect(pressed('Blair Chen')).toEqual(['Present']);
    expect(pressed('Casey Okafor')).toEqual(['Present']);

    // With every row marked there is nothing left for it to do.
    expect(screen.queryByRole('button', { name: /mark all present/i })).toBeNull();

    await user.click(screen.getByRole('button', { name: /save roll/i }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({
      entries: [
        { participantId: ALEX, status: 'absent' },
        { participantId: BLAIR, status: 'present' },
        { participantId: CASEY, status: 'present' },
      ],
    });
  });

  it('applies the answer, which carries only the changed marks, to the roll it shows', async () => {
    const user = userEvent.setup();
    const server = openRoll();
    await user.click(await screen.findByRole('button', { name: /mark all present/i }));
    expect(await screen.findByText('2 unsaved changes')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /save roll/i }));

    // Alex's absence was not sent back, yet stays on the roll; Blair and Casey are saved as present.
    expect((await screen.findAllByText('3 marked, 2 attended. Weekly hours are updated.')).length).toBeGreaterThan(0);
    expect(await screen.findByText('All changes saved.')).toBeTruthy();
    expect(pressed('Alex Rivera')).toEqual(['Absent']);
    expect(pressed('Blair Chen')).toEqual(['Present']);
    expect(pressed('Casey Okafor')).toEqual(['Present']);
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});

describe('late and left early on one mark', () => {
  it('takes both minutes at once and sends them together', async () => {
    const user = userEvent.setup();
    const server = openRoll();
    const blair = within(await screen.findByRole('group', { name: 'Blair Chen' }));
    await user.click(blair.getByRole('button', { name: 'Late' }));
    await user.type(blair.getByLabelText('Minutes late'), '30');
    await user.type(blair.getByLabelText(/minutes left early/i), '20');
    expect(blair.getByText('2.17 h attended · unsaved')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /save roll/i }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      entries: [
        { participantId: ALEX, status: 'absent' },
        { participantId: BLAIR, status: 'late', lateMinutes: 30, leftEarlyMinutes: 20 },
      ],
    });
  });

  it('refuses late plus left early that cover the whole session, with the core rule on the field', async () => {
    const user = userEvent.setup();
    const server = openRoll();
    const blair = within(await screen.findByRole('group', { name: 'Blair Chen' }));
    await user.click(blair.getByRole('button', { name: 'Left early' }));
    await user.type(blair.getByLabelText('Minutes left early'), '100');
    await user.type(blair.getByLabelText(/minutes late/i), '80');

    expect(await blair.findByText('Late and left-early minutes together (180) must be less than the session length (180 min)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /save roll/i }));
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});
