import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Loader, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  appointmentCancelSchema,
  type Appointment,
  type AppointmentStatus,
} from '@trellis/core';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCancelAppointment, useMarkAppointment, useParticipantAppointments } from './api.ts';
import { BookAppointmentModal } from './BookAppointmentModal.tsx';

const STATUS_COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  attended: 'teal',
  cancelled: 'gray',
  late_cancelled: 'orange',
  no_show: 'red',
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {APPOINTMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

interface CancelValues {
  reason: string;
  late: boolean;
}

/** Asks for the reason before an appointment is cancelled: the confirmation a destructive step needs. */
function CancelModal({ appointment, onClose }: { appointment: Appointment | null; onClose: () => void }) {
  const cancel = useCancelAppointment();
  const request = coreRequestForm(
    appointmentCancelSchema,
    (v: CancelValues) => ({ version: appointment?.version ?? 1, reason: v.reason, late: v.late }),
    {
      whenEmpty: { reason: 'Say why it is cancelled' },
    },
  );
  const form = useForm<CancelValues>({
    mode: 'controlled',
    initialValues: { reason: '', late: false },
    validate: request.validate,
  });
  const close = () => {
    form.reset();
    cancel.reset();
    onClose();
  };
  const save = async (v: CancelValues) => {
    if (!appointment) return;
    try {
      await cancel.mutateAsync({ id: appointment.id, ...request.request(v) });
      notifications.show({
        color: 'teal',
        title: v.late ? 'Recorded as a late cancellation' : 'Appointment cancelled',
        message: v.reason,
      });
      close();
    } catch (error) {
      applyFieldErrors(form, error, ['reason', 'late']);
    }
  };
  return (
    <Modal opened={appointment !== null} onClose={close} title="Cancel the appointment">
      <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
        <Stack gap="sm">
          {appointment && (
            <Text size="sm">
              {APPOINTMENT_KIND_LABELS[appointment.kind]} with {appointment.clinicianName},{' '}
              {formatWeekdayDate(appointment.localDate)}{' '}
              {formatTimeRange(appointment.startsAt, appointment.endsAt, appointment.timeZone, true)}
            </Text>
          )}
          <ProblemAlert error={cancel.error} title="Could not cancel the appointment" />
          <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
          <Checkbox
            label="Late cancellation (inside the notice period)"
            {...form.getInputProps('late', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A participant's appointments, newest first: book one in a free slot, cancel one, or record whether it was kept. */
export function AppointmentsPage() {
  const { participantId = '' } = useParams();
  const me = useMe();
  const list = useParticipantAppointments(participantId);
  const mark = useMarkAppointment();
  const [booking, setBooking] = useState(false);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>Appointments</Title>
          <Text size="sm">
            <Link to={`/participants/${participantId}`}>Back to the participant</Link>
          </Text>
        </Stack>
        {can(me, 'appointment.write') && <Button onClick={() => setBooking(true)}>Book an appointment</Button>}
      </Group>
      <ProblemAlert error={mark.error} title="Could not record the appointment" />
      {list.isPending ? (
        <Loader aria-label="Loading appointments" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Could not load the appointments" onRetry={() => void list.refetch()} />
      ) : list.data.appointments.length === 0 ? (
        <Text c="dimmed">No appointments yet.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>With</Table.Th>
              <Table.Th>Room</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.appointments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {formatWeekdayDate(a.localDate)} {formatTimeRange(a.startsAt, a.endsAt, a.timeZone, true)}
                </Table.Td>
                <Table.Td>{APPOINTMENT_KIND_LABELS[a.kind]}</Table.Td>
                <Table.Td>{a.clinicianName}</Table.Td>
                <Table.Td>{a.roomName ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={a.status} />
                  {a.reason && (
                    <Text size="xs" c="dimmed">
                      {a.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.status === 'booked' && (
                    <Group gap="xs" wrap="nowrap">
                      {can(me, 'appointment.mark') && (
                        <>
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => mark.mutate({ id: a.id, version: a.version, status: 'attended' })}
                          >
                            Attended
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            onClick={() => mark.mutate({ id: a.id, version: a.version, status: 'no_show' })}
                          >
                            No-show
                          </Button>
                        </>
                      )}
                      {can(me, 'appointment.write') && (
                        <>
                          <Button size="xs" variant="light" onClick={() => setMoving(a)}>
                            Move…
                          </Button>
                          <Button size="xs" variant="subtle" color="gray" onClick={() => setCancelling(a)}>
                            Cancel…
                          </Button>
                        </>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <BookAppointmentModal participantId={participantId} opened={booking} onClose={() => setBooking(false)} />
      <BookAppointmentModal participantId={participantId} moving={moving} opened={moving !== null} onClose={() => setMoving(null)} />
      <CancelModal appointment={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}
