import { useMemo, useState } from 'react';
import { trackMoveSchema } from '@trellis/core';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Episode } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { formatDate, todayIn } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useTracks } from '../setup/api.ts';
import { useMoveTrack } from './api.ts';

interface MoveValues {
  trackId: string | null;
  fromDate: string | null;
}

/** A move of this episode as core's trackMoveSchema reads it; it cannot start before the admission. */
function moveForm(episode: Episode) {
  const schema = trackMoveSchema.superRefine((m, ctx) => {
    if (m.fromDate < episode.admittedOn)
      ctx.addIssue({ code: 'custom', path: ['fromDate'], message: `cannot start before the admission (${formatDate(episode.admittedOn)})` });
  });
  return coreRequestForm(schema, (v: MoveValues) => ({ trackId: v.trackId ?? '', fromDate: v.fromDate ?? '', version: episode.version }), {
    whenEmpty: { trackId: 'Choose the new track', fromDate: 'Enter the date the move starts' },
  });
}

/** Moves an episode to another track of its program from a date; the earlier membership is kept as history. */
export function MoveTrackModal({ episode, onClose }: { episode: Episode; onClose: () => void }) {
  const tracks = useTracks(episode.programId);
  const move = useMoveTrack();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const today = todayIn();
  const request = useMemo(() => moveForm(episode), [episode]);
  const form = useForm<MoveValues>({
    initialValues: { trackId: null, fromDate: today < episode.admittedOn ? episode.admittedOn : today },
    validate: request.validate,
  });
  const options = (tracks.data ?? [])
    .filter((t) => t.active && t.id !== episode.currentTrackId)
    .map((t) => ({ value: t.id, label: `${t.name} — ${t.summary}` }));

  const submit = form.onSubmit(async (values) => {
    setExtra([]);
    try {
      const moved = await move.mutateAsync({ episode, body: request.request(values) });
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
