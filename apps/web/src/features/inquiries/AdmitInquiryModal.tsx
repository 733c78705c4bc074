import { useState } from 'react';
import { Button, Divider, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { admittedInquirySchema, type Inquiry } from '@trellis/core';
import { checkedApi, type FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { AdmissionFields } from '../participants/AdmissionFields.tsx';
import { ADMISSION_FIELDS, admissionInputOf, admissionValidation, emptyAdmission, type AdmissionValues } from '../participants/admission-form.ts';
import { ProfileFields } from '../participants/ProfileFields.tsx';
import { EMPTY_PROFILE, PROFILE_ALIASES, PROFILE_FIELDS, profileInputOf, profileValidation, type ProfileValues } from '../participants/profile-form.ts';

/** The person's details as the inquiry has them, so nobody retypes them: the last word of the name as the family name. */
export function profileFromInquiry(i: Pick<Inquiry, 'name' | 'phone' | 'email'>): ProfileValues {
  const words = i.name.trim().split(/\s+/);
  const familyName = words.length > 1 ? words.pop()! : '';
  return { ...EMPTY_PROFILE, givenName: words.join(' '), familyName, phone: i.phone ?? '', email: i.email ?? '' };
}

/** Server paths under one part of the body ('participant.givenName') as the form's own field names. */
function aliasesUnder(part: string, fields: readonly string[], more: Record<string, string> = {}): Record<string, string> {
  const pairs: [string, string][] = [...fields.map((f): [string, string] => [`${part}.${f}`, f]), ...Object.entries(more).map(([k, v]): [string, string] => [`${part}.${k}`, v])];
  return Object.fromEntries(pairs);
}
const PARTICIPANT_ALIASES = aliasesUnder('participant', PROFILE_FIELDS, PROFILE_ALIASES);
const ADMISSION_ALIASES = aliasesUnder('admission', ADMISSION_FIELDS);

/** "Admit" from the board: register the person (prefilled from the inquiry) and admit them, in one step. */
export function AdmitInquiryModal({ inquiry: i, onClose }: { inquiry: Inquiry; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const profile = useForm<ProfileValues>({ initialValues: profileFromInquiry(i), validate: profileValidation });
  const admission = useForm<AdmissionValues>({ initialValues: { ...emptyAdmission(), programId: i.programId }, validate: admissionValidation });
  const admit = useMutation({
    mutationFn: () =>
      checkedApi.post(admittedInquirySchema, `/api/v1/inquiries/${i.id}/admit`, {
        version: i.version,
        participant: profileInputOf(profile.getValues()),
        admission: admissionInputOf(admission.getValues()),
      }),
  });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const invalid = [profile.validate().hasErrors, admission.validate().hasErrors].some(Boolean);
    if (invalid) return;
    setExtra([]);
    try {
      await admit.mutateAsync();
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
      notifications.show({ color: 'teal', title: 'Admitted', message: `${i.name} is now a participant on the census.` });
      onClose();
    } catch (error) {
      const notOnProfile = applyFieldErrors(profile, error, PROFILE_FIELDS, PARTICIPANT_ALIASES);
      const notOnAdmission = applyFieldErrors(admission, error, ADMISSION_FIELDS, ADMISSION_ALIASES);
      setExtra(notOnProfile.filter((p) => notOnAdmission.includes(p)));
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Admit ${i.name}`} size="xl">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={admit.error} extra={extra} title="Could not admit" />
          <ProfileFields form={profile} />
          <Divider label="Admission" labelPosition="left" my="xs" />
          <AdmissionFields form={admission} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={admit.isPending}>
              Register and admit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
