import { useEffect, useState } from 'react';
import { ActionIcon, Button, Card, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import {
  participantUnavailabilityUpdateSchema,
  UNAVAILABILITY_REASON_LABELS,
  UNAVAILABILITY_REASONS,
  type ParticipantUnavailability,
} from '@trellis/core';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import {
  useAddUnavailabilityException,
  useRemoveUnavailabilityException,
  useSaveUnavailability,
  useUnavailability,
} from './api.ts';
import { TimeOffForm } from './TimeOffForm.tsx';
import { TimeOffList } from './TimeOffList.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface RuleValues {
  reason: string;
  weekday: string;
  startTime: string;
  endTime: string;
}

/** The request the weekly form sends; the server merges overlapping rules of a reason, so the saved list may be shorter. */
export function unavailabilityRequest(v: { rules: RuleValues[] }, version: number | null) {
  return {
    rules: v.rules.map((r) => ({
      reason: r.reason,
      weekday: Number(r.weekday),
      startTime: r.startTime,
      endTime: r.endTime,
    })),
    version,
  };
}

const valuesOf = (u: ParticipantUnavailability) => ({
  rules: u.rules.map((r) => ({ ...r, weekday: String(r.weekday) })),
});

function WeeklyForm({
  participantId,
  data,
  canEdit,
}: {
  participantId: string;
  data: ParticipantUnavailability;
  canEdit: boolean;
}) {
  const save = useSaveUnavailability(participantId);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(participantUnavailabilityUpdateSchema, (v: { rules: RuleValues[] }) =>
    unavailabilityRequest(v, data.version),
  );
  const form = useForm<{ rules: RuleValues[] }>({
    mode: 'controlled',
    initialValues: valuesOf(data),
    validate: request.validate,
  });
  // After a save the server's merged rules replace what was typed.
  useEffect(() => {
    form.setValues(valuesOf(data));
    form.resetDirty();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored version changes
  }, [data.version]);
  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(request.request(v));
      notifications.show({
        color: 'teal',
        title: 'Weekly unavailability saved',
        message: `${saved.rules.length} weekly ${saved.rules.length === 1 ? 'stretch' : 'stretches'} (overlaps merged)`,
      });
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['rules']));
    }
  });
  const rules = form.getValues().rules;
  return (
    <form onSubmit={submit} noValidate aria-label="Weekly unavailability">
      <Stack gap="sm">
        <ProblemAlert error={save.error} extra={extra} title="Could not save the weekly unavailability" />
        {rules.length === 0 && (
          <Text c="dimmed">No weekly commitments recorded: any time outside their track can be booked.</Text>
        )}
        {rules.map((r, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <NativeSelect
              label="Because of"
              disabled={!canEdit}
              data={UNAVAILABILITY_REASONS.map((x) => ({ value: x, label: UNAVAILABILITY_REASON_LABELS[x] }))}
              {...form.getInputProps(`rules.${i}.reason`)}
            />
            <NativeSelect
              label="Day"
              disabled={!canEdit}
              data={WEEKDAYS.map((d, j) => ({ value: String(j + 1), label: d }))}
              {...form.getInputProps(`rules.${i}.weekday`)}
            />
            <TextInput
              label="From"
              placeholder="09:00"
              w={90}
              disabled={!canEdit}
              {...form.getInputProps(`rules.${i}.startTime`)}
            />
            <TextInput
              label="To"
              placeholder="17:00"
              w={90}
              disabled={!canEdit}
              {...form.getInputProps(`rules.${i}.endTime`)}
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove ${WEEKDAYS[Number(r.weekday) - 1] ?? ''} ${UNAVAILABILITY_REASON_LABELS[r.reason as keyof typeof UNAVAILABILITY_REASON_LABELS] ?? ''}`}
                onClick={() => form.removeListItem('rules', i)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        {canEdit && (
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() =>
                form.insertListItem('rules', { reason: 'work', weekday: '1', startTime: '09:00', endTime: '17:00' })
              }
            >
              Add a weekly time
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save weekly times
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** When a participant cannot come: weekly (work, school, childcare) and one-off; appointments are booked around both. */
export function UnavailabilityCard({
  participantId,
  timeZone,
  canEdit,
}: {
  participantId: string;
  timeZone: string;
  canEdit: boolean;
}) {
  const data = useUnavailability(participantId);
  const add = useAddUnavailabilityException(participantId);
  const remove = useRemoveUnavailabilityException(participantId);
  return (
    <Card withBorder component="section" aria-label="When they cannot come">
      <Title order={3} mb="sm">
        When they cannot come
      </Title>
      {data.isPending ? (
        <Loader aria-label="Loading unavailability" />
      ) : data.isError ? (
        <ProblemAlert
          error={data.error}
          title="Could not load when they cannot come"
          onRetry={() => void data.refetch()}
        />
      ) : (
        <Stack gap="md">
          <WeeklyForm participantId={participantId} data={data.data} canEdit={canEdit} />
          <Title order={4}>One-off</Title>
          <TimeOffList
            rows={data.data.exceptions.map((e) => ({ ...e, label: null }))}
            emptyText="No one-off times recorded."
            canRemove={canEdit}
            removing={remove.isPending}
            removeError={remove.error}
            onRemove={(id) => remove.mutateAsync(id)}
          />
          {canEdit && (
            <>
              <ProblemAlert error={add.error} title="Could not add the one-off time" />
              <TimeOffForm
                timeZone={timeZone}
                withKind={false}
                submitLabel="Add a one-off time"
                pending={add.isPending}
                onSubmit={(request) => add.mutateAsync(request)}
              />
            </>
          )}
        </Stack>
      )}
    </Card>
  );
}
