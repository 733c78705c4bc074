import { useState } from 'react';
import { Autocomplete, Badge, Button, Checkbox, Group, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { DIAGNOSIS_STATUS_LABELS, DIAGNOSIS_STATUSES, diagnosisCreateSchema, type DiagnosisStatus } from '@trellis/core';
import { useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDate } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAddDiagnosis, useCodeSearch, useDiagnoses } from './api.ts';

interface DiagnosisValues {
  code: string;
  description: string;
  isPrimary: boolean;
  status: DiagnosisStatus;
  onsetOn: string | null;
}

const optionLabel = (c: { code: string; description: string }) => `${c.code} ${c.description}`;

const EMPTY: DiagnosisValues = { code: '', description: '', isPrimary: false, status: 'active', onsetOn: null };

/** A code picked from the common list, or typed; the description fills itself for a listed code. */
function DiagnosisForm({ episodeId }: { episodeId: string }) {
  const add = useAddDiagnosis(episodeId);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<DiagnosisValues>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: coreSchemaResolver<DiagnosisValues>(diagnosisCreateSchema, { whenEmpty: { code: 'Enter an ICD-10-CM code' } }),
  });
  const values = form.getValues();
  const [typed] = useDebouncedValue(values.code, 200);
  const search = useCodeSearch(typed);
  const found = search.data?.codes ?? [];
  const listed = found.find((c) => c.code === values.code.trim().toUpperCase());

  const save = async (v: DiagnosisValues) => {
    setExtra([]);
    try {
      const saved = await add.mutateAsync({ ...v, description: v.description.trim() || null });
      notifications.show({ color: 'teal', title: 'Diagnosis added', message: `${saved.code} ${saved.description}` });
      form.reset();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, Object.keys(v)));
    }
  };

  return (
    <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={add.error} extra={extra} title="Could not add the diagnosis" />
        <Group grow align="flex-start">
          <Autocomplete
            label="ICD-10-CM code"
            description="Type a code or words of a description"
            required
            data={found.map(optionLabel)}
            filter={({ options }) => options}
            value={values.code}
            error={form.errors.code}
            // Picking "F10.21 Alcohol dependence…" keeps the code; the description comes from the list.
            onChange={(v) => form.setFieldValue('code', found.find((c) => optionLabel(c) === v)?.code ?? v)}
          />
          <TextInput
            label="Description"
            description={listed ? `From the list: ${listed.description}` : 'Required for a code outside the common list'}
            {...form.getInputProps('description')}
          />
        </Group>
        <Group grow align="flex-start">
          <NativeSelect
            label="Status"
            data={DIAGNOSIS_STATUSES.map((s) => ({ value: s, label: DIAGNOSIS_STATUS_LABELS[s] }))}
            {...form.getInputProps('status')}
          />
          <DateInput label="Onset" clearable {...form.getInputProps('onsetOn')} />
        </Group>
        <Checkbox label="Primary diagnosis (takes the flag from the current primary)" {...form.getInputProps('isPrimary', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            Add diagnosis
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An episode's diagnoses, the primary first, and a form for those who may add one. */
export function DiagnosesPage() {
  const { episodeId = '' } = useParams();
  const me = useMe();
  const list = useDiagnoses(episodeId);
  return (
    <Stack gap="lg">
      <Title order={2}>Diagnoses</Title>
      {list.isPending ? (
        <Loader />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Could not load the diagnoses" />
      ) : list.data.diagnoses.length === 0 ? (
        <Text c="dimmed">No diagnosis recorded for this episode yet.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Code</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Onset</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.diagnoses.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.code} {d.isPrimary && <Badge variant="light">Primary</Badge>}
                </Table.Td>
                <Table.Td>{d.description}</Table.Td>
                <Table.Td>{DIAGNOSIS_STATUS_LABELS[d.status]}</Table.Td>
                <Table.Td>{d.onsetOn ? formatDate(d.onsetOn) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {can(me, 'diagnosis.write') && (
        <section aria-label="Add a diagnosis">
          <Title order={3} mb="sm">
            Add a diagnosis
          </Title>
          <DiagnosisForm episodeId={episodeId} />
        </section>
      )}
    </Stack>
  );
}
