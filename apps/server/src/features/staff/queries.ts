/** Staff accounts and the outbox: Drizzle queries as plain functions of `(db | tx, args)`. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { StaffAccount, StaffRole } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { isStaffUser, staffProgramIds } from '../../db/staff-sql.ts';
import { appUser, authAccount, authSession, outboxMessage, program, staffNameHistory, staffProgram } from '../../db/schema.ts';

// Drizzle leaves columns unqualified in a one-table select, so correlated subqueries name app_user's columns in full.
const supervisor = sql`(select s.name from ${appUser} s where s.org_id = app_user.org_id and s.id = app_user.supervisor_id)`;

/** Every staff account of the organisation, active or not, by name. */
export async function staffAccounts(db: DbOrTx, orgId: string, id?: string): Promise<StaffAccount[]> {
  return db
    .select({
      id: appUser.id,
      name: appUser.name,
      email: appUser.email,
      role: sql<StaffRole>`${appUser.role}`,
      credentials: appUser.credentials,
      programIds: staffProgramIds,
      supervisorId: appUser.supervisorId,
      supervisorName: sql<string | null>`${supervisor}`,
      preLicensed: appUser.preLicensed,
      active: appUser.active,
      invitationPending: sql<boolean>`not exists (select 1 from ${authAccount} a
                                                  where a.user_id = app_user.id and a.provider_id = 'credential')`,
      twoFactorEnabled: appUser.twoFactorEnabled,
    })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), isStaffUser, id === undefined ? undefined : eq(appUser.id, id)))
    .orderBy(asc(appUser.name), asc(appUser.id));
}

export async function findAccount(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), eq(appUser.id, id), isStaffUser))
    .for('update');
  return row ?? null;
}

/** Ids of the given programs that belong to the organisation. */
export async function knownPrograms(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: program.id })
    .from(program)
    .where(and(eq(program.orgId, orgId), inArray(program.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

export async function replacePrograms(db: DbOrTx, orgId: string, userId: string, programIds: readonly string[]): Promise<void> {
  await db.delete(staffProgram).where(and(eq(staffProgram.orgId, orgId), eq(staffProgram.userId, userId)));
  if (programIds.length) await db.insert(staffProgram).values(programIds.map((programId) => ({ orgId, userId, programId })));
}

export async function recordName(db: DbOrTx, orgId: string, userId: string, name: string, validFrom: Date): Promise<void> {
  await db.insert(staffNameHistory).values({ orgId, userId, name, validFrom }).onConflictDoUpdate({
    target: [staffNameHistory.orgId, staffNameHistory.userId, staffNameHistory.validFrom],
    set: { name },
  });
}

/** Ends every session of a user; returns how many there were. */
export async function revokeSessions(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db.delete(authSession).where(eq(authSession.userId, userId)).returning({ id: authSession.id });
  return rows.length;
}

/** Replaces a user's password with one nobody knows, so only the reset link lets them in again. */
export async function voidPassword(db: DbOrTx, userId: string, unusableHash: string, at: Date): Promise<void> {
  await db
    .update(authAccount)
    .set({ password: unusableHash, updatedAt: at })
    .where(and(eq(authAccount.userId, userId), eq(authAccount.providerId, 'credential')));
}

export async function outbox(db: DbOrTx, orgId: string, limit: number) {
  return db
    .select({
      id: outboxMessage.id,
      kind: outboxMessage.kind,
      toEmail: outboxMessage.toEmail,
      subject: outboxMessage.subject,
      body: outboxMessage.body,
      link: outboxMessage.link,
      createdAt: outboxMessage.createdAt,
      deliveryStatus: outboxMessage.deliveryStatus,
      attempts: outboxMessage.attempts,
      sentAt: outboxMessage.sentAt,
      lastError: outboxMessage.lastError,
    })
    .from(outboxMessage)
    .where(eq(outboxMessage.orgId, orgId))
    .orderBy(desc(outboxMessage.createdAt), desc(outboxMessage.id))
    .limit(limit);
}
