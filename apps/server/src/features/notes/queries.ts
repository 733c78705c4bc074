/** Queries of clinical notes, addenda and group notes. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { NoteFormat, NoteStatus } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { rowsOf } from '../../db/index.ts';
import {
  appUser,
  clinicalNote,
  episode,
  groupNote,
  groupNoteEntry,
  noteAddendum,
  participant,
  program,
  site,
} from '../../db/schema.ts';

/** An episode with what the notes' rules need: its Part 2 scope, and its site's zone for reading times. */
export async function findEpisodeForNotes(db: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await db
    .select({
      id: episode.id,
      participantId: episode.participantId,
      programId: episode.programId,
      part2: episode.part2,
      primaryClinicianId: episode.primaryClinicianId,
      timeZone: site.timeZone,
    })
    .from(episode)
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(episode.orgId, orgId), eq(episode.id, episodeId)));
  return row ?? null;
}
export type NotesEpisode = NonNullable<Awaited<ReturnType<typeof findEpisodeForNotes>>>;

/** A staff member's name, pre-licensed flag and supervisor (for signing and co-signing). */
export async function findStaff(db: DbOrTx, orgId: string, userId: string) {
  const [row] = await db
    .select({
      id: appUser.id,
      name: appUser.name,
      role: appUser.role,
      preLicensed: appUser.preLicensed,
      supervisorId: appUser.supervisorId,
    })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), eq(appUser.id, userId)));
  return row ?? null;
}

/** Names of staff by id, in the order asked (unknown ids left out). */
export async function staffNames(
  db: DbOrTx,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: appUser.id, name: appUser.name })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), inArray(appUser.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [{ id, name: byId.get(id)!.name }] : []));
}

export async function insertNote(db: DbOrTx, values: typeof clinicalNote.$inferInsert): Promise<string> {
  const [row] = await db.insert(clinicalNote).values(values).returning({ id: clinicalNote.id });
  return row!.id;
}

const author = alias(appUser, 'note_author');
const cosigner = alias(appUser, 'note_cosigner');

const noteColumns = {
  note: clinicalNote,
  authorName: author.name,
  cosignerName: cosigner.name,
  programId: episode.programId,
  primaryClinicianId: episode.primaryClinicianId,
  authorPreLicensed: author.preLicensed,
  authorSupervisorId: author.supervisorId,
  noteDeadlineHours: program.noteDeadlineHours,
  /** The site's IANA zone: a note's times are read as the site's clock showed them. */
  timeZone: sql<string>`(select s.time_zone from site s where s.org_id = ${program.orgId} and s.id = ${program.siteId})`,
  addendumCount: sql<number>`(select count(*)::int from ${noteAddendum} na where na.org_id = ${clinicalNote.orgId} and na.note_id = ${clinicalNote.id})`,
};

function notesQuery(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(noteColumns)
    .from(clinicalNote)
    .innerJoin(episode, and(eq(episode.orgId, clinicalNote.orgId), eq(episode.id, clinicalNote.episodeId)))
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(author, and(eq(author.orgId, clinicalNote.orgId), eq(author.id, clinicalNote.authorId)))
    .leftJoin(cosigner, and(eq(cosigner.orgId, clinicalNote.orgId), eq(cosigner.id, clinicalNote.cosignedBy)))
    .where(where);
}
export type NoteRow = Awaited<ReturnType<typeof notesQuery>>[number];

/** One note with its author's and co-signer's names and its episode's Part 2 scope; locked for update if asked. */
export async function findNote(
  db: DbOrTx,
  orgId: string,
  noteId: string,
  options: { lock?: boolean } = {},
): Promise<NoteRow | null> {
  const query = notesQuery(db, and(eq(clinicalNote.orgId, orgId), eq(clinicalNote.id, noteId)));
  const [row] = options.lock ? await query.for('update', { of: clinicalNote }) : await query;
  return row ?? null;
}

/** Several notes by id (batch signing), locked. */
export async function findNotes(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<NoteRow[]> {
  return notesQuery(db, and(eq(clinicalNote.orgId, orgId), inArray(clinicalNote.id, [...ids]))).for('update', {
    of: clinicalNote,
  });
}

/**
 * An episode's notes the reader may see, newest contact first: private notes (psychotherapy, SUD counseling) only
 * when the reader wrote them.
 */
export async function listEpisodeNotes(
  db: DbOrTx,
  orgId: string,
  episodeId: string,
  readerId: string,
): Promise<NoteRow[]> {
  return notesQuery(
    db,
    and(
      eq(clinicalNote.orgId, orgId),
      eq(clinicalNote.episodeId, episodeId),
      sql`(${clinicalNote.privacy} = 'record' or ${clinicalNote.authorId} = ${readerId})`,
    ),
  ).orderBy(desc(clinicalNote.startsAt), desc(clinicalNote.createdAt));
}

export async function updateNoteDraft(
  db: DbOrTx,
  orgId: string,
  id: string,
  set: {
    format: NoteFormat;
    startsAt: Date;
    endsAt: Date;
    sections: Record<string, string>;
    objectives: { objectiveId: string; progress: string }[];
    version: number;
  },
  now: Date,
): Promise<void> {
  await db
    .update(clinicalNote)
    .set({ ...set, updatedAt: now })
    .where(and(eq(clinicalNote.orgId, orgId), eq(clinicalNote.id, id)));
}

export async function markNoteSigned(
  db: DbOrTx,
  orgId: string,
  id: string,
  set: {
    sections: Record<string, string>;
    signedAt: Date;
    lateEntry: boolean;
    contentHash: string;
    requiresCosign: boolean;
    version: number;
  },
): Promise<void> {
  await db
    .update(clinicalNote)
    .set({ ...set, status: 'signed' satisfies NoteStatus, updatedAt: set.signedAt })
    .where(and(eq(clinicalNote.orgId, orgId), eq(clinicalNote.id, id)));
}

export async function markNoteCosigned(
  db: DbOrTx,
  orgId: string,
  id: string,
  set: { cosignedBy: string; cosignedAt: Date; cosignAttestation: string; version: number },
): Promise<void> {
  await db
    .update(clinicalNote)
    .set({ ...set, updatedAt: set.cosignedAt })
    .where(and(eq(clinicalNote.orgId, orgId), eq(clinicalNote.id, id)));
}

export async function listAddenda(db: DbOrTx, orgId: string, noteId: string) {
  return db
    .select({
      id: noteAddendum.id,
      text: noteAddendum.text,
      authorId: noteAddendum.authorId,
      authorName: appUser.name,
      writtenAt: noteAddendum.writtenAt,
      contentHash: noteAddendum.contentHash,
    })
    .from(noteAddendum)
    .innerJoin(appUser, and(eq(appUser.orgId, noteAddendum.orgId), eq(appUser.id, noteAddendum.authorId)))
    .where(and(eq(noteAddendum.orgId, orgId), eq(noteAddendum.noteId, noteId)))
    .orderBy(asc(noteAddendum.writtenAt), asc(noteAddendum.id));
}

export async function insertAddendum(db: DbOrTx, values: typeof noteAddendum.$inferInsert): Promise<void> {
  await db.insert(noteAddendum).values(values);
}

/** Whether a participant is on a session's roster (the roster rule) under the given episode. */
export async function isOnSessionRoster(
  db: DbOrTx,
  orgId: string,
  sessionId: string,
  participantId: string,
): Promise<boolean> {
  const [row] = rowsOf<{ on: boolean }>(
    await db.execute(sql`select exists (select 1 from trellis_session_roster(${orgId}, ${sessionId}) r
                                         where r.participant_id = ${participantId}) as on`),
  );
  return !!row?.on;
}

// ---- Group notes ----

export interface GroupSessionRow {
  id: string;
  title: string;
  kind: string;
  programId: string;
  programName: string;
  programPart2: boolean;
  noteDeadlineHours: number;
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: string;
  facilitatorId: string | null;
  /** Whether `userId` facilitates or co-facilitates the session. */
  runsSession: boolean;
  /** The lead first, then the co-facilitators. */
  facilitatorIds: string[];
  staffInProgram: boolean;
  /** Whether `userId` is pre-licensed (their signatures wait for a co-signature). */
  userPreLicensed: boolean;
}

/** A session with its program's Part 2 flag and note deadline, and whether `userId` works in its program. */
export async function findGroupSession(
  db: DbOrTx,
  orgId: string,
  sessionId: string,
  userId: string,
): Promise<GroupSessionRow | null> {
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select s.id, s.title, s.kind, s.program_id, p.name as program_name, p.part2 as program_part2, p.note_deadline_hours,
             s.local_date::text as local_date, s.starts_at, s.ends_at, st.time_zone, s.status, s.facilitator_id,
             exists (select 1 from trellis_session_facilitators f
                      where f.org_id = s.org_id and f.session_id = s.id and f.user_id = ${userId}) as runs_session,
             (select coalesce(array_agg(f.user_id order by f.lead desc, f.user_id), '{}') from trellis_session_facilitators f
               where f.org_id = s.org_id and f.session_id = s.id) as facilitator_ids,
             exists (select 1 from staff_program sp
                      where sp.org_id = s.org_id and sp.user_id = ${userId} and sp.program_id = s.program_id) as staff_in_program,
             coalesce((select u.pre_licensed from app_user u where u.org_id = s.org_id and u.id = ${userId}), false) as user_pre_licensed
        from session s
        join program p on p.org_id = s.org_id and p.id = s.program_id
        join site st on st.org_id = s.org_id and st.id = s.site_id
       where s.org_id = ${orgId} and s.id = ${sessionId}`),
  );
  if (!r) return null;
  return {
    id: String(r.id),
    title: String(r.title),
    kind: String(r.kind),
    programId: String(r.program_id),
    programName: String(r.program_name),
    programPart2: Boolean(r.program_part2),
    noteDeadlineHours: Number(r.note_deadline_hours),
    localDate: String(r.local_date),
    startsAt: new Date(r.starts_at as string),
    endsAt: new Date(r.ends_at as string),
    timeZone: String(r.time_zone),
    status: String(r.status),
    facilitatorId: (r.facilitator_id as string | null) ?? null,
    runsSession: Boolean(r.runs_session),
    facilitatorIds: (r.facilitator_ids as string[] | null) ?? [],
    staffInProgram: Boolean(r.staff_in_program),
    userPreLicensed: Boolean(r.user_pre_licensed),
  };
}

export interface AttendeeRow {
  participantId: string;
  episodeId: string;
  part2: boolean;
  displayName: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  attendance: string;
}

/**
 * Who attended a session: its roster by the roster rule (trellis_session_roster), marked present, late or left early,
 * each under the episode the rule expects them in; in roll order (family name, given name).
 */
export async function sessionAttendees(db: DbOrTx, orgId: string, sessionId: string): Promise<AttendeeRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select r.participant_id, r.episode_id, e.part2, p.given_name, p.family_name, p.preferred_name, a.status
        from trellis_session_roster(${orgId}, ${sessionId}) r
        join attendance a on a.org_id = ${orgId} and a.session_id = ${sessionId} and a.participant_id = r.participant_id
        join episode e on e.org_id = ${orgId} and e.id = r.episode_id
        join participant p on p.org_id = ${orgId} and p.id = r.participant_id
       where a.status in ('present', 'late', 'left_early')
       order by p.family_name, p.given_name, p.id`),
  );
  return rows.map((r) => ({
    participantId: String(r.participant_id),
    episodeId: String(r.episode_id),
    part2: Boolean(r.part2),
    givenName: String(r.given_name),
    familyName: String(r.family_name),
    preferredName: (r.preferred_name as string | null) ?? null,
    displayName: `${(r.preferred_name as string | null) ?? String(r.given_name)} ${String(r.family_name)}`,
    attendance: String(r.status),
  }));
}

export async function findGroupNote(db: DbOrTx, orgId: string, sessionId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ note: groupNote, authorName: appUser.name })
    .from(groupNote)
    .innerJoin(appUser, and(eq(appUser.orgId, groupNote.orgId), eq(appUser.id, groupNote.authorId)))
    .where(and(eq(groupNote.orgId, orgId), eq(groupNote.sessionId, sessionId)));
  const [row] = options.lock ? await query.for('update', { of: groupNote }) : await query;
  return row ?? null;
}
export type GroupNoteRow = NonNullable<Awaited<ReturnType<typeof findGroupNote>>>;

export async function groupNoteEntries(db: DbOrTx, orgId: string, groupNoteId: string) {
  return db
    .select({
      participantId: groupNoteEntry.participantId,
      sections: groupNoteEntry.sections,
      objectives: groupNoteEntry.objectives,
    })
    .from(groupNoteEntry)
    .where(and(eq(groupNoteEntry.orgId, orgId), eq(groupNoteEntry.groupNoteId, groupNoteId)));
}

/** The chart notes a signed group note wrote, by participant. */
export async function groupChartNoteIds(db: DbOrTx, orgId: string, groupNoteId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: clinicalNote.id, participantId: clinicalNote.participantId })
    .from(clinicalNote)
    .where(and(eq(clinicalNote.orgId, orgId), eq(clinicalNote.groupNoteId, groupNoteId)));
  return new Map(rows.map((r) => [r.participantId, r.id]));
}

export async function insertGroupNote(
  db: DbOrTx,
  values: {
    orgId: string;
    sessionId: string;
    authorId: string;
    shared: Record<string, string>;
    facilitatorIds: string[];
  },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(groupNote)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning({ id: groupNote.id });
  return row!.id;
}

export async function updateGroupNote(
  db: DbOrTx,
  orgId: string,
  id: string,
  set: {
    shared?: Record<string, string>;
    facilitatorIds?: string[];
    version: number;
    status?: NoteStatus;
    signedAt?: Date;
    authorId?: string;
  },
  now: Date,
): Promise<void> {
  await db
    .update(groupNote)
    .set({ ...set, updatedAt: now })
    .where(and(eq(groupNote.orgId, orgId), eq(groupNote.id, id)));
}

/** Removes a draft's entries for participants other than those named (before the note is locked at signing). */
export async function dropGroupNoteEntriesExcept(
  db: DbOrTx,
  orgId: string,
  groupNoteId: string,
  keep: readonly string[],
): Promise<void> {
  await db
    .delete(groupNoteEntry)
    .where(
      and(
        eq(groupNoteEntry.orgId, orgId),
        eq(groupNoteEntry.groupNoteId, groupNoteId),
        keep.length ? sql`${groupNoteEntry.participantId} <> all(${`{${keep.join(',')}}`}::uuid[])` : undefined,
      ),
    );
}

/** Replaces a draft's entries with the given ones in two statements. */
export async function replaceGroupNoteEntries(
  db: DbOrTx,
  orgId: string,
  groupNoteId: string,
  entries: readonly {
    participantId: string;
    sections: Record<string, string>;
    objectives: { objectiveId: string; progress: string }[];
  }[],
): Promise<void> {
  await db
    .delete(groupNoteEntry)
    .where(and(eq(groupNoteEntry.orgId, orgId), eq(groupNoteEntry.groupNoteId, groupNoteId)));
  if (entries.length === 0) return;
  await db.insert(groupNoteEntry).values(entries.map((e) => ({ orgId, groupNoteId, ...e })));
}

/** Inserts a group note's signed chart notes, one per attendee, in one statement. */
export async function insertChartNotes(db: DbOrTx, rows: (typeof clinicalNote.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(clinicalNote).values(rows);
}

// ---- Supervision ----

export interface AttentionRow extends NoteRow {
  participantName: string;
}

/**
 * Notes a supervisor should look at: drafts whose contact ended more than the program's deadline ago, and signed notes
 * waiting for a co-signature; of the reader's own and of staff they supervise. `visible` is the care-team and Part 2
 * condition over `episode`; private notes are left out unless the reader wrote them.
 */
export async function attentionNotes(
  db: DbOrTx,
  orgId: string,
  readerId: string,
  now: Date,
  visible: SQL,
): Promise<{ overdue: AttentionRow[]; cosignPending: AttentionRow[] }> {
  const base = db
    .select({
      ...noteColumns,
      participantName: sql<string>`(select coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name from participant p
                                      where p.org_id = ${clinicalNote.orgId} and p.id = ${clinicalNote.participantId})`,
    })
    .from(clinicalNote)
    .innerJoin(episode, and(eq(episode.orgId, clinicalNote.orgId), eq(episode.id, clinicalNote.episodeId)))
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(author, and(eq(author.orgId, clinicalNote.orgId), eq(author.id, clinicalNote.authorId)))
    .leftJoin(cosigner, and(eq(cosigner.orgId, clinicalNote.orgId), eq(cosigner.id, clinicalNote.cosignedBy)));
  const mine = sql`(${clinicalNote.authorId} = ${readerId} or ${author.supervisorId} = ${readerId})`;
  const readable = sql`(${clinicalNote.privacy} = 'record' or ${clinicalNote.authorId} = ${readerId})`;
  const overdue = await base
    .where(
      and(
        eq(clinicalNote.orgId, orgId),
        eq(clinicalNote.status, 'draft'),
        sql`${clinicalNote.endsAt} + make_interval(hours => ${program.noteDeadlineHours}) < ${now.toISOString()}::timestamptz`,
        mine,
        readable,
        visible,
      ),
    )
    .orderBy(asc(clinicalNote.endsAt))
    .limit(200);
  const cosignPending = await base
    .where(
      and(
        eq(clinicalNote.orgId, orgId),
        eq(clinicalNote.status, 'signed'),
        eq(clinicalNote.requiresCosign, true),
        sql`${clinicalNote.cosignedAt} is null`,
        eq(author.supervisorId, readerId),
        readable,
        visible,
      ),
    )
    .orderBy(asc(clinicalNote.signedAt))
    .limit(200);
  return { overdue, cosignPending };
}

/** Display names of participants by id (for a signed group note's attendees). */
export async function participantNames(
  db: DbOrTx,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: participant.id,
      name: sql<string>`coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}`,
    })
    .from(participant)
    .where(and(eq(participant.orgId, orgId), inArray(participant.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.name]));
}
