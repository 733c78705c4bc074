import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { formatDate, todayIn, ageOn } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useParticipantList, type ParticipantStatusFilter } from './api.ts';

const STATUS_OPTIONS: { value: ParticipantStatusFilter; label: string }[] = [
  { value: 'active', label: 'In a program' },
  { value: 'discharged', label: 'Discharged' },
  { value: 'all', label: 'Everyone' },
];

function isStatus(value: string | null): value is ParticipantStatusFilter {
  return value === 'active' || value === 'discharged' || value === 'all';
}

/** Find a participant by name, page through everyone, or start a new admission. */
export function ParticipantsPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search, 300);
  const statusParam = params.get('status');
  const status: ParticipantStatusFilter = isStatus(statusParam) ? statusParam : 'active';
  // Keyset pages: the cursors that opened each page so far, so "Previous" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageKey, setPageKey] = useState(`${q}|${status}`);
  if (pageKey !== `${q}|${status}`) {
    setPageKey(`${q}|${status}`);
    setCursors([null]);
  }
  const cursor = cursors[cursors.length - 1] ?? null;
  const list = useParticipantList({ q, status, cursor });
  const today = todayIn();

  const setStatus = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('status', value);
        return next;
      },
      { replace: true },
    );

  const items = list.data?.items ?? [];
  const nextCursor = list.data?.nextCursor ?? null;

  return (
    <>
      <PageHeader
        title="Participants"
        description="People in treatment, past and present."
        actions={
          can(me, 'participant.write') && (
            <Button component={Link} to="/participants/new" leftSection={<IconUserPlus size={18} aria-hidden />}>
              New participant
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label="Search participants"
              placeholder="Name"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={{ base: '100%', xs: 320 }}
              type="search"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="participant-status-label">
                Status
              </Text>
              <SegmentedControl aria-labelledby="participant-status-label" data={STATUS_OPTIONS} value={status} onChange={setStatus} />
            </Stack>
          </Group>
        </Paper>

        {list.isPending && <TableSkeleton label="Loading participants" />}
        {list.isError && <ProblemAlert error={list.error} title="Participants could not be loaded" onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && (
          <EmptyState
            title={q ? `Nobody matches “${q}”` : status === 'discharged' ? 'No discharged participants' : 'No participants yet'}
            action={
              can(me, 'participant.write') && !q ? (
                <Button component={Link} to="/participants/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
                  New participant
                </Button>
              ) : q ? (
                <Button variant="light" onClick={() => setSearch('')}>
                  Clear the search
                </Button>
              ) : undefined
            }
          >
            {q ? 'Check the spelling, search by family name, or look under “Everyone”.' : 'Create a participant and admit them to a program and track.'}
          </EmptyState>
        )}
        {items.length > 0 && (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={600}>
              <Table aria-label="Participants" aria-busy={list.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Date of birth</Table.Th>
                    <Table.Th>Program · track</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/participants/${p.id}`} className="row-link">
                          {p.displayName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {formatDate(p.dateOfBirth)}{' '}
                          <Text span c="dimmed" size="sm">
                            ({ageOn(p.dateOfBirth, today)})
                          </Text>
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={p.activeEpisode ? undefined : 'dimmed'}>
                          {p.activeEpisode
                            ? [p.activeEpisode.programName, p.activeEpisode.trackName].filter(Boolean).join(' · ')
                            : 'Not in a program'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={p.activeEpisode ? 'teal' : 'gray'}>
                          {p.activeEpisode ? 'Active' : 'Discharged'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {(cursors.length > 1 || nextCursor !== null) && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Page {cursors.length}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconChevronLeft size={16} aria-hidden />}
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous
              </Button>
              <Button
                variant="default"
                rightSection={<IconChevronRight size={16} aria-hidden />}
                disabled={nextCursor === null || list.isFetching}
                onClick={() => setCursors((c) => [...c, String(nextCursor)])}
              >
                Next
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </>
  );
}
