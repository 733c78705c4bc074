/** Queries of treatment plans: versions with their signatures, reviews with progress, a program's plan settings. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ObjectiveProgress, PlanSignatureMethod, PlanSigner, TreatmentPlan } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import {
  appUser,
  levelOfCareAssessment,
  planReview,
  planReviewProgress,
  program,
  treatmentPlanSignature,
  treatmentPlanVersion,
} from '../../db/schema.ts';

/** A program's plan settings and weekly range, with its version for optimistic concurrency. */
export async function findPlanSettings(db: DbOrTx, orgId: string, programId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      programId: program.id,
      levelOfCare: program.levelOfCare,
      reviewIntervalDays: program.planReviewIntervalDays,
      supervisorSignOff: program.planSupervisorSignOff,
      certificationRequired: program.certificationRequired,
      noteDeadlineHours: program.noteDeadlineHours,
      minWeeklyMinutes: program.minWeeklyMinutes,
      maxWeeklyMinutes: program.maxWeeklyMinutes,
      version: program.version,
    })
    .from(program)
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}
export type PlanSettingsRow = NonNullable<Awaited<ReturnType<typeof findPlanSettings>>>;

const creator = alias(appUser, 'plan_creator');
const updater = alias(appUser, 'plan_updater');

const versionColumns = {
  id: treatmentPlanVersion.id,
  episodeId: treatmentPlanVersion.episodeId,
  number: treatmentPlanVersion.number,
  status: treatmentPlanVersion.status,
  content: treatmentPlanVersion.content,
  effectiveOn: treatmentPlanVersion.effectiveOn,
  weeklyMinutes: treatmentPlanVersion.weeklyMinutes,
  contentHash: treatmentPlanVersion.contentHash,
  signedBy: treatmentPlanVersion.signedBy,
  signedAt: treatmentPlanVersion.signedAt,
  version: treatmentPlanVersion.version,
  createdAt: treatmentPlanVersion.createdAt,
  updatedAt: treatmentPlanVersion.updatedAt,
  createdById: creator.id,
  createdByName: creator.name,
  updatedById: updater.id,
  updatedByName: updater.name,
};

/** An episode's plan versions, newest first (or the one numbered), with who created and last saved each. */
export async function listPlanVersions(db: DbOrTx, orgId: string, episodeId: string, onlyNumber?: number) {
  return db
    .select(versionColumns)
    .from(treatmentPlanVersion)
    .innerJoin(creator, and(eq(creator.orgId, treatmentPlanVersion.orgId), eq(creator.id, treatmentPlanVersion.createdBy)))
    .innerJoin(updater, and(eq(updater.orgId, treatmentPlanVersion.orgId), eq(updater.id, treatmentPlanVersion.updatedBy)))
    .where(
      and(
        eq(treatmentPlanVersion.orgId, orgId),
        eq(treatmentPlanVersion.episodeId, episodeId),
        ...(onlyNumber === undefined ? [] : [eq(treatmentPlanVersion.number, onlyNumber)]),
      ),
    )
    .orderBy(desc(treatmentPlanVersion.number));
}
export type PlanVersionRow = Awaited<ReturnType<typeof listPlanVersions>>[number];

/** One version of an episode's plan, locked for a write, or null. */
export async function lockPlanVersion(db: DbOrTx, orgId: string, episodeId: string, number: number) {
  const [row] = await db
    .select()
    .from(treatmentPlanVersion)
    .where(and(eq(treatmentPlanVersion.orgId, orgId), eq(treatmentPlanVersion.episodeId, episodeId), eq(treatmentPlanVersion.number, number)))
    .for('update');
  return row ?? null;
}

/** The highest version number of an episode's plan, 0 when it has none. */
export async function lastPlanNumber(db: DbOrTx, orgId: string, episodeId: string): Promise<number> {
  const [row] = await db
    .select({ number: treatmentPlanVersion.number })
    .from(treatmentPlanVersion)
    .where(and(eq(treatmentPlanVersion.orgId, orgId), eq(treatmentPlanVersion.episodeId, episodeId)))
    .orderBy(desc(treatmentPlanVersion.number))
    .limit(1);
  return row?.number ?? 0;
}

export async function insertPlanVersion(
  db: DbOrTx,
  values: {
    orgId: string;
    episodeId: string;
    participantId: string;
    part2: boolean;
    number: number;
    content: TreatmentPlan;
    weeklyMinutes: number;
    by: string;
    now: Date;
  },
): Promise<void> {
  const { by, now, ...rest } = values;
  await db.insert(treatmentPlanVersion).values({
    ...rest,
    effectiveOn: values.content.effectiveOn,
    createdBy: by,
    updatedBy: by,
    createdAt: now,
    updatedAt: now,
  });
}

/** Saves a draft's content with its next version (the caller holds the row lock and checked the version). */
export async function updateDraft(
  db: DbOrTx,
  orgId: string,
  id: string,
  values: { content: TreatmentPlan; weeklyMinutes: number; version: number; by: string; now: Date },
): Promise<void> {
  await db
    .update(treatmentPlanVersion)
    .set({
      content: values.content,
      effectiveOn: values.content.effectiveOn,
      weeklyMinutes: values.weeklyMinutes,
      version: values.version,
      updatedBy: values.by,
      updatedAt: values.now,
    })
    .where(and(eq(treatmentPlanVersion.orgId, orgId), eq(treatmentPlanVersion.id, id)));
}

/** Locks a draft as signed: its hash, signer and the local date of signing. */
export async function markSigned(
  db: DbOrTx,
  orgId: string,
  id: string,
  values: { contentHash: string; by: string; now: Date; signedOn: string; version: number },
): Promise<void> {
  await db
    .update(treatmentPlanVersion)
    .set({
      status: 'signed',
      contentHash: values.contentHash,
      signedBy: values.by,
      signedAt: values.now,
      signedOn: values.signedOn,
      version: values.version,
      updatedBy: values.by,
      updatedAt: values.now,
    })
    .where(and(eq(treatmentPlanVersion.orgId, orgId), eq(treatmentPlanVersion.id, id)));
}

export async function insertSignature(
  db: DbOrTx,
  values: {
    orgId: string;
    planVersionId: string;
    signer: PlanSigner;
    signedName: string;
    recordedBy: string;
    contentHash: string;
    signedAt: Date;
    method?: PlanSignatureMethod;
  },
): Promise<void> {
  await db.insert(treatmentPlanSignature).values(values);
}

/** The signatures on some plan versions, in the order made, with who recorded each. */
export async function signaturesOf(db: DbOrTx, orgId: string, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      planVersionId: treatmentPlanSignature.planVersionId,
      signer: treatmentPlanSignature.signer,
      signedName: treatmentPlanSignature.signedName,
      recordedById: appUser.id,
      recordedByName: appUser.name,
      signedAt: treatmentPlanSignature.signedAt,
      method: treatmentPlanSignature.method,
    })
    .from(treatmentPlanSignature)
    .innerJoin(appUser, and(eq(appUser.orgId, treatmentPlanSignature.orgId), eq(appUser.id, treatmentPlanSignature.recordedBy)))
    .where(and(eq(treatmentPlanSignature.orgId, orgId), inArray(treatmentPlanSignature.planVersionId, [...versionIds])))
    .orderBy(asc(treatmentPlanSignature.signedAt));
}
export type SignatureRow = Awaited<ReturnType<typeof signaturesOf>>[number];

/** A staff member's supervisor, for the sign-off rule. */
export async function supervisorOf(db: DbOrTx, orgId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ supervisorId: appUser.supervisorId })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), eq(appUser.id, userId)));
  return row?.supervisorId ?? null;
}

/** Which of these ids are staff accounts of the organisation. */
export async function knownStaffIds(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), inArray(appUser.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** An episode's plan reviews, newest first, each with its progress per objective. */
export async function listReviews(db: DbOrTx, orgId: string, episodeId: string, onlyId?: string) {
  const rows = await db
    .select({ r: planReview, number: treatmentPlanVersion.number, reviewedByName: appUser.name })
    .from(planReview)
    .innerJoin(
      treatmentPlanVersion,
      and(eq(treatmentPlanVersion.orgId, planReview.orgId), eq(treatmentPlanVersion.id, planReview.planVersionId)),
    )
    .innerJoin(appUser, and(eq(appUser.orgId, planReview.orgId), eq(appUser.id, planReview.reviewedBy)))
    .where(and(eq(planReview.orgId, orgId), eq(planReview.episodeId, episodeId), ...(onlyId ? [eq(planReview.id, onlyId)] : [])))
    .orderBy(desc(planReview.reviewedOn), desc(planReview.createdAt));
  if (rows.length === 0) return [];
  const progress = await db
    .select()
    .from(planReviewProgress)
    .where(and(eq(planReviewProgress.orgId, orgId), inArray(planReviewProgress.reviewId, rows.map((r) => r.r.id))));
  return rows.map((r) => ({ ...r, progress: progress.filter((p) => p.reviewId === r.r.id) }));
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];

export async function insertReview(
  db: DbOrTx,
  values: {
    orgId: string;
    episodeId: string;
    participantId: string;
    part2: boolean;
    planVersionId: string;
    reviewedOn: string;
    nextReviewOn: string;
    narrative: string;
    reviewedBy: string;
  },
  progress: readonly { objectiveId: string; progress: ObjectiveProgress; note: string | null }[],
): Promise<string> {
  const [row] = await db.insert(planReview).values(values).returning({ id: planReview.id });
  const reviewId = row!.id;
  await db.insert(planReviewProgress).values(progress.map((p) => ({ orgId: values.orgId, reviewId, ...p })));
  return reviewId;
}

/** The levels of care chosen at an episode's assessments, oldest first (the level-of-care history). */
export async function chosenLevels(db: DbOrTx, orgId: string, episodeId: string) {
  return db
    .select({ assessedOn: levelOfCareAssessment.assessedOn, chosenLevel: levelOfCareAssessment.chosenLevel })
    .from(levelOfCareAssessment)
    .where(and(eq(levelOfCareAssessment.orgId, orgId), eq(levelOfCareAssessment.episodeId, episodeId)))
    .orderBy(asc(levelOfCareAssessment.assessedOn), asc(levelOfCareAssessment.createdAt));
}
