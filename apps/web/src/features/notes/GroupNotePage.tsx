import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import {
  ATTENDANCE_STATUS_LABELS,
  GROUP_ATTENDEE_SECTIONS,
  GROUP_SHARED_SECTIONS,
  groupNoteSaveSchema,
  OBJECTIVE_PROGRESS_LABELS,
  type AttendanceStatus,
  type GroupNoteView,
  type ObjectiveProgress,
} from '@trellis/core';
import { Link, useParams } from 'react-router-dom';
import { isStaleVersion, type FieldProblem } from '../../app/api-client.ts';
import { useMe } from '../../app/auth-context.tsx';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { formatLongWeekdayDate, formatTimeRange } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { ObjectivePicks } from './ObjectivePicks.tsx';
import { useGroupNote, useSaveGroupNote, useSignGroupNote } from './api.ts';

interface GroupValues {
  shared: Record<string, string>;
  attendees: { participantId: string; sections: Record<string, string>; objectives: { objectiveId: string; progress: ObjectiveProgress }[] }[];
}

const valuesOf = (view: GroupNoteView): GroupValues => ({
  shared: { ...view.shared },
  attendees: view.attendees.map((a) => ({ participantId: a.participantId, sections: { ...a.sections }, objectives: a.objectives })),
});

function GroupNoteForm({ view, refetch }: { view: GroupNoteView; refetch: () => Promise<GroupNoteView | undefined> }) {
  const me = useMe();
  const save = useSaveGroupNote(view.sessionId);
  const sign = useSignGroupNote(view.sessionId);
  const [version, setVersion] = useState(view.version);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const [stale, setStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [accept, setAccept] = useState(false);
  const request = coreRequestForm(groupNoteSaveSchema, (v: GroupValues) => ({ version, facilitatorIds: view.facilitators.map((f) => f.id), ...v }));
  const form = useForm<GroupValues>({ initialValues: valuesOf(view), validate: (v) => request.validate(v) });
  const signed = view.status === 'signed';
  const writes = can(me, 'note.sign') && !signed;

  const saveDraft = async (): Promise<GroupNoteView | null> => {
    if (form.validate().hasErrors) return null;
    setExtra([]);
    setStale(false);
    try {
      const saved = await save.mutateAsync(request.request(form.values));
      setVersion(saved.version);
      form.resetDirty();
      return saved;
    } catch (error) {
      if (isStaleVersion(error)) setStale(true);
      else setExtra(applyFieldErrors(form, error, ['shared', 'attendees']));
      return null;
    }
  };

  const signNote = async () => {
    setConfirming(false);
    const saved = form.isDirty() || version === 0 ? await saveDraft() : view;
    if (!saved) return;
    try {
      const done = await sign.mutateAsync({ version: saved.version, acceptNearDuplicates: accept });
      notifications.show({ color: 'teal', title: 'Group note signed', message: `A note is now in each of ${done.attendees.length} attendees’ charts.` });
    } catch (error) {
      if (isStaleVersion(error)) setStale(true);
      else setExtra(applyFieldErrors(form, error, ['shared', 'attendees']));
    }
  };

  const pairs = (save.data ?? view).nearDuplicates;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft();
      }}
      onKeyDown={getHotkeyHandler(writes ? [['mod+S', () => void saveDraft()], ['mod+Enter', () => setConfirming(true)]] : [])}
    >
      <Stack gap="md">
        {stale ? (
          <Alert color="orange" title="Changed by someone else">
            <Stack gap="xs">
              <Text size="sm">Someone saved this group note after you opened it. Reload its latest version; what you typed here stays.</Text>
              <Group>
                <Button
                  size="xs"
                  onClick={() =>
                    void refetch().then((fresh) => {
                      if (fresh) setVersion(fresh.version);
                      setStale(false);
                    })
                  }
                >
                  Reload, keeping my text
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={sign.error ?? save.error} extra={extra} title="Could not save the group note" />
        )}
        {pairs.length > 0 && !signed && (
          <Alert color="yellow" title="Near-duplicate entries">
            Payers deny notes whose individual parts are copies. These read nearly the same:
            <ul>
              {pairs.map((p) => (
                <li key={`${p.a.participantId}-${p.b.participantId}`}>
                  {p.a.displayName} and {p.b.displayName}: {Math.round(p.similarity * 100)}% alike
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <Paper withBorder p="md">
          <Title order={3} mb="xs">
            Shared (written once, copied into every attendee’s note)
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            Facilitators: {view.facilitators.map((f) => f.name).join(', ') || 'none named'}
          </Text>
          <Stack gap="xs">
            {GROUP_SHARED_SECTIONS.map((s) => (
              <Textarea key={s.key} label={s.label} description={s.prompt} autosize minRows={1} readOnly={!writes} {...form.getInputProps(`shared.${s.key}`)} />
            ))}
          </Stack>
        </Paper>
        {view.attendees.length === 0 ? (
          <Text c="dimmed">Nobody is marked present, late or left early on this session’s roll yet. Take the roll first.</Text>
        ) : (
          view.attendees.map((a, i) => (
            // Every entry has the same four fields: the group names whose they are, for screen readers and voice control.
            <Paper key={a.participantId} withBorder p="md" role="group" aria-label={`${a.displayName}’s entry`}>
              <Group gap="xs" mb="xs">
                <Title order={4}>{a.displayName}</Title>
                <Badge variant="light">{ATTENDANCE_STATUS_LABELS[a.attendance as AttendanceStatus] ?? a.attendance}</Badge>
                {a.noteId && <Badge color="teal">In chart</Badge>}
              </Group>
              <Stack gap="xs">
                {GROUP_ATTENDEE_SECTIONS.map((s) => (
                  <Textarea
                    key={s.key}
                    label={s.label}
                    description={s.prompt}
                    autosize
                    minRows={1}
                    readOnly={!writes}
                    {...form.getInputProps(`attendees.${i}.sections.${s.key}`)}
                  />
                ))}
                {signed ? (
                  a.objectives.length > 0 && (
                    <Text size="sm">Objectives: {a.objectives.map((o) => OBJECTIVE_PROGRESS_LABELS[o.progress]).join(', ')}</Text>
                  )
                ) : (
                  <ObjectivePicks
                    who={a.displayName}
                    offers={a.planObjectives}
                    value={form.values.attendees[i]?.objectives ?? []}
                    onChange={(next) => form.setFieldValue(`attendees.${i}.objectives`, next)}
                    readOnly={!writes}
                  />
                )}
              </Stack>
            </Paper>
          ))
        )}
        {writes && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Tab moves between fields · Ctrl/⌘+S saves · Ctrl/⌘+Enter signs
            </Text>
            <Group>
              <Button type="submit" variant="default" loading={save.isPending}>
                Save draft
              </Button>
              <Button onClick={() => setConfirming(true)} disabled={view.attendees.length === 0}>
                Sign…
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Sign the group note?"
        confirmLabel="Sign"
        loading={save.isPending || sign.isPending}
        onConfirm={() => void signNote()}
        onClose={() => setConfirming(false)}
      >
        <Stack gap="xs">
          <Text size="sm">
            One note goes into each of the {view.attendees.length} attendees’ charts, naming no one else. Signed notes cannot be changed.
          </Text>
          {pairs.length > 0 && (
            <Checkbox label="Sign although some entries read nearly the same" checked={accept} onChange={(e) => setAccept(e.currentTarget.checked)} />
          )}
        </Stack>
      </ConfirmModal>
    </form>
  );
}

/** A session's group note, reached from its roll: the shared part once, an entry for each attendee. */
export function GroupNotePage() {
  const { sessionId = '' } = useParams();
  usePageTitle('Group note');
  const note = useGroupNote(sessionId);
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/sessions/${sessionId}/roll`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Roll
        </Group>
      </Anchor>
      {note.isPending ? (
        <Loader />
      ) : note.isError ? (
        <ProblemAlert error={note.error} title="Could not load the group note" onRetry={() => void note.refetch()} />
      ) : (
        <>
          <Group gap="sm">
            <Title order={1} fz={{ base: 22, sm: 28 }}>
              Group note: {note.data.session.title}
            </Title>
            {note.data.status === 'signed' ? <Badge color="teal">Signed</Badge> : <Badge color="gray">Draft</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {note.data.session.programName} · {formatLongWeekdayDate(note.data.session.localDate)},{' '}
            {formatTimeRange(note.data.session.startsAt, note.data.session.endsAt, note.data.session.timeZone)}
          </Text>
          <GroupNoteForm key={`${note.data.status}`} view={note.data} refetch={() => note.refetch().then((r) => r.data)} />
        </>
      )}
    </Stack>
  );
}
