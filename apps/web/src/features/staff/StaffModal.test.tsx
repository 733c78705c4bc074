import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StaffAccount } from '@trellis/core';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { badField, choose, sent } from '../../test/forms.ts';
import { DIRECTOR, FACILITATOR, program, PROGRAM_ID } from '../../test/fixtures.ts';
import { StaffModal } from './StaffModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const director: StaffAccount = {
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
};

const clinician: StaffAccount = { ...director, id: FACILITATOR.id, name: FACILITATOR.name, email: FACILITATOR.email, role: 'clinician', credentials: 'LCSW' };

function open(account: StaffAccount | null, save: (r: FakeRequest) => Answer, onClose: () => void = () => undefined) {
  const server = fakeServer(
    (r) => (r.method === 'GET' && r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.method !== 'GET' ? save(r) : undefined),
  );
  renderPage(<StaffModal account={account} accounts={[director, clinician]} onClose={onClose} />, { path: '/', at: '/' });
  return server;
}

afterEach(() => vi.unstubAllGlobals());

describe('inviting a staff member', () => {
  it('asks for a name and a real email address, and sends nothing', async () => {
    const user = userEvent.setup();
    const server = open(null, () => undefined);
    await user.type(await screen.findByLabelText(/^Email/), 'robin@');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Enter the person’s name')).toBeTruthy();
    expect(screen.getByText('Must be an email address')).toBeTruthy();
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('sends the invitation as the API reads it', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(null, () => ({ status: 201, body: { ...clinician, id: 'user-new', name: 'Robin Reyes', email: 'robin@demo.test', invitationPending: true } }), onClose);
    await user.type(await screen.findByLabelText(/^Name/), ' Robin Reyes ');
    await user.type(screen.getByLabelText(/^Email/), ' robin@demo.test ');
    await user.type(screen.getByLabelText(/^Credentials/), 'LPC');
    await choose(user, /^Programs/, 'Adult IOP');
    await choose(user, /^Supervisor/, /Dee Director/);
    await user.click(screen.getByRole('checkbox', { name: /Pre-licensed/ }));
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', '/api/v1/staff-accounts')).toEqual([
      { name: 'Robin Reyes', email: 'robin@demo.test', role: 'clinician', credentials: 'LPC', programIds: [PROGRAM_ID], supervisorId: DIRECTOR.id, preLicensed: true },
    ]);
  });

  it('puts the server’s refusal under the field it names', async () => {
    const user = userEvent.setup();
    open(null, () => badField('body.email', 'already has an account'));
    await user.type(await screen.findByLabelText(/^Name/), 'Robin Reyes');
    await user.type(screen.getByLabelText(/^Email/), 'fran@demo.test');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('already has an account')).toBeTruthy();
    expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('editing a staff account', () => {
  it('sends what an edit may change, without the email', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(clinician, () => ({ body: { ...clinician, credentials: null } }), onClose);
    await user.clear(await screen.findByLabelText(/^Credentials/));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PATCH', `/api/v1/staff-accounts/${FACILITATOR.id}`)).toEqual([
      { name: FACILITATOR.name, role: 'clinician', credentials: null, programIds: [PROGRAM_ID], supervisorId: null, preLicensed: false },
    ]);
  });
});
