import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context.tsx';
import type { SignInValues } from './sign-in-forms.ts';
import { isApiError, errorMessage } from '../../app/api-client.ts';
import { applyCodeError } from '../../app/form-errors.ts';
import { homePathFor } from '../../app/navigation.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AuthCard, AuthProblem } from './AuthCard.tsx';

const NOTICES: Record<string, string> = {
  idle: 'You were signed out because nothing happened for a while. Sign in to carry on where you were.',
  expired: 'Your session ended. Sign in again to continue.',
  'signed-out': 'You are signed out.',
};

/** The forms' rules, loaded when a form is first sent (sign-in-forms.ts says why). */
const signInForms = () => import('./sign-in-forms.ts');

function signInProblem(error: unknown): string {
  if (isApiError(error, 429)) return 'Too many attempts — wait a minute, then try again.';
  if (isApiError(error, 401)) return 'Email or password is wrong.';
  return errorMessage(error);
}

/** Only paths inside this app may be returned to after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : null;
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { me, signIn, verifyTwoFactor } = useAuth();
  const [needsCode, setNeedsCode] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<SignInValues>({ initialValues: { email: '', password: '' } });
  const next = safeNext(params.get('next'));
  const notice = NOTICES[params.get('reason') ?? ''];

  if (me && !submitting) return <Navigate to={next ?? homePathFor(me)} replace />;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const { signInForm } = await signInForms();
      const errors = signInForm.validate(values);
      if (Object.keys(errors).length > 0) {
        form.setErrors(errors);
        return;
      }
      const { email, password } = signInForm.request(values);
      const signedIn = await signIn(email, password);
      if (signedIn === 'two-factor') setNeedsCode(true);
      else void navigate(next ?? homePathFor(signedIn), { replace: true });
    } catch (error) {
      form.setFieldValue('password', '');
      if (!applyCodeError(form, error, { INVALID_EMAIL: 'email' })) setProblem(signInProblem(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <AuthCard title="Sign in" subtitle="Staff sign-in for your program.">
      {notice && !problem && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} aria-hidden />} role="status">
          {notice}
        </Alert>
      )}
      <AuthProblem problem={problem} />
      {needsCode ? (
        <TwoFactorStep
          onVerify={async (code) => {
            const signedIn = await verifyTwoFactor(code);
            void navigate(next ?? homePathFor(signedIn), { replace: true });
          }}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              autoFocus
              size="md"
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              size="md"
              // The default toggle name contains "password", which makes the field's label ambiguous to assistive tech and tests.
              visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what is typed' }}
              {...form.getInputProps('password')}
            />
            <Button type="submit" size="md" loading={submitting} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

/** The second step of a two-factor sign-in: the 6-digit code from the authenticator app. */
function TwoFactorStep({ onVerify }: { onVerify: (code: string) => Promise<void> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<{ code: string }>({ initialValues: { code: '' } });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setBusy(true);
    try {
      const { codeForm } = await signInForms();
      const errors = codeForm.validate(values);
      if (Object.keys(errors).length > 0) {
        form.setErrors(errors);
        return;
      }
      await onVerify(codeForm.request(values).code);
    } catch (error) {
      setProblem(
        isApiError(error, 401)
          ? 'That code is not right. Codes change every 30 seconds; try the current one.'
          : signInProblem(error),
      );
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <AuthProblem problem={problem} />
        <TextInput
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          size="md"
          {...form.getInputProps('code')}
        />
        <Button type="submit" size="md" loading={busy} fullWidth>
          Verify
        </Button>
      </Stack>
    </form>
  );
}
