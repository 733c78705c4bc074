import { useState } from 'react';
import { Button, Checkbox, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { NOTE_KIND_LABELS } from '@trellis/core';
import { useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTimeIn } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useEpisodeNotes, useNote, useSignNotes } from './api.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteStatusBadges } from './NoteStatusBadges.tsx';
import { SignedNote } from './SignedNote.tsx';

/** The open note: a draft in the editor, a signed note with its addenda. */
function OpenNote({ episodeId, id, onSaved }: { episodeId: string; id: string; onSaved: (id: string) => void }) {
  const note = useNote(id);
  if (note.isPending) return <Loader />;
  if (note.isError) return <ProblemAlert error={note.error} title="Could not open the note" onRetry={() => void note.refetch()} />;
  if (note.data.status === 'signed') return <SignedNote note={note.data} />;
  return (
    <NoteEditor
      key={id}
      episodeId={episodeId}
      timeZone={note.data.timeZone}
      note={note.data}
      reload={() => note.refetch().then((r) => r.data)}
      onSaved={(n) => onSaved(n.id)}
    />
  );
}

/** An episode's notes, newest first: open one, write a new one, or sign several of one's drafts at once. */
export function NotesPage() {
  const { episodeId = '' } = useParams();
  usePageTitle('Notes');
  const me = useMe();
  const list = useEpisodeNotes(episodeId);
  const batch = useSignNotes(episodeId);
  // A link may open one note (the supervision view's rows do).
  const [search] = useSearchParams();
  const [open, setOpen] = useState<string | null>(search.get('note'));
  const [picked, setPicked] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const writes = can(me, 'note.sign');
  const notes = list.data?.notes ?? [];
  const myDrafts = notes.filter((n) => n.status === 'draft' && n.author.id === me.id);

  const signPicked = async () => {
    const chosen = myDrafts.filter((n) => picked.includes(n.id)).map((n) => ({ id: n.id, version: n.version }));
    try {
      await batch.mutateAsync(chosen);
      notifications.show({ color: 'teal', title: 'Notes signed', message: `${chosen.length} note${chosen.length === 1 ? '' : 's'} signed.` });
      setPicked([]);
      setConfirming(false);
    } catch {
      // The alert in the dialog says which note and why.
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>Notes</Title>
        <Group>
          {writes && picked.length > 0 && <Button onClick={() => setConfirming(true)}>Sign selected ({picked.length})</Button>}
          {writes && (
            <Button variant="default" onClick={() => setOpen('new')}>
              New note
            </Button>
          )}
        </Group>
      </Group>
      {list.isPending ? (
        <Loader />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Could not load the notes" onRetry={() => void list.refetch()} />
      ) : notes.length === 0 ? (
        <Text c="dimmed">No notes for this episode yet.</Text>
      ) : (
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th aria-label="Select for signing" />
              <Table.Th>When</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Author</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notes.map((n) => {
              const mine = myDrafts.includes(n);
              const label = `${NOTE_KIND_LABELS[n.kind]} note, ${formatDateTimeIn(n.startsAt, n.timeZone)}`;
              return (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    {mine && (
                      <Checkbox
                        aria-label={`Select ${label} for signing`}
                        checked={picked.includes(n.id)}
                        onChange={(e) => setPicked((p) => (e.currentTarget.checked ? [...p, n.id] : p.filter((x) => x !== n.id)))}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setOpen(n.id)} aria-label={`Open ${label}`}>
                      {formatDateTimeIn(n.startsAt, n.timeZone)} · {n.durationMinutes} min
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    {NOTE_KIND_LABELS[n.kind]}
                    {n.format ? ` (${n.format.toUpperCase()})` : ''}
                  </Table.Td>
                  <Table.Td>{n.author.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <NoteStatusBadges note={n} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <Paper withBorder p="md">
          <Title order={3} mb="sm">
            {open === 'new' ? 'New note' : 'Note'}
          </Title>
          {open === 'new' ? (
            list.data ? (
              <NoteEditor episodeId={episodeId} timeZone={list.data.timeZone} note={null} reload={() => Promise.resolve(undefined)} onSaved={(n) => setOpen(n.id)} />
            ) : (
              <Loader />
            )
          ) : (
            <OpenNote episodeId={episodeId} id={open} onSaved={setOpen} />
          )}
        </Paper>
      )}
      <ConfirmModal
        opened={confirming}
        title={`Sign ${picked.length} note${picked.length === 1 ? '' : 's'}?`}
        confirmLabel="Sign all"
        loading={batch.isPending}
        error={batch.error}
        onConfirm={() => void signPicked()}
        onClose={() => setConfirming(false)}
      >
        Signed notes cannot be changed; corrections are addenda. If one of them is incomplete, none is signed.
      </ConfirmModal>
    </Stack>
  );
}
