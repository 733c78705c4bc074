import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Anchor, Button, Group, Paper, Select, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isValidLocalTime, trackTemplateWarnings, type TemplateBlockHours } from '@trellis/core';
import type { Track } from '../../api/types.ts';
import { isRoomBooked, isStaleVersion, type FieldProblem } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatHours, formatMinutesAsHours } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { isNotFound, isRecordId, RecordNotFound } from '../../ui/RecordNotFound.tsx';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { useFacilitatorClashes, usePrograms, useRooms, useSaveTrack, useStaff, useTrack } from './api.ts';
import { BlockRow } from './BlockRow.tsx';
import {
  blockOnNextDay,
  facilitatorCheckOf,
  minutesOfBlock,
  newTrackForm,
  nextBlock,
  trackEditForm,
  trackValuesOf,
  WEEKDAYS,
  type FacilitatorCheck,
  type TrackValues,
} from './track-form.ts';

/** The form starts from the saved track; after a save the page remounts it from the server's copy (with block ids). */
function TrackForm({ track, initialProgramId }: { track: Track | undefined; initialProgramId: string | null }) {
  const navigate = useNavigate();
  const { me } = useAuth();
  const readOnly = !can(me, 'setup.write');
  const programs = usePrograms();
  const staff = useStaff();
  const save = useSaveTrack();
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const trackForm = useMemo(() => (track ? trackEditForm(track) : newTrackForm), [track]);
  const form = useForm<TrackValues>({ initialValues: trackValuesOf(track, initialProgramId), validate: trackForm.validate });
  const values = form.getValues();
  const program = programs.data?.find((p) => p.id === values.programId);
  const rooms = useRooms(program?.siteId);

  const staffOptions = (staff.data ?? [])
    .filter((s) => s.role === 'clinician' || s.role === 'director' || s.role === 'prescriber')
    .map((s) => ({ value: s.id, label: s.name }));
  const roomOptions = (rooms.data ?? [])
    .filter((r) => r.active || values.blocks.some((b) => b.roomId === r.id))
    .map((r) => ({ value: r.id, label: r.kind === 'virtual' ? `${r.name} (virtual)` : r.name }));
  // Checked a moment after typing stops; the text form of the check is a stable value to wait on.
  const [checkText] = useDebouncedValue(readOnly ? null : JSON.stringify(facilitatorCheckOf(values, track?.id)), 400);
  const facilitatorCheck = useMemo(() => (checkText ? (JSON.parse(checkText) as FacilitatorCheck | null) : null), [checkText]);
  const clashes = useFacilitatorClashes(facilitatorCheck?.check ?? null);
  const clashByBlock = new Map<number, string>();
  for (const c of (facilitatorCheck && clashes.data) ?? []) {
    const index = facilitatorCheck?.indexes[c.blockIndex];
    if (index === undefined || clashByBlock.has(index)) continue;
    const day = WEEKDAYS.find((d) => d.value === String(c.weekday))?.label ?? '';
    const where = c.trackName ? `${c.programName ?? ''} · ${c.trackName}` : 'another block of this track';
    clashByBlock.set(index, `${c.facilitatorName} also runs ${where} on ${day} ${c.startTime}–${c.endTime}.`);
  }
  const weeklyMinutes = values.blocks.reduce((sum, b) => sum + minutesOfBlock(b), 0);
  const belowMinimum = program && weeklyMinutes < program.minWeeklyHours * 60;
  // The same rule the server applies when saving (core's trackTemplateWarnings), on the blocks as typed so far.
  const warnings = program
    ? trackTemplateWarnings(
        values.blocks.flatMap((b): TemplateBlockHours[] =>
          b.weekday !== null && b.kind !== null && isValidLocalTime(b.startTime) && isValidLocalTime(b.endTime)
            ? [{ weekday: Number(b.weekday), startTime: b.startTime, endTime: b.endTime, kind: b.kind, breakMinutes: typeof b.breakMinutes === 'number' ? b.breakMinutes : 0 }]
            : [],
        ),
        { minWeeklyMinutes: program.minWeeklyHours * 60, perDiemMinMinutes: program.perDiemMinHours * 60 },
      )
    : [];

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(track ? { id: track.id, body: trackEditForm(track).request(v) } : { body: newTrackForm.request(v) });
      form.resetDirty();
      notifications.show({
        color: saved.warnings.length > 0 ? 'orange' : 'teal',
        title: track ? 'Track saved' : 'Track added',
        message: `${saved.name}: ${saved.summary}. Future sessions follow the new template.${saved.warnings.length > 0 ? ` ${saved.warnings.join(' ')}` : ''}`,
      });
      if (!track) void navigate(`/setup/tracks/${saved.id}`, { replace: true });
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['programId', 'name', 'active', 'blocks']));
    }
  });

  const addBlock = () => form.insertListItem('blocks', nextBlock(values.blocks[values.blocks.length - 1]));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={1100}>
        {isStaleVersion(save.error) ? (
          <ProblemAlert error={save.error} title="Changed by someone else" extra={[{ path: 'version', message: 'Reload the page to see the latest template, then make your changes again.' }]} />
        ) : (
          <ProblemAlert error={save.error} extra={extra} title={isRoomBooked(save.error) ? 'Room booked' : 'Could not save the track'} />
        )}
        <Paper withBorder radius="md" p="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label="Program"
              required
              disabled={!!track || readOnly}
              data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              w={{ base: '100%', xs: 300 }}
              {...form.getInputProps('programId')}
            />
            <TextInput label="Track name" required placeholder="e.g. Evening" w={{ base: '100%', xs: 260 }} disabled={readOnly} {...form.getInputProps('name')} />
            {track && <Switch label="Running" disabled={readOnly} {...form.getInputProps('active', { type: 'checkbox' })} mb={8} />}
          </Group>
        </Paper>

        <Group justify="space-between">
          <Text fw={600}>Weekly template</Text>
          <Text size="sm" c={belowMinimum ? 'orange.8' : 'dimmed'}>
            {formatMinutesAsHours(weeklyMinutes)} a week
            {program ? ` · the program requires at least ${formatHours(program.minWeeklyHours)}` : ''}
          </Text>
        </Group>
        {warnings.length > 0 && (
          <Alert color="orange" variant="light" title="Saved with a warning">
            {warnings.join(' ')}
          </Alert>
        )}
        {clashByBlock.size > 0 && (
          <Alert color="orange" variant="light" title="A facilitator is booked twice">
            {clashByBlock.size === 1 ? 'One block needs' : `${clashByBlock.size} blocks need`} a facilitator who already runs another group at that
            time. You can still save; check with them or choose someone else.
          </Alert>
        )}
        {values.blocks.length === 0 && (
          <EmptyState
            title="No blocks yet"
            action={
              !readOnly && (
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={addBlock}>
                  Add a block
                </Button>
              )
            }
          >
            Each block is a weekly session — for example Monday 18:00–19:30 group therapy in Room A.
          </EmptyState>
        )}
        {values.blocks.map((block, index) => (
          <BlockRow
            key={block.key}
            form={form}
            index={index}
            staffOptions={staffOptions}
            roomOptions={roomOptions}
            readOnly={readOnly}
            facilitatorWarning={clashByBlock.get(index)}
            onDuplicate={() => form.insertListItem('blocks', blockOnNextDay(block), index + 1)}
            onRemove={() => form.removeListItem('blocks', index)}
          />
        ))}
        {!readOnly && (
          <Group justify="space-between" wrap="wrap">
            {values.blocks.length > 0 ? (
              <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={addBlock}>
                Add block
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" component={Link} to="/setup/tracks">
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {track ? 'Save track' : 'Add track'}
              </Button>
            </Group>
          </Group>
        )}
        {track && (
          <Text size="xs" c="dimmed">
            Saving regenerates future sessions from the template. Sessions that already have attendance are kept.
          </Text>
        )}
      </Stack>
      <UnsavedChangesGuard when={form.isDirty() && !save.isPending} what="template changes" />
    </form>
  );
}

/** Create or edit a track and its weekly template of session blocks. */
export function TrackEditorPage() {
  const { trackId } = useParams();
  const [params] = useSearchParams();
  const track = useTrack(isRecordId(trackId) ? trackId : undefined);
  if (trackId !== undefined && (!isRecordId(trackId) || isNotFound(track.error))) {
    return <RecordNotFound what="Track" backTo="/setup/tracks" backLabel="Go to the tracks" />;
  }
  const title = trackId ? (track.data ? `${track.data.programName} · ${track.data.name}` : 'Track') : 'New track';

  return (
    <>
      <PageHeader
        title={title}
        description={track.data?.summary || 'A weekly timetable of sessions; its blocks become sessions on the schedule.'}
        above={
          <Anchor component={Link} to="/setup/tracks" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden /> Tracks
            </Group>
          </Anchor>
        }
      />
      {trackId && track.isPending && <Skeleton height={320} aria-label="Loading the track" />}
      {trackId && track.isError && <ProblemAlert error={track.error} title="This track could not be loaded" onRetry={() => void track.refetch()} />}
      {(!trackId || track.data) && <TrackForm key={`${trackId ?? 'new'}:${track.data?.version ?? 0}`} track={track.data} initialProgramId={params.get('programId')} />}
    </>
  );
}
