import { Divider, Select, SimpleGrid, TextInput } from '@mantine/core';
import { SEX_FOR_SCORING_LABELS, SEXES_FOR_SCORING } from '@trellis/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { todayIn } from '../../app/format.ts';
import type { ProfileValues } from './profile-form.ts';

/** The participant's profile fields, shared by "New participant" and "Edit profile". */
export function ProfileFields({ form }: { form: UseFormReturnType<ProfileValues> }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Legal given name" required autoComplete="off" {...form.getInputProps('givenName')} />
        <TextInput label="Legal family name" required autoComplete="off" {...form.getInputProps('familyName')} />
        <TextInput label="Preferred name" description="Used on rolls and lists when given" {...form.getInputProps('preferredName')} />
        <TextInput label="Pronouns" placeholder="e.g. she/her, they/them" {...form.getInputProps('pronouns')} />
        <DateInput
          label="Date of birth"
          required
          placeholder="Pick or type a date"
          maxDate={todayIn()}
          defaultLevel="decade"
          {...form.getInputProps('dateOfBirth')}
        />
        <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
        <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
        <Select
          label="Sex assigned at birth (for scoring only)"
          description="Some screening cut-offs differ by sex assigned at birth (AUDIT-C). Leave as not recorded if not known or not shared; the lower cut-off is then used."
          data={SEXES_FOR_SCORING.map((value) => ({ value, label: SEX_FOR_SCORING_LABELS[value] }))}
          allowDeselect={false}
          {...form.getInputProps('sexForScoring')}
        />
      </SimpleGrid>
      <Divider label="Emergency contact" labelPosition="left" my="xs" />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label="Contact name" {...form.getInputProps('emergencyName')} />
        <TextInput label="Relationship" placeholder="e.g. sister" {...form.getInputProps('emergencyRelationship')} />
        <TextInput label="Contact phone" type="tel" {...form.getInputProps('emergencyPhone')} />
      </SimpleGrid>
    </>
  );
}
