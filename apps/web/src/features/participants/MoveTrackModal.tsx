import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Episode } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatDate, todayIn } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useTracks } from '../setup/api.ts';
import { useMoveTrack } from './api.ts';

/** Moves an episode to another track of its program from a date; the earlier membership is kept as history. */
export function MoveTrackModal({ episode, onClose }: { episode: Episode; onClose: () => void }) {
  const tracks = useTracks(episode.programId);
  const move = useMoveTrack();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const today = todayIn();
  const form = useForm<{ trackId: string | null; fromDate: string | null }>({
    initialValues: { trackId: null, fromDate: today < episode.admittedOn ? episode.admittedOn : today },
    validate: {
      trackId: (v) => (v ? null : 'Choose the new track'),
      fromDate: (v) => (!v ? 'Enter the date the move starts' : v < episode.admittedOn ? `The move cannot start before admission (${formatDate(episode.admittedOn)})` : null),
    },
  });
  const options = (tracks.data ?? [])
    .filter((t) => t.active && t.id !== episode.currentTrackId)
    .map((t) => ({ value: t.id, label: `${t.name} — ${t.summary}` }));

  const submit = form.onSubmit(async (values) => {
    setExtra([]);
    try {
      const moved = await move.mutateAsync({ episode, trackId: values.trackId ?? '', fromDate: values.fromDate ?? '' });
      notifications.show({ color: 'teal', title: 'Track changed', message: `From ${formatDate(values.fromDate)} on ${moved.currentTrackName ?? 'the new track'}.` });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['trackId', 'fromDate']));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Move to another track">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Currently on {episode.currentTrackName ?? 'no track'}. Sessions from the chosen date follow the new track; attendance already
            taken stays where it is.
          </Text>
          <ProblemAlert error={move.error} extra={extra} title="Could not move the track" />
          <Select
            label="New track"
            required
            data={options}
            placeholder={tracks.isPending ? 'Loading…' : 'Choose a track'}
            nothingFoundMessage="This program has no other track"
            {...form.getInputProps('trackId')}
          />
          <DateInput label="From" required minDate={episode.admittedOn} {...form.getInputProps('fromDate')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={move.isPending}>
              Move track
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
