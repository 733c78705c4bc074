/** Queries of the clinical record: an episode's diagnoses and level-of-care assessments. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { AsamEdition, DiagnosisStatus, LevelOfCareFlag, PlacementLevel, VarianceReason } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, diagnosis, episode, levelOfCareAssessment, levelOfCareRating, program, site } from '../../db/schema.ts';

/** An episode with what the clinical record's rules need: its Part 2 scope and its site's time zone. */
export async function findEpisodeForRecord(db: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await db
    .select({
      id: episode.id,
      participantId: episode.participantId,
      programId: episode.programId,
      part2: episode.part2,
      primaryClinicianId: episode.primaryClinicianId,
      status: episode.status,
      timeZone: site.timeZone,
    })
    .from(episode)
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(episode.orgId, orgId), eq(episode.id, episodeId)));
  return row ?? null;
}
export type RecordEpisode = NonNullable<Awaited<ReturnType<typeof findEpisodeForRecord>>>;

const diagnosisColumns = {
  id: diagnosis.id,
  episodeId: diagnosis.episodeId,
  code: diagnosis.code,
  description: diagnosis.description,
  isPrimary: diagnosis.isPrimary,
  onsetOn: diagnosis.onsetOn,
  status: diagnosis.status,
  recordedById: diagnosis.recordedBy,
  recordedByName: appUser.name,
  createdAt: diagnosis.createdAt,
  version: diagnosis.version,
};

/** An episode's diagnoses: the primary first, then in the order recorded. */
export async function listDiagnoses(db: DbOrTx, orgId: string, episodeId: string) {
  return db
    .select(diagnosisColumns)
    .from(diagnosis)
    .innerJoin(appUser, and(eq(appUser.orgId, diagnosis.orgId), eq(appUser.id, diagnosis.recordedBy)))
    .where(and(eq(diagnosis.orgId, orgId), eq(diagnosis.episodeId, episodeId)))
    .orderBy(desc(diagnosis.isPrimary), asc(diagnosis.createdAt), asc(diagnosis.id));
}
export type DiagnosisRow = Awaited<ReturnType<typeof listDiagnoses>>[number];

export async function findDiagnosis(db: DbOrTx, orgId: string, episodeId: string, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(diagnosis)
    .where(and(eq(diagnosis.orgId, orgId), eq(diagnosis.episodeId, episodeId), eq(diagnosis.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function diagnosisRow(db: DbOrTx, orgId: string, id: string): Promise<DiagnosisRow> {
  const [row] = await db
    .select(diagnosisColumns)
    .from(diagnosis)
    .innerJoin(appUser, and(eq(appUser.orgId, diagnosis.orgId), eq(appUser.id, diagnosis.recordedBy)))
    .where(and(eq(diagnosis.orgId, orgId), eq(diagnosis.id, id)));
  if (!row) throw new Error('diagnosis vanished');
  return row;
}

/** What a clinical row copies from its episode (checked by a composite foreign key). */
interface EpisodeCopy {
  orgId: string;
  episodeId: string;
  participantId: string;
  part2: boolean;
}

export async function insertDiagnosis(
  db: DbOrTx,
  values: EpisodeCopy & {
    code: string;
    description: string;
    isPrimary: boolean;
    onsetOn: string | null;
    status: DiagnosisStatus;
    recordedBy: string;
  },
): Promise<string> {
  const [row] = await db.insert(diagnosis).values(values).returning({ id: diagnosis.id });
  return row!.id;
}

/** Writes a diagnosis's changes with its next version (the caller holds the row lock and checked the version). */
export async function updateDiagnosis(
  db: DbOrTx,
  orgId: string,
  id: string,
  changes: { isPrimary?: boolean; onsetOn?: string | null; status?: DiagnosisStatus; version: number },
  now: Date,
): Promise<void> {
  await db
    .update(diagnosis)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(diagnosis.orgId, orgId), eq(diagnosis.id, id)));
}

/** Clears the primary flag of the episode's other diagnoses (one primary per episode); returns their ids. */
export async function demoteOtherPrimaries(db: DbOrTx, orgId: string, episodeId: string, keepId: string | null, now: Date) {
  const others = await db
    .select({ id: diagnosis.id, version: diagnosis.version })
    .from(diagnosis)
    .where(
      and(
        eq(diagnosis.orgId, orgId),
        eq(diagnosis.episodeId, episodeId),
        eq(diagnosis.isPrimary, true),
        ...(keepId ? [ne(diagnosis.id, keepId)] : []),
      ),
    )
    .for('update');
  for (const o of others) {
    await db
      .update(diagnosis)
      .set({ isPrimary: false, version: o.version + 1, updatedAt: now })
      .where(and(eq(diagnosis.orgId, orgId), eq(diagnosis.id, o.id)));
  }
  return others.map((o) => o.id);
}

export async function insertAssessment(
  db: DbOrTx,
  values: EpisodeCopy & {
    assessedOn: string;
    edition: AsamEdition;
    flags: LevelOfCareFlag[];
    recommendedLevel: PlacementLevel;
    chosenLevel: PlacementLevel;
    varianceReason: VarianceReason | null;
    varianceNote: string | null;
    suggestedLevel: PlacementLevel;
    assessedBy: string;
  },
  ratings: readonly { dimension: number; rating: number; rationale: string }[],
): Promise<string> {
  const [row] = await db.insert(levelOfCareAssessment).values(values).returning({ id: levelOfCareAssessment.id });
  const assessmentId = row!.id;
  await db.insert(levelOfCareRating).values(ratings.map((r) => ({ orgId: values.orgId, assessmentId, ...r })));
  return assessmentId;
}

/** An episode's assessments (or one of them), newest first, each with its six ratings. */
export async function listAssessments(db: DbOrTx, orgId: string, episodeId: string, onlyId?: string) {
  const rows = await db
    .select({ a: levelOfCareAssessment, assessedByName: appUser.name })
    .from(levelOfCareAssessment)
    .innerJoin(appUser, and(eq(appUser.orgId, levelOfCareAssessment.orgId), eq(appUser.id, levelOfCareAssessment.assessedBy)))
    .where(
      and(
        eq(levelOfCareAssessment.orgId, orgId),
        eq(levelOfCareAssessment.episodeId, episodeId),
        ...(onlyId ? [eq(levelOfCareAssessment.id, onlyId)] : []),
      ),
    )
    .orderBy(desc(levelOfCareAssessment.assessedOn), desc(levelOfCareAssessment.createdAt), desc(levelOfCareAssessment.id));
  if (rows.length === 0) return [];
  const ratings = await db
    .select()
    .from(levelOfCareRating)
    .where(
      and(
        eq(levelOfCareRating.orgId, orgId),
        inArray(
          levelOfCareRating.assessmentId,
          rows.map((r) => r.a.id),
        ),
      ),
    )
    .orderBy(asc(levelOfCareRating.dimension));
  return rows.map((r) => ({ ...r, ratings: ratings.filter((x) => x.assessmentId === r.a.id) }));
}
export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>[number];
