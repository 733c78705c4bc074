import { useState } from 'react';
import { Alert, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { newPasswordEntrySchema, PASSWORD_MIN_LENGTH } from '@trellis/core';
import { apiRequest, errorMessage } from '../../app/api-client.ts';
import { applyCodeError } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AuthCard, AuthProblem } from '../auth/AuthCard.tsx';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { askForNewInvitation, invitationState } from './api.ts';
import { PORTAL_WORDS, type PortalKind } from './portal-kinds.ts';

interface NewPasswordValues {
  password: string;
  confirm: string;
}

const newPasswordForm = coreRequestForm(newPasswordEntrySchema, (v: NewPasswordValues) => ({ ...v }));

/**
 * A participant's or family member's invitation (or reset) link: choose a password. An expired link says so and offers
 * to send a new one to the address the program has on file.
 */
export function PortalSetPasswordPage({ kind = 'participant' }: { kind?: PortalKind }) {
  const words = PORTAL_WORDS[kind];
  usePageTitle('Choose your password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const state = useQuery({ queryKey: ['portal', 'invitation', token], queryFn: () => invitationState(token), enabled: token !== '', staleTime: Infinity });
  return (
    <AuthCard title={words.welcomeTitle} subtitle={words.welcomeSubtitle}>
      {!token ? (
        <AuthProblem problem="This page needs the link from your invitation email." />
      ) : state.isPending ? (
        <Center role="status" aria-label="Checking your link">
          <Loader />
        </Center>
      ) : state.isError ? (
        <AuthProblem problem={errorMessage(state.error)} />
      ) : state.data.state === 'expired' ? (
        <ExpiredLink token={token} />
      ) : state.data.state === 'unknown' ? (
        <AuthProblem problem="This link is not valid or was already used. If you have already chosen a password, sign in; otherwise ask your program for a new invitation." />
      ) : (
        <PasswordForm token={token} />
      )}
      <Button component={Link} to={`${words.path}/sign-in`} variant="subtle" size="md">
        Go to sign-in
      </Button>
      <CrisisResources />
    </AuthCard>
  );
}

function ExpiredLink({ token }: { token: string }) {
  const renewal = useMutation({ mutationFn: () => askForNewInvitation(token) });
  if (renewal.isSuccess) {
    return (
      <Alert color="teal" variant="light" role="status" title="A new link is on its way">
        We sent a new invitation to the email address your program has for you. It is valid for 24 hours.
      </Alert>
    );
  }
  return (
    <Stack>
      <Alert color="yellow" variant="light" title="This invitation has expired">
        Invitation links work for 24 hours. You can ask for a new one: it goes to the email address your program has for you.
      </Alert>
      {renewal.isError && <AuthProblem problem={errorMessage(renewal.error)} />}
      <Button size="md" onClick={() => renewal.mutate()} loading={renewal.isPending} fullWidth>
        Send me a new link
      </Button>
    </Stack>
  );
}

function PasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<NewPasswordValues>({ initialValues: { password: '', confirm: '' }, validate: newPasswordForm.validate });

  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const { password } = newPasswordForm.request(v);
      await apiRequest('/api/auth/reset-password', { method: 'POST', body: { newPassword: password, token }, ignoreUnauthenticated: true });
      setDone(true);
    } catch (error) {
      if (!applyCodeError(form, error, { PASSWORD_POLICY: 'password' })) setProblem(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  });

  if (done) {
    return (
      <Alert color="teal" variant="light" role="status">
        Your password is set. Sign in with your email and the new password.
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Choose a password of at least {PASSWORD_MIN_LENGTH} characters that you do not use anywhere else.
        </Text>
        <AuthProblem problem={problem} />
        <PasswordInput label="New password" autoComplete="new-password" required size="md" {...form.getInputProps('password')} />
        <PasswordInput label="New password again" autoComplete="new-password" required size="md" {...form.getInputProps('confirm')} />
        <Button type="submit" size="md" loading={submitting} fullWidth>
          Set password
        </Button>
      </Stack>
    </form>
  );
}
