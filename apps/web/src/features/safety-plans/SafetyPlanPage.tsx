import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { SAFETY_PLAN_SECTIONS } from '@trellis/core';
import { ApiError } from '../../app/api-client.ts';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useParticipant } from '../participants/api.ts';
import { useSafetyPlan, useSafetyPlanVersion, useSaveSafetyPlan } from './api.ts';
import { draftOf, formFieldOf, safetyPlanForm, type SafetyPlanDraft } from './safety-plan-form.ts';
import { SafetyPlanPrint } from './SafetyPlanPrint.tsx';

const heading = (key: (typeof SAFETY_PLAN_SECTIONS)[number]['key']) => SAFETY_PLAN_SECTIONS.find((s) => s.key === key)!.heading;

function Contacts({ form, field, label }: { form: UseFormReturnType<SafetyPlanDraft>; field: 'distractionsPeople' | 'helpers' | 'professionals'; label: string }) {
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {label}
      </Text>
      {form.values[field].map((_, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput label="Name" style={{ flex: 2 }} {...form.getInputProps(`${field}.${i}.name`)} />
          <TextInput label="Phone" style={{ flex: 1 }} {...form.getInputProps(`${field}.${i}.phone`)} />
          <ActionIcon mt={26} variant="subtle" color="red" aria-label={`Remove ${label.toLowerCase()} row ${i + 1}`} onClick={() => form.removeListItem(field, i)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(field, { name: '', phone: '' })}>
          Add a person
        </Button>
      </Group>
    </Stack>
  );
}

function Lines({ form, field, label }: { form: UseFormReturnType<SafetyPlanDraft>; field: keyof SafetyPlanDraft; label: string }) {
  return <Textarea label={label} description="One per line" autosize minRows={2} {...form.getInputProps(field)} />;
}

/**
 * A participant's safety plan (Stanley–Brown): edit and save a new version, look at earlier versions, print one.
 * The printed plan always carries the crisis lines.
 */
export function SafetyPlanPage() {
  const { participantId = '' } = useParams();
  const me = useMe();
  const participant = useParticipant(participantId);
  const view = useSafetyPlan(participantId);
  const [shown, setShown] = useState<number | null>(null);
  const earlier = useSafetyPlanVersion(participantId, shown);
  const latestVersion = view.data?.current?.version ?? 0;
  const writes = can(me, 'safety-plan.write');
  const name = participant.data ? `${participant.data.preferredName ?? participant.data.givenName} ${participant.data.familyName}` : '';

  const printed = shown !== null && earlier.data ? earlier.data : (view.data?.current ?? null);

  return (
    <>
      <PageHeader
        title="Safety plan"
        documentTitle={name ? `Safety plan · ${name}` : 'Safety plan'}
        description={name}
        above={
          <Anchor component={Link} to={`/participants/${participantId}`} size="sm">
            Back to the participant
          </Anchor>
        }
        actions={
          printed && (
            <Button variant="light" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
              Print version {printed.version}
            </Button>
          )
        }
      />
      {view.isPending ? (
        <TableSkeleton rows={4} label="Loading the safety plan" />
      ) : view.isError ? (
        <ProblemAlert error={view.error} title="Could not load the safety plan" onRetry={() => void view.refetch()} />
      ) : (
        <Stack gap="md">
          {view.data.versions.length > 0 ? (
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label="Version to print"
                value={String(shown ?? latestVersion)}
                onChange={(e) => setShown(Number(e.currentTarget.value) === latestVersion ? null : Number(e.currentTarget.value))}
                data={view.data.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version} — ${formatDateTime(v.savedAt)} by ${v.savedByName}` }))}
              />
            </Group>
          ) : (
            <Alert color="blue" title="No plan yet">
              Write the plan with the participant, in their own words, then save it.
            </Alert>
          )}
          <SafetyPlanEditor
            key={latestVersion}
            participantId={participantId}
            initial={draftOf(view.data.current?.plan ?? null, latestVersion)}
            writes={writes}
            onSaved={() => setShown(null)}
          />
        </Stack>
      )}
      {printed && <SafetyPlanPrint plan={printed.plan} participantName={name} version={printed.version} savedAt={printed.savedAt} />}
    </>
  );
}

/** The editor, keyed by the version it opened: a new version saved (here or elsewhere) starts it afresh from that one. */
function SafetyPlanEditor({ participantId, initial, writes, onSaved }: { participantId: string; initial: SafetyPlanDraft; writes: boolean; onSaved: () => void }) {
  const save = useSaveSafetyPlan(participantId);
  const form = useForm<SafetyPlanDraft>({ initialValues: initial, validate: safetyPlanForm.validate });
  const submit = form.onSubmit((values) => {
    save.mutate(safetyPlanForm.request(values), {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: `Safety plan saved as version ${saved.version}.` });
        onSaved();
      },
      onError: (error) => {
        if (error instanceof ApiError) for (const p of error.errors) form.setFieldError(formFieldOf(p.path), p.message);
      },
    });
  });
  return (
    <Paper withBorder p="md" radius="md" component="form" noValidate onSubmit={submit} aria-label="Safety plan">
      <fieldset disabled={!writes} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          <Lines form={form} field="warningSigns" label={`1. ${heading('warningSigns')}`} />
          <Lines form={form} field="internalCoping" label={`2. ${heading('internalCoping')}`} />
          <Title order={2} size="h5">
            3. {heading('distractions')}
          </Title>
          <Contacts form={form} field="distractionsPeople" label="People" />
          <Lines form={form} field="distractionsPlaces" label="Places" />
          <Contacts form={form} field="helpers" label={`4. ${heading('helpers')}`} />
          <Contacts form={form} field="professionals" label={`5. ${heading('professionals')}`} />
          <Text size="xs" c="dimmed">
            The 988 Suicide & Crisis Lifeline and 911 are printed on every plan.
          </Text>
          <Lines form={form} field="safeEnvironment" label={`6. ${heading('safeEnvironment')}`} />
          <Lines form={form} field="reasonsForLiving" label={`7. ${heading('reasonsForLiving')}`} />
          {save.error && <ProblemAlert error={save.error} title="Could not save the safety plan" />}
          {writes && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save as version {initial.basedOnVersion + 1}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </Paper>
  );
}
