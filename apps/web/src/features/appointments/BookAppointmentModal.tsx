import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_KIND_RULES,
  APPOINTMENT_KINDS,
  appointmentCreateSchema,
  appointmentRescheduleSchema,
  type Appointment,
  type AppointmentKind,
} from '@trellis/core';
import { isApiError, type FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useBookAppointment, useRescheduleAppointment, useSlots, useTreatingStaff } from './api.ts';

interface BookValues {
  kind: AppointmentKind;
  clinicianId: string;
  /** The chosen slot as 'startsAt|roomId' ('' for none). */
  slot: string;
  /** Why a booked appointment moves; only when moving one. */
  reason: string;
}

function chosenSlot(v: BookValues) {
  const [startsAt = '', roomId = ''] = v.slot.split('|');
  return { startsAt, roomId: roomId || null };
}

/** The request a booking form sends: the chosen slot's start and room. */
export function bookingRequest(participantId: string, v: BookValues) {
  return { participantId, clinicianId: v.clinicianId, kind: v.kind, ...chosenSlot(v) };
}

/** The request that moves a booked appointment to the chosen slot, with the reason. */
export function rescheduleRequest(moving: Appointment | null | undefined, v: BookValues) {
  return { version: moving?.version ?? 1, ...chosenSlot(v), reason: v.reason };
}

/**
 * Book an appointment in one view: choose the kind and who it is with, and the next free slots of both people (with a
 * free room) are listed to pick from. A time taken meanwhile is refused by the server, and the list is fetched again.
 * Given `moving`, the same finder moves that booked appointment: its kind and clinician are fixed, and a reason is asked.
 */
export function BookAppointmentModal({
  participantId,
  opened,
  onClose,
  moving = null,
}: {
  participantId: string;
  opened: boolean;
  onClose: () => void;
  moving?: Appointment | null;
}) {
  const staff = useTreatingStaff();
  const book = useBookAppointment();
  const reschedule = useRescheduleAppointment();
  const mutation = moving ? reschedule : book;
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const bookForm = coreRequestForm(appointmentCreateSchema, (v: BookValues) => bookingRequest(participantId, v), {
    aliases: { startsAt: 'slot', roomId: 'slot' },
    whenEmpty: { clinicianId: 'Choose who the appointment is with', slot: 'Choose a time' },
  });
  const moveForm = coreRequestForm(appointmentRescheduleSchema, (v: BookValues) => rescheduleRequest(moving, v), {
    aliases: { startsAt: 'slot', roomId: 'slot' },
    whenEmpty: { slot: 'Choose a time', reason: 'Say why it moves' },
  });
  const form = useForm<BookValues>({
    mode: 'controlled',
    initialValues: { kind: 'individual', clinicianId: '', slot: '', reason: '' },
    validate: (v) => (moving ? moveForm.validate(v) : bookForm.validate(v)),
  });
  // The appointment being moved fixes the pair and the kind; the form is set up from it each time it opens.
  const [setUpFor, setSetUpFor] = useState<string | null>(null);
  if (moving && opened && setUpFor !== moving.id) {
    setSetUpFor(moving.id);
    form.setValues({ kind: moving.kind, clinicianId: moving.clinicianId, slot: '', reason: '' });
  }
  const values = form.getValues();
  const slots = useSlots(participantId, values.clinicianId || null, values.kind);
  const prescriberOnly = APPOINTMENT_KIND_RULES[values.kind].prescriberOnly;
  const choices = (staff.data ?? []).filter((s) => !prescriberOnly || s.role === 'prescriber');

  const close = () => {
    form.reset();
    setExtra([]);
    setSetUpFor(null);
    book.reset();
    reschedule.reset();
    onClose();
  };

  const save = async (v: BookValues) => {
    setExtra([]);
    try {
      const saved = moving
        ? await reschedule.mutateAsync({ id: moving.id, ...moveForm.request(v) })
        : await book.mutateAsync(bookForm.request(v));
      notifications.show({
        color: 'teal',
        title: moving ? 'Appointment moved' : 'Appointment booked',
        message: `${APPOINTMENT_KIND_LABELS[saved.kind]} with ${saved.clinicianName}, ${formatWeekdayDate(saved.localDate)} ${formatTimeRange(saved.startsAt, saved.endsAt, saved.timeZone, true)}`,
      });
      close();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['kind', 'clinicianId', 'reason'], { startsAt: 'slot', roomId: 'slot' }));
      // The time was taken meanwhile: show the slots as they are now.
      if (isApiError(error, 409)) {
        form.setFieldValue('slot', '');
        void slots.refetch();
      }
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={moving ? 'Move the appointment' : 'Book an appointment'} size="lg">
      <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
        <Stack gap="sm">
          <ProblemAlert
            error={mutation.error}
            extra={extra}
            title={moving ? 'Could not move the appointment' : 'Could not book the appointment'}
          />
          {moving && (
            <Text size="sm">
              Now: {formatWeekdayDate(moving.localDate)}{' '}
              {formatTimeRange(moving.startsAt, moving.endsAt, moving.timeZone, true)}
              {moving.roomName ? ` · ${moving.roomName}` : ''}
            </Text>
          )}
          <Group grow align="flex-start">
            <NativeSelect
              label="Kind"
              disabled={!!moving}
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
              disabled={!!moving}
              data={[
                { value: '', label: staff.isPending ? 'Loading…' : 'Choose…' },
                ...choices.map((s) => ({ value: s.id, label: s.name })),
                // The clinician of a moved appointment stays listed even if no longer among the treating staff.
                ...(moving && !choices.some((s) => s.id === moving.clinicianId)
                  ? [{ value: moving.clinicianId, label: moving.clinicianName }]
                  : []),
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
          {moving && <Textarea label="Reason for the move" required autosize minRows={2} {...form.getInputProps('reason')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {moving ? 'Move here' : 'Book'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
