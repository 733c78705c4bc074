import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../app/api-client.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { AuthCard, AuthProblem } from '../auth/AuthCard.tsx';
import { signInForm, type SignInValues } from '../auth/sign-in-forms.ts';
import { CrisisResources } from '../way-in/CrisisResources.tsx';
import { signInToPortal } from './api.ts';
import { PORTAL_WORDS, type PortalKind } from './portal-kinds.ts';

function signInProblem(error: unknown): string {
  if (isApiError(error, 429)) return 'Too many attempts — wait a minute, then try again.';
  if (isApiError(error, 401)) return 'Email or password is wrong.';
  return errorMessage(error);
}

/** Only the portal's own pages may be returned to after signing in. */
function safeNext(next: string | null, path: string): string {
  return next && next.startsWith(path) && !next.startsWith(`${path}/sign-in`) ? next : path;
}

/** The participant's (or a family member's) sign-in, with the crisis resources as on every portal page. */
export function PortalSignInPage({ kind = 'participant' }: { kind?: PortalKind }) {
  const words = PORTAL_WORDS[kind];
  usePageTitle(words.signInPageTitle);
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<SignInValues>({ initialValues: { email: '', password: '' }, validate: signInForm.validate });
  const signedOut = params.get('reason') === 'signed-out';

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const { email, password } = signInForm.request(values);
      await signInToPortal(email, password);
      await client.invalidateQueries({ queryKey: [words.queryKey] });
      void navigate(safeNext(params.get('next'), words.path), { replace: true });
    } catch (error) {
      form.setFieldValue('password', '');
      setProblem(signInProblem(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <AuthCard title={words.signInTitle} subtitle={words.signInSubtitle}>
      {signedOut && !problem && (
        <Alert color="blue" variant="light" role="status">
          You are signed out.
        </Alert>
      )}
      <AuthProblem problem={problem} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Email" type="email" autoComplete="username" inputMode="email" required size="md" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            size="md"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what is typed' }}
            {...form.getInputProps('password')}
          />
          <Button type="submit" size="md" loading={submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <CrisisResources />
    </AuthCard>
  );
}
