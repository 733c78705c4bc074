import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthProvider } from '../../app/auth-context.tsx';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { sent } from '../../test/forms.ts';
import { DIRECTOR } from '../../test/fixtures.ts';
import { SignInPage } from './SignInPage.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const signedOut = { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in first.' } };

/** The sign-in page, with /me answering 401 until `signIn` has answered 2xx, then `meAfter`. */
function openSignIn(signIn: (r: FakeRequest) => Answer, meAfter: unknown = DIRECTOR) {
  let signedIn = false;
  const server = fakeServer(
    (r) => (r.url === '/api/v1/me' ? (signedIn ? { body: meAfter } : signedOut) : undefined),
    (r) => {
      if (r.url !== '/api/auth/sign-in/email') return undefined;
      const answer = signIn(r);
      signedIn = (answer?.status ?? 200) < 300;
      return answer;
    },
  );
  renderPage(
    <AuthProvider>
      <SignInPage />
    </AuthProvider>,
    { path: '/sign-in', at: '/sign-in', routes: [{ path: '/census', element: <p>Census page</p> }] },
  );
  return server;
}

async function signInWith(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  if (email) await user.type(await screen.findByLabelText(/^Email/), email);
  if (password) await user.type(screen.getByLabelText(/^Password/), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => vi.unstubAllGlobals());

describe('signing in', () => {
  it('says under each field what is wrong, and sends nothing', async () => {
    const user = userEvent.setup();
    const server = openSignIn(() => ({ body: {} }));
    await signInWith(user, 'dee@', '');
    // The file's first render: allow for a cold start on a busy machine.
    expect(await screen.findByText('Must be an email address', undefined, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/sign-in/email')).toHaveLength(0);
  });

  it('sends the trimmed email and the password as typed, then opens the home page', async () => {
    const user = userEvent.setup();
    const server = openSignIn(() => ({ body: { redirect: false, token: 'x', user: { id: DIRECTOR.id } } }));
    await signInWith(user, '  dee@demo.test ', ' correct horse battery ');
    expect(await screen.findByText('Census page')).toBeTruthy();
    expect(sent(server.requests, 'POST', '/api/auth/sign-in/email')).toEqual([{ email: 'dee@demo.test', password: ' correct horse battery ' }]);
  });

  it('says the email or password is wrong when the server refuses them, and empties the password', async () => {
    const user = userEvent.setup();
    openSignIn(() => ({ status: 401, body: { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' } }));
    await signInWith(user, 'dee@demo.test', 'not the password');
    expect(await screen.findByText('Email or password is wrong.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Password/).value).toBe('');
  });

  it('puts the sign-in library’s refusal of the email under the email', async () => {
    const user = userEvent.setup();
    openSignIn(() => ({ status: 400, body: { message: 'Invalid email', code: 'INVALID_EMAIL' } }));
    await signInWith(user, 'dee@demo.test', 'a password');
    expect(await screen.findByText('Invalid email')).toBeTruthy();
    expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses an answer about the signed-in person that is not of the expected shape, rather than trusting it', async () => {
    const user = userEvent.setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    openSignIn(() => ({ body: {} }), { ...DIRECTOR, role: 'superuser' });
    await signInWith(user, 'dee@demo.test', 'a password');
    expect(await screen.findByText(/answered in a form this page does not understand/)).toBeTruthy();
    expect(screen.queryByText('Census page')).toBeNull();
  });

  it('asks for the six digits of the authenticator code on the second step', async () => {
    const user = userEvent.setup();
    const server = openSignIn(() => ({ body: { twoFactorRedirect: true } }));
    await signInWith(user, 'dee@demo.test', 'a password');
    await user.type(await screen.findByLabelText(/^Code from your authenticator app/), '12345');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Must be the 6 digits the app shows')).toBeTruthy();
    await waitFor(() => expect(sent(server.requests, 'POST', '/api/auth/two-factor/verify-totp')).toHaveLength(0));
  });
});
