import { useState } from 'react';
import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { DueItem, MeasureLinkCreated } from '@trellis/core';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useCreateDueLinks, useCreateLink, useDueList } from './api.ts';
import { LinksMadeList } from './LinksMadeList.tsx';

function when(item: DueItem): string {
  if (item.daysFromToday > 0) return `${item.daysFromToday} day${item.daysFromToday === 1 ? '' : 's'} overdue`;
  if (item.daysFromToday === 0) return 'Due today';
  return `Due ${formatDate(item.dueOn)}`;
}

const REASONS: Record<DueItem['reason'], string> = { admission: 'Admission', interval: 'Repeat', discharge: 'Discharge' };

/** The caller's caseload with measures due this program week, and links for everyone due in one action. */
export function DueMeasuresPage() {
  const due = useDueList(null);
  const createAll = useCreateDueLinks();
  const createOne = useCreateLink();
  const [made, setMade] = useState<MeasureLinkCreated[]>([]);
  const waiting = due.data?.items.filter((i) => i.openLink === null).length ?? 0;

  const makeAll = () => createAll.mutate(null, { onSuccess: (r) => setMade(r.links) });
  const makeOne = (item: DueItem) =>
    createOne.mutate({ episodeId: item.episodeId, instrument: item.instrument }, { onSuccess: (l) => setMade([l]) });

  return (
    <>
      <PageHeader
        title="Measures due"
        description={due.data ? `Your caseload, through ${formatDate(due.data.weekEndsOn)} (the end of this program week).` : undefined}
        actions={
          <Button leftSection={<IconLink size={16} aria-hidden />} onClick={makeAll} loading={createAll.isPending} disabled={waiting === 0}>
            Create links for everyone due{waiting > 0 ? ` (${waiting})` : ''}
          </Button>
        }
      />
      <Stack gap="md">
        {createAll.error && <ProblemAlert error={createAll.error} title="Could not make the links" />}
        {createOne.error && <ProblemAlert error={createOne.error} title="Could not make the link" />}
        {made.length > 0 && <LinksMadeList links={made} />}
        {due.isPending ? (
          <TableSkeleton label="Loading measures due" />
        ) : due.isError ? (
          <ProblemAlert error={due.error} title="Could not load the measures due" onRetry={() => void due.refetch()} />
        ) : due.data.items.length === 0 ? (
          <EmptyState title="Nothing due this week">No one on your caseload has a measure due before the week ends.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Participant</Table.Th>
                  <Table.Th>Measure</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Link</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {due.data.items.map((item) => (
                  <Table.Tr key={`${item.episodeId}-${item.instrument}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/participants/${item.participantId}`}>
                        {item.participantName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {item.programName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {item.shortName}{' '}
                      <Badge variant="light" size="sm">
                        {REASONS[item.reason]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={item.daysFromToday > 0 ? 'red.8' : undefined}>
                        {when(item)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {item.openLink ? (
                        <Text size="sm">Sent · expires {formatDateTime(item.openLink.expiresAt)}</Text>
                      ) : (
                        <Button size="xs" variant="light" onClick={() => makeOne(item)} loading={createOne.isPending && createOne.variables?.episodeId === item.episodeId && createOne.variables.instrument === item.instrument}>
                          Create link
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </>
  );
}
