/** Queries of intake assessments and their addenda. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IntakeAssessmentContent } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, episode, inquiry, intakeAssessment, intakeAssessmentAddendum, participant, program, staffProgram } from '../../db/schema.ts';

const author = alias(appUser, 'assessment_author');
const inquiryProgram = alias(program, 'inquiry_program');

/** Every column a use case needs to decide who reaches an assessment and to show it. */
function assessmentColumns(readerId: string) {
  return {
    assessment: intakeAssessment,
    authorName: author.name,
    episodeProgramId: episode.programId,
    primaryClinicianId: episode.primaryClinicianId,
    inquiryProgramId: inquiry.programId,
    inquiryProgramPart2: sql<boolean>`coalesce(${inquiryProgram.part2}, false)`,
    /** The reader is staff of the inquiry's program (Part 2 scope before admission). */
    readerWorksInInquiryProgram: sql<boolean>`exists (select 1 from ${staffProgram} sp
      where sp.org_id = ${intakeAssessment.orgId} and sp.user_id = ${readerId} and sp.program_id = ${inquiry.programId})`,
    displayName: sql<string>`coalesce(coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}, ${inquiry.name}, '')`,
    addendumCount: sql<number>`(select count(*)::int from ${intakeAssessmentAddendum} ad
      where ad.org_id = ${intakeAssessment.orgId} and ad.assessment_id = ${intakeAssessment.id})`,
  };
}

function assessmentsQuery(db: DbOrTx, readerId: string, where: SQL | undefined) {
  return db
    .select(assessmentColumns(readerId))
    .from(intakeAssessment)
    .innerJoin(author, and(eq(author.orgId, intakeAssessment.orgId), eq(author.id, intakeAssessment.authorId)))
    .leftJoin(episode, and(eq(episode.orgId, intakeAssessment.orgId), eq(episode.id, intakeAssessment.episodeId)))
    .leftJoin(participant, and(eq(participant.orgId, intakeAssessment.orgId), eq(participant.id, intakeAssessment.participantId)))
    .leftJoin(inquiry, and(eq(inquiry.orgId, intakeAssessment.orgId), eq(inquiry.id, intakeAssessment.inquiryId)))
    .leftJoin(inquiryProgram, and(eq(inquiryProgram.orgId, inquiry.orgId), eq(inquiryProgram.id, inquiry.programId)))
    .where(where);
}
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsQuery>>[number];

/** One assessment with what its access rules need; locked for update if asked. */
export async function findAssessment(db: DbOrTx, orgId: string, readerId: string, id: string, options: { lock?: boolean } = {}) {
  const query = assessmentsQuery(db, readerId, and(eq(intakeAssessment.orgId, orgId), eq(intakeAssessment.id, id)));
  const [row] = options.lock ? await query.for('update', { of: intakeAssessment }) : await query;
  return row ?? null;
}

/** Assessments matching `where` (already holding the reader's visibility), newest first. */
export async function listAssessments(db: DbOrTx, orgId: string, readerId: string, where: SQL) {
  return assessmentsQuery(db, readerId, and(eq(intakeAssessment.orgId, orgId), where)).orderBy(desc(intakeAssessment.createdAt), desc(intakeAssessment.id));
}

/** Drafts matching `where`, least recently saved first (the supervisor view). */
export async function listUnsignedAssessments(db: DbOrTx, orgId: string, readerId: string, where: SQL) {
  return assessmentsQuery(db, readerId, and(eq(intakeAssessment.orgId, orgId), eq(intakeAssessment.status, 'draft'), where))
    .orderBy(asc(intakeAssessment.updatedAt), asc(intakeAssessment.id))
    .limit(200);
}

/** An inquiry's program and its Part 2 flag, and whether the reader works in it. */
export async function findInquiryScope(db: DbOrTx, orgId: string, readerId: string, inquiryId: string) {
  const [row] = await db
    .select({
      id: inquiry.id,
      programId: inquiry.programId,
      programPart2: sql<boolean>`coalesce(${program.part2}, false)`,
      worksInProgram: sql<boolean>`exists (select 1 from ${staffProgram} sp
        where sp.org_id = ${inquiry.orgId} and sp.user_id = ${readerId} and sp.program_id = ${inquiry.programId})`,
    })
    .from(inquiry)
    .leftJoin(program, and(eq(program.orgId, inquiry.orgId), eq(program.id, inquiry.programId)))
    .where(and(eq(inquiry.orgId, orgId), eq(inquiry.id, inquiryId)));
  return row ?? null;
}

export async function findEpisodeScope(db: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await db
    .select({
      id: episode.id,
      participantId: episode.participantId,
      programId: episode.programId,
      part2: episode.part2,
      primaryClinicianId: episode.primaryClinicianId,
    })
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.id, episodeId)));
  return row ?? null;
}

export async function insertAssessment(db: DbOrTx, values: typeof intakeAssessment.$inferInsert): Promise<string> {
  const [row] = await db.insert(intakeAssessment).values(values).returning({ id: intakeAssessment.id });
  return row!.id;
}

export async function updateAssessment(
  db: DbOrTx,
  orgId: string,
  id: string,
  set: { content: IntakeAssessmentContent; version: number; updatedAt: Date; status?: 'signed'; signedAt?: Date; contentHash?: string },
): Promise<void> {
  await db
    .update(intakeAssessment)
    .set(set)
    .where(and(eq(intakeAssessment.orgId, orgId), eq(intakeAssessment.id, id)));
}

export async function insertAssessmentAddendum(db: DbOrTx, values: typeof intakeAssessmentAddendum.$inferInsert): Promise<void> {
  await db.insert(intakeAssessmentAddendum).values(values);
}

export async function listAssessmentAddenda(db: DbOrTx, orgId: string, assessmentId: string) {
  return db
    .select({
      id: intakeAssessmentAddendum.id,
      text: intakeAssessmentAddendum.text,
      authorId: intakeAssessmentAddendum.authorId,
      authorName: appUser.name,
      writtenAt: intakeAssessmentAddendum.writtenAt,
      contentHash: intakeAssessmentAddendum.contentHash,
    })
    .from(intakeAssessmentAddendum)
    .innerJoin(appUser, and(eq(appUser.orgId, intakeAssessmentAddendum.orgId), eq(appUser.id, intakeAssessmentAddendum.authorId)))
    .where(and(eq(intakeAssessmentAddendum.orgId, orgId), eq(intakeAssessmentAddendum.assessmentId, assessmentId)))
    .orderBy(asc(intakeAssessmentAddendum.writtenAt), asc(intakeAssessmentAddendum.id));
}

/**
 * Attaches an inquiry's assessments not yet on an episode (drafts and signed ones) to the episode the person was
 * admitted to, copying its participant and Part 2 flag. The signed-row trigger allows exactly this change, once.
 * Answers the ids attached.
 */
export async function attachInquiryAssessments(db: DbOrTx, a: { orgId: string; inquiryId: string; episodeId: string; updatedAt: Date }): Promise<string[]> {
  const rows = await db
    .update(intakeAssessment)
    .set({
      episodeId: a.episodeId,
      participantId: sql`(select e.participant_id from ${episode} e where e.org_id = ${a.orgId} and e.id = ${a.episodeId})`,
      part2: sql`(select e.part2 from ${episode} e where e.org_id = ${a.orgId} and e.id = ${a.episodeId})`,
      version: sql`${intakeAssessment.version} + 1`,
      updatedAt: a.updatedAt,
    })
    .where(and(eq(intakeAssessment.orgId, a.orgId), eq(intakeAssessment.inquiryId, a.inquiryId), sql`${intakeAssessment.episodeId} is null`))
    .returning({ id: intakeAssessment.id });
  return rows.map((r) => r.id);
}

/**
 * SQL true for assessments the reader reaches (the list form of the per-id rules in service.ts): on an episode,
 * `episodeSide` (the care-team and Part 2 rules, or false for roles that do not read the clinical record); on an
 * inquiry, core's `mayReachInquiryAssessment` — a Part 2 program's inquiry only for its staff, and program-scoped
 * roles only within their programs.
 */
export function assessmentVisibility(reader: { userId: string; programScoped: boolean }, episodeSide: SQL): SQL {
  const worksIn = sql`exists (select 1 from ${staffProgram} sp
    where sp.org_id = ${intakeAssessment.orgId} and sp.user_id = ${reader.userId} and sp.program_id = ${inquiry.programId})`;
  const inquirySide = sql`((not coalesce(${inquiryProgram.part2}, false) or ${worksIn})
    and ${reader.programScoped ? sql`(${inquiry.programId} is null or ${worksIn})` : sql`true`})`;
  return sql`((${intakeAssessment.episodeId} is not null and ${episodeSide}) or (${intakeAssessment.episodeId} is null and ${inquirySide}))`;
}
