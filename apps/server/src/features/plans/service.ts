/**
 * Treatment plans: an episode's plan as versions (a draft saved with optimistic concurrency, then signed and locked),
 * the participant's and a supervisor's signatures, and reviews on the program's cycle. Each use case authorises by
 * role, then reaches the episode through the care-team and Part 2 rules (the clinical record's `onEpisodeRecord`, the
 * rule attendance follows), then works in one transaction with its audit event.
 */
import { hash } from 'node:crypto';
import {
  addDays,
  dueState,
  levelOfCareChangeDates,
  localDateOf,
  missingPlanSignatures,
  nextReviewDateProblems,
  nextReviewDue,
  planObjectives,
  planReviewProblems,
  planSignOffRefusal,
  prescribedScheduleProblems,
  prescribedWeeklyHours,
  type Objective,
  type PlanDraftCreate,
  type PlanDraftSave,
  type PlanReviewCreate,
  type PlanReviewView,
  type PlanSign,
  type PlanSignatureCreate,
  type PlanSigner,
  type PlanVersionSummary,
  type PlanVersionView,
  type TreatmentPlan,
  type TreatmentPlanOverview,
} from '@trellis/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { canonicalJson } from '../../audit/canonical.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { treatmentPlanVersion } from '../../db/schema.ts';
import { assertVersion, badRequest, conflict, notFound, Problem, unprocessable } from '../../http/problems.ts';
import type { RecordEpisode } from '../clinical/queries.ts';
import { onEpisodeRecord } from '../clinical/service.ts';
import { documentHeaderOf, staffNamesOf, type PdfExport } from '../../pdf/export.ts';
import { planVersionPdf } from './plan-pdf.ts';
import {
  chosenLevels,
  findPlanSettings,
  insertPlanVersion,
  insertReview,
  insertSignature,
  knownStaffIds,
  lastPlanNumber,
  listPlanVersions,
  listReviews,
  lockPlanVersion,
  markSigned,
  signaturesOf,
  supervisorOf,
  updateDraft,
  type PlanSettingsRow,
  type PlanVersionRow,
  type ReviewRow,
  type SignatureRow,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** SHA-256 of a plan's canonical JSON: what the signatures attest. */
export function planContentHash(content: TreatmentPlan): string {
  return hash('sha256', canonicalJson(content), 'hex');
}

async function settingsOf(tx: DbOrTx, actor: Actor, ep: RecordEpisode): Promise<PlanSettingsRow> {
  const settings = await findPlanSettings(tx, actor.orgId, ep.programId);
  if (!settings) throw notFound('The program');
  return settings;
}

function versionView(r: PlanVersionRow, signatures: readonly SignatureRow[], settings: PlanSettingsRow): PlanVersionView {
  const own = signatures.filter((s) => s.planVersionId === r.id);
  return {
    episodeId: r.episodeId,
    number: r.number,
    status: r.status,
    content: r.content,
    weeklyHours: r.weeklyMinutes / 60,
    contentHash: r.contentHash,
    version: r.version,
    createdBy: { id: r.createdById, name: r.createdByName },
    createdAt: r.createdAt.toISOString(),
    updatedBy: { id: r.updatedById, name: r.updatedByName },
    updatedAt: r.updatedAt.toISOString(),
    signedAt: r.signedAt?.toISOString() ?? null,
    signatures: own.map((s) => ({
      signer: s.signer,
      signedName: s.signedName,
      recordedBy: { id: s.recordedById, name: s.recordedByName },
      signedAt: s.signedAt.toISOString(),
      method: s.method,
    })),
    missingSignatures: missingPlanSignatures(
      own.map((s) => s.signer),
      settings.supervisorSignOff,
    ),
  };
}

function summaryOf(v: PlanVersionView): PlanVersionSummary {
  return {
    number: v.number,
    status: v.status,
    weeklyHours: v.weeklyHours,
    createdAt: v.createdAt,
    signedAt: v.signedAt,
    missingSignatures: v.missingSignatures,
    effectiveOn: v.content.effectiveOn,
  };
}

function reviewView(r: ReviewRow): PlanReviewView {
  return {
    id: r.r.id,
    planVersion: r.number,
    reviewedOn: r.r.reviewedOn,
    nextReviewOn: r.r.nextReviewOn,
    narrative: r.r.narrative,
    progress: r.progress.map((p) => ({ objectiveId: p.objectiveId, progress: p.progress, note: p.note })),
    reviewedBy: { id: r.r.reviewedBy, name: r.reviewedByName },
    createdAt: r.r.createdAt.toISOString(),
  };
}

async function auditPlan(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  action: AuditAction,
  ep: RecordEpisode,
  details: Record<string, unknown>,
) {
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    { action, entityType: 'treatment_plan', entityId: ep.id, participantId: ep.participantId, details: { episodeId: ep.id, ...details } },
    deps.clock.now(),
  );
}

const todayAt = (deps: Deps, ep: RecordEpisode) => localDateOf(deps.clock.now().toISOString(), ep.timeZone);

/** Every version of the episode's plan as views, newest first. */
async function versionViews(tx: DbOrTx, actor: Actor, ep: RecordEpisode, settings: PlanSettingsRow, onlyNumber?: number) {
  const rows = await listPlanVersions(tx, actor.orgId, ep.id, onlyNumber);
  const signatures = await signaturesOf(
    tx,
    actor.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => versionView(r, signatures, settings));
}

/** The episode's plan: its versions, the plan in force, an open draft, reviews and when the next review is due. */
export async function readTreatmentPlan(deps: Deps, actor: Actor, episodeId: string): Promise<TreatmentPlanOverview> {
  authorize(actor, 'clinical-note.read');
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.read', async (tx, ep) => {
    const settings = await settingsOf(tx, actor, ep);
    const versions = await versionViews(tx, actor, ep, settings);
    const reviews = await listReviews(tx, actor.orgId, ep.id);
    const current = versions.find((v) => v.status === 'signed') ?? null;
    const draft = versions.find((v) => v.status === 'draft') ?? null;
    const today = todayAt(deps, ep);
    let nextReview: TreatmentPlanOverview['nextReview'] = null;
    if (current && ep.status === 'active') {
      const last = reviews[0]?.r ?? null;
      const due = nextReviewDue({
        effectiveOn: current.content.effectiveOn,
        lastReviewedOn: last?.reviewedOn ?? null,
        nextReviewOn: last?.nextReviewOn ?? null,
        intervalDays: settings.reviewIntervalDays,
        levelOfCareChangedOn: levelOfCareChangeDates(await chosenLevels(tx, actor.orgId, ep.id)),
      });
      nextReview = { ...due, state: dueState(due.dueOn, today) };
    }
    await auditPlan(tx, deps, actor, 'treatment-plan.read', ep, { versions: versions.length, reviews: reviews.length });
    return {
      episodeId: ep.id,
      today,
      settings: {
        reviewIntervalDays: settings.reviewIntervalDays,
        supervisorSignOff: settings.supervisorSignOff,
        certificationRequired: settings.certificationRequired,
      },
      programRange: {
        minHours: settings.minWeeklyMinutes / 60,
        maxHours: settings.maxWeeklyMinutes === null ? null : settings.maxWeeklyMinutes / 60,
      },
      versions: versions.map(summaryOf),
      current,
      draft,
      reviews: reviews.map(reviewView),
      nextReview,
    };
  });
}

/** One version of an episode the actor has reached; 404 when it has none such. */
async function versionOf(tx: DbOrTx, actor: Actor, ep: RecordEpisode, number: number): Promise<PlanVersionView> {
  const settings = await settingsOf(tx, actor, ep);
  const [view] = await versionViews(tx, actor, ep, settings, number);
  if (!view) throw notFound('The plan version');
  return view;
}

/** One version of the plan, as it was signed (or the draft as last saved). */
export async function readPlanVersion(deps: Deps, actor: Actor, episodeId: string, number: number): Promise<PlanVersionView> {
  authorize(actor, 'clinical-note.read');
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.read', async (tx, ep) => {
    const view = await versionOf(tx, actor, ep, number);
    await auditPlan(tx, deps, actor, 'treatment-plan.read', ep, { number });
    return view;
  });
}

/**
 * A signed version of the plan as a PDF, reached and refused exactly as its JSON read, audited as an export. A draft
 * is refused (409): it is not yet a record to hand on. Rendered once the reading transaction has committed.
 */
export async function exportPlanVersion(deps: Deps, actor: Actor, episodeId: string, number: number): Promise<PdfExport> {
  authorize(actor, 'clinical-note.read');
  const loaded = await onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.export', async (tx, ep) => {
    const view = await versionOf(tx, actor, ep, number);
    if (view.status !== 'signed') {
      throw conflict(`Version ${number} of the plan is a draft: only a signed plan is exported. Sign it first.`, [{ path: 'number', message: 'is not signed yet' }]);
    }
    const header = await documentHeaderOf(tx, actor.orgId, ep.id);
    const staff = await staffNamesOf(tx, actor.orgId, planObjectives(view.content).flatMap((o) => o.interventions.map((i) => i.responsibleStaffId)));
    await auditPlan(tx, deps, actor, 'treatment-plan.export', ep, { number, format: 'pdf', part2: ep.part2 });
    return { view, header, staff };
  });
  return {
    filename: `treatment-plan-${episodeId}-v${number}.pdf`,
    pdf: await planVersionPdf(loaded.header, loaded.view, loaded.staff, deps.clock.now()),
  };
}

/**
 * What the database cannot check about a plan's content: each responsible staff member is a staff account of the
 * organisation (400 naming the intervention), and the prescribed schedule sits inside the program's range (422).
 */
async function assertContentFits(tx: DbOrTx, actor: Actor, settings: PlanSettingsRow, content: TreatmentPlan): Promise<void> {
  const paths: { path: string; staffId: string }[] = [];
  content.problems.forEach((p, pi) =>
    p.goals.forEach((g, gi) =>
      g.objectives.forEach((o, oi) =>
        o.interventions.forEach((iv, ii) =>
          paths.push({
            path: `body.content.problems.${pi}.goals.${gi}.objectives.${oi}.interventions.${ii}.responsibleStaffId`,
            staffId: iv.responsibleStaffId,
          }),
        ),
      ),
    ),
  );
  const known = await knownStaffIds(tx, actor.orgId, [...new Set(paths.map((p) => p.staffId))]);
  const unknown = paths.filter((p) => !known.has(p.staffId));
  if (unknown.length > 0) throw badRequest(unknown.map((p) => ({ path: p.path, message: 'is not a staff member of this organisation' })));
  const range = {
    minHours: settings.minWeeklyMinutes / 60,
    maxHours: settings.maxWeeklyMinutes === null ? null : settings.maxWeeklyMinutes / 60,
    perDiemMinHours: 0,
  };
  const problems = prescribedScheduleProblems(content.schedule, range);
  if (problems.length > 0) {
    throw unprocessable(
      "The prescribed schedule is outside the program's weekly hours.",
      problems.map((p) => ({ path: `body.content.${p.field}`, message: p.message })),
    );
  }
}

function weeklyMinutesOf(content: TreatmentPlan): number {
  return Math.round(prescribedWeeklyHours(content.schedule) * 60);
}

function assertActive(ep: RecordEpisode): void {
  if (ep.status !== 'active') throw unprocessable('The episode is discharged: its plan can no longer change.');
}

/** 409 naming why a signed version cannot be edited. */
function signedVersionConflict(number: number): Problem {
  return conflict(`Version ${number} of the plan is signed and cannot be changed. Start a new version to change the plan; this one stays as it was signed.`, [
    { path: 'number', message: 'is signed' },
  ]);
}

/** Opens a draft: the first plan of an episode, or the next version after a signed one. 409 when a draft is open. */
export async function createPlanDraft(deps: Deps, actor: Actor, episodeId: string, input: PlanDraftCreate): Promise<PlanVersionView> {
  authorize(actor, 'treatment-plan.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.draft-create', async (tx, ep) => {
    assertActive(ep);
    const settings = await settingsOf(tx, actor, ep);
    // Serialises openings of a draft for the episode: the one-draft index would refuse the second anyway.
    await tx.execute(sqlLockEpisode(actor.orgId, ep.id));
    const [open] = await tx
      .select({ number: treatmentPlanVersion.number })
      .from(treatmentPlanVersion)
      .where(and(eq(treatmentPlanVersion.orgId, actor.orgId), eq(treatmentPlanVersion.episodeId, ep.id), eq(treatmentPlanVersion.status, 'draft')))
      .orderBy(desc(treatmentPlanVersion.number));
    if (open) throw conflict(`A draft of the plan (version ${open.number}) is already open. Open it and continue there.`, [{ path: 'draft', message: 'is already open' }]);
    await assertContentFits(tx, actor, settings, input.content);
    const number = (await lastPlanNumber(tx, actor.orgId, ep.id)) + 1;
    await insertPlanVersion(tx, {
      orgId: actor.orgId,
      episodeId: ep.id,
      participantId: ep.participantId,
      part2: ep.part2,
      number,
      content: input.content,
      weeklyMinutes: weeklyMinutesOf(input.content),
      by: actor.userId,
      now,
    });
    await auditPlan(tx, deps, actor, 'treatment-plan.draft-create', ep, { number });
    const [view] = await versionViews(tx, actor, ep, settings, number);
    return view!;
  });
}

/** A transaction-scoped lock on the episode row, so two openings of a draft queue rather than race. */
function sqlLockEpisode(orgId: string, episodeId: string) {
  return sql`select 1 from episode where org_id = ${orgId} and id = ${episodeId} for update`;
}

/** Saves a draft over itself: the version the editor loaded must still be the stored one (else 409, stale). */
export async function savePlanDraft(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  number: number,
  input: PlanDraftSave,
): Promise<PlanVersionView> {
  authorize(actor, 'treatment-plan.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.draft-save', async (tx, ep) => {
    const found = await lockPlanVersion(tx, actor.orgId, ep.id, number);
    if (!found) throw notFound('The plan version');
    if (found.status === 'signed') throw signedVersionConflict(number);
    assertActive(ep);
    assertVersion(found.version, input.version, 'The plan draft');
    const settings = await settingsOf(tx, actor, ep);
    await assertContentFits(tx, actor, settings, input.content);
    await updateDraft(tx, actor.orgId, found.id, {
      content: input.content,
      weeklyMinutes: weeklyMinutesOf(input.content),
      version: found.version + 1,
      by: actor.userId,
      now,
    });
    await auditPlan(tx, deps, actor, 'treatment-plan.draft-save', ep, { number, version: found.version + 1 });
    const [view] = await versionViews(tx, actor, ep, settings, number);
    return view!;
  });
}

/** The clinician signs the draft they have on screen: its content is hashed and locked for good. */
export async function signPlan(deps: Deps, actor: Actor, episodeId: string, number: number, input: PlanSign): Promise<PlanVersionView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.sign', async (tx, ep) => {
    const found = await lockPlanVersion(tx, actor.orgId, ep.id, number);
    if (!found) throw notFound('The plan version');
    if (found.status === 'signed') throw conflict(`Version ${number} of the plan is already signed.`, [{ path: 'number', message: 'is signed' }]);
    assertActive(ep);
    assertVersion(found.version, input.version, 'The plan draft');
    const settings = await settingsOf(tx, actor, ep);
    // The program's range may have changed since the draft was saved.
    await assertContentFits(tx, actor, settings, found.content);
    const contentHash = planContentHash(found.content);
    await markSigned(tx, actor.orgId, found.id, {
      contentHash,
      by: actor.userId,
      now,
      signedOn: todayAt(deps, ep),
      version: found.version + 1,
    });
    await insertSignature(tx, {
      orgId: actor.orgId,
      planVersionId: found.id,
      signer: 'clinician',
      signedName: actor.name,
      recordedBy: actor.userId,
      contentHash,
      signedAt: now,
    });
    await auditPlan(tx, deps, actor, 'treatment-plan.sign', ep, { number, contentHash });
    const [view] = await versionViews(tx, actor, ep, settings, number);
    return view!;
  });
}

/** Adds the participant's signature (taken in person) or a supervisor's sign-off to a signed version. */
export async function addPlanSignature(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  number: number,
  input: PlanSignatureCreate,
): Promise<PlanVersionView> {
  authorize(actor, input.signer === 'supervisor' ? 'note.cosign' : 'treatment-plan.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'treatment-plan.signature', async (tx, ep) => {
    const found = await lockPlanVersion(tx, actor.orgId, ep.id, number);
    if (!found) throw notFound('The plan version');
    if (found.status !== 'signed' || found.contentHash === null || found.signedBy === null) {
      throw conflict(`Version ${number} of the plan is a draft: the clinician signs it first.`, [{ path: 'number', message: 'is not signed yet' }]);
    }
    const settings = await settingsOf(tx, actor, ep);
    const signed = (await signaturesOf(tx, actor.orgId, [found.id])).map((s) => s.signer);
    if (signed.includes(input.signer)) {
      throw conflict(`Version ${number} already has the ${input.signer}'s signature.`, [{ path: 'body.signer', message: 'has already signed' }]);
    }
    let signedName: string;
    if (input.signer === 'supervisor') {
      const refusal = planSignOffRefusal(
        { id: found.signedBy, supervisorId: await supervisorOf(tx, actor.orgId, found.signedBy) },
        { id: actor.userId, role: actor.role },
      );
      if (refusal) throw new Problem(403, 'Not allowed', refusal);
      signedName = actor.name;
    } else {
      signedName = input.signedName;
    }
    const signer: PlanSigner = input.signer;
    await insertSignature(tx, {
      orgId: actor.orgId,
      planVersionId: found.id,
      signer,
      signedName,
      recordedBy: actor.userId,
      contentHash: found.contentHash,
      signedAt: now,
    });
    await auditPlan(tx, deps, actor, 'treatment-plan.signature', ep, { number, signer });
    const [view] = await versionViews(tx, actor, ep, settings, number);
    return view!;
  });
}

/** Reviews the plan in force: progress on each of its objectives, a narrative and the next review date. */
export async function reviewPlan(deps: Deps, actor: Actor, episodeId: string, input: PlanReviewCreate): Promise<PlanReviewView> {
  authorize(actor, 'treatment-plan.write');
  return onEpisodeRecord(deps, actor, episodeId, 'plan-review.create', async (tx, ep) => {
    assertActive(ep);
    const settings = await settingsOf(tx, actor, ep);
    const current = (await listPlanVersions(tx, actor.orgId, ep.id)).find((v) => v.status === 'signed');
    if (!current) throw unprocessable('There is no signed plan to review yet.', [{ path: 'plan', message: 'is not signed yet' }]);
    const today = todayAt(deps, ep);
    const problems = [
      ...(input.reviewedOn > today ? [{ field: 'reviewedOn', message: 'cannot be in the future' }] : []),
      ...(input.reviewedOn < current.effectiveOn ? [{ field: 'reviewedOn', message: 'must be on or after the plan takes effect' }] : []),
      ...planReviewProblems(current.content, input),
      ...nextReviewDateProblems(input, settings.reviewIntervalDays),
    ];
    if (problems.length > 0) throw badRequest(problems.map((p) => ({ path: `body.${p.field}`, message: p.message })));
    const id = await insertReview(
      tx,
      {
        orgId: actor.orgId,
        episodeId: ep.id,
        participantId: ep.participantId,
        part2: ep.part2,
        planVersionId: current.id,
        reviewedOn: input.reviewedOn,
        nextReviewOn: input.nextReviewOn ?? addDays(input.reviewedOn, settings.reviewIntervalDays),
        narrative: input.narrative,
        reviewedBy: actor.userId,
      },
      input.progress.map((p) => ({ objectiveId: p.objectiveId, progress: p.progress, note: p.note || null })),
    );
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'plan-review.create',
        entityType: 'plan_review',
        entityId: id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, planVersion: current.number, objectives: input.progress.length },
      },
      deps.clock.now(),
    );
    const [row] = await listReviews(tx, actor.orgId, ep.id, id);
    return reviewView(row!);
  });
}

/** An objective of the plan in force, with the goal and problem it serves. */
export interface CurrentPlanObjective extends Objective {
  goal: string;
  problem: string;
  planVersion: number;
}

/**
 * The objectives of an episode's signed plan in force (its newest signed version), in plan order; [] when none is
 * signed. For other features (group notes prefill each participant's entry from them). No access check here: the
 * caller has already reached the episode through its own use case's rules.
 */
export async function currentPlanObjectives(db: DbOrTx, orgId: string, episodeId: string): Promise<CurrentPlanObjective[]> {
  const [row] = await db
    .select({ number: treatmentPlanVersion.number, content: treatmentPlanVersion.content })
    .from(treatmentPlanVersion)
    .where(
      and(eq(treatmentPlanVersion.orgId, orgId), eq(treatmentPlanVersion.episodeId, episodeId), eq(treatmentPlanVersion.status, 'signed')),
    )
    .orderBy(desc(treatmentPlanVersion.number))
    .limit(1);
  if (!row) return [];
  return row.content.problems.flatMap((p) =>
    p.goals.flatMap((g) => g.objectives.map((o) => ({ ...o, goal: g.description, problem: p.description, planVersion: row.number }))),
  );
}
