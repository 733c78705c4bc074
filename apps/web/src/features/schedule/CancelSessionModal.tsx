import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SessionSummary } from '../../api/types.ts';
import { isApiError } from '../../app/api-client.ts';
import { formatLongWeekdayDate, formatTimeRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCancelSession } from './api.ts';

/** Asks for a reason and confirmation before cancelling a session; a session with attendance cannot be cancelled. */
export function CancelSessionModal({ session, onClose }: { session: SessionSummary; onClose: () => void }) {
  const cancel = useCancelSession();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const confirm = async () => {
    if (!reason.trim()) {
      setReasonError('Say why the session is cancelled; participants and staff will see it');
      return;
    }
    setReasonError(null);
    try {
      await cancel.mutateAsync({ id: session.id, reason: reason.trim() });
      notifications.show({ color: 'teal', title: 'Session cancelled', message: `${session.title} on ${formatLongWeekdayDate(session.localDate)} is cancelled.` });
      onClose();
    } catch (error) {
      if (isApiError(error) && error.errors.length) setReasonError(error.errors[0]?.message ?? null);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Cancel this session?">
      <Stack gap="sm">
        <Text size="sm">
          <strong>{session.title}</strong> ({session.trackName}), {formatLongWeekdayDate(session.localDate)},{' '}
          {formatTimeRange(session.startsAt, session.endsAt, session.timeZone)}. Its hours stop counting toward participants' weekly
          projections.
        </Text>
        <ProblemAlert error={cancel.error} title="Could not cancel the session" />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          placeholder="e.g. Facilitator ill; building closed for snow"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          data-autofocus
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} disabled={cancel.isPending}>
            Keep session
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={cancel.isPending}>
            Cancel session
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
