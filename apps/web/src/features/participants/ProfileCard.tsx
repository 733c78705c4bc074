import { useState } from 'react';
import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Participant } from '../../api/types.ts';
import { isStaleVersion, type FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { participantKeys, useUpdateParticipant } from './api.ts';
import { ProfileFields } from './ProfileFields.tsx';
import { PROFILE_ALIASES, PROFILE_FIELDS, profileInputOf, profileValidation, profileValuesOf, type ProfileValues } from './profile-form.ts';

/** A labelled value; `unbroken` marks values with no spaces to break at (an email address), which may wrap anywhere. */
function Field({ label, value, unbroken = false }: { label: string; value: string | null | undefined; unbroken?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: unbroken ? 'anywhere' : 'break-word' }}>
        {value?.trim() ? value : '—'}
      </Text>
    </div>
  );
}

function EditProfileModal({ participant, onClose }: { participant: Participant; onClose: () => void }) {
  const queryClient = useQueryClient();
  const update = useUpdateParticipant(participant.id);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<ProfileValues>({ initialValues: profileValuesOf(participant), validate: profileValidation });
  const stale = isStaleVersion(update.error);

  const submit = form.onSubmit(async (values) => {
    setExtra([]);
    try {
      await update.mutateAsync({ ...profileInputOf(values), version: participant.version });
      notifications.show({ color: 'teal', title: 'Profile saved', message: 'The changes are saved.' });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, PROFILE_FIELDS, PROFILE_ALIASES));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Edit profile" size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {stale ? (
            <ProblemAlert
              error={update.error}
              title="Changed by someone else"
              extra={[{ path: 'version', message: 'Someone else changed this profile after you opened it. Reload to see their changes, then make yours again.' }]}
            />
          ) : (
            <ProblemAlert error={update.error} extra={extra} title="Could not save the profile" />
          )}
          <ProfileFields form={form} />
          <Group justify="flex-end" mt="sm">
            {stale && (
              <Button
                variant="light"
                onClick={() => {
                  void queryClient.invalidateQueries({ queryKey: participantKeys.one(participant.id) });
                  onClose();
                }}
              >
                Reload the profile
              </Button>
            )}
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={stale}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Contact details and emergency contact, editable with optimistic concurrency (a stale edit is refused, not merged). */
export function ProfileCard({ participant, canEdit }: { participant: Participant; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const ec = participant.emergencyContact;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="profile-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="profile-heading">
          Profile
        </Title>
        {canEdit && (
          <Button variant="light" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
        <Field label="Legal name" value={`${participant.givenName} ${participant.familyName}`} />
        <Field label="Preferred name" value={participant.preferredName} />
        <Field label="Pronouns" value={participant.pronouns} />
        <Field label="Date of birth" value={formatDate(participant.dateOfBirth)} />
        <Field label="Phone" value={participant.phone} />
        <Field label="Email" value={participant.email} unbroken />
        <Field label="Emergency contact" value={ec ? `${ec.name} (${ec.relationship})` : null} />
        <Field label="Emergency phone" value={ec?.phone} />
      </SimpleGrid>
      {editing && <EditProfileModal participant={participant} onClose={() => setEditing(false)} />}
    </Card>
  );
}
