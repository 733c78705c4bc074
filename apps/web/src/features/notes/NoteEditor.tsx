import { useMemo, useState } from 'react';
import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  NOTE_FORMAT_LABELS,
  NOTE_FORMAT_SECTIONS,
  NOTE_FORMATS,
  NOTE_KIND_LABELS,
  NOTE_PRIVACY_LABELS,
  NOTE_PRIVACY,
  noteCreateSchema,
  SINGLE_NOTE_KINDS,
  type NoteFormat,
  type NotePrivacy,
  type NoteView,
  type SingleNoteKind,
} from '@trellis/core';
import { isStaleVersion, type FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useCreateNote, useSaveNote, useSignNote } from './api.ts';
import { fromSiteInput, toSiteInput } from './local-time.ts';

export interface NoteValues {
  kind: SingleNoteKind;
  privacy: NotePrivacy;
  format: NoteFormat;
  startsAt: string;
  endsAt: string;
  sections: Record<string, string>;
}

const FIELDS = ['kind', 'privacy', 'format', 'startsAt', 'endsAt', 'sections'];

const requestIn = (timeZone: string) => (v: NoteValues) => ({
  kind: v.kind,
  privacy: v.privacy,
  format: v.format,
  startsAt: fromSiteInput(v.startsAt, timeZone),
  endsAt: fromSiteInput(v.endsAt, timeZone),
  // Only the chosen format's sections go: switching format keeps the text of sections both share.
  sections: Object.fromEntries(NOTE_FORMAT_SECTIONS[v.format].map((s) => [s.key, v.sections[s.key] ?? ''])),
});
/** The form's rules and request, with its times read on the site's clock. */
const noteFormIn = (timeZone: string) =>
  coreRequestForm(noteCreateSchema, requestIn(timeZone), {
    whenEmpty: { startsAt: 'Enter when the contact started', endsAt: 'Enter when it ended' },
  });

interface NoteEditorProps {
  episodeId: string;
  /** The site's IANA zone: the times are shown and typed on its clock. */
  timeZone: string;
  /** The draft being edited, or null for a new note. */
  note: NoteView | null;
  /** Fetches the note as stored now (after a stale save); the form keeps what was typed. */
  reload: () => Promise<NoteView | undefined>;
  onSaved: (note: NoteView) => void;
}

/**
 * A draft note: kind, privacy, format, times and one text per section. Ctrl/⌘+S saves, Ctrl/⌘+Enter signs. A save
 * that someone else's save overtook offers to reload the note's version while keeping the text typed here.
 */
export function NoteEditor({ episodeId, timeZone, note, reload, onSaved }: NoteEditorProps) {
  const noteForm = useMemo(() => noteFormIn(timeZone), [timeZone]);
  const create = useCreateNote(episodeId);
  const saveNote = useSaveNote(episodeId);
  const sign = useSignNote(episodeId);
  const [version, setVersion] = useState(note?.version ?? 0);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const [stale, setStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const form = useForm<NoteValues>({
    initialValues: {
      kind: (note?.kind as SingleNoteKind | undefined) ?? 'individual',
      privacy: note?.privacy ?? 'record',
      format: note?.format ?? 'dap',
      startsAt: note ? toSiteInput(note.startsAt, timeZone) : '',
      endsAt: note ? toSiteInput(note.endsAt, timeZone) : '',
      sections: note?.sections ?? {},
    },
    validate: (values) => noteForm.validate(values),
  });
  const v = form.values;
  const zoneHint = `Site time (${timeZone})`;
  const busy = create.isPending || saveNote.isPending || sign.isPending;

  /** Saves the draft; returns the saved note, or null when it was refused (the form shows why). */
  const save = async (): Promise<NoteView | null> => {
    if (form.validate().hasErrors) return null;
    setExtra([]);
    setStale(false);
    const body = noteForm.request(form.values);
    try {
      const saved = note
        ? await saveNote.mutateAsync({
            id: note.id,
            input: { version, format: body.format, startsAt: body.startsAt, endsAt: body.endsAt, sections: body.sections },
          })
        : await create.mutateAsync(body);
      setVersion(saved.version);
      form.resetDirty();
      onSaved(saved);
      return saved;
    } catch (error) {
      if (isStaleVersion(error)) setStale(true);
      else setExtra(applyFieldErrors(form, error, FIELDS));
      return null;
    }
  };

  const saveAndSign = async () => {
    setConfirming(false);
    const saved = form.isDirty() || !note ? await save() : note;
    if (!saved) return;
    try {
      const signed = await sign.mutateAsync({ id: saved.id, version: saved.version });
      notifications.show({ color: 'teal', title: 'Note signed', message: signed.lateEntry ? 'Labelled as a late entry.' : 'It is now part of the record.' });
      onSaved(signed);
    } catch (error) {
      if (isStaleVersion(error)) setStale(true);
      else setExtra(applyFieldErrors(form, error, FIELDS));
    }
  };

  const reloadKeepingText = async () => {
    const fresh = await reload();
    if (fresh) setVersion(fresh.version);
    setStale(false);
    notifications.show({ title: 'Reloaded', message: 'Your text is kept. Check it against the latest version, then save.' });
  };

  const error = sign.error ?? (note ? saveNote.error : create.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={getHotkeyHandler([
        ['mod+S', () => void save()],
        ['mod+Enter', () => setConfirming(true)],
      ])}
    >
      <Stack gap="sm">
        {stale ? (
          <Alert color="orange" title="Changed by someone else">
            <Stack gap="xs">
              <Text size="sm">Someone saved this note after you opened it. Reload its latest version; what you typed here stays.</Text>
              <Group>
                <Button size="xs" onClick={() => void reloadKeepingText()}>
                  Reload, keeping my text
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={error} extra={extra} title="Could not save the note" />
        )}
        <Group grow align="flex-start">
          <NativeSelect
            label="Kind"
            disabled={!!note}
            data={SINGLE_NOTE_KINDS.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }))}
            {...form.getInputProps('kind')}
          />
          <NativeSelect
            label="Kept in"
            disabled={!!note}
            data={NOTE_PRIVACY.map((p) => ({ value: p, label: NOTE_PRIVACY_LABELS[p] }))}
            {...form.getInputProps('privacy')}
          />
        </Group>
        <div>
          <Text size="sm" fw={500} id="note-format-label">
            Format
          </Text>
          <SegmentedControl
            aria-labelledby="note-format-label"
            data={NOTE_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
            {...form.getInputProps('format')}
          />
          <Text size="xs" c="dimmed">
            {NOTE_FORMAT_LABELS[v.format]}
          </Text>
        </div>
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label="Started" description={zoneHint} required {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label="Ended" description={zoneHint} required {...form.getInputProps('endsAt')} />
        </Group>
        {NOTE_FORMAT_SECTIONS[v.format].map((s) => (
          <Textarea key={s.key} label={s.label} description={s.prompt} autosize minRows={3} {...form.getInputProps(`sections.${s.key}`)} />
        ))}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Ctrl/⌘+S saves · Ctrl/⌘+Enter signs
          </Text>
          <Group>
            <Button type="submit" variant="default" loading={create.isPending || saveNote.isPending}>
              Save draft
            </Button>
            <Button onClick={() => setConfirming(true)} disabled={busy}>
              Sign…
            </Button>
          </Group>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Sign this note?"
        confirmLabel="Sign"
        loading={busy}
        onConfirm={() => void saveAndSign()}
        onClose={() => setConfirming(false)}
      >
        A signed note cannot be changed. Corrections and additions are made as addenda, with your name and the time.
      </ConfirmModal>
    </form>
  );
}
