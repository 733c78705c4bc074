/**
 * The biopsychosocial intake assessment: started for an episode or for an inquiry (someone not yet admitted), saved
 * as a draft with an optimistic version (a stale save is 409), signed by its author once every answer is given (422
 * naming the first missing one; the content is hashed and the row locked by a trigger), amended by addenda only.
 *
 * Who reaches one: on an episode, roles that read the clinical record, under the care-team and Part 2 rules of notes;
 * on an inquiry, core's `mayReachInquiryAssessment` (a Part 2 program's inquiry: its staff only, whatever the role).
 * Each use case authorises by role first, works in one transaction with its audit event, and audits a refusal on its
 * own. Audit details name fields and counts, never the answers.
 */
import { hash, randomUUID } from 'node:crypto';
import {
  firstMissingAnswer,
  levelOfCareFlagsFromAssessment,
  mayReachEpisodeAssessment,
  mayReachInquiryAssessment,
  type IntakeAssessmentContent,
  type IntakeAssessmentList,
  type IntakeAssessmentSave,
  type IntakeAssessmentSummary,
  type IntakeAssessmentView,
  type UnsignedAssessmentList,
} from '@trellis/core';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import {
  assertEpisodeDetailAccess,
  assertParticipantAccess,
  authorize,
  EPISODE_TABLE_COLUMNS,
  episodeDetailVisibility,
  isProgramScoped,
  participantVisibility,
  type Actor,
} from '../../auth/access.ts';
import { canonicalJson } from '../../audit/canonical.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode, intakeAssessment } from '../../db/schema.ts';
import { documentHeaderOf, inquiryHeaderOf, type PdfExport } from '../../pdf/export.ts';
import { intakeAssessmentPdf } from './intake-assessment-pdf.ts';
import { assertVersion, conflict, forbidden, notFound, Problem, unprocessable } from '../../http/problems.ts';
import {
  assessmentVisibility,
  attachInquiryAssessments,
  findAssessment,
  findEpisodeScope,
  findInquiryScope,
  insertAssessment,
  insertAssessmentAddendum,
  listAssessmentAddenda,
  listAssessments,
  listUnsignedAssessments,
  updateAssessment,
  type AssessmentRow,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** What a refusal names in the audit trail, once the refused transaction has rolled back. */
interface Refused {
  entityType: 'intake_assessment' | 'episode' | 'inquiry';
  entityId: string;
  participantId: string | null;
}

/** Runs `work` in one transaction; a 403 is then appended to the audit trail on its own, naming what was refused. */
async function auditingRefusals<T>(deps: Deps, actor: Actor, attempted: AuditAction, work: (tx: DbOrTx, refuse: (r: Refused) => void) => Promise<T>): Promise<T> {
  let refused: Refused | null = null;
  try {
    return await deps.db.transaction((tx) => work(tx, (r) => (refused = r)));
  } catch (error) {
    const r = refused as Refused | null;
    if (r && error instanceof Problem && error.status === 403 && !error.audited) {
      await deps.db.transaction((tx) =>
        recordAudit(tx, actor, actor.orgId, { action: 'access.denied', outcome: 'denied', ...r, details: { attempted } }, deps.clock.now()),
      );
      error.audited = true;
    }
    throw error;
  }
}

/** 403 unless the actor may reach an episode's assessments: a clinical-record role, its participant, its Part 2 scope. */
async function assertEpisodeReach(tx: DbOrTx, actor: Actor, ep: { participantId: string; part2: boolean; programId: string; primaryClinicianId: string | null }) {
  if (!mayReachEpisodeAssessment(actor.role)) throw forbidden();
  await assertParticipantAccess(tx, actor, ep.participantId);
  await assertEpisodeDetailAccess(tx, actor, ep);
}

/** 403 unless the actor may reach an inquiry's assessments (core's rule: Part 2 program staff only, care team). */
function assertInquiryReach(actor: Actor, s: { programId: string | null; programPart2: boolean; worksInProgram: boolean }) {
  if (!mayReachInquiryAssessment(actor.role, s)) throw forbidden();
}

/** 403 unless the actor may reach this assessment: by its episode once attached, else by its inquiry. */
async function assertAssessmentReach(tx: DbOrTx, actor: Actor, row: AssessmentRow): Promise<void> {
  const a = row.assessment;
  if (a.episodeId) {
    await assertEpisodeReach(tx, actor, {
      participantId: a.participantId!,
      part2: a.part2!,
      programId: row.episodeProgramId!,
      primaryClinicianId: row.primaryClinicianId,
    });
  } else {
    assertInquiryReach(actor, { programId: row.inquiryProgramId, programPart2: row.inquiryProgramPart2, worksInProgram: row.readerWorksInInquiryProgram });
  }
}

/** One assessment the actor reaches, in `work`'s transaction (locked when asked); 404 when the organisation has none such. */
function onAssessment<T>(deps: Deps, actor: Actor, id: string, attempted: AuditAction, lock: boolean, work: (tx: DbOrTx, row: AssessmentRow) => Promise<T>) {
  return auditingRefusals(deps, actor, attempted, async (tx, refuse) => {
    const row = await findAssessment(tx, actor.orgId, actor.userId, id, { lock });
    if (!row) throw notFound('The assessment');
    refuse({ entityType: 'intake_assessment', entityId: id, participantId: row.assessment.participantId });
    await assertAssessmentReach(tx, actor, row);
    return work(tx, row);
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(row: AssessmentRow): IntakeAssessmentSummary {
  const a = row.assessment;
  return {
    id: a.id,
    episodeId: a.episodeId,
    participantId: a.participantId,
    inquiryId: a.inquiryId,
    status: a.status,
    author: { id: a.authorId, name: row.authorName },
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    signedAt: iso(a.signedAt),
    addendumCount: Number(row.addendumCount),
    version: a.version,
    flags: levelOfCareFlagsFromAssessment(a.content),
  };
}

/** The hash a signed assessment shows: what it says, who signed it and when (not the episode: attached later). */
function assessmentHash(a: { id: string; orgId: string; inquiryId: string | null; authorId: string; content: IntakeAssessmentContent }, signedAt: Date): string {
  const { id, orgId, inquiryId, authorId, content } = a;
  return hash('sha256', canonicalJson({ id, orgId, inquiryId, authorId, content, signedAt: signedAt.toISOString() }), 'hex');
}

async function view(tx: DbOrTx, actor: Actor, row: AssessmentRow): Promise<IntakeAssessmentView> {
  const a = row.assessment;
  const addenda = await listAssessmentAddenda(tx, actor.orgId, a.id);
  return {
    ...summary(row),
    addendumCount: addenda.length,
    displayName: row.displayName,
    content: a.content,
    contentHash: a.contentHash,
    intact: a.contentHash && a.signedAt ? assessmentHash(a, a.signedAt) === a.contentHash : null,
    addenda: addenda.map((d) => ({
      id: d.id,
      text: d.text,
      author: { id: d.authorId, name: d.authorName },
      writtenAt: d.writtenAt.toISOString(),
      contentHash: d.contentHash,
    })),
  };
}

const reload = async (tx: DbOrTx, actor: Actor, id: string) => view(tx, actor, (await findAssessment(tx, actor.orgId, actor.userId, id))!);

function audit(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, a: { id: string; participantId: string | null; episodeId: string | null; inquiryId: string | null }, details: Record<string, unknown> = {}) {
  return recordAudit(
    tx,
    actor,
    actor.orgId,
    {
      action,
      entityType: 'intake_assessment',
      entityId: a.id,
      participantId: a.participantId,
      details: { episodeId: a.episodeId, inquiryId: a.inquiryId, ...details },
    },
    deps.clock.now(),
  );
}

/** Where a new assessment belongs, once the actor is known to reach it. */
type Subject = { episodeId: string; participantId: string; part2: boolean; inquiryId: null } | { episodeId: null; participantId: null; part2: null; inquiryId: string };

async function episodeSubject(tx: DbOrTx, actor: Actor, episodeId: string, refuse: (r: Refused) => void): Promise<Subject> {
  const ep = await findEpisodeScope(tx, actor.orgId, episodeId);
  if (!ep) throw notFound('The episode');
  refuse({ entityType: 'episode', entityId: ep.id, participantId: ep.participantId });
  await assertEpisodeReach(tx, actor, ep);
  return { episodeId: ep.id, participantId: ep.participantId, part2: ep.part2, inquiryId: null };
}

async function inquirySubject(tx: DbOrTx, actor: Actor, inquiryId: string, refuse: (r: Refused) => void): Promise<Subject> {
  const inq = await findInquiryScope(tx, actor.orgId, actor.userId, inquiryId);
  if (!inq) throw notFound('The inquiry');
  refuse({ entityType: 'inquiry', entityId: inq.id, participantId: null });
  assertInquiryReach(actor, inq);
  return { episodeId: null, participantId: null, part2: null, inquiryId: inq.id };
}

export type SubjectKind = 'episode' | 'inquiry';
const subjectOf = { episode: episodeSubject, inquiry: inquirySubject };

/** Starts a draft for an episode or an inquiry, with whatever answers came with it. */
export async function createAssessment(deps: Deps, actor: Actor, kind: SubjectKind, subjectId: string, content: IntakeAssessmentContent): Promise<IntakeAssessmentView> {
  authorize(actor, 'intake-assessment.write');
  const now = deps.clock.now();
  return auditingRefusals(deps, actor, 'intake-assessment.create', async (tx, refuse) => {
    const subject = await subjectOf[kind](tx, actor, subjectId, refuse);
    const id = await insertAssessment(tx, { orgId: actor.orgId, ...subject, content, authorId: actor.userId, createdAt: now, updatedAt: now });
    await audit(tx, deps, actor, 'intake-assessment.create', { id, ...subject });
    return reload(tx, actor, id);
  });
}

/** 409 naming why a signed assessment cannot change. */
function assertDraft(row: AssessmentRow, path = 'status'): void {
  if (row.assessment.status === 'signed') {
    throw conflict('The assessment is signed and cannot change; add an addendum instead.', [{ path, message: 'is signed' }]);
  }
}

/** An autosave: replaces the draft's answers; 409 when signed or when someone saved since `version`. */
export async function saveAssessment(deps: Deps, actor: Actor, id: string, input: IntakeAssessmentSave): Promise<IntakeAssessmentView> {
  authorize(actor, 'intake-assessment.write');
  const now = deps.clock.now();
  return onAssessment(deps, actor, id, 'intake-assessment.save', true, async (tx, row) => {
    assertDraft(row);
    assertVersion(row.assessment.version, input.version, 'The assessment');
    await updateAssessment(tx, actor.orgId, id, { content: input.content, version: row.assessment.version + 1, updatedAt: now });
    await audit(tx, deps, actor, 'intake-assessment.save', row.assessment, { sections: Object.keys(input.content).sort() });
    return reload(tx, actor, id);
  });
}

/** Signs one's draft: every answer given (422 naming the first missing), then hashed and locked. */
export async function signAssessment(deps: Deps, actor: Actor, id: string, input: { version: number }): Promise<IntakeAssessmentView> {
  authorize(actor, 'intake-assessment.write');
  const now = deps.clock.now();
  return onAssessment(deps, actor, id, 'intake-assessment.sign', true, async (tx, row) => {
    const a = row.assessment;
    assertDraft(row);
    assertVersion(a.version, input.version, 'The assessment');
    if (a.authorId !== actor.userId) {
      throw unprocessable('An assessment is signed by its author.', [{ path: 'author', message: `is ${row.authorName}; only they sign it` }]);
    }
    const missing = firstMissingAnswer(a.content);
    if (missing) throw unprocessable('Every answer must be given before the assessment is signed.', [{ path: `content.${missing.path}`, message: missing.message }]);
    await updateAssessment(tx, actor.orgId, id, {
      content: a.content,
      status: 'signed',
      signedAt: now,
      contentHash: assessmentHash(a, now),
      version: a.version + 1,
      updatedAt: now,
    });
    await audit(tx, deps, actor, 'intake-assessment.sign', a, { flags: levelOfCareFlagsFromAssessment(a.content).map((f) => f.flag) });
    return reload(tx, actor, id);
  });
}

export async function addAssessmentAddendum(deps: Deps, actor: Actor, id: string, input: { text: string }): Promise<IntakeAssessmentView> {
  authorize(actor, 'intake-assessment.write');
  const now = deps.clock.now();
  return onAssessment(deps, actor, id, 'intake-assessment.addendum', false, async (tx, row) => {
    const a = row.assessment;
    if (a.status !== 'signed') {
      throw conflict('Addenda are added to signed assessments; this one is a draft, so edit it instead.', [{ path: 'status', message: 'is a draft' }]);
    }
    const addendumId = randomUUID();
    const content = { id: addendumId, assessmentId: a.id, assessmentHash: a.contentHash, authorId: actor.userId, text: input.text, writtenAt: now.toISOString() };
    await insertAssessmentAddendum(tx, {
      id: addendumId,
      orgId: actor.orgId,
      assessmentId: a.id,
      authorId: actor.userId,
      text: input.text,
      writtenAt: now,
      contentHash: hash('sha256', canonicalJson(content), 'hex'),
    });
    await audit(tx, deps, actor, 'intake-assessment.addendum', a, { addendumId });
    return reload(tx, actor, id);
  });
}

export async function readAssessment(deps: Deps, actor: Actor, id: string): Promise<IntakeAssessmentView> {
  authorize(actor, 'intake-assessment.read');
  return onAssessment(deps, actor, id, 'intake-assessment.read', false, async (tx, row) => {
    await audit(tx, deps, actor, 'intake-assessment.read', row.assessment);
    return view(tx, actor, row);
  });
}

/**
 * A signed assessment as a PDF: the JSON read's reach (Part 2 and inquiry scope), 409 for a draft, audited as an
 * export. On an episode the header is the episode's; before admission it is the inquiry's.
 */
export async function exportAssessment(deps: Deps, actor: Actor, id: string): Promise<PdfExport> {
  authorize(actor, 'intake-assessment.read');
  const loaded = await onAssessment(deps, actor, id, 'intake-assessment.export', false, async (tx, row) => {
    const a = row.assessment;
    if (a.status !== 'signed') {
      throw conflict('This assessment is a draft: only a signed assessment is exported. Sign it first.', [{ path: 'status', message: 'is a draft' }]);
    }
    const header = a.episodeId ? await documentHeaderOf(tx, actor.orgId, a.episodeId) : await inquiryHeaderOf(tx, actor.orgId, a.inquiryId!);
    await audit(tx, deps, actor, 'intake-assessment.export', a, { format: 'pdf', part2: header.part2 });
    return { header, view: await view(tx, actor, row) };
  });
  return { filename: `intake-assessment-${id}.pdf`, pdf: await intakeAssessmentPdf(loaded.header, loaded.view, deps.clock.now()) };
}

/** SQL true for assessments the actor reaches: the list form of `assertAssessmentReach`. */
function visibleTo(actor: Actor): SQL {
  const episodeSide = mayReachEpisodeAssessment(actor.role)
    ? (and(participantVisibility(actor, episode.participantId), episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS)) ?? sql`true`)
    : sql`false`;
  return assessmentVisibility({ userId: actor.userId, programScoped: isProgramScoped(actor) }, episodeSide);
}

/** An episode's or an inquiry's assessments (an inquiry's stay listed there after admission), newest first. */
export async function listAssessmentsOf(deps: Deps, actor: Actor, kind: SubjectKind, subjectId: string): Promise<IntakeAssessmentList> {
  authorize(actor, 'intake-assessment.read');
  return auditingRefusals(deps, actor, 'intake-assessment.list', async (tx, refuse) => {
    const subject = await subjectOf[kind](tx, actor, subjectId, refuse);
    const of = kind === 'episode' ? eq(intakeAssessment.episodeId, subjectId) : eq(intakeAssessment.inquiryId, subjectId);
    const rows = await listAssessments(tx, actor.orgId, actor.userId, and(of, visibleTo(actor))!);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'intake-assessment.list',
        entityType: kind,
        entityId: subjectId,
        participantId: subject.participantId,
        details: { count: rows.length },
      },
      deps.clock.now(),
    );
    return { assessments: rows.map(summary) };
  });
}

/** Drafts the actor reaches, least recently saved first: the supervisor view's "assessments unsigned". */
export async function listUnsigned(deps: Deps, actor: Actor): Promise<UnsignedAssessmentList> {
  authorize(actor, 'intake-assessment.read');
  return deps.db.transaction(async (tx) => {
    const rows = await listUnsignedAssessments(tx, actor.orgId, actor.userId, visibleTo(actor));
    const shown = [...new Set(rows.flatMap((r) => (r.assessment.participantId ? [r.assessment.participantId] : [])))];
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'intake-assessment.unsigned-list', entityType: 'intake_assessment', participantIds: shown, details: { count: rows.length } },
      deps.clock.now(),
    );
    return {
      rows: rows.map((r) => ({
        id: r.assessment.id,
        participantId: r.assessment.participantId,
        episodeId: r.assessment.episodeId,
        displayName: r.displayName,
        author: { id: r.assessment.authorId, name: r.authorName },
        startedAt: r.assessment.createdAt.toISOString(),
        updatedAt: r.assessment.updatedAt.toISOString(),
      })),
    };
  });
}

/**
 * For the admission of an inquiry (there is no inquiry-to-episode conversion on main yet): call inside the admitting
 * transaction to attach the inquiry's assessments to the new episode, audited. Answers the ids attached.
 */
export async function attachInquiryAssessmentsToEpisode(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'clock'>,
  actor: Actor,
  a: { inquiryId: string; episodeId: string },
): Promise<string[]> {
  const now = deps.clock.now();
  const ids = await attachInquiryAssessments(tx, { orgId: actor.orgId, ...a, updatedAt: now });
  if (ids.length) {
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'intake-assessment.attach', entityType: 'episode', entityId: a.episodeId, details: { inquiryId: a.inquiryId, assessmentIds: ids } },
      now,
    );
  }
  return ids;
}
