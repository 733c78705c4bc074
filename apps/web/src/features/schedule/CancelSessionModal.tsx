import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { cancelSessionSchema } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatLongWeekdayDate, formatTimeRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCancelSession } from './api.ts';

/** A cancellation as core's cancelSessionSchema reads it: the reason participants and staff will see. */
const cancelForm = coreRequestForm(cancelSessionSchema, (v: { reason: string }) => ({ reason: v.reason }), {
  whenEmpty: { reason: 'Say why the session is cancelled; participants and staff will see it' },
});

/** Asks for a reason and confirmation before cancelling a session; a session with attendance cannot be cancelled. */
export function CancelSessionModal({ session, onClose }: { session: SessionSummary; onClose: () => void }) {
  const cancel = useCancelSession();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm({ initialValues: { reason: '' }, validate: cancelForm.validate });

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await cancel.mutateAsync({ id: session.id, body: cancelForm.request(v) });
      notifications.show({ color: 'teal', title: 'Session cancelled', message: `${session.title} on ${formatLongWeekdayDate(session.localDate)} is cancelled.` });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['reason']));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Cancel this session?">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            <strong>{session.title}</strong> ({session.trackName}), {formatLongWeekdayDate(session.localDate)},{' '}
            {formatTimeRange(session.startsAt, session.endsAt, session.timeZone)}. Its hours stop counting toward participants' weekly
            projections.
          </Text>
          <ProblemAlert error={cancel.error} extra={extra} title="Could not cancel the session" />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            placeholder="e.g. Facilitator ill; building closed for snow"
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={cancel.isPending}>
              Keep session
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel session
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
