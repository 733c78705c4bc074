import { useState } from 'react';
import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { STAFF_ROLE_LABELS, STAFF_ROLES, staffAccountUpdateSchema, staffInvitationSchema, type StaffAccount, type StaffRole } from '@trellis/core';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePrograms } from '../setup/api.ts';
import { useInviteStaff, useUpdateStaff } from './api.ts';

interface StaffValues {
  name: string;
  email: string;
  role: StaffRole;
  credentials: string;
  programIds: string[];
  supervisorId: string | null;
  preLicensed: boolean;
}

const FIELDS = ['name', 'email', 'role', 'credentials', 'programIds', 'supervisorId', 'preLicensed'];

/** What an account says about the person, whether invited or edited; an administrator works in every program. */
const accountRequestOf = (v: StaffValues) => ({
  name: v.name,
  role: v.role,
  credentials: v.credentials.trim() || null,
  programIds: v.role === 'admin' ? [] : v.programIds,
  supervisorId: v.supervisorId,
  preLicensed: v.role === 'admin' ? false : v.preLicensed,
});
const WHEN_EMPTY = { name: 'Enter the person’s name', email: 'Enter an email address' };
const invitationForm = coreRequestForm(staffInvitationSchema, (v: StaffValues) => ({ ...accountRequestOf(v), email: v.email.trim() }), {
  whenEmpty: WHEN_EMPTY,
});
const accountUpdateForm = coreRequestForm(staffAccountUpdateSchema, accountRequestOf, { whenEmpty: WHEN_EMPTY });

interface StaffModalProps {
  /** null to invite someone new. */
  account: StaffAccount | null;
  accounts: readonly StaffAccount[];
  onClose: () => void;
}

/** Invite a staff member, or change one's name, role, credentials, programs and supervisor. */
export function StaffModal({ account, accounts, onClose }: StaffModalProps) {
  const invite = useInviteStaff();
  const update = useUpdateStaff();
  const programs = usePrograms();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = account ? accountUpdateForm : invitationForm;
  const form = useForm<StaffValues>({
    initialValues: {
      name: account?.name ?? '',
      email: account?.email ?? '',
      role: account?.role ?? 'clinician',
      credentials: account?.credentials ?? '',
      programIds: account?.programIds ?? [],
      supervisorId: account?.supervisorId ?? null,
      preLicensed: account?.preLicensed ?? false,
    },
    validate: (values) => request.validate(values),
  });
  const isAdmin = form.values.role === 'admin';
  const supervisors = accounts.filter((a) => a.active && a.id !== account?.id).map((a) => ({ value: a.id, label: `${a.name} (${STAFF_ROLE_LABELS[a.role]})` }));

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      if (account) {
        const saved = await update.mutateAsync({ id: account.id, input: accountUpdateForm.request(v) });
        notifications.show({ color: 'teal', title: 'Saved', message: saved.name });
      } else {
        const invited = await invite.mutateAsync(invitationForm.request(v));
        notifications.show({ color: 'teal', title: 'Invitation sent to the outbox', message: `${invited.name} can set a password from the link.` });
      }
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, FIELDS));
    }
  });

  const error = account ? update.error : invite.error;
  return (
    <Modal opened onClose={onClose} title={account ? `Edit ${account.name}` : 'Invite a staff member'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} extra={extra} title={account ? 'Could not save' : 'Could not invite'} />
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            type="email"
            required={!account}
            disabled={!!account}
            description={account ? 'The sign-in address cannot be changed here.' : 'The invitation link is sent here (for now: to the outbox).'}
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
            {...form.getInputProps('role')}
          />
          <TextInput label="Credentials" placeholder="e.g. LCSW" {...form.getInputProps('credentials')} />
          {!isAdmin && (
            <MultiSelect
              label="Programs"
              description="The programs they work in. Part 2 programs' records are shown only to their own staff."
              data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.part2 ? `${p.name} (Part 2)` : p.name }))}
              searchable
              {...form.getInputProps('programIds')}
            />
          )}
          <Select label="Supervisor" clearable searchable data={supervisors} {...form.getInputProps('supervisorId')} />
          {!isAdmin && (
            <Checkbox
              label="Pre-licensed"
              description="An intern or associate: their signed notes show as pending until the supervisor co-signs them."
              {...form.getInputProps('preLicensed', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending || update.isPending}>
              {account ? 'Save' : 'Send invitation'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
