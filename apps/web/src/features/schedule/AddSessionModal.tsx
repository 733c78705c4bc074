import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput, TimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  createSessionSchema,
  GROUP_CAPACITY_DEFAULT,
  GROUP_CAPACITY_HARD_STOP,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  type SessionKind,
} from '@trellis/core';
import type { Track } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatLongWeekdayDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useRooms, useStaff } from '../setup/api.ts';
import { useCreateSession } from './api.ts';
import { CO_FACILITATOR_ALIASES, CoFacilitatorsPicker } from './CoFacilitatorsPicker.tsx';
import { RosterPicker } from './RosterPicker.tsx';

interface Values {
  trackId: string | null;
  localDate: string | null;
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind | null;
  facilitatorId: string | null;
  coFacilitatorIds: string[];
  roomId: string | null;
  capacity: number | string;
}

const FIELDS = [
  'trackId',
  'localDate',
  'startTime',
  'endTime',
  'title',
  'kind',
  'facilitatorId',
  'coFacilitatorIds',
  'roomId',
  'capacity',
];

/** A one-off session as core's createSessionSchema reads it. */
const sessionForm = coreRequestForm(
  createSessionSchema,
  (v: Values) => ({
    trackId: v.trackId ?? '',
    localDate: v.localDate ?? '',
    startTime: v.startTime,
    endTime: v.endTime,
    title: v.title,
    kind: v.kind,
    facilitatorId: v.facilitatorId,
    // Left out when none are chosen, as the API reads it.
    coFacilitatorIds: v.coFacilitatorIds.length > 0 ? v.coFacilitatorIds : undefined,
    roomId: v.roomId,
    capacity: v.capacity === '' ? null : v.capacity,
  }),
  {
    whenEmpty: {
      trackId: 'Choose the track',
      localDate: 'Enter the date',
      startTime: 'Enter a start time',
      endTime: 'Enter an end time',
      title: 'Enter a title',
      kind: 'Choose a kind',
      capacity: 'Enter the capacity',
    },
  },
);

interface AddSessionModalProps {
  siteId: string;
  tracks: Track[];
  defaultDate: string;
  onClose: () => void;
  /** Prefilled choices, e.g. a one-off make-up on a participant's track for just that participant. */
  initial?: { trackId?: string | null; title?: string; participantIds?: string[] };
}

/** A one-off session on a track (a make-up group, an extra family session), in the site's local time. */
export function AddSessionModal({ siteId, tracks, defaultDate, onClose, initial }: AddSessionModalProps) {
  const create = useCreateSession();
  const rooms = useRooms(siteId);
  const staff = useStaff();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  // The chosen roster, or null for the whole track; kept beside the form (RosterPicker owns its field).
  const [roster, setRoster] = useState<string[] | null>(initial?.participantIds ?? null);
  const [rosterError, setRosterError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      trackId: initial?.trackId ?? (tracks.length === 1 ? (tracks[0]?.id ?? null) : null),
      localDate: defaultDate,
      startTime: '',
      endTime: '',
      title: initial?.title ?? '',
      kind: 'group_therapy',
      facilitatorId: null,
      coFacilitatorIds: [],
      roomId: null,
      capacity: GROUP_CAPACITY_DEFAULT,
    },
    validate: sessionForm.validate,
  });

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    if (roster?.length === 0) {
      setRosterError('Choose at least one participant, or expect the whole track');
      return;
    }
    setRosterError(null);
    try {
      const session = await create.mutateAsync({
        ...sessionForm.request(v),
        ...(roster ? { participantIds: roster } : {}),
      });
      notifications.show({
        color: 'teal',
        title: 'Session added',
        message: `${session.title} on ${formatLongWeekdayDate(session.localDate)}.`,
      });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, FIELDS, CO_FACILITATOR_ALIASES));
    }
  });

  const clinicalStaff = (staff.data ?? []).filter(
    (s) => s.role === 'clinician' || s.role === 'director' || s.role === 'prescriber',
  );

  return (
    <Modal opened onClose={onClose} title="Add a one-off session" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={create.error} extra={extra} title="Could not add the session" />
          <Select
            label="Track"
            required
            data={tracks.map((t) => ({ value: t.id, label: `${t.programName} · ${t.name}` }))}
            searchable
            {...form.getInputProps('trackId')}
          />
          <TextInput
            label="Title"
            required
            placeholder="e.g. Make-up: Relapse prevention"
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <DateInput label="Date" required {...form.getInputProps('localDate')} />
            <TimePicker label="Starts" required {...form.getInputProps('startTime')} />
            <TimePicker label="Ends" required {...form.getInputProps('endTime')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label="Kind"
              required
              data={SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k] }))}
              {...form.getInputProps('kind')}
            />
            <NumberInput
              label="Capacity"
              min={1}
              max={GROUP_CAPACITY_HARD_STOP}
              allowDecimal={false}
              {...form.getInputProps('capacity')}
            />
            <Select
              label="Facilitator"
              placeholder="Not assigned"
              clearable
              searchable
              data={clinicalStaff.map((s) => ({ value: s.id, label: s.name }))}
              {...form.getInputProps('facilitatorId')}
            />
            <Select
              label="Room"
              placeholder="No room"
              clearable
              data={(rooms.data ?? [])
                .filter((r) => r.active)
                .map((r) => ({ value: r.id, label: r.kind === 'virtual' ? `${r.name} (virtual)` : r.name }))}
              {...form.getInputProps('roomId')}
            />
          </SimpleGrid>
          <CoFacilitatorsPicker
            options={clinicalStaff.filter((s) => s.id !== form.values.facilitatorId).map((s) => ({ value: s.id, label: s.name }))}
            {...form.getInputProps('coFacilitatorIds')}
            value={form.values.coFacilitatorIds}
          />
          <RosterPicker
            trackId={form.values.trackId}
            localDate={form.values.localDate}
            value={roster}
            onChange={(next) => {
              setRoster(next);
              setRosterError(null);
            }}
            error={rosterError}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add session
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
