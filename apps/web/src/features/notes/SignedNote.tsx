import { useState } from 'react';
import { Badge, Button, Code, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { GROUP_ATTENDEE_SECTIONS, GROUP_SHARED_SECTIONS, NOTE_FORMAT_SECTIONS, type NoteView } from '@trellis/core';
import { useMe } from '../../app/auth-context.tsx';
import { formatDateTime, formatDateTimeIn, formatTimeIn } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { DownloadPdfButton } from '../../ui/DownloadPdfButton.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useAddAddendum, useCosignNote } from './api.ts';
import { NoteStatusBadges } from './NoteStatusBadges.tsx';

function sectionsOf(note: NoteView) {
  return note.format ? NOTE_FORMAT_SECTIONS[note.format] : [...GROUP_SHARED_SECTIONS, ...GROUP_ATTENDEE_SECTIONS];
}

/** A signed note as the record keeps it: its sections, hash, co-signature and addenda; it takes addenda only. */
export function SignedNote({ note }: { note: NoteView }) {
  const me = useMe();
  const cosign = useCosignNote(note.episodeId);
  const addendum = useAddAddendum(note.episodeId);
  const [text, setText] = useState('');
  const mayCosign = note.cosignature === 'pending' && can(me, 'note.cosign') && me.id !== note.author.id;

  const addAddendum = async () => {
    try {
      await addendum.mutateAsync({ id: note.id, text });
      setText('');
      notifications.show({ color: 'teal', title: 'Addendum added', message: 'The note itself is unchanged.' });
    } catch {
      // Shown by the alert below.
    }
  };

  return (
    <Stack gap="sm">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <NoteStatusBadges note={note} />
          {note.intact === false && <Badge color="red">Content does not match its hash</Badge>}
        </Group>
        <DownloadPdfButton href={`/api/v1/notes/${note.id}/pdf`} what="this note" />
      </Group>
      <Text size="sm">
        Session: {formatDateTimeIn(note.startsAt, note.timeZone)} – {formatTimeIn(note.endsAt, note.timeZone)} ({note.durationMinutes} min, site time)
      </Text>
      <Text size="sm">
        Signed by {note.author.name} on {note.signedAt ? formatDateTime(note.signedAt) : '—'}
        {note.lateEntry && ' (late entry: written then, after the note’s deadline)'}
        {note.cosignedBy && note.cosignedAt && ` · co-signed by ${note.cosignedBy.name} on ${formatDateTime(note.cosignedAt)}`}
      </Text>
      {note.facilitators.length > 0 && <Text size="sm">Facilitators: {note.facilitators.map((f) => f.name).join(', ')}</Text>}
      {sectionsOf(note).map((s) => (
        <div key={s.key}>
          <Text size="sm" fw={600}>
            {s.label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.sections[s.key] || '—'}
          </Text>
        </div>
      ))}
      <Text size="xs" c="dimmed">
        Content hash (SHA-256): <Code>{note.contentHash}</Code>
      </Text>
      {mayCosign && (
        <Group>
          <ProblemAlert error={cosign.error} title="Could not co-sign" />
          <Button onClick={() => void cosign.mutateAsync({ id: note.id, version: note.version }).catch(() => undefined)} loading={cosign.isPending}>
            Co-sign as supervisor
          </Button>
        </Group>
      )}
      <Title order={4}>Addenda</Title>
      {note.addenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          No addenda.
        </Text>
      ) : (
        note.addenda.map((a) => (
          <Paper key={a.id} withBorder p="xs">
            <Text size="xs" c="dimmed">
              Addendum by {a.author.name}, {formatDateTime(a.writtenAt)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.text}
            </Text>
          </Paper>
        ))
      )}
      {can(me, 'note.sign') && (
        <Stack gap="xs">
          <ProblemAlert error={addendum.error} title="Could not add the addendum" />
          <Textarea label="New addendum" description="A correction or addition, kept with your name and the time." autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" disabled={!text.trim()} loading={addendum.isPending} onClick={() => void addAddendum()}>
              Add addendum
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
