/** Daily check-ins: Drizzle queries as plain functions of `(db | tx, args)`. */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { checkIn, safetyAlert } from '../../db/schema.ts';

export type CheckInRow = typeof checkIn.$inferSelect;

export async function insertCheckIn(tx: DbOrTx, row: typeof checkIn.$inferInsert): Promise<CheckInRow> {
  const [inserted] = await tx.insert(checkIn).values(row).returning();
  if (!inserted) throw new Error('check-in not stored');
  return inserted;
}

/** A participant's check-ins, newest first, with each one's alert, in episodes the condition on episode `e` lets the caller see. */
export async function participantCheckIns(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  visible: SQL,
  limit: number,
): Promise<(CheckInRow & { safetyAlertId: string | null })[]> {
  const rows = await db
    .select({ checkIn, safetyAlertId: safetyAlert.id })
    .from(checkIn)
    .innerJoin(sql`episode e`, sql`e.org_id = ${checkIn.orgId} and e.id = ${checkIn.episodeId}`)
    .leftJoin(safetyAlert, and(eq(safetyAlert.orgId, checkIn.orgId), eq(safetyAlert.checkInId, checkIn.id)))
    .where(and(eq(checkIn.orgId, orgId), eq(checkIn.participantId, participantId), visible))
    .orderBy(desc(checkIn.checkedInAt), desc(checkIn.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.checkIn, safetyAlertId: r.safetyAlertId }));
}
