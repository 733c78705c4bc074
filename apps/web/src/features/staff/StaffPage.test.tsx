import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StaffAccount } from '@trellis/core';
import { AuthProvider } from '../../app/auth-context.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { DIRECTOR, FACILITATOR, PROGRAM_ID } from '../../test/fixtures.ts';
import { StaffPage } from './StaffPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const ADMIN_ME = { ...DIRECTOR, id: 'user-admin-1', name: 'Ada Admin', email: 'ada@demo.test', role: 'admin' as const };

const account = (over: Partial<StaffAccount>): StaffAccount => ({
  id: DIRECTOR.id,
  name: DIRECTOR.name,
  email: DIRECTOR.email,
  role: 'director',
  credentials: null,
  programIds: [PROGRAM_ID],
  supervisorId: null,
  supervisorName: null,
  preLicensed: false,
  active: true,
  invitationPending: false,
  twoFactorEnabled: false,
  ...over,
});

const admin = account({ id: ADMIN_ME.id, name: ADMIN_ME.name, email: ADMIN_ME.email, role: 'admin', programIds: [] });
const director = account({});
const clinician = account({ id: FACILITATOR.id, name: FACILITATOR.name, email: FACILITATOR.email, role: 'clinician', supervisorName: DIRECTOR.name, invitationPending: true });

function open(items: StaffAccount[], write: (r: FakeRequest) => Answer = () => undefined) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/me') ? { body: ADMIN_ME } : undefined),
    (r) => (r.method === 'GET' && r.url === '/api/v1/staff-accounts' ? { body: { items } } : undefined),
    (r) => (r.method === 'GET' && r.url === '/api/v1/organisation/security' ? { body: { requireTwoFactor: false } } : undefined),
    (r) => (r.method !== 'GET' ? write(r) : undefined),
  );
  renderPage(
    <AuthProvider>
      <StaffPage />
    </AuthProvider>,
    { path: '/staff', at: '/staff' },
  );
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('the staff list', () => {
  it('lists each account with its role, supervisor and status', async () => {
    open([admin, director, clinician]);
    const table = await screen.findByRole('table', { name: 'Staff' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const clinicianRow = within(rows[2]!);
    expect(clinicianRow.getByText(FACILITATOR.name)).toBeTruthy();
    expect(clinicianRow.getByText('Invited')).toBeTruthy();
    expect(clinicianRow.getByText(DIRECTOR.name)).toBeTruthy();
    expect(within(rows[1]!).getByText('Active')).toBeTruthy();
  });

  it('says when there is nobody yet and offers an invitation', async () => {
    open([]);
    expect(await screen.findByText('No staff accounts yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Invite the first' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Staff' })).toBeNull();
  });

  it('deactivates only after the administrator confirms, and never offers it on their own account', async () => {
    const user = userEvent.setup();
    const server = open([admin, director], (r) =>
      r.method === 'POST' && r.url === `/api/v1/staff-accounts/${director.id}/deactivate` ? { body: { ...director, active: false } } : undefined,
    );
    await user.click(await screen.findByRole('button', { name: `Actions for ${admin.name}` }));
    expect(await screen.findByText('Edit')).toBeTruthy();
    expect(screen.queryByText('Deactivate')).toBeNull();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: `Actions for ${director.name}` }));
    await user.click(await screen.findByText('Deactivate'));
    const dialog = await screen.findByRole('dialog', { name: `Deactivate ${director.name}?` });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([`/api/v1/staff-accounts/${director.id}/deactivate`]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: `Deactivate ${director.name}?` })).toBeNull());
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const user = userEvent.setup();
    const server = open([admin, director]);
    await user.click(await screen.findByRole('button', { name: `Actions for ${director.name}` }));
    await user.click(await screen.findByText('Deactivate'));
    const dialog = await screen.findByRole('dialog', { name: `Deactivate ${director.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
