import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { newPasswordEntrySchema, PASSWORD_MIN_LENGTH } from '@trellis/core';
import { apiRequest, errorMessage, isApiError } from '../../app/api-client.ts';
import { applyCodeError } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AuthCard, AuthProblem } from '../auth/AuthCard.tsx';

interface NewPasswordValues {
  password: string;
  confirm: string;
}

/** The new password typed twice, held to core's password rules (the server also refuses the most common ones). */
const newPasswordForm = coreRequestForm(newPasswordEntrySchema, (v: NewPasswordValues) => ({ ...v }));

/** Accepting an invitation, or choosing a new password from a reset link: both set a password with the link's token. */
export function SetPasswordPage({ invitation }: { invitation: boolean }) {
  usePageTitle(invitation ? 'Accept invitation' : 'Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<NewPasswordValues>({
    initialValues: { password: '', confirm: '' },
    validate: newPasswordForm.validate,
  });

  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const { password } = newPasswordForm.request(v);
      await apiRequest('/api/auth/reset-password', {
        method: 'POST',
        body: { newPassword: password, token },
        ignoreUnauthenticated: true,
      });
      setDone(true);
    } catch (error) {
      if (applyCodeError(form, error, { PASSWORD_POLICY: 'password' })) return;
      setProblem(
        isApiError(error, 400) && /token/i.test(errorMessage(error))
          ? 'This link has expired or was already used. Ask your administrator for a new one.'
          : errorMessage(error),
      );
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <AuthCard title={invitation ? 'Welcome to Trellis' : 'Choose a new password'}>
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
        <AuthProblem problem="This page needs the link from your invitation or reset message." />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              Choose a password of at least {PASSWORD_MIN_LENGTH} characters that you do not use anywhere else. Very
              common passwords are refused.
            </Text>
            <AuthProblem problem={problem} />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label="New password again"
              autoComplete="new-password"
              required
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" loading={submitting} fullWidth>
              Set password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
