import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CERTIFICATION_STATEMENTS } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { DIRECTOR, PROGRAM_ID } from '../../test/fixtures.ts';
import { CertificationQueuePage } from './CertificationQueuePage.tsx';

const PRESCRIBER = { ...DIRECTOR, id: 'user-rx-1', role: 'prescriber', permissions: ['participant.read', 'certification.read', 'certification.sign'] };
const READER = { ...DIRECTOR, permissions: ['participant.read', 'certification.read'] };

const row = (name: string, episodeId: string, state: 'overdue' | 'due' | 'upcoming', planVersion: number | null) => ({
  episodeId,
  participantId: `${episodeId.slice(0, -1)}0`,
  displayName: name,
  programId: PROGRAM_ID,
  programName: 'Adult Mental Health IOP',
  level: 'iop',
  admittedOn: '2026-11-02',
  due: { kind: 'certification', sequence: 1, dueOn: '2026-11-02', state },
  planVersion,
  statement: CERTIFICATION_STATEMENTS.iop,
});

const queue = {
  today: '2026-11-18',
  rows: [
    row('Rowan Synthetic', '11111111-1111-4111-8111-111111111111', 'overdue', 1),
    row('Sasha Synthetic', '22222222-2222-4222-8222-222222222222', 'overdue', null),
  ],
  counts: { overdue: 2, due: 0, upcoming: 0 },
};

function open(me: unknown) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: me } : undefined),
    (r) => (r.url === '/api/v1/certifications' && r.method === 'GET' ? { body: queue } : undefined),
    (r) =>
      r.method === 'POST' && r.url.endsWith('/certifications')
        ? {
            status: 201,
            body: {
              id: '99999999-9999-4999-8999-999999999999',
              episodeId: queue.rows[0]!.episodeId,
              kind: 'certification',
              sequence: 1,
              level: 'iop',
              certifiedOn: '2026-11-18',
              dueOn: '2026-11-02',
              planVersion: 1,
              statement: CERTIFICATION_STATEMENTS.iop,
              certifiedBy: { id: 'user-rx-1', name: 'Rx' },
              createdAt: '2026-11-18T15:00:00.000Z',
            },
          }
        : undefined,
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <CertificationQueuePage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/certifications', at: '/certifications' },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('certification queue', () => {
  it('marks overdue certifications and certifies in two clicks, with the statement shown before the second', async () => {
    const user = userEvent.setup();
    const server = open(PRESCRIBER);
    expect(await screen.findByText('2 overdue · 0 due within 7 days · 0 upcoming')).toBeTruthy();
    expect(screen.getAllByText('Overdue')).toHaveLength(2);
    // No signed plan of care: the certification waits for it.
    expect(screen.getByRole('button', { name: 'Certify Sasha Synthetic' }).hasAttribute('disabled')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Certify Rowan Synthetic' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(CERTIFICATION_STATEMENTS.iop)).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Certify' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = server.requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/episodes/${queue.rows[0]!.episodeId}/certifications`);
    expect(post.body).toEqual({ sequence: 1 });
  }, 60_000);

  it('shows the queue without certify buttons to a director who may not certify', async () => {
    open(READER);
    expect(await screen.findByText('Rowan Synthetic')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Certify/ })).toBeNull();
  }, 60_000);
});
