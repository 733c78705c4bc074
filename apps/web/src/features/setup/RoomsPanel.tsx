import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Room } from '../../api/types.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useRooms, useSites } from './api.ts';
import { RoomModal } from './RoomModal.tsx';

export function RoomsPanel({ canWrite }: { canWrite: boolean }) {
  const sites = useSites();
  const [siteId, setSiteId] = useState<string | null>(null);
  const rooms = useRooms(siteId ?? undefined);
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? '—';
  const noSites = sites.isSuccess && sites.data.length === 0;

  return (
    <>
      <Group justify="space-between" mb="sm" align="flex-end">
        <Select
          label="Site"
          placeholder="All sites"
          clearable
          data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={siteId}
          onChange={setSiteId}
          w={{ base: '100%', xs: 260 }}
        />
        {canWrite && !noSites && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            Add room
          </Button>
        )}
      </Group>
      {noSites && (
        <EmptyState title="Add a site first" action={<Anchor component={Link} to="/setup/sites">Go to sites</Anchor>}>
          Rooms belong to a site.
        </EmptyState>
      )}
      {rooms.isPending && !noSites && <TableSkeleton rows={4} label="Loading rooms" />}
      {rooms.isError && <ProblemAlert error={rooms.error} title="Rooms could not be loaded" onRetry={() => void rooms.refetch()} />}
      {rooms.isSuccess && rooms.data.length === 0 && !noSites && (
        <EmptyState
          title="No rooms yet"
          action={
            canWrite && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
                Add a room
              </Button>
            )
          }
        >
          Add group rooms, and virtual rooms with their meeting links for telehealth groups.
        </EmptyState>
      )}
      {rooms.isSuccess && rooms.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Rooms">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Site</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th ta="right">Capacity</Table.Th>
                  <Table.Th>Meeting link</Table.Th>
                  {canWrite && (
                    <Table.Th w={90}>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rooms.data.map((room) => (
                  <Table.Tr key={room.id} c={room.active ? undefined : 'dimmed'}>
                    <Table.Td fw={600}>
                      {room.name}{' '}
                      {!room.active && (
                        <Badge size="xs" color="gray" variant="light">
                          Not in use
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{siteName(room.siteId)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={room.kind === 'virtual' ? 'violet' : 'gray'}>
                        {room.kind === 'virtual' ? 'Virtual' : 'Physical'}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{room.capacity ?? '—'}</Table.Td>
                    <Table.Td>
                      {room.meetingUrl ? (
                        <Anchor href={room.meetingUrl} target="_blank" rel="noreferrer" size="sm">
                          Open link
                        </Anchor>
                      ) : (
                        <Text span c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button variant="subtle" size="xs" onClick={() => setEditing(room)} aria-label={`Edit ${room.name}`}>
                          Edit
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && sites.data && (
        <RoomModal room={editing === 'new' ? null : editing} sites={sites.data} defaultSiteId={siteId ?? sites.data[0]?.id ?? null} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
