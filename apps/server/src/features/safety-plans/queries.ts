/** Safety plan versions: queries as plain functions of `(db | tx, args)`. */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, safetyPlan } from '../../db/schema.ts';

const columns = {
  participantId: safetyPlan.participantId,
  version: safetyPlan.version,
  plan: safetyPlan.plan,
  savedAt: safetyPlan.savedAt,
  savedById: safetyPlan.savedBy,
  savedByName: appUser.name,
};

/** A participant's versions, newest first (plans included: a plan is small). */
export async function planVersions(db: DbOrTx, orgId: string, participantId: string) {
  return db
    .select(columns)
    .from(safetyPlan)
    .innerJoin(appUser, and(eq(appUser.orgId, safetyPlan.orgId), eq(appUser.id, safetyPlan.savedBy)))
    .where(and(eq(safetyPlan.orgId, orgId), eq(safetyPlan.participantId, participantId)))
    .orderBy(desc(safetyPlan.version));
}
export type PlanVersionRow = Awaited<ReturnType<typeof planVersions>>[number];

export async function insertPlanVersion(tx: DbOrTx, row: typeof safetyPlan.$inferInsert) {
  await tx.insert(safetyPlan).values(row);
}
