import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { usePrograms, useTracks } from './api.ts';

export function TracksPanel({ canWrite }: { canWrite: boolean }) {
  const programs = usePrograms();
  const [programId, setProgramId] = useState<string | null>(null);
  const tracks = useTracks(programId);
  const noPrograms = programs.isSuccess && programs.data.length === 0;
  const newPath = programId ? `/setup/tracks/new?programId=${programId}` : '/setup/tracks/new';

  return (
    <>
      <Group justify="space-between" mb="sm" align="flex-end">
        <Select
          label="Program"
          placeholder="All programs"
          clearable
          data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          w={{ base: '100%', xs: 300 }}
        />
        {canWrite && !noPrograms && (
          <Button component={Link} to={newPath} leftSection={<IconPlus size={16} aria-hidden />}>
            Add track
          </Button>
        )}
      </Group>
      {noPrograms && (
        <EmptyState title="Add a program first" action={<Anchor component={Link} to="/setup/programs">Go to programs</Anchor>}>
          Tracks are a program's weekly timetables.
        </EmptyState>
      )}
      {tracks.isPending && <TableSkeleton rows={4} label="Loading tracks" />}
      {tracks.isError && <ProblemAlert error={tracks.error} title="Tracks could not be loaded" onRetry={() => void tracks.refetch()} />}
      {tracks.isSuccess && tracks.data.length === 0 && !noPrograms && (
        <EmptyState
          title="No tracks yet"
          action={
            canWrite && (
              <Button component={Link} to={newPath} leftSection={<IconPlus size={16} aria-hidden />}>
                Add a track
              </Button>
            )
          }
        >
          A track is a weekly timetable, e.g. “Evening: Mon/Tue/Thu 18:00–21:00”. Its blocks become sessions on the schedule.
        </EmptyState>
      )}
      {tracks.isSuccess && tracks.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Tracks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Track</Table.Th>
                  <Table.Th>Program</Table.Th>
                  <Table.Th>Weekly template</Table.Th>
                  <Table.Th ta="right">Blocks</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tracks.data.map((t) => (
                  <Table.Tr key={t.id} c={t.active ? undefined : 'dimmed'}>
                    <Table.Td>
                      <Anchor component={Link} to={`/setup/tracks/${t.id}`} className="row-link">
                        {t.name}
                      </Anchor>{' '}
                      {!t.active && (
                        <Badge size="xs" color="gray" variant="light">
                          Not running
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t.programName}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t.summary || '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{t.blocks.length}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  );
}
