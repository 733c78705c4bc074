import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  SAFETY_ACTION_LABELS,
  SAFETY_ACTIONS,
  safetyAcknowledgementSchema,
  safetyAlertListSchema,
  safetyAlertSchema,
  type SafetyAlert,
  type SafetyAlertKind,
} from '@trellis/core';
import { checkedApi, errorMessage } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';

const ALERTS_PATH = '/api/v1/safety-alerts';
export const SAFETY_ALERT_STREAM_PATH = '/api/v1/safety-alerts/stream';
const alertsKey = ['safety-alerts'] as const;
/** Wait before reopening a stream the browser gave up on (our choice; EventSource retries by itself otherwise). */
const REOPEN_DELAY_MS = 5_000;

const KIND_LABELS: Readonly<Record<SafetyAlertKind, string>> = {
  'phq9-item9': 'PHQ-9 item 9 (thoughts of self-harm) above 0',
  'cssrs-risk': 'C-SSRS screener: moderate or high risk',
  checkin: 'Daily check-in: thoughts of self-harm',
};

/**
 * Keeps the open-alert list fresh from the server's alert stream: each event (ids only) refetches the list. The
 * browser's EventSource reconnects by itself; a stream it closed for good is reopened after a pause.
 */
function useAlertStream(onEvent: () => void) {
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(SAFETY_ALERT_STREAM_PATH, { withCredentials: true });
      source.addEventListener('open-count', onEvent);
      source.addEventListener('safety-alert', onEvent);
      source.addEventListener('safety-alert-acknowledged', onEvent);
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED && !stopped) timer = setTimeout(open, REOPEN_DELAY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [onEvent]);
}

interface AckValues {
  action: string;
  note: string;
}

function AcknowledgeForm({ alert, onDone }: { alert: SafetyAlert; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<AckValues>({
    initialValues: { action: '', note: '' },
    validate: coreSchemaResolver<AckValues>(safetyAcknowledgementSchema, { whenEmpty: { action: 'Choose what was done' } }),
  });
  const acknowledge = useMutation({
    mutationFn: (values: AckValues) =>
      checkedApi.post(safetyAlertSchema, `${ALERTS_PATH}/${alert.id}/acknowledgement`, {
        action: values.action,
        note: values.note.trim() === '' ? null : values.note,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: alertsKey });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => acknowledge.mutate(values))} noValidate>
      <Stack gap="xs">
        <Select
          label="What was done"
          required
          data={SAFETY_ACTIONS.map((a) => ({ value: a, label: SAFETY_ACTION_LABELS[a] }))}
          {...form.getInputProps('action')}
        />
        <Textarea label="Note (optional)" rows={2} {...form.getInputProps('note')} />
        {acknowledge.isError && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(acknowledge.error)}
          </Text>
        )}
        <Group gap="xs">
          <Button type="submit" color="red" loading={acknowledge.isPending}>
            Record acknowledgement
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Open safety alerts the signed-in person must see, on every page, until each is acknowledged. */
export function SafetyAlertBanner() {
  const queryClient = useQueryClient();
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const alerts = useQuery({
    queryKey: alertsKey,
    queryFn: ({ signal }) => checkedApi.get(safetyAlertListSchema, ALERTS_PATH, undefined, signal),
  });
  const [refresh] = useState(() => () => void queryClient.invalidateQueries({ queryKey: alertsKey }));
  useAlertStream(refresh);

  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" aria-label="Open safety alerts" role="region">
      {items.map((alert) => (
        <Alert key={alert.id} color="red" variant="filled" icon={<IconAlertTriangle aria-hidden />} title={`Safety alert: ${alert.participantName}`}>
          <Stack gap="xs">
            <Text size="sm">
              {KIND_LABELS[alert.kind]} · {alert.programName}
            </Text>
            {acknowledging === alert.id ? (
              <Stack p="sm" bg="white" c="black" style={{ borderRadius: 4 }}>
                <AcknowledgeForm alert={alert} onDone={() => setAcknowledging(null)} />
              </Stack>
            ) : (
              <Group>
                <Button size="xs" variant="white" color="red" onClick={() => setAcknowledging(alert.id)}>
                  Acknowledge
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
