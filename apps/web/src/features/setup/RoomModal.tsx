import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createRoomSchema, updateRoomSchema } from '@trellis/core';
import type { Room, RoomKind, Site } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSaveRoom } from './api.ts';

interface RoomValues {
  siteId: string | null;
  name: string;
  kind: RoomKind;
  capacity: number | string;
  meetingUrl: string;
  active: boolean;
}

const roomRequestOf = (v: RoomValues) => ({
  siteId: v.siteId ?? '',
  name: v.name,
  kind: v.kind,
  capacity: v.capacity === '' ? null : v.capacity,
  meetingUrl: v.kind === 'virtual' ? v.meetingUrl.trim() || null : null,
});
const WHEN_EMPTY = { siteId: 'Choose the site', name: 'Enter the room’s name', meetingUrl: 'A virtual room needs its meeting link' };
/** A new room, and the rules every room is held to (a virtual one keeps its meeting link). */
const newRoomForm = coreRequestForm(createRoomSchema, roomRequestOf, { whenEmpty: WHEN_EMPTY });
const roomEditForm = (room: Room) =>
  coreRequestForm(updateRoomSchema, (v: RoomValues) => {
    const { name, capacity, meetingUrl } = roomRequestOf(v);
    return { version: room.version, name, capacity, meetingUrl, active: v.active };
  });

/** Add or edit a physical room (with capacity) or a virtual room (with an https meeting link). */
export function RoomModal({ room, sites, defaultSiteId, onClose }: { room: Room | null; sites: Site[]; defaultSiteId: string | null; onClose: () => void }) {
  const save = useSaveRoom();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<RoomValues>({
    initialValues: {
      siteId: room?.siteId ?? defaultSiteId,
      name: room?.name ?? '',
      kind: room?.kind ?? 'physical',
      capacity: room?.capacity ?? '',
      meetingUrl: room?.meetingUrl ?? '',
      active: room?.active ?? true,
    },
    validate: newRoomForm.validate,
  });
  const kind = form.getValues().kind;

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(room ? { id: room.id, body: roomEditForm(room).request(v) } : { body: newRoomForm.request(v) });
      notifications.show({ color: 'teal', title: room ? 'Room saved' : 'Room added', message: saved.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['siteId', 'name', 'kind', 'capacity', 'meetingUrl', 'active']));
    }
  });

  return (
    <Modal opened onClose={onClose} title={room ? `Edit ${room.name}` : 'Add a room'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={save.error} extra={extra} title="Could not save the room" />
          <Select
            label="Site"
            required
            data={sites.map((s) => ({ value: s.id, label: s.name }))}
            disabled={!!room}
            {...form.getInputProps('siteId')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="room-kind-label">
              Kind
            </Text>
            <SegmentedControl
              aria-labelledby="room-kind-label"
              disabled={!!room}
              data={[
                { value: 'physical', label: 'Physical room' },
                { value: 'virtual', label: 'Virtual room' },
              ]}
              {...form.getInputProps('kind')}
            />
          </Stack>
          <TextInput label="Name" required placeholder={kind === 'virtual' ? 'e.g. Telehealth 1' : 'e.g. Group Room A'} {...form.getInputProps('name')} />
          <NumberInput label="Capacity" description="People the room holds; optional" min={1} allowDecimal={false} {...form.getInputProps('capacity')} />
          {kind === 'virtual' && (
            <TextInput label="Meeting link" required type="url" placeholder="https://…" {...form.getInputProps('meetingUrl')} />
          )}
          {room && <Switch label="In use" description="Rooms not in use cannot be chosen for new sessions" {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {room ? 'Save room' : 'Add room'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
