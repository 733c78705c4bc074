import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CONSENT_CATEGORIES,
  CONSENT_CATEGORY_LABELS,
  familyConsentInputSchema,
  type FamilyMember,
} from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useGuardianRecordConsent, useRecordConsent } from './api.ts';

export interface ConsentProgram {
  id: string;
  name: string;
  part2: boolean;
}

interface ConsentValues {
  programId: string;
  categories: string[];
  purpose: string;
  revocationAcknowledged: boolean;
  endsOn: string;
  signedBy: string;
  signedOn: string;
}

const CONSENT_FIELDS = [
  'programId',
  'categories',
  'purpose',
  'revocationAcknowledged',
  'endsOn',
  'signedBy',
  'signedOn',
];

const consentForm = coreRequestForm(
  familyConsentInputSchema,
  (v: ConsentValues) => ({ ...v, programId: v.programId || undefined }),
  {
    whenEmpty: {
      programId: 'Choose the program whose records it covers',
      endsOn: 'Enter the date the consent ends',
      signedOn: 'Enter the date it was signed',
    },
  },
);

/**
 * Records a written consent for a family member: what they may see (nothing clinical unless ticked), until when, and
 * — for a Part 2 program — every written element the regulation asks for (the server names the first one missing).
 * A new consent replaces the one in force.
 */
export function ConsentModal({
  participantId,
  participantName,
  member,
  programs,
  today,
  onClose,
  guardian = false,
}: {
  participantId: string;
  participantName: string;
  member: FamilyMember;
  programs: ConsentProgram[];
  today: string;
  onClose: () => void;
  /** Recorded by the participant's guardian in the family portal, rather than by staff on the participant's page. */
  guardian?: boolean;
}) {
  const byStaff = useRecordConsent(participantId);
  const byGuardian = useGuardianRecordConsent();
  const record = guardian ? byGuardian : byStaff;
  const current = member.consent;
  const form = useForm<ConsentValues>({
    initialValues: {
      programId: current?.programId ?? (programs.length === 1 ? programs[0]!.id : ''),
      categories: current?.categories ?? [],
      purpose: current?.purpose ?? '',
      revocationAcknowledged: false,
      endsOn: current?.endsOn ?? '',
      signedBy: '',
      signedOn: today,
    },
    validate: consentForm.validate,
  });
  const part2 = programs.find((p) => p.id === form.values.programId)?.part2 ?? false;
  const submit = form.onSubmit((values) => {
    record.mutate(
      { memberId: member.id, input: consentForm.request(values) },
      { onSuccess: onClose, onError: (error) => applyFieldErrors(form, error, CONSENT_FIELDS) },
    );
  });
  return (
    <Modal opened onClose={onClose} title={`Consent for ${member.name}`} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {participantName} lets {member.name} see the records ticked below, until the end date. It can be revoked at
            any time.
          </Text>
          <Select
            label="Program whose records it covers"
            required
            data={programs.map((p) => ({ value: p.id, label: p.name }))}
            {...form.getInputProps('programId')}
          />
          {part2 && (
            <Alert color="yellow" variant="light" title="42 CFR Part 2 program">
              A written consent must state the purpose, say that it may be revoked at any time, and be signed and dated.
              Every time {member.name} sees these records it is entered in {participantName}’s accounting of
              disclosures.
            </Alert>
          )}
          <Checkbox.Group label="What they may see" {...form.getInputProps('categories')}>
            <Stack gap={6} mt={6}>
              {CONSENT_CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={CONSENT_CATEGORY_LABELS[c]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label="Purpose of the disclosure"
            required={part2}
            autosize
            minRows={2}
            {...form.getInputProps('purpose')}
          />
          <Checkbox
            label={`${participantName} was told in writing that this consent may be revoked at any time`}
            {...form.getInputProps('revocationAcknowledged', { type: 'checkbox' })}
          />
          <Group grow>
            <TextInput type="date" label="Ends on" required {...form.getInputProps('endsOn')} />
            <TextInput type="date" label="Signed on" required {...form.getInputProps('signedOn')} />
          </Group>
          <TextInput label="Signed by (participant or guardian)" required={part2} {...form.getInputProps('signedBy')} />
          {record.isError && <ProblemAlert error={record.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
