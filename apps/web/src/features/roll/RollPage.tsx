import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconChecks, IconDeviceFloppy } from '@tabler/icons-react';
import { useParams } from 'react-router-dom';
import { minutesBetween } from '@trellis/core';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { ApiError, type FieldProblem } from '../../app/api-client.ts';
import { newIdempotencyKey } from '../../app/idempotency.ts';
import { forgetTabDraft, loadTabDraft, storeTabDraft } from '../../app/tab-drafts.ts';
import { registerUnsavedWork } from '../../app/unsaved-work.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { isNotFound, isRecordId, RecordNotFound } from '../../ui/RecordNotFound.tsx';
import { UnsavedChangesGuard } from '../../ui/UnsavedChangesGuard.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { CancelSessionModal } from '../schedule/CancelSessionModal.tsx';
import { CoFacilitatorsModal } from '../schedule/CoFacilitatorsModal.tsx';
import type { Roll } from '../../api/types.ts';
import { useRoll, useSaveRoll } from './api.ts';
import { RollHeader } from './RollHeader.tsx';
import { RollRow } from './RollRow.tsx';
import {
  changedParticipants,
  draftFromEntries,
  draftProblems,
  entriesOf,
  minutesOf,
  restoreDraft,
  unsavedRows,
  type DraftMark,
  type RollDraft,
} from './roll-draft.ts';

function RollSkeleton() {
  usePageTitle('Roll');
  return (
    <Stack role="status" aria-label="Loading the roll">
      <Skeleton height={30} width="50%" />
      <Skeleton height={16} width="35%" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} height={64} />
      ))}
    </Stack>
  );
}

/** Server problems at 'entries.N.field' put on the row of the N-th submitted entry. */
function rowProblemsFrom(error: unknown, order: string[]): { rows: Record<string, Record<string, string>>; rest: FieldProblem[] } {
  const rows: Record<string, Record<string, string>> = {};
  const rest: FieldProblem[] = [];
  if (!(error instanceof ApiError)) return { rows, rest };
  for (const problem of error.errors) {
    const match = /entries\.(\d+)\.?(\w+)?/.exec(problem.path);
    const participantId = match ? order[Number(match[1])] : undefined;
    if (participantId) {
      rows[participantId] = { ...rows[participantId], [match?.[2] ?? 'status']: problem.message };
    } else rest.push(problem);
  }
  return { rows, rest };
}

interface RollEditorProps {
  roll: Roll;
  userId: string;
  canWrite: boolean;
  /** May read and write group notes: the roll links to the session's group note. */
  canNote?: boolean;
  canCancel: boolean;
}

function RollEditor({ roll, userId, canWrite, canCancel, canNote = false }: RollEditorProps) {
  const session = roll.session;
  const draftKey = `roll:${session.id}`;
  const save = useSaveRoll(session.id);
  const saved = useMemo(() => draftFromEntries(roll.entries), [roll.entries]);
  // Marks left unsaved when this person was signed out for being idle come back, still unsaved.
  const [kept] = useState(() => (canWrite ? restoreDraft(saved, loadTabDraft(userId, draftKey)) : { draft: saved, restored: 0 }));
  const [draft, setDraft] = useState<RollDraft>(kept.draft);
  const [showRestored, setShowRestored] = useState(kept.restored > 0);
  const [savedSnapshot, setSavedSnapshot] = useState(saved);
  const [cancelling, setCancelling] = useState(false);
  const [editingCoFacilitators, setEditingCoFacilitators] = useState(false);
  // The moment the roll was opened: whether the group has begun is judged against it, not re-read on every render.
  const [openedAt] = useState(() => Date.now());
  // One key per batch of edits: a retry of the same batch reuses it, any new edit starts a new batch.
  const idempotencyKey = useRef<string | null>(null);

  // A fresh roll from the server (after saving, or someone else's save on reload) replaces the draft.
  if (saved !== savedSnapshot) {
    setSavedSnapshot(saved);
    setDraft(saved);
  }

  const sessionMinutes = Math.max(0, minutesBetween(session.startsAt, session.endsAt));
  const order = roll.entries.map((e) => e.participantId);
  const changed = new Set(changedParticipants(draft, saved));
  const dirty = changed.size > 0;
  const localProblems = draftProblems(draft, sessionMinutes);
  const submitted = entriesOf(draft, order);
  const server = rowProblemsFrom(save.error, submitted.map((e) => e.participantId));
  const markedCount = order.filter((id) => draft[id]?.status).length;
  const cancelled = session.status === 'cancelled';
  const readOnly = !canWrite || cancelled;
  // Before a group begins only an excused absence can be known (the server refuses other marks until it starts).
  const notStarted = Date.parse(session.startsAt) > openedAt;

  const onChange = useCallback((participantId: string, next: Partial<DraftMark>) => {
    idempotencyKey.current = null;
    setDraft((current) => {
      const row = current[participantId] ?? { status: null, lateMinutes: '', leftEarlyMinutes: '' };
      return { ...current, [participantId]: { ...row, ...next } };
    });
  }, []);

  // Only rows nobody has marked: an absence or a late arrival already entered is never overwritten.
  const markAllPresent = () => {
    idempotencyKey.current = null;
    setDraft((current) => {
      const next: RollDraft = { ...current };
      for (const id of order) {
        const row = current[id];
        if (!row?.status) next[id] = { lateMinutes: '', leftEarlyMinutes: '', ...row, status: 'present' };
      }
      return next;
    });
  };

  const hasLocalProblems = Object.keys(localProblems).length > 0;

  /** Saves the roll; throws when it was not saved (the error is also shown above the save bar). */
  const saveRoll = async () => {
    if (hasLocalProblems) throw new Error('Fix the highlighted minutes before saving.');
    idempotencyKey.current ??= newIdempotencyKey();
    const result = await save.mutateAsync({ entries: submitted, idempotencyKey: idempotencyKey.current });
    idempotencyKey.current = null;
    setShowRestored(false);
    const present = result.entries.filter((e) => e.status && e.status !== 'absent' && e.status !== 'excused').length;
    notifications.show({
      color: 'teal',
      title: 'Roll saved',
      message: `${result.entries.filter((e) => e.status).length} marked, ${present} attended. Weekly hours are updated.`,
    });
  };

  const submit = async () => {
    try {
      await saveRoll();
    } catch {
      // The error is shown above the save bar; the key is kept so "Save roll" again is a safe retry.
    }
  };

  // Unsaved marks are kept in this tab (ids and marks, no names) so an idle logoff does not lose them.
  const unsaved = useMemo(() => unsavedRows(draft, saved), [draft, saved]);
  useEffect(() => {
    if (!canWrite) return;
    if (Object.keys(unsaved).length > 0) storeTabDraft(userId, draftKey, unsaved);
    else forgetTabDraft(userId, draftKey);
  }, [canWrite, draftKey, unsaved, userId]);

  // The idle-logoff warning offers "Save now" while there is something to save.
  const saveRollRef = useRef(saveRoll);
  useEffect(() => {
    saveRollRef.current = saveRoll;
  });
  useEffect(() => {
    if (!dirty || readOnly) return;
    return registerUnsavedWork({ what: 'attendance marks', save: () => saveRollRef.current() });
  }, [dirty, readOnly]);

  return (
    <>
      <RollHeader session={session} groupNote={canNote} onEditCoFacilitators={canCancel ? () => setEditingCoFacilitators(true) : undefined} />
      <Stack gap="sm" pb={96}>
        {cancelled && (
          <Alert color="gray" icon={<IconBan size={18} aria-hidden />} title="This session was cancelled">
            {session.cancelReason ?? 'No reason was given.'} Attendance cannot be taken for a cancelled session.
          </Alert>
        )}
        {showRestored && dirty && (
          <Alert color="blue" variant="light" title="Unsaved marks restored" withCloseButton onClose={() => setShowRestored(false)}>
            You were signed out before these marks were saved. They are shown again below; save the roll to keep them.
          </Alert>
        )}
        {notStarted && !readOnly && (
          <Alert color="blue" variant="light" title="This session has not started yet">
            You can record excused absences now. Take the rest of the roll once the group begins.
          </Alert>
        )}
        {!canWrite && !cancelled && (
          <Alert color="blue" variant="light">
            You can view this roll; taking attendance needs a facilitator or clinician role.
          </Alert>
        )}
        {roll.entries.length === 0 ? (
          <EmptyState title="Nobody is expected at this session">
            The roster is the track's members on the session date. Admit a participant to {session.trackName}, or move one onto it, and they
            appear here.
          </EmptyState>
        ) : (
          <>
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {roll.entries.length} expected · {markedCount} marked
              </Text>
              <Group gap="xs">
                {canCancel && !cancelled && roll.entries.every((e) => e.status === null) && (
                  <Button variant="subtle" color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setCancelling(true)}>
                    Cancel session
                  </Button>
                )}
                {!readOnly && !notStarted && markedCount < order.length && (
                  <Button variant="light" size="md" leftSection={<IconChecks size={18} aria-hidden />} onClick={markAllPresent}>
                    Mark all present
                  </Button>
                )}
              </Group>
            </Group>
            {roll.entries.map((entry) => {
              const mark = draft[entry.participantId] ?? { status: null, lateMinutes: '', leftEarlyMinutes: '' };
              return (
                <RollRow
                  key={entry.participantId}
                  participantId={entry.participantId}
                  displayName={entry.displayName}
                  mark={mark}
                  minutes={minutesOf(mark, sessionMinutes)}
                  changed={changed.has(entry.participantId)}
                  problems={{ ...server.rows[entry.participantId], ...localProblems[entry.participantId] }}
                  readOnly={readOnly}
                  onlyExcused={notStarted}
                  onChange={onChange}
                />
              );
            })}
          </>
        )}
      </Stack>

      {!readOnly && roll.entries.length > 0 && (
        <Paper
          withBorder
          shadow="md"
          p="sm"
          radius="md"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
        >
          <Stack gap="xs">
            {save.isError && <ProblemAlert error={save.error} extra={server.rest} title="The roll was not saved" />}
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" c={dirty ? 'blue.8' : 'dimmed'} fw={dirty ? 600 : 400} aria-live="polite">
                {hasLocalProblems
                  ? 'Fix the highlighted minutes before saving.'
                  : dirty
                    ? `${changed.size} unsaved ${changed.size === 1 ? 'change' : 'changes'}`
                    : markedCount === 0
                      ? 'Nobody is marked yet.'
                      : 'All changes saved.'}
              </Text>
              <Button
                size="lg"
                leftSection={<IconDeviceFloppy size={20} aria-hidden />}
                onClick={() => void submit()}
                loading={save.isPending}
                disabled={!dirty || hasLocalProblems}
              >
                Save roll
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <UnsavedChangesGuard when={dirty && !save.isPending} what="attendance marks" />
      {cancelling && <CancelSessionModal session={session} onClose={() => setCancelling(false)} />}
      {editingCoFacilitators && <CoFacilitatorsModal session={session} onClose={() => setEditingCoFacilitators(false)} />}
    </>
  );
}

/** The facilitator's roll for one session, built for a tablet: tap a status per person, then save once. */
export function RollPage() {
  const { sessionId = '' } = useParams();
  const { me } = useAuth();
  const validId = isRecordId(sessionId);
  const roll = useRoll(sessionId, validId);
  if (!validId || isNotFound(roll.error)) return <RecordNotFound what="Session" backTo="/schedule" backLabel="Go to the schedule" />;
  if (roll.isPending) return <RollSkeleton />;
  if (roll.isError) return <ProblemAlert error={roll.error} title="The roll could not be loaded" onRetry={() => void roll.refetch()} />;
  return <RollEditor roll={roll.data} userId={me?.id ?? ''} canWrite={can(me, 'attendance.write')} canCancel={can(me, 'session.write')} canNote={can(me, 'clinical-note.read')} />;
}
