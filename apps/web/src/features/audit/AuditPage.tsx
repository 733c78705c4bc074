import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@trellis/core';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useStaff } from '../setup/api.ts';
import { useAuditEvents, type AuditFilters } from './api.ts';
import { ParticipantFilter } from './ParticipantFilter.tsx';
import type { AuditEventView } from '../../api/types.ts';
import { actionLabel, recordLabel } from './audit-labels.ts';

function roleLabel(role: string | null): string {
  return role && (STAFF_ROLES as readonly string[]).includes(role) ? STAFF_ROLE_LABELS[role as StaffRole] : (role ?? '');
}

/** The record's id (and, for a refused request, the route asked for) for whoever needs to trace it. */
function recordTitle(e: AuditEventView): string | undefined {
  const route = typeof e.details.route === 'string' ? `${typeof e.details.method === 'string' ? `${e.details.method} ` : ''}${e.details.route}` : null;
  const parts = [e.entityId ? `Id ${e.entityId}` : null, route].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** Who did what to which record and when: the organisation's audit trail, newest first. */
export function AuditPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const staff = useStaff({ enabled: can(me, 'staff.read') });
  const filters: AuditFilters = {
    participantId: params.get('participant'),
    userId: params.get('user'),
    from: params.get('from'),
    to: params.get('to'),
  };
  const events = useAuditEvents(filters);
  const [range, setRange] = useState<[string | null, string | null]>([filters.from, filters.to]);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const canOpenParticipants = can(me, 'participant.read');

  const update = (next: Partial<Record<'participant' | 'user' | 'from' | 'to', string | null>>) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [k, v] of Object.entries(next)) {
          if (v) out.set(k, v);
          else out.delete(k);
        }
        return out;
      },
      { replace: true },
    );

  const clearFilters = () => {
    setRange([null, null]);
    setParams({}, { replace: true });
  };

  return (
    <>
      <PageHeader title="Audit" description="Every read and change of a participant's record, sign-ins and setup changes. Looking at this page is audited too." />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <ParticipantFilter
              key={filters.participantId ?? 'none'}
              value={filters.participantId}
              onChange={(id) => update({ participant: id })}
              canSearch={canOpenParticipants}
              selectedName={items.find((e) => e.participantId === filters.participantId)?.participantName}
            />
            <Select
              label="Staff member"
              placeholder="Anyone"
              searchable
              clearable
              data={(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${STAFF_ROLE_LABELS[s.role]})` }))}
              value={filters.userId}
              onChange={(id) => update({ user: id })}
              w={{ base: '100%', xs: 280 }}
            />
            <DatePickerInput
              type="range"
              label="Dates"
              placeholder="Any time"
              clearable
              allowSingleDateInRange
              value={range}
              onChange={(next) => {
                setRange(next);
                // Fetch once the range is complete (or cleared), not after the first click.
                if ((next[0] && next[1]) || (!next[0] && !next[1])) update({ from: next[0], to: next[1] });
              }}
              w={{ base: '100%', xs: 280 }}
            />
            {filtered && (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={clearFilters}>
                Clear filters
              </Button>
            )}
          </Group>
        </Paper>

        {events.isPending && <TableSkeleton label="Loading audit events" />}
        {events.isError && <ProblemAlert error={events.error} title="Audit events could not be loaded" onRetry={() => void events.refetch()} />}
        {events.isSuccess && items.length === 0 && (
          <EmptyState
            title="No events match"
            action={
              filtered && (
                <Button variant="light" onClick={clearFilters}>
                  Clear filters
                </Button>
              )
            }
          >
            {filtered ? 'Widen the date range or choose another person.' : 'Events appear as soon as anyone signs in or opens a record.'}
          </EmptyState>
        )}
        {items.length > 0 && (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={900}>
              <Table aria-label="Audit events" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Time</Table.Th>
                    <Table.Th>Staff member</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Outcome</Table.Th>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Participant</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{formatDateTime(e.occurredAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.actorName ?? (e.actorId ? 'Former staff member' : 'System')}</Text>
                        {e.actorRole && (
                          <Text size="xs" c="dimmed">
                            {roleLabel(e.actorRole)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={e.action}>
                          {actionLabel(e.action)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={e.outcome === 'success' ? 'teal' : 'red'} variant="light">
                          {e.outcome === 'success' ? 'Success' : 'Denied'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={recordTitle(e)}>
                          {recordLabel(e.entityType, e.action)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {e.participantId ? (
                          canOpenParticipants ? (
                            <Anchor component={Link} to={`/participants/${e.participantId}`} size="sm">
                              {e.participantName ?? e.participantId.slice(0, 8)}
                            </Anchor>
                          ) : (
                            <Anchor component="button" size="sm" onClick={() => update({ participant: e.participantId })} title="Show only this participant's events">
                              {e.participantName ?? e.participantId.slice(0, 8)}
                            </Anchor>
                          )
                        ) : e.participantRef ? (
                          <Text span size="sm" ff="monospace" title="A pseudonymous reference: the same participant always has the same one">
                            {e.participantRef}
                          </Text>
                        ) : e.participantsShown !== null ? (
                          <Text span size="sm" title="A list: filter by participant to find the lists that showed them">
                            {e.participantsShown === 1 ? '1 participant listed' : `${e.participantsShown} participants listed`}
                          </Text>
                        ) : (
                          <Text span c="dimmed" size="sm">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {items.length > 0 && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {items.length} events shown, newest first.
            </Text>
            {events.hasNextPage ? (
              <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                Load more
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                That is all.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </>
  );
}
