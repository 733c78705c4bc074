import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  FAMILY_RELATIONSHIP_LABELS,
  FAMILY_RELATIONSHIPS,
  familyMemberInputSchema,
  type FamilyMember,
} from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSaveFamilyMember } from './api.ts';

interface MemberValues {
  name: string;
  relationship: string;
  email: string;
  isGuardian: boolean;
}

const memberForm = coreRequestForm(
  familyMemberInputSchema,
  (v: MemberValues) => ({ ...v, relationship: v.relationship || undefined }),
  {
    whenEmpty: { name: 'Enter the family member’s name', relationship: 'Choose how they are related' },
  },
);

const RELATIONSHIP_OPTIONS = FAMILY_RELATIONSHIPS.map((r) => ({ value: r, label: FAMILY_RELATIONSHIP_LABELS[r] }));

/** Adds a family member, or edits one (`member`). */
export function FamilyMemberModal({
  participantId,
  member,
  onClose,
}: {
  participantId: string;
  member: FamilyMember | null;
  onClose: () => void;
}) {
  const save = useSaveFamilyMember(participantId);
  const form = useForm<MemberValues>({
    initialValues: {
      name: member?.name ?? '',
      relationship: member?.relationship ?? '',
      email: member?.email ?? '',
      isGuardian: member?.isGuardian ?? false,
    },
    validate: memberForm.validate,
  });
  const submit = form.onSubmit((values) => {
    save.mutate(
      member
        ? { memberId: member.id, input: { ...memberForm.request(values), version: member.version } }
        : { memberId: null, input: memberForm.request(values) },
      {
        onSuccess: onClose,
        onError: (error) => applyFieldErrors(form, error, ['name', 'relationship', 'email', 'isGuardian']),
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={member ? `Edit ${member.name}` : 'Add a family member'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Select label="Relationship" required data={RELATIONSHIP_OPTIONS} {...form.getInputProps('relationship')} />
          <TextInput
            label="Email"
            type="email"
            description={
              member?.account !== 'none' && member
                ? 'They sign in with this address'
                : 'Needed to invite them to the family portal'
            }
            disabled={!!member && member.account !== 'none'}
            {...form.getInputProps('email')}
          />
          <Checkbox
            label="Legal guardian (for an adolescent participant)"
            {...form.getInputProps('isGuardian', { type: 'checkbox' })}
          />
          {save.isError && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
