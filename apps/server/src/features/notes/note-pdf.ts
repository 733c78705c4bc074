/**
 * A signed note as a PDF: a pure function of the loaded note, in the shared record layout. A group note in a chart is
 * that participant's own note (the shared sections and their individualised entry, never another attendee): it prints
 * what the chart holds, and the facilitators are staff.
 */
import {
  GROUP_ATTENDEE_SECTIONS,
  GROUP_SHARED_SECTIONS,
  NOTE_FORMAT_LABELS,
  NOTE_FORMAT_SECTIONS,
  NOTE_KIND_LABELS,
  OBJECTIVE_PROGRESS_LABELS,
  type CosignatureState,
  type NoteView,
} from '@trellis/core';
import { renderPdf, siteDateTime, type DocumentHeader } from '../../pdf/layout.ts';

const COSIGNATURE_WORDS: Record<CosignatureState, string> = {
  not_required: 'not required',
  pending: 'pending (pre-licensed author)',
  cosigned: 'co-signed',
};

/** The note's PDF: when and how long, its sections, objectives addressed, signature, co-signature and addenda. */
export function notePdf(
  header: DocumentHeader,
  note: NoteView,
  objectiveNames: ReadonlyMap<string, string>,
  exportedAt: Date,
): Promise<Buffer> {
  const at = (instant: string) => siteDateTime(instant, header.timeZone);
  const sections = note.format
    ? NOTE_FORMAT_SECTIONS[note.format]
    : [...GROUP_SHARED_SECTIONS, ...GROUP_ATTENDEE_SECTIONS];
  return renderPdf({
    title: `${NOTE_KIND_LABELS[note.kind]} note`,
    header,
    exportedAt,
    body: (w) => {
      w.field('Session', `${at(note.startsAt)} to ${at(note.endsAt)} (${note.durationMinutes} min)`);
      if (note.format) w.field('Format', NOTE_FORMAT_LABELS[note.format]);
      if (note.facilitators.length > 0) w.field('Facilitators', note.facilitators.map((f) => f.name).join(', '));
      for (const s of sections) {
        w.heading(s.label);
        w.paragraph(note.sections[s.key]);
      }
      if (note.objectives.length > 0) {
        w.heading('Plan objectives addressed');
        w.bullets(
          note.objectives.map(
            (o) =>
              `${objectiveNames.get(o.objectiveId) ?? 'An objective of an earlier plan version'}: ${OBJECTIVE_PROGRESS_LABELS[o.progress]}`,
          ),
        );
      }
      w.heading('Signatures');
      w.signature(
        'Author',
        note.author.name,
        `signed electronically in Trellis, ${note.signedAt ? at(note.signedAt) : '-'}${note.lateEntry ? ' (late entry)' : ''}`,
      );
      if (note.cosignature) w.field('Co-signature', COSIGNATURE_WORDS[note.cosignature]);
      if (note.cosignedBy && note.cosignedAt) {
        w.signature('Supervisor', note.cosignedBy.name, `co-signed electronically in Trellis, ${at(note.cosignedAt)}`);
        w.paragraph(note.cosignAttestation);
      }
      w.field('Content hash (SHA-256)', note.contentHash);
      if (note.addenda.length > 0) {
        w.heading('Addenda');
        for (const a of note.addenda) {
          w.subheading(`Addendum by ${a.author.name}, ${at(a.writtenAt)}`);
          w.paragraph(a.text);
        }
      }
    },
  });
}
