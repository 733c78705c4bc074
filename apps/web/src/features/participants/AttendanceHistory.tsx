import { Badge, Box, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { ATTENDANCE_STATUS_LABELS, type AttendanceHistoryItem, type AttendanceStatus } from '@trellis/core';
import { formatMinutes, formatMinutesAsHours, formatTimeRange, formatWeekdayDate, zoneAbbreviation } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useParticipantAttendance } from './api.ts';

const STATUS_COLORS: Record<AttendanceStatus, string> = {
  present: 'teal',
  late: 'blue',
  left_early: 'orange',
  absent: 'red',
  excused: 'gray',
};

const thisYear = new Date().getFullYear();

/** 'Wed, 18 Nov', with the year when it is not this one. */
function sessionDate(localDate: string): string {
  const year = Number(localDate.slice(0, 4));
  return year === thisYear ? formatWeekdayDate(localDate) : `${formatWeekdayDate(localDate)} ${year}`;
}

function StatusBadge({ item }: { item: AttendanceHistoryItem }) {
  if (item.sessionStatus === 'cancelled') {
    return (
      <Badge color="gray" variant="outline">
        Cancelled
      </Badge>
    );
  }
  if (item.status === null) {
    return (
      <Badge color="yellow" variant="outline">
        No roll taken
      </Badge>
    );
  }
  return (
    <Badge color={STATUS_COLORS[item.status]} variant="light">
      {ATTENDANCE_STATUS_LABELS[item.status]}
    </Badge>
  );
}

/** Minutes attended, with how late or how early they left; a dash when there is no mark. */
function Minutes({ item }: { item: AttendanceHistoryItem }) {
  if (item.sessionStatus === 'cancelled' || item.status === null) {
    return (
      <Text span c="dimmed" size="sm" aria-label="No minutes recorded">
        —
      </Text>
    );
  }
  const notes = [
    item.lateMinutes > 0 ? `${formatMinutes(item.lateMinutes)} late` : null,
    item.leftEarlyMinutes > 0 ? `left ${formatMinutes(item.leftEarlyMinutes)} early` : null,
  ].filter(Boolean);
  return (
    <>
      <Text span size="sm">
        {formatMinutesAsHours(item.minutesAttended)}
      </Text>
      {notes.length > 0 && (
        <Text size="xs" c="dimmed">
          {notes.join(', ')}
        </Text>
      )}
    </>
  );
}

function HistorySkeleton() {
  return (
    <Stack gap="sm" role="status" aria-busy="true" aria-label="Loading attendance history">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} height={34} />
      ))}
    </Stack>
  );
}

/** The session's time in its site's zone, with the zone named when the history spans more than one. */
function timeOf(item: AttendanceHistoryItem, showZone: boolean): string {
  const range = formatTimeRange(item.startsAt, item.endsAt, item.timeZone, true);
  return showZone ? `${range} ${zoneAbbreviation(item.startsAt, item.timeZone)}` : range;
}

/** Every session the participant was expected at or marked on that has begun, newest first, loaded a page at a time. */
export function AttendanceHistory({ participantId }: { participantId: string }) {
  const history = useParticipantAttendance(participantId);
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const zones = new Set(items.map((i) => i.timeZone));
  const showZone = zones.size > 1;
  const first = items[0];

  return (
    <Card withBorder radius="md" padding="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="attendance-history-heading">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id="attendance-history-heading">
          Attendance history
        </Title>
        {first && !showZone && (
          <Text size="sm" c="dimmed">
            Times in {zoneAbbreviation(first.startsAt, first.timeZone)}
          </Text>
        )}
      </Group>

      {history.isPending && <HistorySkeleton />}
      {history.isSuccess && items.length === 0 && (
        <EmptyState title="No sessions yet">
          Each session the participant is expected at appears here once it has begun, with the attendance marked for it.
        </EmptyState>
      )}
      {history.isError && items.length === 0 && (
        <ProblemAlert error={history.error} title="Attendance history could not be loaded" onRetry={() => void history.refetch()} />
      )}

      {items.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={640} visibleFrom="sm">
            <Table striped aria-labelledby="attendance-history-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Track</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Attended</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.sessionId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{sessionDate(item.localDate)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{timeOf(item, showZone)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" td={item.sessionStatus === 'cancelled' ? 'line-through' : undefined} c={item.sessionStatus === 'cancelled' ? 'dimmed' : undefined}>
                        {item.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{item.trackName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge item={item} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Minutes item={item} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap={0} hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attendance history">
            {items.map((item) => (
              <Box key={item.sessionId} component="li" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={600}>
                    <span style={{ whiteSpace: 'nowrap' }}>{sessionDate(item.localDate)}</span> ·{' '}
                    <span style={{ whiteSpace: 'nowrap' }}>{timeOf(item, showZone)}</span>
                  </Text>
                  <StatusBadge item={item} />
                </Group>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mt={2}>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" td={item.sessionStatus === 'cancelled' ? 'line-through' : undefined} c={item.sessionStatus === 'cancelled' ? 'dimmed' : undefined}>
                      {item.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {item.trackName}
                    </Text>
                  </div>
                  <div style={{ flexShrink: 0, textAlign: 'right', whiteSpace: 'nowrap' }}>
                    <Minutes item={item} />
                  </div>
                </Group>
              </Box>
            ))}
          </Stack>

          {history.isFetchNextPageError && (
            <ProblemAlert error={history.error} title="More sessions could not be loaded" onRetry={() => void history.fetchNextPage()} />
          )}
          <Group justify="space-between" mt="md" gap="xs">
            <Text size="sm" c="dimmed">
              {items.length} {items.length === 1 ? 'session' : 'sessions'} shown, newest first.
            </Text>
            {history.hasNextPage && (
              <Button variant="default" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </Group>
        </>
      )}
    </Card>
  );
}
