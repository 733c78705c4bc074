/**
 * Clinical notes in a participant's chart: write a draft, save it (optimistic version), sign it (locked, hashed, a late
 * entry when past the program's deadline, pending co-signature when the author is pre-licensed), co-sign, append
 * addenda, read and list. Each use case authorises by role, reaches the note's episode through the care-team and Part 2
 * rules and the private-note rule (psychotherapy and SUD counseling notes: their author only), audits a refusal on
 * its own, and works in one transaction with its audit event.
 */
import { randomUUID } from 'node:crypto';
import {
  COSIGN_ATTESTATION,
  cosignatureState,
  cosignRefusal,
  cosignStateRefusal,
  formatSections,
  isLateEntry,
  mayReadNotePrivacy,
  noteDueAt,
  noteDurationMinutes,
  noteEditRefusal,
  notePrivacyProblems,
  noteSectionProblems,
  noteTimeProblems,
  type NoteBatchSign,
  type NoteCreate,
  type NoteFormat,
  type NoteList,
  type NotesAttention,
  type NoteSummary,
  type NoteUpdate,
  type NoteView,
} from '@trellis/core';
import { and, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import {
  assertEpisodeDetailAccess,
  assertParticipantAccess,
  authorize,
  EPISODE_TABLE_COLUMNS,
  episodeDetailVisibility,
  participantVisibility,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { auditRecordDenied } from '../../audit/denial.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode } from '../../db/schema.ts';
import { assertVersion, badRequest, conflict, forbidden, notFound, Problem, throwFirst, unprocessable } from '../../http/problems.ts';
import { documentHeaderOf, type PdfExport } from '../../pdf/export.ts';
import { currentPlanObjectives } from '../plans/service.ts';
import { addendumContentHash, noteContentHash } from './content-hash.ts';
import { notePdf } from './note-pdf.ts';
import {
  attentionNotes,
  findEpisodeForNotes,
  findNote,
  findNotes,
  insertAddendum,
  insertNote,
  isOnSessionRoster,
  listAddenda,
  listEpisodeNotes,
  markNoteCosigned,
  markNoteSigned,
  staffNames,
  updateNoteDraft,
  type NoteRow,
  type NotesEpisode,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A refusal to be audited on its own once the use case's transaction has rolled back. */
interface Refusal {
  entityType: string;
  entityId: string;
  participantId: string;
}

/**
 * Runs `work` in one transaction; a 403 thrown while `refusing.current` names a record is appended to the audit trail
 * on its own (the work's transaction rolls back) and marked audited.
 */
async function auditingRefusals<T>(
  deps: Deps,
  actor: Actor,
  attempted: AuditAction,
  work: (tx: DbOrTx, refusing: { current: Refusal | null }) => Promise<T>,
): Promise<T> {
  const refusing: { current: Refusal | null } = { current: null };
  try {
    return await deps.db.transaction((tx) => work(tx, refusing));
  } catch (error) {
    const refused = refusing.current;
    if (refused && error instanceof Problem && error.status === 403 && !error.audited) {
      await auditRecordDenied(deps, actor, { ...refused, attempted });
      error.audited = true;
    }
    throw error;
  }
}

/** 403 unless the actor may reach the note: its participant (care team), its episode (Part 2), its privacy class. */
async function assertNoteAccess(tx: DbOrTx, actor: Actor, row: NoteRow, refusing: { current: Refusal | null }): Promise<void> {
  refusing.current = { entityType: 'clinical_note', entityId: row.note.id, participantId: row.note.participantId };
  await assertParticipantAccess(tx, actor, row.note.participantId);
  await assertEpisodeDetailAccess(tx, actor, { part2: row.note.part2, programId: row.programId, primaryClinicianId: row.primaryClinicianId });
  // Psychotherapy and SUD counseling notes: refused to everyone but their author, whatever the role.
  if (!mayReadNotePrivacy(row.note, actor.userId)) throw forbidden();
  refusing.current = null;
}

/** One note the actor may reach, in `work`'s transaction (locked when asked); 404 when the organisation has none such. */
async function onNote<T>(
  deps: Deps,
  actor: Actor,
  noteId: string,
  attempted: AuditAction,
  options: { lock?: boolean },
  work: (tx: DbOrTx, row: NoteRow) => Promise<T>,
): Promise<T> {
  return auditingRefusals(deps, actor, attempted, async (tx, refusing) => {
    const row = await findNote(tx, actor.orgId, noteId, options);
    if (!row) throw notFound('The note');
    await assertNoteAccess(tx, actor, row, refusing);
    return work(tx, row);
  });
}

/** One episode the actor may reach (care team and Part 2), in `work`'s transaction. */
async function onEpisode<T>(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  attempted: AuditAction,
  work: (tx: DbOrTx, ep: NotesEpisode) => Promise<T>,
): Promise<T> {
  return auditingRefusals(deps, actor, attempted, async (tx, refusing) => {
    const ep = await findEpisodeForNotes(tx, actor.orgId, episodeId);
    if (!ep) throw notFound('The episode');
    refusing.current = { entityType: 'episode', entityId: ep.id, participantId: ep.participantId };
    await assertParticipantAccess(tx, actor, ep.participantId);
    await assertEpisodeDetailAccess(tx, actor, ep);
    refusing.current = null;
    return work(tx, ep);
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function noteSummary(row: NoteRow): NoteSummary {
  const n = row.note;
  return {
    id: n.id,
    episodeId: n.episodeId,
    participantId: n.participantId,
    kind: n.kind,
    privacy: n.privacy,
    format: n.format,
    sessionId: n.sessionId,
    startsAt: n.startsAt.toISOString(),
    endsAt: n.endsAt.toISOString(),
    durationMinutes: noteDurationMinutes(n.startsAt.toISOString(), n.endsAt.toISOString()),
    timeZone: row.timeZone,
    status: n.status,
    author: { id: n.authorId, name: row.authorName },
    signedAt: iso(n.signedAt),
    lateEntry: n.lateEntry,
    cosignature: n.status === 'signed' ? cosignatureState({ requiresCosign: n.requiresCosign, cosignedAt: iso(n.cosignedAt) }) : null,
    addendumCount: Number(row.addendumCount),
    version: n.version,
  };
}

/** The hash the stored content gives now (equal to the stored hash unless the row was changed behind the trigger). */
function storedContentHash(row: NoteRow): string | null {
  const n = row.note;
  if (!n.signedAt) return null;
  return noteContentHash({ ...n, signedAt: n.signedAt });
}

async function noteView(tx: DbOrTx, actor: Actor, row: NoteRow): Promise<NoteView> {
  const n = row.note;
  const addenda = await listAddenda(tx, actor.orgId, n.id);
  return {
    ...noteSummary(row),
    addendumCount: addenda.length,
    sections: n.sections,
    objectives: n.objectives as NoteView['objectives'],
    facilitators: await staffNames(tx, actor.orgId, n.facilitatorIds),
    contentHash: n.contentHash,
    intact: n.contentHash ? storedContentHash(row) === n.contentHash : null,
    cosignedBy: n.cosignedBy ? { id: n.cosignedBy, name: row.cosignerName ?? '' } : null,
    cosignedAt: iso(n.cosignedAt),
    cosignAttestation: n.cosignAttestation,
    addenda: addenda.map((a) => ({
      id: a.id,
      text: a.text,
      author: { id: a.authorId, name: a.authorName },
      writtenAt: a.writtenAt.toISOString(),
      contentHash: a.contentHash,
    })),
  };
}

async function reloadView(tx: DbOrTx, actor: Actor, id: string): Promise<NoteView> {
  return noteView(tx, actor, (await findNote(tx, actor.orgId, id))!);
}

/** 400 for section keys foreign to the format (drafts may leave sections empty). */
function assertSectionKeys(format: NoteFormat, sections: Record<string, string>): void {
  const foreign = noteSectionProblems(format, sections).filter((p) => p.message !== 'is required to sign');
  if (foreign.length) throw badRequest(foreign.map((p) => ({ path: `body.${p.field}`, message: p.message })));
}

/** 409 naming why a signed note cannot be changed. */
function assertDraft(row: NoteRow): void {
  const refusal = noteEditRefusal(row.note);
  if (refusal) throw conflict(refusal, [{ path: 'status', message: 'is signed' }]);
}

function auditNote(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, row: { id: string; participantId: string; episodeId: string }, details: Record<string, unknown> = {}) {
  return recordAudit(
    tx,
    actor,
    actor.orgId,
    { action, entityType: 'clinical_note', entityId: row.id, participantId: row.participantId, details: { episodeId: row.episodeId, ...details } },
    deps.clock.now(),
  );
}

export async function createNote(deps: Deps, actor: Actor, episodeId: string, input: NoteCreate): Promise<NoteView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  return onEpisode(deps, actor, episodeId, 'note.create', async (tx, ep) => {
    const privacy = input.privacy ?? 'record';
    throwFirst(notePrivacyProblems(input.kind, privacy, ep.part2), 'The note cannot be kept so.');
    throwFirst(noteTimeProblems(input.startsAt, input.endsAt, now.toISOString()), 'The note’s time is not possible.');
    const sections = input.sections ?? {};
    assertSectionKeys(input.format, sections);
    if (input.sessionId && !(await isOnSessionRoster(tx, actor.orgId, input.sessionId, ep.participantId))) {
      throw unprocessable('The note can be linked only to a session this participant is expected at.', [
        { path: 'body.sessionId', message: 'is not a session this participant is expected at' },
      ]);
    }
    const id = await insertNote(tx, {
      orgId: actor.orgId,
      episodeId: ep.id,
      participantId: ep.participantId,
      part2: ep.part2,
      kind: input.kind,
      privacy,
      format: input.format,
      sessionId: input.sessionId ?? null,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      sections: formatSections(input.format, sections),
      objectives: input.objectives ?? [],
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await auditNote(tx, deps, actor, 'note.create', { id, participantId: ep.participantId, episodeId: ep.id }, { kind: input.kind, privacy });
    return reloadView(tx, actor, id);
  });
}

export async function updateNote(deps: Deps, actor: Actor, noteId: string, input: NoteUpdate): Promise<NoteView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  return onNote(deps, actor, noteId, 'note.update', { lock: true }, async (tx, row) => {
    assertDraft(row);
    assertVersion(row.note.version, input.version, 'The note');
    const n = row.note;
    const format = input.format ?? n.format!;
    const startsAt = input.startsAt ?? n.startsAt.toISOString();
    const endsAt = input.endsAt ?? n.endsAt.toISOString();
    throwFirst(noteTimeProblems(startsAt, endsAt, now.toISOString()), 'The note’s time is not possible.');
    if (input.sections) assertSectionKeys(format, input.sections);
    // A format change keeps the text of the sections both formats have (plan, assessment…).
    const sections = formatSections(format, { ...n.sections, ...(input.sections ?? {}) });
    await updateNoteDraft(
      tx,
      actor.orgId,
      n.id,
      { format, startsAt: new Date(startsAt), endsAt: new Date(endsAt), sections, objectives: input.objectives ?? n.objectives, version: n.version + 1 },
      now,
    );
    const changed = (['format', 'startsAt', 'endsAt', 'sections', 'objectives'] as const).filter((k) => input[k] !== undefined);
    await auditNote(tx, deps, actor, 'note.update', n, { changed });
    return reloadView(tx, actor, n.id);
  });
}

/** Signs a loaded, locked draft the actor may reach: the author's own, every section filled; hashed and locked. */
async function signLoaded(tx: DbOrTx, deps: Deps, actor: Actor, row: NoteRow, version: number, prefix: string): Promise<void> {
  const n = row.note;
  const now = deps.clock.now();
  if (n.status === 'signed') {
    throw conflict(noteEditRefusal(n)!, [{ path: `${prefix}status`, message: 'is already signed' }]);
  }
  if (n.version !== version) assertVersion(n.version, version, 'The note');
  if (n.authorId !== actor.userId) {
    throw unprocessable('A note is signed by its author.', [{ path: `${prefix}author`, message: `is ${row.authorName}; only they sign it` }]);
  }
  const problems = noteSectionProblems(n.format!, n.sections).map((p) => ({ ...p, field: `${prefix.replace(/^body\./, '')}${p.field}`, status: 422 as const }));
  throwFirst(problems, 'Every section must be filled in before the note is signed.');
  const sections = formatSections(n.format!, n.sections);
  const contentHash = noteContentHash({ ...n, sections, signedAt: now });
  const lateEntry = isLateEntry(n.endsAt.toISOString(), now.toISOString(), row.noteDeadlineHours);
  await markNoteSigned(tx, actor.orgId, n.id, {
    sections,
    signedAt: now,
    lateEntry,
    contentHash,
    requiresCosign: row.authorPreLicensed,
    version: n.version + 1,
  });
  await auditNote(tx, deps, actor, 'note.sign', n, { lateEntry, requiresCosign: row.authorPreLicensed });
}

export async function signNote(deps: Deps, actor: Actor, noteId: string, input: { version: number }): Promise<NoteView> {
  authorize(actor, 'note.sign');
  return onNote(deps, actor, noteId, 'note.sign', { lock: true }, async (tx, row) => {
    await signLoaded(tx, deps, actor, row, input.version, 'body.');
    return reloadView(tx, actor, row.note.id);
  });
}

/** Signs several drafts at once, all or none: the first refusal names the note by its place in the request. */
export async function signNotes(deps: Deps, actor: Actor, input: NoteBatchSign): Promise<{ notes: NoteSummary[] }> {
  authorize(actor, 'note.sign');
  return auditingRefusals(deps, actor, 'note.sign', async (tx, refusing) => {
    const rows = new Map((await findNotes(tx, actor.orgId, input.notes.map((x) => x.id))).map((r) => [r.note.id, r]));
    for (const [i, item] of input.notes.entries()) {
      const row = rows.get(item.id);
      if (!row) throw unprocessable('One of the notes was not found.', [{ path: `body.notes.${i}.id`, message: 'is not a note of this organisation' }]);
      await assertNoteAccess(tx, actor, row, refusing);
      await signLoaded(tx, deps, actor, row, item.version, `body.notes.${i}.`);
    }
    const signed = await findNotes(tx, actor.orgId, input.notes.map((x) => x.id));
    const byId = new Map(signed.map((r) => [r.note.id, r]));
    return { notes: input.notes.map((x) => noteSummary(byId.get(x.id)!)) };
  });
}

export async function cosignNote(deps: Deps, actor: Actor, noteId: string, input: { version: number }): Promise<NoteView> {
  authorize(actor, 'note.cosign');
  const now = deps.clock.now();
  return onNote(deps, actor, noteId, 'note.cosign', { lock: true }, async (tx, row) => {
    const n = row.note;
    const state = cosignStateRefusal({ status: n.status, requiresCosign: n.requiresCosign, cosignedAt: iso(n.cosignedAt) });
    if (state) throw new Problem(state.status, state.status === 409 ? 'Conflict' : 'Not possible', state.message, [{ path: 'status', message: state.message }]);
    assertVersion(n.version, input.version, 'The note');
    const refusal = cosignRefusal(
      { id: n.authorId, supervisorId: row.authorSupervisorId },
      { id: actor.userId, role: actor.role },
    );
    if (refusal) throw unprocessable(refusal, [{ path: 'cosigner', message: refusal }]);
    await markNoteCosigned(tx, actor.orgId, n.id, {
      cosignedBy: actor.userId,
      cosignedAt: now,
      cosignAttestation: COSIGN_ATTESTATION,
      version: n.version + 1,
    });
    await auditNote(tx, deps, actor, 'note.cosign', n);
    return reloadView(tx, actor, n.id);
  });
}

export async function addAddendum(deps: Deps, actor: Actor, noteId: string, input: { text: string }): Promise<NoteView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  return onNote(deps, actor, noteId, 'note.addendum', {}, async (tx, row) => {
    const n = row.note;
    if (n.status !== 'signed') {
      throw conflict('Addenda are added to signed notes; this one is a draft, so edit it instead.', [{ path: 'status', message: 'is a draft' }]);
    }
    const id = randomUUID();
    await insertAddendum(tx, {
      id,
      orgId: actor.orgId,
      noteId: n.id,
      authorId: actor.userId,
      text: input.text,
      writtenAt: now,
      contentHash: addendumContentHash({ id, noteId: n.id, noteHash: n.contentHash!, authorId: actor.userId, text: input.text, writtenAt: now }),
    });
    await auditNote(tx, deps, actor, 'note.addendum', n, { addendumId: id });
    return reloadView(tx, actor, n.id);
  });
}

export async function readNote(deps: Deps, actor: Actor, noteId: string): Promise<NoteView> {
  authorize(actor, 'clinical-note.read');
  return onNote(deps, actor, noteId, 'note.read', {}, async (tx, row) => {
    await auditNote(tx, deps, actor, 'note.read', row.note);
    return noteView(tx, actor, row);
  });
}

/**
 * A signed note as a PDF, reached and refused exactly as its JSON read (care team, Part 2, private notes to their author
 * only), audited as an export. A draft is refused (409): it is not yet a record to hand on.
 */
export async function exportNote(deps: Deps, actor: Actor, noteId: string): Promise<PdfExport> {
  authorize(actor, 'clinical-note.read');
  const loaded = await onNote(deps, actor, noteId, 'note.export', {}, async (tx, row) => {
    if (row.note.status !== 'signed') {
      throw conflict('This note is a draft: only a signed note is exported. Sign it first.', [{ path: 'status', message: 'is a draft' }]);
    }
    const view = await noteView(tx, actor, row);
    const header = await documentHeaderOf(tx, actor.orgId, row.note.episodeId);
    const objectives = await currentPlanObjectives(tx, actor.orgId, row.note.episodeId);
    await auditNote(tx, deps, actor, 'note.export', row.note, { format: 'pdf', part2: row.note.part2 });
    return { view, header, objectiveNames: new Map(objectives.map((o) => [o.id, o.description])) };
  });
  return { filename: `note-${noteId}.pdf`, pdf: await notePdf(loaded.header, loaded.view, loaded.objectiveNames, deps.clock.now()) };
}

export async function listNotes(deps: Deps, actor: Actor, episodeId: string): Promise<NoteList> {
  authorize(actor, 'clinical-note.read');
  return onEpisode(deps, actor, episodeId, 'note.list', async (tx, ep) => {
    const rows = await listEpisodeNotes(tx, actor.orgId, ep.id, actor.userId);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'note.list', entityType: 'episode', entityId: ep.id, participantId: ep.participantId, details: { count: rows.length } },
      deps.clock.now(),
    );
    return { timeZone: ep.timeZone, notes: rows.map(noteSummary) };
  });
}

/**
 * A supervisor's view: the caller's and their supervisees' notes unsigned past their program's deadline, and signed
 * notes waiting for the caller's co-signature; only notes the caller may reach (care team, Part 2, private notes).
 */
export async function notesNeedingAttention(deps: Deps, actor: Actor): Promise<NotesAttention> {
  authorize(actor, 'clinical-note.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const visible = and(participantVisibility(actor, episode.participantId), episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS)) ?? sql`true`;
    const { overdue, cosignPending } = await attentionNotes(tx, actor.orgId, actor.userId, now, visible);
    const shown = [...new Set([...overdue, ...cosignPending].map((r) => r.note.participantId))];
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'note.attention', entityType: 'clinical_note', participantIds: shown, details: { overdue: overdue.length, cosignPending: cosignPending.length } },
      now,
    );
    return {
      overdue: overdue.map((r) => ({
        ...noteSummary(r),
        participantName: r.participantName,
        dueAt: noteDueAt(r.note.endsAt.toISOString(), r.noteDeadlineHours),
      })),
      cosignPending: cosignPending.map((r) => ({ ...noteSummary(r), participantName: r.participantName })),
    };
  });
}
