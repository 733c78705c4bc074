import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR } from '../../test/fixtures.ts';
import { DiagnosesPage } from './DiagnosesPage.tsx';

const EPISODE_ID = '77777777-7777-4777-8777-777777777777';
const WRITER = { ...DIRECTOR, permissions: [...DIRECTOR.permissions, 'diagnosis.read', 'diagnosis.write'] };
const BILLER = { ...DIRECTOR, role: 'biller', permissions: ['participant.read', 'diagnosis.read'] };

const existing = {
  id: '99999999-9999-4999-8999-999999999999',
  episodeId: EPISODE_ID,
  code: 'F33.1',
  description: 'Major depressive disorder, recurrent, moderate',
  isPrimary: true,
  onsetOn: null,
  status: 'active',
  recordedBy: { id: DIRECTOR.id, name: DIRECTOR.name },
  createdAt: '2026-11-02T15:00:00.000Z',
  version: 1,
};

function open(me: unknown) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) =>
      r.url.startsWith('/api/v1/icd10-codes?')
        ? { body: { codes: [{ code: 'F10.21', description: 'Alcohol dependence, in remission', group: 'alcohol' }] } }
        : undefined,
    (r) =>
      r.url === `/api/v1/episodes/${EPISODE_ID}/diagnoses`
        ? r.method === 'POST'
          ? { status: 201, body: { ...existing, id: '99999999-9999-4999-8999-999999999998', code: 'F10.21', isPrimary: false } }
          : { body: { diagnoses: [existing] } }
        : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <DiagnosesPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/episodes/:episodeId/diagnoses', at: `/episodes/${EPISODE_ID}/diagnoses` },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('diagnoses page', () => {
  it('lists the diagnoses for a biller, without the form', async () => {
    open(BILLER);
    expect(await screen.findByText('Major depressive disorder, recurrent, moderate')).toBeTruthy();
    expect(screen.getByText('Primary')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add diagnosis' })).toBeNull();
  });

  it('refuses a malformed code before sending, then adds a code found by words of its description', async () => {
    const user = userEvent.setup();
    const server = open(WRITER);
    const code = (await screen.findAllByLabelText(/^ICD-10-CM code/)).find((e) => e.tagName === 'INPUT')!;
    await user.type(code, 'F1');
    await user.click(screen.getByRole('button', { name: 'Add diagnosis' }));
    expect(await screen.findByText(/Must be an ICD-10-CM code/)).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(code);
    await user.type(code, 'alc rem');
    await user.click(await screen.findByRole('option', { name: /F10.21 Alcohol dependence, in remission/, hidden: true }));
    expect((code as HTMLInputElement).value).toBe('F10.21');
    await user.click(screen.getByRole('button', { name: 'Add diagnosis' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      code: 'F10.21',
      description: null,
      isPrimary: false,
      status: 'active',
      onsetOn: null,
    });
  }, 60_000);
});
