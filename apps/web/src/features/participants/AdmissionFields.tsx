import { NumberInput, Select, SimpleGrid, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { LEVEL_OF_CARE_LABELS } from '@trellis/core';
import { usePrograms, useStaff, useTracks } from '../setup/api.ts';
import type { AdmissionValues } from './admission-form.ts';
import { Part2Badge } from './Part2Badge.tsx';
import { formatHours } from '../../app/format.ts';

/** Program, track, admission date, primary clinician and expected length of an admission. */
export function AdmissionFields({ form }: { form: UseFormReturnType<AdmissionValues> }) {
  const { programId } = form.getValues();
  const programs = usePrograms();
  const tracks = useTracks(programId, { enabled: !!programId });
  const staff = useStaff();
  const activePrograms = (programs.data ?? []).filter((p) => p.active);
  const program = activePrograms.find((p) => p.id === programId);
  // Clinicians see only the programs they work in, so offer those assigned to this program, and directors.
  const clinicians = (staff.data ?? []).filter(
    (s) => s.role === 'director' || (s.role === 'clinician' && (!programId || s.programIds.includes(programId))),
  );

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Program"
        required
        placeholder={programs.isPending ? 'Loading…' : 'Choose a program'}
        data={activePrograms.map((p) => ({ value: p.id, label: p.name }))}
        searchable
        nothingFoundMessage="No program by that name"
        // The program's level and hours go under the field, so the Program and Track inputs stay level.
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        {...form.getInputProps('programId')}
        onChange={(value: string | null) => {
          form.setFieldValue('programId', value);
          form.setFieldValue('trackId', null);
          form.setFieldValue('primaryClinicianId', null);
        }}
        description={
          program ? (
            <Text span size="xs">
              {LEVEL_OF_CARE_LABELS[program.levelOfCare]} · at least {formatHours(program.minWeeklyHours)} a week {program.part2 && <Part2Badge size="xs" />}
            </Text>
          ) : undefined
        }
      />
      <Select
        label="Track"
        required
        placeholder={programId ? (tracks.isPending ? 'Loading…' : 'Choose a track') : 'Choose a program first'}
        disabled={!programId}
        data={(tracks.data ?? []).filter((t) => t.active).map((t) => ({ value: t.id, label: `${t.name} — ${t.summary}` }))}
        nothingFoundMessage="This program has no tracks yet"
        {...form.getInputProps('trackId')}
      />
      <DateInput label="Admission date" required {...form.getInputProps('admittedOn')} />
      <Select
        label="Primary clinician"
        required
        placeholder={staff.isPending ? 'Loading…' : 'Choose a clinician'}
        data={clinicians.map((c) => ({ value: c.id, label: c.credentials ? `${c.name}, ${c.credentials}` : c.name }))}
        searchable
        nothingFoundMessage="No clinician is assigned to this program"
        {...form.getInputProps('primaryClinicianId')}
      />
      <NumberInput
        label="Expected length (weeks)"
        description="Typical IOP stays are 4–12 weeks"
        min={1}
        max={104}
        allowDecimal={false}
        {...form.getInputProps('expectedWeeks')}
      />
    </SimpleGrid>
  );
}
