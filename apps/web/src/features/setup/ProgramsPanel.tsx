import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { FOCUS_LABELS, LEVEL_OF_CARE_LABELS } from '@trellis/core';
import type { Program } from '../../api/types.ts';
import { formatHours } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { Part2Badge } from '../participants/Part2Badge.tsx';
import { usePrograms, useSites } from './api.ts';
import { DocumentationSettingsModal } from './DocumentationSettingsModal.tsx';
import { ProgramModal } from './ProgramModal.tsx';
import { PublicProfileModal } from './PublicProfileModal.tsx';
import { RequiredServicesModal } from './RequiredServicesModal.tsx';

function hoursRange(p: Program): string {
  return p.maxWeeklyHours === null ? `${formatHours(p.minWeeklyHours, { unit: false })}+ h` : `${formatHours(p.minWeeklyHours, { unit: false })}–${formatHours(p.maxWeeklyHours)}`;
}

export function ProgramsPanel({ canWrite }: { canWrite: boolean }) {
  const programs = usePrograms();
  const sites = useSites();
  const [editing, setEditing] = useState<Program | 'new' | null>(null);
  const [documenting, setDocumenting] = useState<Program | null>(null);
  const [publishing, setPublishing] = useState<Program | null>(null);
  const [requiring, setRequiring] = useState<Program | null>(null);
  const noSites = sites.isSuccess && sites.data.length === 0;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text c="dimmed" size="sm">
          A program is a level of care for a population and focus, with the weekly hours it requires.
        </Text>
        {canWrite && !noSites && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            Add program
          </Button>
        )}
      </Group>
      {noSites && (
        <EmptyState title="Add a site first" action={<Anchor component={Link} to="/setup/sites">Go to sites</Anchor>}>
          Every program runs at a site.
        </EmptyState>
      )}
      {programs.isPending && <TableSkeleton rows={3} label="Loading programs" />}
      {programs.isError && <ProblemAlert error={programs.error} title="Programs could not be loaded" onRetry={() => void programs.refetch()} />}
      {programs.isSuccess && programs.data.length === 0 && !noSites && (
        <EmptyState
          title="No programs yet"
          action={
            canWrite && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
                Add a program
              </Button>
            )
          }
        >
          For example “Adult Substance Use IOP”: intensive outpatient, adults, substance use, at least 9 hours a week.
        </EmptyState>
      )}
      {programs.isSuccess && programs.data.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="Programs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Site</Table.Th>
                  <Table.Th>Level of care</Table.Th>
                  <Table.Th>Population · focus</Table.Th>
                  <Table.Th ta="right">Weekly hours</Table.Th>
                  <Table.Th ta="right">Per-diem day</Table.Th>
                  {canWrite && (
                    <Table.Th w={340}>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {programs.data.map((p) => (
                  <Table.Tr key={p.id} c={p.active ? undefined : 'dimmed'}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text fw={600} size="sm">
                          {p.name}
                        </Text>
                        {p.part2 && <Part2Badge size="xs" />}
                        {!p.active && (
                          <Badge size="xs" color="gray" variant="light">
                            Not running
                          </Badge>
                        )}
                      </Group>
                      <Group gap="sm">
                        <Anchor component={Link} to={`/setup/programs/${p.id}/measurement-schedule`} size="xs">
                          Measurement schedule
                        </Anchor>
                        <Anchor component={Link} to={`/setup/programs/${p.id}/skills`} size="xs">
                          Skills library
                        </Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td>{p.siteName}</Table.Td>
                    <Table.Td>{LEVEL_OF_CARE_LABELS[p.levelOfCare]}</Table.Td>
                    <Table.Td>
                      {p.population === 'adult' ? 'Adults' : 'Adolescents'} · {FOCUS_LABELS[p.focus]}
                    </Table.Td>
                    <Table.Td ta="right">{hoursRange(p)}</Table.Td>
                    <Table.Td ta="right">≥ {formatHours(p.perDiemMinHours)}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button variant="subtle" size="xs" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                            Edit
                          </Button>
                          <Button variant="subtle" size="xs" onClick={() => setDocumenting(p)} aria-label={`Documentation settings of ${p.name}`}>
                            Documentation
                          </Button>
                          <Button variant="subtle" size="xs" onClick={() => setRequiring(p)} aria-label={`Required services of ${p.name}`}>
                            Services
                          </Button>
                          <Button variant="subtle" size="xs" onClick={() => setPublishing(p)} aria-label={`Public page of ${p.name}`}>
                            Public page
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {requiring && <RequiredServicesModal program={requiring} onClose={() => setRequiring(null)} />}
      {publishing && <PublicProfileModal program={publishing} onClose={() => setPublishing(null)} />}
      {documenting && <DocumentationSettingsModal program={documenting} onClose={() => setDocumenting(null)} />}
      {editing && sites.data && <ProgramModal program={editing === 'new' ? null : editing} sites={sites.data} onClose={() => setEditing(null)} />}
    </>
  );
}
