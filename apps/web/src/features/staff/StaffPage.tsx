import { useState } from 'react';
import { Anchor, Badge, Button, Group, Menu, Paper, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconMail, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { STAFF_ROLE_LABELS, type StaffAccount } from '@trellis/core';
import { useAuth } from '../../app/auth-context.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useResetPassword, useSaveSecurity, useSecurity, useSetActive, useStaffAccounts } from './api.ts';
import { StaffModal } from './StaffModal.tsx';

type Pending = { kind: 'deactivate' | 'reset'; account: StaffAccount } | null;

/** The administrator's staff list: invite, edit, deactivate or reactivate, reset passwords, require two-factor. */
export function StaffPage() {
  const { me } = useAuth();
  const accounts = useStaffAccounts();
  const setActive = useSetActive();
  const reset = useResetPassword();
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const confirm = async () => {
    if (!pending) return;
    if (pending.kind === 'deactivate') {
      await setActive.mutateAsync({ id: pending.account.id, active: false });
      notifications.show({ color: 'teal', title: 'Account deactivated', message: `${pending.account.name} is signed out and can no longer sign in.` });
    } else {
      await reset.mutateAsync(pending.account.id);
      notifications.show({ color: 'teal', title: 'Password reset', message: 'The reset link is in the outbox.' });
    }
    setPending(null);
  };

  return (
    <>
      <PageHeader
        title="Staff"
        description="Who can sign in, in which role and programs."
        actions={
          <Group gap="xs">
            <Button component={Link} to="/staff/outbox" variant="default" leftSection={<IconMail size={16} aria-hidden />}>
              Outbox
            </Button>
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              Invite
            </Button>
          </Group>
        }
      />
      <TwoFactorRequirement />
      {accounts.isPending && <TableSkeleton rows={6} label="Loading staff" />}
      {accounts.isError && <ProblemAlert error={accounts.error} title="Staff could not be loaded" onRetry={() => void accounts.refetch()} />}
      {accounts.isSuccess && accounts.data.length === 0 && (
        <EmptyState title="No staff accounts yet" action={<Button onClick={() => setEditing('new')}>Invite the first</Button>}>
          Invite the people who will use Trellis; each gets a link to choose a password.
        </EmptyState>
      )}
      {accounts.isSuccess && accounts.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Staff">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Programs</Table.Th>
                  <Table.Th>Supervisor</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={60}>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{STAFF_ROLE_LABELS[a.role]}</Table.Td>
                    <Table.Td>{a.role === 'admin' ? '—' : a.programIds.length}</Table.Td>
                    <Table.Td>{a.supervisorName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {!a.active ? <Badge color="gray">Deactivated</Badge> : a.invitationPending ? <Badge color="yellow">Invited</Badge> : <Badge color="teal">Active</Badge>}
                        {a.twoFactorEnabled && <Badge variant="light">2FA</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withArrow>
                        <Menu.Target>
                          <Button variant="subtle" size="xs" aria-label={`Actions for ${a.name}`}>
                            <IconDots size={16} aria-hidden />
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(a)}>Edit</Menu.Item>
                          {a.active && <Menu.Item onClick={() => setPending({ kind: 'reset', account: a })}>Reset password</Menu.Item>}
                          {a.active && a.id !== me?.id && (
                            <Menu.Item color="red" onClick={() => setPending({ kind: 'deactivate', account: a })}>
                              Deactivate
                            </Menu.Item>
                          )}
                          {!a.active && <Menu.Item onClick={() => void setActive.mutateAsync({ id: a.id, active: true })}>Reactivate</Menu.Item>}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && <StaffModal account={editing === 'new' ? null : editing} accounts={accounts.data ?? []} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'deactivate' ? `Deactivate ${pending.account.name}?` : `Reset ${pending?.account.name ?? ''}’s password?`}
        confirmLabel={pending?.kind === 'deactivate' ? 'Deactivate' : 'Reset password'}
        destructive
        loading={setActive.isPending || reset.isPending}
        error={setActive.error ?? reset.error}
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      >
        {pending?.kind === 'deactivate'
          ? 'They are signed out everywhere at once and cannot sign in again until reactivated. Their records and audit trail stay.'
          : 'Their current password stops working and they are signed out everywhere. A link to choose a new one goes to the outbox.'}
      </ConfirmModal>
    </>
  );
}

function TwoFactorRequirement() {
  const security = useSecurity();
  const save = useSaveSecurity();
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <Switch
        label="Require two-factor sign-in"
        description={
          <>
            Everyone must add an authenticator app before using Trellis. Each person sets it up on their{' '}
            <Anchor component={Link} to="/account" size="xs" underline="always">
              account page
            </Anchor>
            .
          </>
        }
        checked={security.data?.requireTwoFactor ?? false}
        disabled={!security.isSuccess || save.isPending}
        onChange={(e) => void save.mutateAsync({ requireTwoFactor: e.currentTarget.checked })}
      />
      <ProblemAlert error={save.error} />
    </Paper>
  );
}
