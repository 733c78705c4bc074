/** Clinical notes and group notes: request and response shapes shared by the server and the web app. */
import { z } from 'zod';
import { NOTE_FORMATS } from '../clinical/note-formats.ts';
import {
  COSIGNATURE_STATES,
  NOTE_ADDENDUM_MAX_LENGTH,
  NOTE_KINDS,
  NOTE_PRIVACY,
  NOTE_SECTION_MAX_LENGTH,
  NOTE_STATUSES,
  SINGLE_NOTE_KINDS,
} from '../clinical/notes.ts';
import { OBJECTIVE_PROGRESS } from '../clinical/treatment-plan.ts';

const instant = z.iso.datetime({ offset: true, error: 'must be a date and time with a zone offset, e.g. 2026-11-18T10:00:00-05:00' });
const sectionText = z.string().max(NOTE_SECTION_MAX_LENGTH, `must be at most ${NOTE_SECTION_MAX_LENGTH} characters`);
/** Section texts by key; which keys a format has is checked by the server (`noteSectionProblems`). */
export const noteSectionsSchema = z
  .record(z.string().regex(/^[a-zA-Z]{1,40}$/, 'is not a section name'), sectionText)
  .refine((s) => Object.keys(s).length <= 12, 'has too many sections');
export const noteVersionSchema = z.number({ error: 'is required' }).int().min(1);

/** Progress on one of the participant's plan objectives, picked in the note. */
export const objectiveProgressSchema = z.object({ objectiveId: z.uuid(), progress: z.enum(OBJECTIVE_PROGRESS) });
export type ObjectiveProgressEntry = z.infer<typeof objectiveProgressSchema>;
const objectivesSchema = z.array(objectiveProgressSchema).max(50);

export const noteIdParamsSchema = z.object({ id: z.uuid() });
export const sessionNoteParamsSchema = z.object({ id: z.uuid() });

export const noteCreateSchema = z.object({
  kind: z.enum(SINGLE_NOTE_KINDS),
  privacy: z.enum(NOTE_PRIVACY).default('record'),
  format: z.enum(NOTE_FORMATS),
  /** The session the note documents, if any; otherwise the appointment's own start and end. */
  sessionId: z.uuid().nullish(),
  startsAt: instant,
  endsAt: instant,
  sections: noteSectionsSchema.default({}),
  objectives: objectivesSchema.default([]),
});
export type NoteCreate = z.input<typeof noteCreateSchema>;

export const noteUpdateSchema = z.object({
  version: noteVersionSchema,
  format: z.enum(NOTE_FORMATS).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  sections: noteSectionsSchema.optional(),
  objectives: objectivesSchema.optional(),
});
export type NoteUpdate = z.infer<typeof noteUpdateSchema>;

export const noteSignSchema = z.object({ version: noteVersionSchema });
export const noteCosignSchema = z.object({ version: noteVersionSchema });
export const noteBatchSignSchema = z.object({
  notes: z
    .array(z.object({ id: z.uuid(), version: noteVersionSchema }))
    .min(1, 'needs at least one note')
    .max(100)
    .refine((n) => new Set(n.map((x) => x.id)).size === n.length, 'names a note more than once'),
});
export type NoteBatchSign = z.infer<typeof noteBatchSignSchema>;

export const addendumCreateSchema = z.object({
  text: z.string().trim().min(1, 'is required').max(NOTE_ADDENDUM_MAX_LENGTH, `must be at most ${NOTE_ADDENDUM_MAX_LENGTH} characters`),
});

const staffRef = z.object({ id: z.string(), name: z.string() });

export const addendumViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  author: staffRef,
  writtenAt: z.string(),
  contentHash: z.string(),
});

export const noteSummarySchema = z.object({
  id: z.string(),
  episodeId: z.string(),
  participantId: z.string(),
  kind: z.enum(NOTE_KINDS),
  privacy: z.enum(NOTE_PRIVACY),
  format: z.enum(NOTE_FORMATS).nullable(),
  sessionId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number(),
  /** The site's IANA zone: show and enter the times as the site's clock reads them. */
  timeZone: z.string(),
  status: z.enum(NOTE_STATUSES),
  author: staffRef,
  signedAt: z.string().nullable(),
  /** Signed after its deadline: shown as a late entry with the time it was written (signed). */
  lateEntry: z.boolean(),
  cosignature: z.enum(COSIGNATURE_STATES).nullable(),
  addendumCount: z.number(),
  version: z.number(),
});
export type NoteSummary = z.infer<typeof noteSummarySchema>;

export const noteViewSchema = noteSummarySchema.extend({
  sections: z.record(z.string(), z.string()),
  objectives: z.array(objectiveProgressSchema),
  /** Group notes: the staff who ran the session. */
  facilitators: z.array(staffRef),
  contentHash: z.string().nullable(),
  /** Whether the stored content still hashes to contentHash (null for a draft). */
  intact: z.boolean().nullable(),
  cosignedBy: staffRef.nullable(),
  cosignedAt: z.string().nullable(),
  cosignAttestation: z.string().nullable(),
  addenda: z.array(addendumViewSchema),
});
export type NoteView = z.infer<typeof noteViewSchema>;
/** An episode's notes, with its site's zone (a new note's times are entered in it). */
export const noteListSchema = z.object({ timeZone: z.string(), notes: z.array(noteSummarySchema) });
export type NoteList = z.infer<typeof noteListSchema>;
export const noteBatchSignedSchema = z.object({ notes: z.array(noteSummarySchema) });

// ---- Group notes ----

export const groupSharedSchema = z.object({
  topic: sectionText.default(''),
  curriculumItem: sectionText.default(''),
  modality: sectionText.default(''),
  covered: sectionText.default(''),
});
export const groupAttendeeSectionsSchema = z.object({
  participation: sectionText.default(''),
  response: sectionText.default(''),
  risk: sectionText.default(''),
  plan: sectionText.default(''),
});

export const groupNoteSaveSchema = z.object({
  /** 0 for the first save of a session's group note. */
  version: z.number({ error: 'is required' }).int().min(0),
  shared: groupSharedSchema,
  facilitatorIds: z.array(z.string().min(1).max(100)).max(10).default([]),
  attendees: z
    .array(z.object({ participantId: z.uuid(), sections: groupAttendeeSectionsSchema, objectives: objectivesSchema.default([]) }))
    .max(100)
    .refine((a) => new Set(a.map((x) => x.participantId)).size === a.length, 'names a participant more than once'),
});
export type GroupNoteSave = z.input<typeof groupNoteSaveSchema>;

export const groupNoteSignSchema = z.object({
  version: noteVersionSchema,
  /** Sign although near-duplicate entries were found (the clinician has read the warning). */
  acceptNearDuplicates: z.boolean().default(false),
});

export const nearDuplicateSchema = z.object({
  a: z.object({ participantId: z.string(), displayName: z.string() }),
  b: z.object({ participantId: z.string(), displayName: z.string() }),
  similarity: z.number(),
});
export type NearDuplicate = z.infer<typeof nearDuplicateSchema>;

/** One objective of an attendee's plan in force, as offered in their group-note entry. */
export const planObjectiveOfferSchema = z.object({
  objectiveId: z.string(),
  description: z.string(),
  goal: z.string(),
  targetDate: z.string(),
  planVersion: z.number(),
});
export type PlanObjectiveOffer = z.infer<typeof planObjectiveOfferSchema>;

export const groupNoteViewSchema = z.object({
  id: z.string().nullable(),
  sessionId: z.string(),
  session: z.object({
    title: z.string(),
    programName: z.string(),
    localDate: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    facilitatorId: z.string().nullable(),
  }),
  status: z.enum(NOTE_STATUSES),
  version: z.number(),
  author: staffRef.nullable(),
  signedAt: z.string().nullable(),
  shared: z.object({ topic: z.string(), curriculumItem: z.string(), modality: z.string(), covered: z.string() }),
  facilitators: z.array(staffRef),
  /** The session's roll: who attended (present, late, left early), in roll order, with their entry. */
  attendees: z.array(
    z.object({
      participantId: z.string(),
      displayName: z.string(),
      attendance: z.string(),
      sections: z.object({ participation: z.string(), response: z.string(), risk: z.string(), plan: z.string() }),
      objectives: z.array(objectiveProgressSchema),
      /**
       * The objectives of this attendee's signed plan in force, offered so the clinician picks progress on each rather
       * than typing it; [] when no plan is signed (and once the group note is signed: `objectives` is the record).
       */
      planObjectives: z.array(planObjectiveOfferSchema),
      /** Once signed: the note written into this attendee's chart. */
      noteId: z.string().nullable(),
    }),
  ),
  nearDuplicates: z.array(nearDuplicateSchema),
});
export type GroupNoteView = z.infer<typeof groupNoteViewSchema>;

// ---- Supervision ----

export const notesAttentionSchema = z.object({
  /** Notes past their deadline and still unsigned, of the caller's own and their supervisees'. */
  overdue: z.array(noteSummarySchema.extend({ dueAt: z.string(), participantName: z.string() })),
  /** Signed notes of the caller's supervisees waiting for the caller's co-signature. */
  cosignPending: z.array(noteSummarySchema.extend({ participantName: z.string() })),
});
export type NotesAttention = z.infer<typeof notesAttentionSchema>;

/**
 * An intake assessment not yet signed, as the supervisor view lists it (GET /v1/intake-assessments/unsigned). An
 * inquiry's assessment has no participant or episode yet; its display name is the inquirer's.
 */
export const unsignedAssessmentRowSchema = z.object({
  id: z.string(),
  participantId: z.string().nullable(),
  episodeId: z.string().nullable(),
  displayName: z.string(),
  author: staffRef,
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type UnsignedAssessmentRow = z.infer<typeof unsignedAssessmentRowSchema>;
