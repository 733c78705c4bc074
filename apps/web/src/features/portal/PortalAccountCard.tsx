import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { portalInvitationSchema, type PortalAccountState } from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useInviteToPortal, usePortalAccount } from './api.ts';

const STATE_LABELS: Record<PortalAccountState, { label: string; color: string }> = {
  none: { label: 'Not invited', color: 'gray' },
  invited: { label: 'Invited', color: 'blue' },
  active: { label: 'Uses the portal', color: 'teal' },
  inactive: { label: 'Turned off', color: 'gray' },
};

const invitationForm = coreRequestForm(portalInvitationSchema, (v: { email: string }) => ({ email: v.email.trim() }), {
  whenEmpty: { email: 'Enter the email address to send the invitation to' },
});

/** The staff side of the portal on a participant's page: whether they use it, and "Invite to portal". */
export function PortalAccountCard({ participantId, email, canInvite }: { participantId: string; email: string | null; canInvite: boolean }) {
  const account = usePortalAccount(participantId);
  const invite = useInviteToPortal(participantId);
  const [opened, setOpened] = useState(false);
  const form = useForm({ initialValues: { email: email ?? '' }, validate: invitationForm.validate });
  const state = account.data?.state ?? 'none';

  const submit = form.onSubmit((values) => {
    invite.mutate(invitationForm.request(values), {
      onSuccess: () => setOpened(false),
      onError: (error) => applyFieldErrors(form, error, ['email']),
    });
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="portal-account-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="portal-account-heading">
          Participant portal
        </Title>
        {account.isSuccess && <Badge color={STATE_LABELS[state].color}>{STATE_LABELS[state].label}</Badge>}
      </Group>
      {account.isError && <ProblemAlert error={account.error} title="Could not check the portal account" />}
      {account.isSuccess && (
        <Stack gap="xs">
          <Text size="sm">
            {state === 'none' && 'The participant can see their schedule, hours and calendar on their phone once invited.'}
            {state === 'invited' && `Invitation sent to ${account.data.email ?? ''}${account.data.invitedAt ? ` on ${formatDateTime(account.data.invitedAt)}` : ''}. The link works for 24 hours.`}
            {state === 'active' && `Signs in as ${account.data.email ?? ''}.`}
            {state === 'inactive' && 'The portal account is turned off.'}
          </Text>
          {canInvite && (state === 'none' || state === 'invited') && (
            <Button variant="light" onClick={() => setOpened(true)} style={{ alignSelf: 'flex-start' }}>
              {state === 'none' ? 'Invite to portal' : 'Send the invitation again'}
            </Button>
          )}
        </Stack>
      )}
      <Modal opened={opened} onClose={() => setOpened(false)} title="Invite to the participant portal" centered>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              A link to choose a password goes to this address (it shows in the outbox). The email names no program or
              treatment.
            </Text>
            <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
            {invite.isError && <ProblemAlert error={invite.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Go back
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
