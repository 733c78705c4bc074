import { useState } from 'react';
import { Anchor, Badge, Button, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { LEVEL_OF_CARE_LABELS, type CertificationQueueRow, type DueState } from '@trellis/core';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatDate } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCertificationQueue, useCertify } from './api.ts';

const STATE_BADGE: Record<DueState, { color: string; label: string }> = {
  overdue: { color: 'red', label: 'Overdue' },
  due: { color: 'orange', label: 'Due' },
  upcoming: { color: 'gray', label: 'Upcoming' },
};

const kindLabel = (row: CertificationQueueRow) =>
  row.due.kind === 'certification' ? 'Admission certification' : `Recertification ${row.due.sequence - 1}`;

/**
 * The prescribers' certification queue (Medicare PHP/IOP, domain.md §3.1): episodes whose certification is overdue
 * first, then due, then upcoming. Certify takes two clicks: the row's button, then confirming the statement.
 */
export function CertificationQueuePage() {
  const me = useMe();
  const queue = useCertificationQueue();
  const certify = useCertify();
  const [chosen, setChosen] = useState<CertificationQueueRow | null>(null);
  const signs = can(me, 'certification.sign');

  const confirm = async () => {
    if (!chosen) return;
    try {
      await certify.mutateAsync({ episodeId: chosen.episodeId, sequence: chosen.due.sequence });
      notifications.show({ color: 'teal', title: 'Certified', message: `${kindLabel(chosen)} for ${chosen.displayName}` });
      setChosen(null);
    } catch {
      // The modal shows the refusal; the queue reloads either way.
    }
  };

  const counts = queue.data?.counts;
  return (
    <>
      <PageHeader
        title="Certifications"
        description={
          counts
            ? `${counts.overdue} overdue · ${counts.due} due within 7 days · ${counts.upcoming} upcoming`
            : 'Physician certification of PHP and IOP for programs that bill Medicare'
        }
      />
      {queue.isPending ? (
        <Loader aria-label="Loading the certification queue" />
      ) : queue.isError ? (
        <ProblemAlert error={queue.error} title="Could not load the certification queue" onRetry={() => void queue.refetch()} />
      ) : queue.data.rows.length === 0 ? (
        <EmptyState title="Nothing to certify">
          No active episode in a program that bills Medicare needs a certification. Programs are marked in Setup.
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Participant</Table.Th>
                  <Table.Th>Program</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Plan of care</Table.Th>
                  {signs && <Table.Th aria-label="Action" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.rows.map((row) => {
                  const badge = STATE_BADGE[row.due.state];
                  return (
                    <Table.Tr key={row.episodeId} bg={row.due.state === 'overdue' ? 'var(--mantine-color-red-light)' : undefined}>
                      <Table.Td>
                        <Anchor component={Link} to={`/participants/${row.participantId}`}>
                          {row.displayName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {row.programName}
                        <Text size="xs" c="dimmed">
                          {LEVEL_OF_CARE_LABELS[row.level]} · admitted {formatDate(row.admittedOn)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{kindLabel(row)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Badge color={badge.color} variant={row.due.state === 'upcoming' ? 'light' : 'filled'}>
                            {badge.label}
                          </Badge>
                          <Text size="sm">{formatDate(row.due.dueOn)}</Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {row.planVersion === null ? (
                          <Text size="sm" c="dimmed">
                            Not signed yet
                          </Text>
                        ) : (
                          <Anchor component={Link} to={`/episodes/${row.episodeId}/treatment-plan`} size="sm">
                            Version {row.planVersion}
                          </Anchor>
                        )}
                      </Table.Td>
                      {signs && (
                        <Table.Td>
                          <Button
                            size="xs"
                            disabled={row.planVersion === null}
                            title={row.planVersion === null ? 'The plan of care must be signed first' : undefined}
                            onClick={() => {
                              certify.reset();
                              setChosen(row);
                            }}
                          >
                            Certify {row.displayName}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ConfirmModal
        opened={chosen !== null}
        title={chosen ? `${kindLabel(chosen)}: ${chosen.displayName}` : ''}
        confirmLabel="Certify"
        loading={certify.isPending}
        error={certify.error}
        onConfirm={() => void confirm()}
        onClose={() => setChosen(null)}
      >
        {chosen && (
          <>
            <Text size="sm" mb="xs">
              {chosen.statement}
            </Text>
            <Text size="sm" c="dimmed">
              Rests on version {chosen.planVersion} of the plan of care. Dated today, signed as you.
            </Text>
          </>
        )}
      </ConfirmModal>
    </>
  );
}
