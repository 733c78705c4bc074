import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { errorUnder, sent } from '../../test/forms.ts';
import { DIRECTOR } from '../../test/fixtures.ts';
import { AccountPage } from './AccountPage.tsx';
import { SetPasswordPage } from './SetPasswordPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const GOOD_PASSWORD = 'violet kettle harbour';

function openInvitation(reset: (r: FakeRequest) => Answer) {
  const server = fakeServer((r) => (r.url === '/api/auth/reset-password' ? reset(r) : undefined));
  renderPage(<SetPasswordPage invitation />, { path: '/accept-invitation', at: '/accept-invitation?token=tok-123' });
  return server;
}

function openAccount(authCall: (r: FakeRequest) => Answer) {
  const server = fakeServer(
    (r) => (r.url === '/api/v1/me' ? { body: DIRECTOR } : undefined),
    (r) => (r.url === '/api/auth/get-session' ? { body: { session: {}, user: { twoFactorEnabled: false } } } : undefined),
    (r) => (r.method === 'POST' && r.url.startsWith('/api/auth/') ? authCall(r) : undefined),
  );
  renderPage(
    <AuthProvider>
      <RequireAuth>
        <AccountPage />
      </RequireAuth>
    </AuthProvider>,
    { path: '/account', at: '/account' },
  );
  return server;
}

async function typeNewPassword(user: ReturnType<typeof userEvent.setup>, password: string, again: string) {
  await user.type(await screen.findByLabelText(/^New password$|^New password \*/), password);
  await user.type(screen.getByLabelText(/^New password again/), again);
}

afterEach(() => vi.unstubAllGlobals());

describe('accepting an invitation', () => {
  it('holds the password to core’s length rule and asks for it twice the same, sending nothing', async () => {
    const user = userEvent.setup();
    const server = openInvitation(() => ({ body: { status: true } }));
    await typeNewPassword(user, 'too short', 'too shorter');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('Must be at least 12 characters')).toBeTruthy();
    expect(screen.getByText('Must be the same as the new password')).toBeTruthy();
    expect(server.requests).toHaveLength(0);
  });

  it('sends the new password with the link’s token', async () => {
    const user = userEvent.setup();
    const server = openInvitation(() => ({ body: { status: true } }));
    await typeNewPassword(user, GOOD_PASSWORD, GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/Your password is set/)).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/reset-password')).toEqual([{ newPassword: GOOD_PASSWORD, token: 'tok-123' }]);
  });

  it('puts the server’s refusal of a common password under the password', async () => {
    const user = userEvent.setup();
    openInvitation(() => ({
      status: 400,
      body: { message: 'The new password is one of the most common passwords; choose another.', code: 'PASSWORD_POLICY' },
    }));
    await typeNewPassword(user, 'password1234', 'password1234');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/one of the most common passwords/)).toBeTruthy();
    expect(errorUnder(screen.getAllByLabelText(/^New password/)[0]!)).toMatch(/one of the most common passwords/);
  });

  it('says an expired link is expired', async () => {
    const user = userEvent.setup();
    openInvitation(() => ({ status: 400, body: { message: 'Invalid token', code: 'INVALID_TOKEN' } }));
    await typeNewPassword(user, GOOD_PASSWORD, GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/This link has expired or was already used/)).toBeTruthy();
  });
});

describe('changing one’s own password', () => {
  it('asks for the current password and the new one twice the same, sending nothing', async () => {
    const user = userEvent.setup();
    const server = openAccount(() => ({ body: { token: 't' } }));
    await typeNewPassword(user, GOOD_PASSWORD, 'violet kettle harbor');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Enter your current password')).toBeTruthy();
    expect(screen.getByText('Must be the same as the new password')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/change-password')).toHaveLength(0);
  });

  it('sends the current and the new password', async () => {
    const user = userEvent.setup();
    const server = openAccount(() => ({ body: { token: 't' } }));
    await user.type(await screen.findByLabelText(/^Current password/), 'old but gold 42');
    await typeNewPassword(user, GOOD_PASSWORD, GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/change-password')).toEqual([{ currentPassword: 'old but gold 42', newPassword: GOOD_PASSWORD }]);
  });

  it('puts a wrong current password under that field', async () => {
    const user = userEvent.setup();
    openAccount(() => ({ status: 400, body: { message: 'Invalid password', code: 'INVALID_PASSWORD' } }));
    await user.type(await screen.findByLabelText(/^Current password/), 'not it at all');
    await typeNewPassword(user, GOOD_PASSWORD, GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Invalid password')).toBeTruthy();
    expect(errorUnder(screen.getByLabelText(/^Current password/))).toBe('Invalid password');
  });
});

describe('turning on two-factor sign-in', () => {
  const TOTP_URI = 'otpauth://totp/Trellis:dee@demo.test?secret=JBSWY3DPEHPK3PXP&issuer=Trellis';
  const answers = (r: FakeRequest): Answer =>
    r.url === '/api/auth/two-factor/enable'
      ? (r.body as { password?: string }).password === 'my own password'
        ? { body: { totpURI: TOTP_URI, backupCodes: ['aaaa-bbbb'] } }
        : { status: 400, body: { message: 'Invalid password', code: 'INVALID_PASSWORD' } }
      : r.url === '/api/auth/two-factor/verify-totp'
        ? { body: { token: 't' } }
        : undefined;

  it('asks for one’s password first, and puts a wrong one under the field', async () => {
    const user = userEvent.setup();
    const server = openAccount(answers);
    await user.click(await screen.findByRole('button', { name: 'Set up' }));
    expect(await screen.findByText('Enter your password')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/two-factor/enable')).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Your password/), 'a wrong one');
    await user.click(screen.getByRole('button', { name: 'Set up' }));
    expect(await screen.findByText('Invalid password')).toBeTruthy();
    expect(errorUnder(screen.getByLabelText(/^Your password/))).toBe('Invalid password');
  });

  it('shows the key, asks for the six digits, and sends the code the app shows', async () => {
    const user = userEvent.setup();
    const server = openAccount(answers);
    await user.type(await screen.findByLabelText(/^Your password/), 'my own password');
    await user.click(screen.getByRole('button', { name: 'Set up' }));
    expect(await screen.findByText('JBSWY3DPEHPK3PXP')).toBeTruthy();
    await user.type(screen.getByLabelText(/^Code from the app/), '123');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Must be the 6 digits the app shows')).toBeTruthy();
    await user.clear(screen.getByLabelText(/^Code from the app/));
    await user.type(screen.getByLabelText(/^Code from the app/), '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Two-factor sign-in is on')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/two-factor/enable')).toEqual([{ password: 'my own password' }]);
    expect(sent(server.requests, 'POST', '/api/auth/two-factor/verify-totp')).toEqual([{ code: '123456' }]);
  });
});
