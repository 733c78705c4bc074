import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context.tsx';
import { isApiError, errorMessage } from '../../app/api-client.ts';
import { homePathFor } from '../../app/navigation.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { Logo } from '../../ui/Logo.tsx';

const NOTICES: Record<string, string> = {
  idle: 'You were signed out because nothing happened for a while. Sign in to carry on where you were.',
  expired: 'Your session ended. Sign in again to continue.',
  'signed-out': 'You are signed out.',
};

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
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : 'Enter the email address you sign in with'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const next = safeNext(params.get('next'));
  const notice = NOTICES[params.get('reason') ?? ''];

  if (me && !submitting) return <Navigate to={next ?? homePathFor(me)} replace />;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const signedIn = await signIn(values.email.trim(), values.password);
      if (signedIn === 'two-factor') setNeedsCode(true);
      else void navigate(next ?? homePathFor(signedIn), { replace: true });
    } catch (error) {
      setProblem(signInProblem(error));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420} component="main">
        <Stack gap="lg">
          <Logo size={32} />
          <div>
            <Title order={1} fz={26}>
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              Staff sign-in for your program.
            </Text>
          </div>
          {notice && !problem && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} aria-hidden />} role="status">
              {notice}
            </Alert>
          )}
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} role="alert">
              {problem}
            </Alert>
          )}
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
        </Stack>
      </Paper>
    </Center>
  );
}

/** The second step of a two-factor sign-in: the 6-digit code from the authenticator app. */
function TwoFactorStep({ onVerify }: { onVerify: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      await onVerify(code.trim());
    } catch (error) {
      setProblem(isApiError(error, 401) ? 'That code is not right. Codes change every 30 seconds; try the current one.' : signInProblem(error));
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} role="alert">
            {problem}
          </Alert>
        )}
        <TextInput
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          size="md"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <Button type="submit" size="md" loading={busy} disabled={code.trim().length < 6} fullWidth>
          Verify
        </Button>
      </Stack>
    </form>
  );
}
