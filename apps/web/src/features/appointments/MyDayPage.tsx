import { useState } from 'react';
import { Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { APPOINTMENT_KIND_LABELS, type Appointment } from '@trellis/core';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatLongWeekdayDate, formatTimeRange } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { StaffCalendarFeedCard } from './StaffCalendarFeedCard.tsx';
import { StatusBadge } from './AppointmentsPage.tsx';
import { useStaffDay } from './api.ts';
import { BookAppointmentModal } from './BookAppointmentModal.tsx';

/** One's own day: appointments (a prescriber's psychiatry and medication visits) and the groups one runs, in time order. */
export function MyDayPage() {
  const me = useMe();
  const [date, setDate] = useState<string | null>(null);
  const day = useStaffDay(me.id, date ?? undefined);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const mayMove = can(me, 'appointment.write');

  const rows = day.data
    ? [
        ...day.data.appointments.map((a) => ({
          key: a.id,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          what: APPOINTMENT_KIND_LABELS[a.kind],
          who: <Link to={`/participants/${a.participantId}/appointments`}>{a.participantName}</Link>,
          room: a.roomName,
          status: <StatusBadge status={a.status} />,
          action:
            mayMove && a.status === 'booked' ? (
              <Button size="xs" variant="light" onClick={() => setMoving(a)} aria-label={`Move ${a.participantName}’s appointment`}>
                Move…
              </Button>
            ) : null,
        })),
        ...day.data.sessions.map((s) => ({
          key: s.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          what: s.title,
          who: 'Group',
          room: s.roomName,
          status: null,
          action: null,
        })),
      ].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    : [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2}>{day.data ? `My day — ${formatLongWeekdayDate(day.data.date)}` : 'My day'}</Title>
          {can(me, 'availability.write') && (
            <Text size="sm">
              <Link to="/my-hours">My working hours</Link>
            </Text>
          )}
        </Stack>
        <DateInput
          label="Day"
          value={date ?? day.data?.date ?? null}
          onChange={(v) => setDate(v)}
          valueFormat="D MMM YYYY"
        />
      </Group>
      {day.isPending ? (
        <Loader aria-label="Loading the day" />
      ) : day.isError ? (
        <ProblemAlert error={day.error} title="Could not load the day" onRetry={() => void day.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">Nothing booked this day.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Room</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{formatTimeRange(r.startsAt, r.endsAt, day.data.timeZone, true)}</Table.Td>
                <Table.Td>{r.what}</Table.Td>
                <Table.Td>{r.who}</Table.Td>
                <Table.Td>{r.room ?? '—'}</Table.Td>
                <Table.Td>{r.status}</Table.Td>
                <Table.Td>{r.action}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <BookAppointmentModal
        participantId={moving?.participantId ?? ''}
        moving={moving}
        opened={moving !== null}
        onClose={() => setMoving(null)}
      />
      <StaffCalendarFeedCard />
    </Stack>
  );
}
