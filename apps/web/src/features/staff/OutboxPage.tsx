import { Anchor, Code, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useOutbox } from './api.ts';

/** Messages Trellis would have mailed (invitations, password resets): until mail is set up, they wait here. */
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
        description="Trellis does not send email yet. Invitations and password-reset links are kept here; pass each link to its person in person or by a channel you trust."
      />
      {outbox.isPending && <TableSkeleton rows={3} label="Loading the outbox" />}
      {outbox.isError && <ProblemAlert error={outbox.error} title="The outbox could not be loaded" onRetry={() => void outbox.refetch()} />}
      {outbox.isSuccess && outbox.data.length === 0 && <EmptyState title="Nothing waiting">Invitations and password resets will appear here.</EmptyState>}
      <Stack gap="sm">
        {outbox.data?.map((m) => (
          <Paper key={m.id} withBorder radius="md" p="md" component="article" aria-label={m.subject}>
            <Text fw={600}>{m.subject}</Text>
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
