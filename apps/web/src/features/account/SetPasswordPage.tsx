import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@trellis/core';
import { apiRequest, errorMessage, isApiError } from '../../app/api-client.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { Logo } from '../../ui/Logo.tsx';

/** The password fields' rules as the server applies them (it also refuses the most common passwords). */
export function passwordFieldProblem(value: string): string | null {
  if ([...value].length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters — a few words together work well`;
  if ([...value].length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

/** Accepting an invitation, or choosing a new password from a reset link: both set a password with the link's token. */
export function SetPasswordPage({ invitation }: { invitation: boolean }) {
  usePageTitle(invitation ? 'Accept invitation' : 'Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: passwordFieldProblem,
      confirm: (v, values) => (v === values.password ? null : 'The two passwords differ'),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    setSubmitting(true);
    try {
      await apiRequest('/api/auth/reset-password', { method: 'POST', body: { newPassword: v.password, token }, ignoreUnauthenticated: true });
      setDone(true);
    } catch (error) {
      setProblem(isApiError(error, 400) && /token/i.test(errorMessage(error)) ? 'This link has expired or was already used. Ask your administrator for a new one.' : errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={440} component="main">
        <Stack gap="lg">
          <Logo size={32} />
          <Title order={1} fz={24}>
            {invitation ? 'Welcome to Trellis' : 'Choose a new password'}
          </Title>
          {done ? (
            <>
              <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} aria-hidden />} role="status">
                Your password is set. Sign in with your email and the new password.
              </Alert>
              <Button component={Link} to="/sign-in" fullWidth>
                Sign in
              </Button>
            </>
          ) : !token ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} role="alert">
              This page needs the link from your invitation or reset message.
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm" c="dimmed">
                  Choose a password of at least {PASSWORD_MIN_LENGTH} characters that you do not use anywhere else. Very common passwords are refused.
                </Text>
                {problem && (
                  <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} role="alert">
                    {problem}
                  </Alert>
                )}
                <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('password')} />
                <PasswordInput label="New password again" autoComplete="new-password" required {...form.getInputProps('confirm')} />
                <Button type="submit" loading={submitting} fullWidth>
                  Set password
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
