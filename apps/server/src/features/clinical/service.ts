/**
 * The clinical record's use cases: an episode's diagnoses and its level-of-care assessments. Each authorises by role,
 * then reaches the episode through the care-team and Part 2 rules (refusals audited), then works in one transaction
 * with its audit event.
 */
import {
  ASAM_DIMENSIONS,
  diagnosisProblems,
  levelOfCareGuidance,
  localDateOf,
  searchIcd10,
  type DiagnosisCreate,
  type DiagnosisUpdate,
  type DiagnosisView,
  type LevelOfCareAssessmentInput,
  type LevelOfCareAssessmentView,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { assertEpisodeDetailAccess, assertParticipantAccess, authorize, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { auditRecordDenied } from '../../audit/denial.ts';
import type { DbOrTx } from '../../db/index.ts';
import { assertVersion, notFound, Problem, throwFirst } from '../../http/problems.ts';
import { documentHeaderOf, type PdfExport } from '../../pdf/export.ts';
import { levelOfCarePdf } from './level-of-care-pdf.ts';
import {
  demoteOtherPrimaries,
  diagnosisRow,
  findDiagnosis,
  findEpisodeForRecord,
  insertAssessment,
  insertDiagnosis,
  listAssessments,
  listDiagnoses,
  updateDiagnosis,
  type AssessmentRow,
  type DiagnosisRow,
  type RecordEpisode,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** The bundled common F-codes matching a query (reference data: no participant record, so nothing to audit). */
export function searchCommonCodes(query: string, limit: number) {
  return { codes: searchIcd10(query, limit) };
}

/**
 * Runs `work` in one transaction on an episode the actor may reach: 404 for an episode unknown to the organisation,
 * 403 outside the care team or, for a Part 2 episode, outside its program's staff. A refusal rolls the work back and is
 * appended to the audit trail on its own.
 */
export async function onEpisodeRecord<T>(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  attempted: AuditAction,
  work: (tx: DbOrTx, ep: RecordEpisode) => Promise<T>,
): Promise<T> {
  // The episode whose access checks are running, so a refusal can name its participant in the audit trail.
  const checking: { ep: RecordEpisode | null } = { ep: null };
  try {
    return await deps.db.transaction(async (tx) => {
      const ep = await findEpisodeForRecord(tx, actor.orgId, episodeId);
      if (!ep) throw notFound('The episode');
      checking.ep = ep;
      await assertParticipantAccess(tx, actor, ep.participantId);
      await assertEpisodeDetailAccess(tx, actor, ep);
      checking.ep = null;
      return work(tx, ep);
    });
  } catch (error) {
    const refused = checking.ep;
    if (refused && error instanceof Problem && error.status === 403) {
      await auditRecordDenied(deps, actor, { entityType: 'episode', entityId: episodeId, participantId: refused.participantId, attempted });
      error.audited = true;
    }
    throw error;
  }
}

/** A read of an episode's record, audited in the reading transaction with how many items it showed. */
async function auditEpisodeRead(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, ep: RecordEpisode, count: number) {
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    { action, entityType: 'episode', entityId: ep.id, participantId: ep.participantId, details: { count } },
    deps.clock.now(),
  );
}

function diagnosisView(r: DiagnosisRow): DiagnosisView {
  return {
    id: r.id,
    episodeId: r.episodeId,
    code: r.code,
    description: r.description,
    isPrimary: r.isPrimary,
    onsetOn: r.onsetOn,
    status: r.status,
    recordedBy: { id: r.recordedById, name: r.recordedByName },
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export async function readDiagnoses(deps: Deps, actor: Actor, episodeId: string): Promise<{ diagnoses: DiagnosisView[] }> {
  authorize(actor, 'diagnosis.read');
  return onEpisodeRecord(deps, actor, episodeId, 'diagnosis.read', async (tx, ep) => {
    const rows = await listDiagnoses(tx, actor.orgId, ep.id);
    await auditEpisodeRead(tx, deps, actor, 'diagnosis.read', ep, rows.length);
    return { diagnoses: rows.map(diagnosisView) };
  });
}

export async function addDiagnosis(deps: Deps, actor: Actor, episodeId: string, input: DiagnosisCreate): Promise<DiagnosisView> {
  authorize(actor, 'diagnosis.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'diagnosis.create', async (tx, ep) => {
    throwFirst(diagnosisProblems(input, localDateOf(now.toISOString(), ep.timeZone)), 'The diagnosis cannot be recorded.');
    const demoted = input.isPrimary ? await demoteOtherPrimaries(tx, actor.orgId, ep.id, null, now) : [];
    const id = await insertDiagnosis(tx, {
      orgId: actor.orgId,
      episodeId: ep.id,
      participantId: ep.participantId,
      part2: ep.part2,
      code: input.code,
      description: input.description,
      isPrimary: input.isPrimary,
      onsetOn: input.onsetOn,
      status: input.status,
      recordedBy: actor.userId,
    });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'diagnosis.create',
        entityType: 'diagnosis',
        entityId: id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, isPrimary: input.isPrimary, demotedPrimaryIds: demoted },
      },
      now,
    );
    return diagnosisView(await diagnosisRow(tx, actor.orgId, id));
  });
}

export async function editDiagnosis(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  diagnosisId: string,
  input: DiagnosisUpdate,
): Promise<DiagnosisView> {
  authorize(actor, 'diagnosis.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'diagnosis.update', async (tx, ep) => {
    const found = await findDiagnosis(tx, actor.orgId, ep.id, diagnosisId, { lock: true });
    if (!found) throw notFound('The diagnosis');
    assertVersion(found.version, input.version, 'The diagnosis');
    const next = {
      isPrimary: input.isPrimary ?? found.isPrimary,
      status: input.status ?? found.status,
      onsetOn: input.onsetOn === undefined ? found.onsetOn : input.onsetOn,
    };
    throwFirst(diagnosisProblems(next, localDateOf(now.toISOString(), ep.timeZone)), 'The diagnosis cannot be changed so.');
    const demoted = next.isPrimary && !found.isPrimary ? await demoteOtherPrimaries(tx, actor.orgId, ep.id, found.id, now) : [];
    await updateDiagnosis(tx, actor.orgId, found.id, { ...next, version: found.version + 1 }, now);
    const changed = (['isPrimary', 'status', 'onsetOn'] as const).filter((k) => next[k] !== found[k]);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'diagnosis.update',
        entityType: 'diagnosis',
        entityId: found.id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, changed, demotedPrimaryIds: demoted },
      },
      now,
    );
    return diagnosisView(await diagnosisRow(tx, actor.orgId, found.id));
  });
}

function assessmentView(r: AssessmentRow): LevelOfCareAssessmentView {
  const a = r.a;
  const ratings = r.ratings.map((x) => ({
    dimension: x.dimension,
    dimensionName: ASAM_DIMENSIONS[a.edition].find((d) => d.number === x.dimension)?.name ?? `Dimension ${x.dimension}`,
    rating: x.rating,
    rationale: x.rationale,
  }));
  const guidance = levelOfCareGuidance(
    a.edition,
    r.ratings,
    a.flags,
  );
  return {
    id: a.id,
    episodeId: a.episodeId,
    assessedOn: a.assessedOn,
    edition: a.edition,
    ratings,
    flags: a.flags,
    recommendedLevel: a.recommendedLevel,
    chosenLevel: a.chosenLevel,
    varianceReason: a.varianceReason,
    varianceNote: a.varianceNote,
    // The suggestion stored when it was made; the rest recomputed from the stored ratings (pure, so the same).
    guidance: {
      floor: guidance.floor,
      suggested: a.suggestedLevel,
      floorDimensions: guidance.floorDimensions,
      againstIop: guidance.againstIop,
      notice: guidance.notice,
    },
    assessedBy: { id: a.assessedBy, name: r.assessedByName },
    createdAt: a.createdAt.toISOString(),
  };
}

export async function readLevelOfCareHistory(
  deps: Deps,
  actor: Actor,
  episodeId: string,
): Promise<{ assessments: LevelOfCareAssessmentView[] }> {
  authorize(actor, 'clinical-note.read');
  return onEpisodeRecord(deps, actor, episodeId, 'level-of-care.read', async (tx, ep) => {
    const rows = await listAssessments(tx, actor.orgId, ep.id);
    await auditEpisodeRead(tx, deps, actor, 'level-of-care.read', ep, rows.length);
    return { assessments: rows.map(assessmentView) };
  });
}

/**
 * One level-of-care assessment as a PDF, reached and refused exactly as the history's JSON read (care team, Part 2),
 * audited as an export; rendered once the reading transaction has committed.
 */
export async function exportLevelOfCare(deps: Deps, actor: Actor, episodeId: string, assessmentId: string): Promise<PdfExport> {
  authorize(actor, 'clinical-note.read');
  const loaded = await onEpisodeRecord(deps, actor, episodeId, 'level-of-care.export', async (tx, ep) => {
    const [row] = await listAssessments(tx, actor.orgId, ep.id, assessmentId);
    if (!row) throw notFound('The level-of-care assessment');
    const header = await documentHeaderOf(tx, actor.orgId, ep.id);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'level-of-care.export',
        entityType: 'level_of_care_assessment',
        entityId: assessmentId,
        participantId: ep.participantId,
        details: { episodeId: ep.id, format: 'pdf', part2: ep.part2 },
      },
      deps.clock.now(),
    );
    return { view: assessmentView(row), header };
  });
  return { filename: `level-of-care-${assessmentId}.pdf`, pdf: await levelOfCarePdf(loaded.header, loaded.view, deps.clock.now()) };
}

export async function assessLevelOfCare(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: LevelOfCareAssessmentInput,
): Promise<LevelOfCareAssessmentView> {
  authorize(actor, 'level-of-care.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'level-of-care.assess', async (tx, ep) => {
    const today = localDateOf(now.toISOString(), ep.timeZone);
    throwFirst(
      input.assessedOn > today ? [{ field: 'assessedOn', message: 'cannot be in the future', status: 400 }] : [],
      'The assessment date is in the future.',
    );
    const guidance = levelOfCareGuidance(input.edition, input.ratings, input.flags);
    const id = await insertAssessment(
      tx,
      {
        orgId: actor.orgId,
        episodeId: ep.id,
        participantId: ep.participantId,
        part2: ep.part2,
        assessedOn: input.assessedOn,
        edition: input.edition,
        flags: input.flags,
        recommendedLevel: input.recommendedLevel,
        chosenLevel: input.chosenLevel,
        varianceReason: input.varianceReason ?? null,
        varianceNote: input.varianceNote || null,
        suggestedLevel: guidance.suggested,
        assessedBy: actor.userId,
      },
      input.ratings,
    );
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'level-of-care.assess',
        entityType: 'level_of_care_assessment',
        entityId: id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, edition: input.edition, variance: input.recommendedLevel !== input.chosenLevel },
      },
      now,
    );
    const [row] = await listAssessments(tx, actor.orgId, ep.id, id);
    return assessmentView(row!);
  });
}
