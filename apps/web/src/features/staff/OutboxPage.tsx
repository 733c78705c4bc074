import { Anchor, Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { OutboxMessage } from '@trellis/core';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useOutbox } from './api.ts';

/** Whether a message has gone out by mail, in words: sent, waiting (after how many tries), or given up with the reason. */
export function DeliveryBadge({ message: m }: { message: Pick<OutboxMessage, 'deliveryStatus' | 'attempts' | 'sentAt' | 'lastError'> }) {
  switch (m.deliveryStatus) {
    case 'sent':
      return (
        <Badge color="teal" variant="light">
          Sent {m.sentAt ? formatDateTime(m.sentAt) : ''}
        </Badge>
      );
    case 'pending':
      return (
        <Badge color="gray" variant="light">
          {m.attempts === 0 ? 'Not sent by mail' : `Not sent yet · ${m.attempts} ${m.attempts === 1 ? 'try' : 'tries'}`}
        </Badge>
      );
    case 'failed':
      return (
        <Badge color="red" variant="light" title={m.lastError ?? undefined}>
          Could not send{m.lastError ? `: ${m.lastError}` : ''}
        </Badge>
      );
  }
}

/** Messages Trellis sends (invitations, password resets): kept here, and mailed when the server has SMTP settings. */
export function OutboxPage() {
  const outbox = useOutbox();
  return (
    <>
      <PageHeader
        title="Outbox"
        above={
          <Anchor component={Link} to="/staff" size="sm">
            ← Staff
          </Anchor>
        }
        description="Invitations and password-reset links are kept here, and sent by email when the server has mail settings. A message not sent by mail can be passed to its person in person or by a channel you trust."
      />
      {outbox.isPending && <TableSkeleton rows={3} label="Loading the outbox" />}
      {outbox.isError && <ProblemAlert error={outbox.error} title="The outbox could not be loaded" onRetry={() => void outbox.refetch()} />}
      {outbox.isSuccess && outbox.data.length === 0 && <EmptyState title="Nothing waiting">Invitations and password resets will appear here.</EmptyState>}
      <Stack gap="sm">
        {outbox.data?.map((m) => (
          <Paper key={m.id} withBorder radius="md" p="md" component="article" aria-label={m.subject}>
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{m.subject}</Text>
              <DeliveryBadge message={m} />
            </Group>
            <Text size="xs" c="dimmed">
              To {m.toEmail} · {formatDateTime(m.createdAt)}
            </Text>
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-line' }}>
              {m.body}
            </Text>
            <Code block mt="xs">
              {m.link}
            </Code>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
