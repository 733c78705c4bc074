/** Skills library queries: what a program publishes, and the homework assigned in an episode or to a participant. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SkillTopicId } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, episode, program, skillAssignment, skillPublication } from '../../db/schema.ts';

export async function findProgram(db: DbOrTx, orgId: string, programId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ id: program.id })
    .from(program)
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function publications(db: DbOrTx, orgId: string, programIds: readonly string[]) {
  if (programIds.length === 0) return [];
  return db
    .select({
      programId: skillPublication.programId,
      topic: skillPublication.topic,
      publishedAt: skillPublication.publishedAt,
    })
    .from(skillPublication)
    .where(and(eq(skillPublication.orgId, orgId), inArray(skillPublication.programId, [...programIds])));
}

/** Makes the program publish exactly `topics`: new ones are published now, the others withdrawn. */
export async function replacePublications(
  tx: DbOrTx,
  orgId: string,
  programId: string,
  topics: readonly SkillTopicId[],
  by: string,
  now: Date,
) {
  const kept = sql`${skillPublication.topic} in (${sql.join(topics.length ? topics.map((t) => sql`${t}`) : [sql`null`], sql`, `)})`;
  await tx
    .delete(skillPublication)
    .where(and(eq(skillPublication.orgId, orgId), eq(skillPublication.programId, programId), sql`not (${kept})`));
  if (topics.length > 0) {
    await tx
      .insert(skillPublication)
      .values(topics.map((topic) => ({ orgId, programId, topic, publishedBy: by, publishedAt: now })))
      .onConflictDoNothing();
  }
}

const assignmentColumns = {
  id: skillAssignment.id,
  episodeId: skillAssignment.episodeId,
  participantId: skillAssignment.participantId,
  topic: skillAssignment.topic,
  assignedById: skillAssignment.assignedBy,
  assignedByName: appUser.name,
  assignedAt: skillAssignment.assignedAt,
  readAt: skillAssignment.readAt,
};

/** Assignments of an episode, or of a participant's episodes, oldest first, with who assigned each. */
export async function assignments(db: DbOrTx, orgId: string, of: { episodeId: string } | { participantId: string }) {
  return db
    .select(assignmentColumns)
    .from(skillAssignment)
    .innerJoin(appUser, and(eq(appUser.orgId, skillAssignment.orgId), eq(appUser.id, skillAssignment.assignedBy)))
    .where(
      and(
        eq(skillAssignment.orgId, orgId),
        'episodeId' in of
          ? eq(skillAssignment.episodeId, of.episodeId)
          : eq(skillAssignment.participantId, of.participantId),
      ),
    )
    .orderBy(asc(skillAssignment.assignedAt), asc(skillAssignment.id));
}
export type AssignmentRow = Awaited<ReturnType<typeof assignments>>[number];

export async function insertAssignment(tx: DbOrTx, row: typeof skillAssignment.$inferInsert): Promise<string> {
  const [inserted] = await tx.insert(skillAssignment).values(row).returning({ id: skillAssignment.id });
  return inserted!.id;
}

/** Marks a participant's unread assignments of a topic read; answers how many. */
export async function markRead(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  topic: SkillTopicId,
  now: Date,
): Promise<number> {
  const rows = await tx
    .update(skillAssignment)
    .set({ readAt: now })
    .where(
      and(
        eq(skillAssignment.orgId, orgId),
        eq(skillAssignment.participantId, participantId),
        eq(skillAssignment.topic, topic),
        isNull(skillAssignment.readAt),
      ),
    )
    .returning({ id: skillAssignment.id });
  return rows.length;
}

/** The programs of a participant's active episodes. */
export async function activePrograms(db: DbOrTx, orgId: string, participantId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ programId: episode.programId })
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.participantId, participantId), eq(episode.status, 'active')));
  return rows.map((r) => r.programId);
}
