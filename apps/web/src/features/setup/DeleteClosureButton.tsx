import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { closureDeletedSchema, type Closure } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import { formatDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';

function sessionsWord(n: number): string {
  return `${n} session${n === 1 ? '' : 's'}`;
}

function daysOf(c: Closure): string {
  return c.fromDate === c.toDate ? formatDate(c.fromDate) : `${formatDate(c.fromDate)} to ${formatDate(c.toDate)}`;
}

/** Deletes a closure after saying what happens to the sessions it cancelled, and asking to confirm. */
export function DeleteClosureButton({ closure }: { closure: Closure }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => checkedApi.delete(closureDeletedSchema, `/api/v1/closures/${closure.id}`),
    onSuccess: async (deleted) => {
      setAsking(false);
      await Promise.all(['closures', 'sessions', 'census', 'ledger'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      notifications.show({
        color: 'teal',
        title: 'Closure deleted',
        message: `${sessionsWord(deleted.restoredSessions)} scheduled again${
          deleted.stillClosedSessions > 0 ? `; ${sessionsWord(deleted.stillClosedSessions)} still cancelled by another closure` : ''
        }.`,
      });
    },
  });

  return (
    <>
      <Button variant="subtle" color="red" size="compact-sm" onClick={() => setAsking(true)} aria-label={`Delete the closure ${closure.reason} at ${closure.siteName}`}>
        Delete
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title="Delete this closure?">
        <Stack gap="sm">
          <Text size="sm">
            <strong>{closure.reason}</strong> at {closure.siteName}, {daysOf(closure)}.
          </Text>
          <Text size="sm">
            {closure.cancelledSessions > 0
              ? `The ${sessionsWord(closure.cancelledSessions)} it cancelled will be scheduled again, unless another closure still covers their day. Any that have already ended will show their roll as not taken.`
              : 'It has no cancelled sessions to restore.'}{' '}
            Sessions cancelled one by one, for another reason, stay cancelled. Template sessions are made for its days from now on.
          </Text>
          <ProblemAlert error={remove.error} title="The closure could not be deleted" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => setAsking(false)} disabled={remove.isPending}>
              Keep closure
            </Button>
            <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              Delete closure
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
