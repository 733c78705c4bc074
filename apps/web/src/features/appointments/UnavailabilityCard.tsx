import { useEffect, useState } from 'react';
import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { participantUnavailabilityUpdateSchema, type ParticipantUnavailability } from '@trellis/core';
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
import { newWeeklyRule, unavailabilityRequest, WeeklyRuleRows, type WeeklyRulesValues } from './WeeklyRuleRows.tsx';

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
  const request = coreRequestForm(participantUnavailabilityUpdateSchema, (v: WeeklyRulesValues) =>
    unavailabilityRequest(v, data.version),
  );
  const form = useForm<WeeklyRulesValues>({
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
        <WeeklyRuleRows form={form} canEdit={canEdit} />
        {canEdit && (
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() => form.insertListItem('rules', newWeeklyRule())}
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
