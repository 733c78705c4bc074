/**
 * Clinical notes: kinds, privacy classes, the draft → signed life of a note, co-signature, late entries, and the group
 * note's shared and individualised sections. Signing locks a note (domain.md §6: CMS Program Integrity Manual ch. 3
 * §3.3.2.5 — entries dated, timed and authenticated; later changes are labelled addenda that keep the original).
 */
import { NOTE_FORMAT_SECTIONS, type NoteFormat, type NoteSection } from './note-formats.ts';

export const NOTE_KINDS = ['individual', 'family', 'psychiatric', 'group'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
/** Kinds a clinician writes one at a time; group notes are written from a session's roll. */
export const SINGLE_NOTE_KINDS = ['individual', 'family', 'psychiatric'] as const satisfies readonly NoteKind[];
export type SingleNoteKind = (typeof SINGLE_NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  individual: 'Individual',
  family: 'Family',
  psychiatric: 'Psychiatric',
  group: 'Group',
};

/**
 * Where a note lives. `record`: the clinical record. `psychotherapy`: HIPAA psychotherapy notes (45 CFR 164.501),
 * kept apart from the record. `sud_counseling`: 42 CFR Part 2 SUD counseling notes (2024 final rule, §2.11), the Part 2
 * analogue. Both private classes are visible to their author only.
 */
export const NOTE_PRIVACY = ['record', 'psychotherapy', 'sud_counseling'] as const;
export type NotePrivacy = (typeof NOTE_PRIVACY)[number];

export const NOTE_PRIVACY_LABELS: Record<NotePrivacy, string> = {
  record: 'Clinical record',
  psychotherapy: 'Psychotherapy note (private to you)',
  sud_counseling: 'SUD counseling note (private to you, 42 CFR Part 2)',
};

export const NOTE_STATUSES = ['draft', 'signed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** The longest text one section may hold. */
export const NOTE_SECTION_MAX_LENGTH = 20_000;
/** The longest contact a note may cover. */
export const NOTE_MAX_DURATION_MINUTES = 12 * 60;
/** An addendum's longest text. */
export const NOTE_ADDENDUM_MAX_LENGTH = 10_000;
/**
 * Hours after a contact ends by which its note should be signed, unless the program sets another deadline; a note
 * signed later is a late entry. Trellis's default; state rules vary (WAC 388-877B-0350: before the next session).
 */
export const NOTE_DEADLINE_HOURS_DEFAULT = 24;
/** The longest deadline a program may set: two weeks (the database's program_note_deadline_check). */
export const NOTE_DEADLINE_HOURS_MAX = 336;

/** What a co-signer attests, stored with the co-signature (domain.md §6, co-signature). */
export const COSIGN_ATTESTATION =
  'I have reviewed this note and, as the supervising clinician, agree with the services documented.';

/** The group note's shared sections, written once for the whole session. */
export const GROUP_SHARED_SECTIONS: readonly NoteSection[] = [
  { key: 'topic', label: 'Topic', prompt: 'The group’s topic today.' },
  { key: 'curriculumItem', label: 'Curriculum item', prompt: 'The curriculum unit or skill taught.' },
  { key: 'modality', label: 'Modality', prompt: 'The approach used: CBT, DBT skills, psychoeducation, relapse prevention…' },
  { key: 'covered', label: 'What was covered', prompt: 'Exercises, discussion and materials; no participant names.' },
];

/** Each attendee's individualised sections. */
export const GROUP_ATTENDEE_SECTIONS: readonly NoteSection[] = [
  { key: 'participation', label: 'Participation', prompt: 'How this participant took part.' },
  { key: 'response', label: 'Response', prompt: 'How they responded to the content and the group.' },
  { key: 'risk', label: 'Risk observations', prompt: 'Safety, craving or use observed or reported; “none observed” if so.' },
  { key: 'plan', label: 'Plan', prompt: 'Follow-up for this participant.' },
];

/** The attendee sections the near-duplicate check compares: the narrative that must be about this one person. */
export const GROUP_INDIVIDUAL_NARRATIVE_KEYS = ['participation', 'response'] as const;

export interface NoteProblem {
  field: string;
  message: string;
  status: 400 | 422;
}

/** Why a note may not be changed (409's reason), or null for a draft. */
export function noteEditRefusal(note: { status: NoteStatus }): string | null {
  return note.status === 'signed' ? 'A signed note cannot be changed. Add an addendum to correct or add to it.' : null;
}

/** Whether a reader may see a note: record notes by the record's rules, private notes by their author only. */
export function mayReadNotePrivacy(note: { privacy: NotePrivacy; authorId: string }, readerId: string): boolean {
  return note.privacy === 'record' || note.authorId === readerId;
}

/** Problems with a note's kind and privacy class for its episode. */
export function notePrivacyProblems(kind: NoteKind, privacy: NotePrivacy, episodePart2: boolean): NoteProblem[] {
  if (privacy === 'record') return [];
  if (kind === 'group' || kind === 'psychiatric') {
    return [{ field: 'privacy', message: `a ${kind} note belongs in the record`, status: 422 }];
  }
  if (privacy === 'sud_counseling' && !episodePart2) {
    return [{ field: 'privacy', message: 'SUD counseling notes belong to a Part 2 (substance use) episode', status: 422 }];
  }
  return [];
}

/** Whole minutes between a note's start and end. */
export function noteDurationMinutes(startsAt: string, endsAt: string): number {
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/** Problems with a note's start and end: end after start, at most 12 hours, not starting in the future. */
export function noteTimeProblems(startsAt: string, endsAt: string, now: string): NoteProblem[] {
  const minutes = noteDurationMinutes(startsAt, endsAt);
  if (!(minutes > 0)) return [{ field: 'endsAt', message: 'must be after the start', status: 400 }];
  if (minutes > NOTE_MAX_DURATION_MINUTES) return [{ field: 'endsAt', message: 'is more than 12 hours after the start', status: 400 }];
  if (Date.parse(startsAt) > Date.parse(now)) return [{ field: 'startsAt', message: 'cannot be in the future', status: 422 }];
  return [];
}

/** When a contact's note is due: `hours` after it ends (ISO instant). */
export function noteDueAt(endsAt: string, hours = NOTE_DEADLINE_HOURS_DEFAULT): string {
  return new Date(Date.parse(endsAt) + hours * 3_600_000).toISOString();
}

/** Whether a note signed at `signedAt` is a late entry: signed after its deadline. */
export function isLateEntry(endsAt: string, signedAt: string, hours = NOTE_DEADLINE_HOURS_DEFAULT): boolean {
  return Date.parse(signedAt) > Date.parse(noteDueAt(endsAt, hours));
}

export const COSIGNATURE_STATES = ['not_required', 'pending', 'cosigned'] as const;
export type CosignatureState = (typeof COSIGNATURE_STATES)[number];

/** A signed note's co-signature state: a pre-licensed author's note shows as pending until the supervisor co-signs. */
export function cosignatureState(note: { requiresCosign: boolean; cosignedAt: string | null }): CosignatureState {
  if (!note.requiresCosign) return 'not_required';
  return note.cosignedAt ? 'cosigned' : 'pending';
}

/** Why a note cannot be co-signed in its present state (422/409's reason), or null. */
export function cosignStateRefusal(note: {
  status: NoteStatus;
  requiresCosign: boolean;
  cosignedAt: string | null;
}): { status: 409 | 422; message: string } | null {
  if (note.status !== 'signed') return { status: 422, message: 'The note must be signed by its author before it is co-signed.' };
  if (!note.requiresCosign) return { status: 422, message: 'This note’s author is licensed: it needs no co-signature.' };
  if (note.cosignedAt) return { status: 409, message: 'This note has already been co-signed.' };
  return null;
}

/** Every section of a format with its text trimmed, and sections foreign to the format dropped. */
export function formatSections(format: NoteFormat, sections: Record<string, string>): Record<string, string> {
  return Object.fromEntries(NOTE_FORMAT_SECTIONS[format].map((s) => [s.key, (sections[s.key] ?? '').trim()]));
}

function emptySectionProblems(keys: readonly NoteSection[], sections: Record<string, string>, prefix: string): NoteProblem[] {
  return keys
    .filter((s) => (sections[s.key] ?? '').trim() === '')
    .map((s) => ({ field: `${prefix}${s.key}`, message: 'is required to sign', status: 422 as const }));
}

export interface GroupAttendeeDraft {
  participantId: string;
  sections: Record<string, string>;
}

/**
 * Problems that refuse a group note's signature: an empty shared section, an attendee without an entry, or an empty
 * section in one. `attendeeIds` is the session's roll (present, late or left early), in the order entries are named.
 */
export function groupNoteSignProblems(
  shared: Record<string, string>,
  attendeeIds: readonly string[],
  entries: readonly GroupAttendeeDraft[],
): NoteProblem[] {
  const problems = emptySectionProblems(GROUP_SHARED_SECTIONS, shared, 'shared.');
  if (attendeeIds.length === 0) problems.push({ field: 'attendees', message: 'nobody attended this session', status: 422 });
  const byId = new Map(entries.map((e) => [e.participantId, e]));
  attendeeIds.forEach((id, i) => {
    problems.push(...emptySectionProblems(GROUP_ATTENDEE_SECTIONS, byId.get(id)?.sections ?? {}, `attendees.${i}.sections.`));
  });
  return problems;
}

/** The narrative of an attendee's entry that the near-duplicate check compares. */
export function attendeeNarrative(sections: Record<string, string>): string {
  return GROUP_INDIVIDUAL_NARRATIVE_KEYS.map((k) => sections[k] ?? '').join('\n');
}

function namePattern(name: string): RegExp | null {
  const word = name.trim();
  if (word.length < 2) return null;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu');
}

/**
 * Places where a group note names an attendee in text that reaches another attendee's chart: the shared sections
 * (copied into every chart) and each entry (which must not name anyone but its own participant). Names are matched as
 * whole words, case-insensitively; a name shared by two attendees is not reported in either one's own entry.
 */
export function groupNoteNameProblems(
  shared: Record<string, string>,
  attendees: readonly { participantId: string; names: readonly string[]; sections: Record<string, string> }[],
): NoteProblem[] {
  const problems: NoteProblem[] = [];
  const patterns = attendees.map((a) => ({ id: a.participantId, names: a.names, res: a.names.map(namePattern) }));
  const mentions = (text: string, except: string | null) => {
    const own = new Set(patterns.find((p) => p.id === except)?.names.map((n) => n.toLowerCase()) ?? []);
    return patterns.some((p) => p.id !== except && p.res.some((re, k) => re !== null && !own.has(p.names[k]!.toLowerCase()) && re.test(text)));
  };
  for (const s of GROUP_SHARED_SECTIONS) {
    if (mentions(shared[s.key] ?? '', null)) {
      problems.push({ field: `shared.${s.key}`, message: 'names an attendee; the shared part goes into every attendee’s chart', status: 422 });
    }
  }
  attendees.forEach((a, i) => {
    for (const s of GROUP_ATTENDEE_SECTIONS) {
      if (mentions(a.sections[s.key] ?? '', a.participantId)) {
        problems.push({ field: `attendees.${i}.sections.${s.key}`, message: 'names another attendee', status: 422 });
      }
    }
  });
  return problems;
}
