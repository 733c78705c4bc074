/**
 * Staff accounts, kept by the organisation's administrator: invite (an account with no password and a link in the
 * outbox to choose one), change name, role, programs and supervisor, deactivate (sessions end at once; sign-in and
 * every /api/auth call are refused — see auth/account-rules.ts), reactivate, and reset a password. Every change is
 * audited; a rename starts a new entry in the name history so the audit trail names people as they were.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { OrganisationSecurity, OutboxMessage, StaffAccount, StaffAccountUpdate, StaffInvitation } from '@trellis/core';
import { staffInvitationSchema } from '@trellis/core';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { markTwoFactorPending } from '../../auth/account-rules.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, organisation } from '../../db/schema.ts';
import { notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { refusingDuplicates } from '../setup/unique.ts';
import { FIRST_NAME_FROM } from '../organisations/service.ts';
import { betterAuthCall } from '../../auth/auth-calls.ts';
import {
  findAccount,
  knownPrograms,
  outbox,
  recordName,
  replacePrograms,
  revokeSessions,
  staffAccounts,
  voidPassword,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'auth'>;

const DUPLICATE_EMAIL = {
  app_user_email_unique: { path: 'body.email', message: 'is already used by another account', detail: 'Another account already uses this email.' },
};

async function auditStaff(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, userId: string, details: Record<string, unknown>) {
  await recordAudit(tx, actor, actor.orgId, { action, entityType: 'staff', entityId: userId, details }, deps.clock.now());
}

async function accountOf(tx: DbOrTx, actor: Actor, id: string): Promise<StaffAccount> {
  const [account] = await staffAccounts(tx, actor.orgId, id);
  if (!account) throw notFound('The staff member');
  return account;
}

/** 422 naming the field when programs or the supervisor are not right for this account. */
async function assertAssignments(
  tx: DbOrTx,
  actor: Actor,
  account: { id: string | null; role: string },
  programIds: readonly string[] | undefined,
  supervisorId: string | null | undefined,
  preLicensedWithoutSupervisor = false,
): Promise<void> {
  const problems: FieldProblem[] = [];
  // Their notes wait for the supervisor's co-signature, so someone must be named to give it.
  if (preLicensedWithoutSupervisor) problems.push({ path: 'body.supervisorId', message: 'is required for a pre-licensed staff member (their notes need a co-signature)' });
  if (programIds?.length) {
    if (account.role === 'admin') problems.push({ path: 'body.programIds', message: 'an administrator works in no program' });
    const known = await knownPrograms(tx, actor.orgId, programIds);
    if (programIds.some((id) => !known.has(id))) problems.push({ path: 'body.programIds', message: 'names a program this organisation does not have' });
  }
  if (supervisorId) {
    const sup = await findAccount(tx, actor.orgId, supervisorId);
    if (!sup || !sup.active) problems.push({ path: 'body.supervisorId', message: 'is not an active staff member' });
    else if (sup.id === account.id) problems.push({ path: 'body.supervisorId', message: 'cannot be the staff member themselves' });
  }
  if (problems.length) throw unprocessable('The assignment cannot be made.', problems.slice(0, 1));
}

export async function listStaffAccounts(deps: Deps, actor: Actor): Promise<{ items: StaffAccount[] }> {
  authorize(actor, 'staff.write');
  return { items: await staffAccounts(deps.db, actor.orgId) };
}

/** Creates the account without a password and sends the invitation link to the outbox. */
export async function inviteStaff(deps: Deps, actor: Actor, input: StaffInvitation): Promise<StaffAccount> {
  authorize(actor, 'staff.write');
  const invitation = staffInvitationSchema.parse(input);
  const id = randomUUID();
  const now = deps.clock.now();
  const email = invitation.email.toLowerCase();
  const account = await refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        await assertAssignments(
          tx,
          actor,
          { id: null, role: invitation.role },
          invitation.programIds,
          invitation.supervisorId,
          invitation.preLicensed && !invitation.supervisorId,
        );
        await tx.insert(appUser).values({
          id,
          orgId: actor.orgId,
          name: invitation.name,
          email,
          emailVerified: false,
          role: invitation.role,
          credentials: invitation.credentials || null,
          supervisorId: invitation.supervisorId ?? null,
          preLicensed: invitation.preLicensed,
          createdAt: now,
          updatedAt: now,
        });
        await recordName(tx, actor.orgId, id, invitation.name, FIRST_NAME_FROM);
        await replacePrograms(tx, actor.orgId, id, invitation.programIds);
        await auditStaff(tx, deps, actor, 'staff.invite', id, {
          role: invitation.role,
          programs: invitation.programIds.length,
          supervised: !!invitation.supervisorId,
          preLicensed: invitation.preLicensed,
        });
        return accountOf(tx, actor, id);
      }),
    DUPLICATE_EMAIL,
  );
  await betterAuthCall(() => deps.auth.api.requestPasswordReset({ body: { email } }));
  return account;
}

export async function updateStaffAccount(deps: Deps, actor: Actor, id: string, input: StaffAccountUpdate): Promise<StaffAccount> {
  authorize(actor, 'staff.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const stored = await findAccount(tx, actor.orgId, id);
    if (!stored) throw notFound('The staff member');
    if (id === actor.userId && input.role !== undefined && input.role !== stored.role) {
      throw unprocessable('You cannot change your own role; ask another administrator.', [{ path: 'body.role', message: 'cannot change your own role' }]);
    }
    const role = input.role ?? stored.role;
    const programIds = input.programIds ?? (role === 'admin' && input.role !== undefined ? [] : undefined);
    const preLicensed = input.preLicensed ?? stored.preLicensed;
    const supervisorId = input.supervisorId === undefined ? stored.supervisorId : input.supervisorId;
    await assertAssignments(tx, actor, { id, role }, programIds, input.supervisorId, preLicensed && !supervisorId);
    const fields: string[] = [];
    if (input.name !== undefined && input.name !== stored.name) fields.push('name');
    if (input.role !== undefined && input.role !== stored.role) fields.push('role');
    if (input.credentials !== undefined && (input.credentials || null) !== stored.credentials) fields.push('credentials');
    if (input.supervisorId !== undefined && input.supervisorId !== stored.supervisorId) fields.push('supervisorId');
    if (preLicensed !== stored.preLicensed) fields.push('preLicensed');
    await tx
      .update(appUser)
      .set({
        name: input.name ?? stored.name,
        role,
        credentials: input.credentials === undefined ? stored.credentials : input.credentials || null,
        supervisorId,
        preLicensed,
        updatedAt: now,
      })
      .where(eq(appUser.id, id));
    if (fields.includes('name')) await recordName(tx, actor.orgId, id, input.name!, now);
    if (programIds !== undefined) {
      await replacePrograms(tx, actor.orgId, id, programIds);
      fields.push('programIds');
    }
    // Names only, never the values: a name is not clinical, but the trail records what changed, not to what.
    if (fields.length) await auditStaff(tx, deps, actor, 'staff.update', id, { fields, ...(fields.includes('role') ? { role } : {}) });
    return accountOf(tx, actor, id);
  });
}

export async function setStaffActive(deps: Deps, actor: Actor, id: string, active: boolean): Promise<StaffAccount> {
  authorize(actor, 'staff.write');
  if (id === actor.userId && !active) {
    throw unprocessable('You cannot deactivate your own account; ask another administrator.');
  }
  return deps.db.transaction(async (tx) => {
    const stored = await findAccount(tx, actor.orgId, id);
    if (!stored) throw notFound('The staff member');
    if (stored.active === active) return accountOf(tx, actor, id);
    await tx.update(appUser).set({ active, updatedAt: deps.clock.now() }).where(eq(appUser.id, id));
    const revoked = active ? 0 : await revokeSessions(tx, id);
    await auditStaff(tx, deps, actor, active ? 'staff.reactivate' : 'staff.deactivate', id, active ? {} : { sessionsRevoked: revoked });
    return accountOf(tx, actor, id);
  });
}

/**
 * Resets a password: the old one stops working and every session ends now, and a link to choose a new one goes to
 * the outbox (an account still invited gets its invitation again).
 */
export async function resetStaffPassword(deps: Deps, actor: Actor, id: string): Promise<{ sent: true }> {
  authorize(actor, 'staff.write');
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const email = await deps.db.transaction(async (tx) => {
    const stored = await findAccount(tx, actor.orgId, id);
    if (!stored) throw notFound('The staff member');
    if (!stored.active) throw unprocessable('This account is deactivated. Reactivate it first.');
    await voidPassword(tx, id, unusable, deps.clock.now());
    const revoked = await revokeSessions(tx, id);
    await auditStaff(tx, deps, actor, 'staff.password-reset', id, { sessionsRevoked: revoked });
    return stored.email;
  });
  await betterAuthCall(() => deps.auth.api.requestPasswordReset({ body: { email } }));
  return { sent: true };
}

export async function readOutbox(deps: Deps, actor: Actor): Promise<{ items: OutboxMessage[] }> {
  authorize(actor, 'staff.write');
  const rows = await outbox(deps.db, actor.orgId, 100);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })) };
}

export async function readSecurity(deps: Deps, actor: Actor): Promise<OrganisationSecurity> {
  const [row] = await deps.db.select({ requireTwoFactor: organisation.requireTwoFactor }).from(organisation).where(eq(organisation.id, actor.orgId));
  return { requireTwoFactor: row?.requireTwoFactor ?? false };
}

export async function updateSecurity(deps: Deps, actor: Actor, input: OrganisationSecurity): Promise<OrganisationSecurity> {
  authorize(actor, 'staff.write');
  return deps.db.transaction(async (tx) => {
    await tx.update(organisation).set({ requireTwoFactor: input.requireTwoFactor }).where(eq(organisation.id, actor.orgId));
    await markTwoFactorPending(tx, actor.orgId);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'organisation.security-update', entityType: 'organisation', entityId: actor.orgId, details: { requireTwoFactor: input.requireTwoFactor } },
      deps.clock.now(),
    );
    return { requireTwoFactor: input.requireTwoFactor };
  });
}
