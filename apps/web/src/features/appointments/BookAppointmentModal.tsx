import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_KIND_RULES,
  APPOINTMENT_KINDS,
  appointmentCreateSchema,
  type AppointmentKind,
} from '@trellis/core';
import { isApiError, type FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useBookAppointment, useSlots, useTreatingStaff } from './api.ts';

interface BookValues {
  kind: AppointmentKind;
  clinicianId: string;
  /** The chosen slot as 'startsAt|roomId' ('' for none). */
  slot: string;
}

/** The request a booking form sends: the chosen slot's start and room. */
export function bookingRequest(participantId: string, v: BookValues) {
  const [startsAt = '', roomId = ''] = v.slot.split('|');
  return { participantId, clinicianId: v.clinicianId, kind: v.kind, startsAt, roomId: roomId || null };
}

/**
 * Book an appointment in one view: choose the kind and who it is with, and the next free slots of both people (with a
 * free room) are listed to pick from. A time taken meanwhile is refused by the server, and the list is fetched again.
 */
export function BookAppointmentModal({
  participantId,
  opened,
  onClose,
}: {
  participantId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const staff = useTreatingStaff();
  const book = useBookAppointment();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(appointmentCreateSchema, (v: BookValues) => bookingRequest(participantId, v), {
    aliases: { startsAt: 'slot', roomId: 'slot' },
    whenEmpty: { clinicianId: 'Choose who the appointment is with', slot: 'Choose a time' },
  });
  const form = useForm<BookValues>({
    mode: 'controlled',
    initialValues: { kind: 'individual', clinicianId: '', slot: '' },
    validate: request.validate,
  });
  const values = form.getValues();
  const slots = useSlots(participantId, values.clinicianId || null, values.kind);
  const prescriberOnly = APPOINTMENT_KIND_RULES[values.kind].prescriberOnly;
  const choices = (staff.data ?? []).filter((s) => !prescriberOnly || s.role === 'prescriber');

  const close = () => {
    form.reset();
    setExtra([]);
    book.reset();
    onClose();
  };

  const save = async (v: BookValues) => {
    setExtra([]);
    try {
      const saved = await book.mutateAsync(request.request(v));
      notifications.show({
        color: 'teal',
        title: 'Appointment booked',
        message: `${APPOINTMENT_KIND_LABELS[saved.kind]} with ${saved.clinicianName}, ${formatWeekdayDate(saved.localDate)} ${formatTimeRange(saved.startsAt, saved.endsAt, saved.timeZone, true)}`,
      });
      close();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['kind', 'clinicianId'], { startsAt: 'slot', roomId: 'slot' }));
      // The time was taken meanwhile: show the slots as they are now.
      if (isApiError(error, 409)) {
        form.setFieldValue('slot', '');
        void slots.refetch();
      }
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Book an appointment" size="lg">
      <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={book.error} extra={extra} title="Could not book the appointment" />
          <Group grow align="flex-start">
            <NativeSelect
              label="Kind"
              data={APPOINTMENT_KINDS.map((k) => ({
                value: k,
                label: `${APPOINTMENT_KIND_LABELS[k]} (${APPOINTMENT_KIND_RULES[k].lengthMinutes} min)`,
              }))}
              {...form.getInputProps('kind')}
              onChange={(e) => {
                form.setFieldValue('kind', e.currentTarget.value as AppointmentKind);
                form.setFieldValue('slot', '');
              }}
            />
            <NativeSelect
              label="With"
              required
              data={[
                { value: '', label: staff.isPending ? 'Loading…' : 'Choose…' },
                ...choices.map((s) => ({ value: s.id, label: s.name })),
              ]}
              {...form.getInputProps('clinicianId')}
              onChange={(e) => {
                form.setFieldValue('clinicianId', e.currentTarget.value);
                form.setFieldValue('slot', '');
              }}
            />
          </Group>
          {!values.clinicianId ? (
            <Text c="dimmed" size="sm">
              Choose who the appointment is with to see the next free times.
            </Text>
          ) : slots.isPending ? (
            <Group gap="xs">
              <Loader size="sm" />
              <Text size="sm">Finding free times…</Text>
            </Group>
          ) : slots.isError ? (
            <ProblemAlert error={slots.error} title="Could not find free times" onRetry={() => void slots.refetch()} />
          ) : slots.data.slots.length === 0 ? (
            <Alert color="yellow" title="No free time in the next four weeks">
              Nothing is free for both of them, with a room, in the clinician’s working hours. Check the clinician’s
              hours or try someone else.
            </Alert>
          ) : (
            <Radio.Group label="Next free times" required {...form.getInputProps('slot')}>
              <Stack gap={6} mt="xs">
                {slots.data.slots.map((s) => {
                  const date = new Intl.DateTimeFormat('en-CA', { timeZone: slots.data.timeZone }).format(
                    new Date(s.startsAt),
                  );
                  return (
                    <Radio
                      key={`${s.startsAt}|${s.roomId ?? ''}`}
                      value={`${s.startsAt}|${s.roomId ?? ''}`}
                      label={`${formatWeekdayDate(date)} ${formatTimeRange(s.startsAt, s.endsAt, slots.data.timeZone, true)}${s.roomName ? ` · ${s.roomName}` : ''}`}
                    />
                  );
                })}
              </Stack>
            </Radio.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
            <Button type="submit" loading={book.isPending}>
              Book
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
