import { useState } from 'react';
import { Alert, Button, Code, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconShieldLock } from '@tabler/icons-react';
import {
  authSessionAnswerSchema,
  passwordChangeSchema,
  passwordCheckSchema,
  STAFF_ROLE_LABELS,
  totpCodeSchema,
  twoFactorSetupSchema,
  type PasswordChange,
} from '@trellis/core';
import { apiRequest, checkedApi, errorMessage } from '../../app/api-client.ts';
import { ME_QUERY_KEY, useAuth } from '../../app/auth-context.tsx';
import { applyCodeError } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';

const SESSION_KEY = ['auth-session'] as const;

function useTwoFactorEnabled() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => {
      const session = await checkedApi.get(authSessionAnswerSchema, '/api/auth/get-session', undefined, signal);
      return session?.user.twoFactorEnabled === true;
    },
  });
}

/** Core's rules for a password change: the current password, and a new one that passes the password rules, twice. */
const passwordChangeForm = coreRequestForm(passwordChangeSchema, (v: PasswordChange) => ({ ...v }), {
  whenEmpty: { current: 'Enter your current password' },
});

const passwordCheckForm = coreRequestForm(passwordCheckSchema, (v: { password: string }) => ({ ...v }), {
  whenEmpty: { password: 'Enter your password' },
});

const codeForm = coreRequestForm(totpCodeSchema, (v: { code: string }) => ({ ...v }), {
  whenEmpty: { code: 'Enter the code the app shows' },
});

/** The signed-in person's own account: who they are (kept by the administrator), their password and two-factor. */
export function AccountPage() {
  const { me } = useAuth();
  if (!me) return null;
  return (
    <>
      <PageHeader title="Your account" description="Your name, email and role are kept by your administrator." />
      <Stack gap="md" maw={720}>
        {me.twoFactorPending && (
          <Alert color="yellow" variant="light" icon={<IconShieldLock size={20} aria-hidden />} role="alert" title="Two-factor sign-in required">
            Your organisation requires two-factor sign-in. Set it up below to continue using Trellis.
          </Alert>
        )}
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Name" value={me.name} readOnly />
            <TextInput label="Email" value={me.email} readOnly />
            <TextInput label="Role" value={STAFF_ROLE_LABELS[me.role]} readOnly />
          </SimpleGrid>
        </Paper>
        <ChangePassword />
        <TwoFactorSection />
      </Stack>
    </>
  );
}

function ChangePassword() {
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<PasswordChange>({ initialValues: { current: '', password: '', confirm: '' }, validate: passwordChangeForm.validate });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    setSaving(true);
    try {
      const change = passwordChangeForm.request(v);
      await apiRequest('/api/auth/change-password', { method: 'POST', body: { currentPassword: change.current, newPassword: change.password } });
      form.reset();
      notifications.show({ color: 'teal', title: 'Password changed', message: 'You are signed out on every other device.' });
    } catch (error) {
      if (!applyCodeError(form, error, { INVALID_PASSWORD: 'current', PASSWORD_POLICY: 'password' })) setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="password-heading">
      <Title order={2} fz="lg" id="password-heading" mb="sm">
        Password
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {problem && <Alert color="red" role="alert">{problem}</Alert>}
          <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('current')} />
          <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps('password')} />
          <PasswordInput label="New password again" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group>
            <Button type="submit" loading={saving}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TwoFactorSection() {
  const queryClient = useQueryClient();
  const enabled = useTwoFactorEnabled();
  const [setup, setSetup] = useState<{ secret: string; uri: string; backupCodes: string[] } | null>(null);
  const passwordEntry = useForm<{ password: string }>({ initialValues: { password: '' }, validate: passwordCheckForm.validate });
  const codeEntry = useForm<{ code: string }>({ initialValues: { code: '' }, validate: codeForm.validate });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      if (!applyCodeError(passwordEntry, error, { INVALID_PASSWORD: 'password' })) setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  };

  const start = passwordEntry.onSubmit((values) =>
    run(async () => {
      const res = await checkedApi.post(twoFactorSetupSchema, '/api/auth/two-factor/enable', passwordCheckForm.request(values));
      setSetup({ uri: res.totpURI, secret: new URL(res.totpURI).searchParams.get('secret') ?? '', backupCodes: res.backupCodes });
      passwordEntry.reset();
    }),
  );
  const confirm = codeEntry.onSubmit((values) =>
    run(async () => {
      await apiRequest('/api/auth/two-factor/verify-totp', { method: 'POST', body: codeForm.request(values) });
      setSetup(null);
      codeEntry.reset();
      await refresh();
      notifications.show({ color: 'teal', title: 'Two-factor sign-in is on', message: 'Trellis will ask for a code when you sign in.' });
    }),
  );
  const turnOff = passwordEntry.onSubmit((values) =>
    run(async () => {
      await apiRequest('/api/auth/two-factor/disable', { method: 'POST', body: passwordCheckForm.request(values) });
      passwordEntry.reset();
      await refresh();
    }),
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="two-factor-heading">
      <Title order={2} fz="lg" id="two-factor-heading" mb="xs">
        Two-factor sign-in
      </Title>
      <Stack gap="sm">
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        {enabled.data ? (
          <>
            <Text size="sm">On. Trellis asks for a code from your authenticator app when you sign in.</Text>
            <form onSubmit={turnOff} noValidate>
              <Group align="flex-end">
                <PasswordInput label="Password to turn it off" autoComplete="current-password" {...passwordEntry.getInputProps('password')} />
                <Button type="submit" variant="default" color="red" loading={busy}>
                  Turn off
                </Button>
              </Group>
            </form>
          </>
        ) : setup ? (
          <>
            <Text size="sm">Add this key to your authenticator app (time-based, 6 digits), then enter the code it shows.</Text>
            <Code block>{setup.secret}</Code>
            <Text size="xs" c="dimmed">
              Keep these one-time backup codes somewhere safe: {setup.backupCodes.join(' ')}
            </Text>
            <form onSubmit={confirm} noValidate>
              <Group align="flex-end">
                <TextInput label="Code from the app" inputMode="numeric" autoComplete="one-time-code" {...codeEntry.getInputProps('code')} />
                <Button type="submit" loading={busy}>
                  Turn on
                </Button>
              </Group>
            </form>
          </>
        ) : (
          <>
            <Text size="sm">Off. With it on, signing in also needs a code from an authenticator app on your phone.</Text>
            <form onSubmit={start} noValidate>
              <Group align="flex-end">
                <PasswordInput label="Your password" autoComplete="current-password" {...passwordEntry.getInputProps('password')} />
                <Button type="submit" loading={busy}>
                  Set up
                </Button>
              </Group>
            </form>
          </>
        )}
      </Stack>
    </Paper>
  );
}
