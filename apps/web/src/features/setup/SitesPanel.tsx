import { useState } from 'react';
import { Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Site } from '../../api/types.ts';
import { zoneAbbreviation } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useSites } from './api.ts';
import { SiteModal } from './SiteModal.tsx';

export function SitesPanel({ canWrite }: { canWrite: boolean }) {
  const sites = useSites();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const now = new Date().toISOString();

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text c="dimmed" size="sm">
          A site is a place with its own time zone. Programs run at a site.
        </Text>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            Add site
          </Button>
        )}
      </Group>
      {sites.isPending && <TableSkeleton rows={3} label="Loading sites" />}
      {sites.isError && <ProblemAlert error={sites.error} title="Sites could not be loaded" onRetry={() => void sites.refetch()} />}
      {sites.isSuccess && sites.data.length === 0 && (
        <EmptyState
          title="No sites yet"
          action={
            canWrite && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
                Add the first site
              </Button>
            )
          }
        >
          Start with a site: its time zone decides when sessions happen and where program weeks begin.
        </EmptyState>
      )}
      {sites.isSuccess && sites.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Sites">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Address</Table.Th>
                  {canWrite && <Table.Th w={90}>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sites.data.map((site) => (
                  <Table.Tr key={site.id}>
                    <Table.Td fw={600}>{site.name}</Table.Td>
                    <Table.Td>
                      {site.timeZone}{' '}
                      <Text span c="dimmed" size="sm">
                        ({zoneAbbreviation(now, site.timeZone)})
                      </Text>
                    </Table.Td>
                    <Table.Td>{site.address ?? <Text span c="dimmed">—</Text>}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button variant="subtle" size="xs" onClick={() => setEditing(site)} aria-label={`Edit ${site.name}`}>
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
      {editing && <SiteModal site={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
