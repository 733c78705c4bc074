/**
 * Staff account rules applied to better-auth, kept apart from its wiring in auth.ts:
 * - a deactivated account cannot sign in, and every /api/auth/* call it makes is refused (its sessions are revoked
 *   when it is deactivated; a session is never created for it);
 * - every path that sets a password applies the password rules (password-policy.ts);
 * - changing one's password revokes one's other sessions; setting one through a reset link revokes them all;
 * - staff cannot change their own name or email (the administrator does, and the audit trail names people as they
 *   were at the time);
 * - password and profile changes are audited;
 * - reset links (and invitation links, which are reset links for an account with no password yet) go to the outbox.
 */
import { and, eq, sql } from 'drizzle-orm';
import { FAMILY_ROLE, PARTICIPANT_ROLE } from '@trellis/core';
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db, DbOrTx } from '../db/index.ts';
import { appUser, authAccount, authSession, organisation, outboxMessage } from '../db/schema.ts';
import { recordAudit, type AuditAction } from '../audit/audit.ts';
import { passwordProblem } from './password-policy.ts';

export interface AccountRulesDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** How long an invitation or reset link stays valid. */
export const RESET_LINK_SECONDS = 24 * 60 * 60;

/** The paths that set a password, and the body field each carries it in. */
const PASSWORD_FIELDS: Record<string, string> = {
  '/reset-password': 'newPassword',
  '/change-password': 'newPassword',
  '/set-password': 'newPassword',
  '/sign-up/email': 'password',
};

/** Profile fields a staff member may change about themselves through better-auth: none but the picture. */
const SELF_EDITABLE_FIELDS = new Set(['image']);

interface AccountUser {
  id: string;
  orgId: string;
  role: string;
  active: boolean;
}

async function userBy(db: Db, where: ReturnType<typeof eq>): Promise<AccountUser | null> {
  const [row] = await db
    .select({ id: appUser.id, orgId: appUser.orgId, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(where);
  return row ?? null;
}

async function audit(deps: AccountRulesDeps, user: AccountUser, action: AuditAction, details: Record<string, unknown> = {}, outcome: 'success' | 'denied' = 'success') {
  await deps.db.transaction((tx) =>
    recordAudit(
      tx,
      { userId: user.id, role: user.role, orgId: user.orgId },
      user.orgId,
      { action, outcome, entityType: 'staff', entityId: user.id, details },
      deps.clock.now(),
    ),
  );
}

/** The user behind the request's session cookie, whatever the state of their account. */
async function cookieUser(deps: AccountRulesDeps, ctx: Parameters<Parameters<typeof createAuthMiddleware>[0]>[0]): Promise<AccountUser | null> {
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
  if (!token) return null;
  const [row] = await deps.db
    .select({ id: appUser.id, orgId: appUser.orgId, role: appUser.role, active: appUser.active })
    .from(authSession)
    .innerJoin(appUser, eq(appUser.id, authSession.userId))
    .where(eq(authSession.token, token));
  return row ?? null;
}

const refusedAccount = () => APIError.from('FORBIDDEN', { message: 'This account is not active.', code: 'ACCOUNT_INACTIVE' });

/** The better-auth plugin that applies the account rules. */
export function staffAccountRules(deps: AccountRulesDeps): BetterAuthPlugin {
  return {
    id: 'trellis-staff-account-rules',
    init: () => ({
      options: {
        databaseHooks: {
          session: {
            create: {
              // The last line of defence: no session is ever made for a deactivated account. Where the organisation
              // requires two-factor sign-in, the session of someone not yet enrolled may only enrol.
              before: async (session: { userId: string }) => {
                const [row] = await deps.db
                  .select({ active: appUser.active, role: appUser.role, enrolled: appUser.twoFactorEnabled, required: organisation.requireTwoFactor })
                  .from(appUser)
                  .innerJoin(organisation, eq(organisation.id, appUser.orgId))
                  .where(eq(appUser.id, session.userId));
                if (!row?.active) return false;
                // The organisation's two-factor requirement is for its staff; the participant and family portals are not
                // held to it.
                const pending = row.required && !row.enrolled && row.role !== PARTICIPANT_ROLE && row.role !== FAMILY_ROLE;
                return pending ? { data: { ...session, twoFactorPending: true } } : undefined;
              },
            },
          },
        },
      },
    }),
    hooks: {
      before: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            const path = ctx.path;
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            if (path === '/sign-in/email') {
              const email = typeof body.email === 'string' ? body.email.toLowerCase() : '';
              const user = email ? await userBy(deps.db, eq(appUser.email, email)) : null;
              // Said exactly as a wrong password is, so a deactivated account cannot be told from a wrong guess.
              if (user && !user.active) throw APIError.from('UNAUTHORIZED', { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' });
            }
            if (path === '/reset-password') {
              const token = typeof body.token === 'string' ? body.token : '';
              const verification = token ? await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`) : null;
              const user = verification ? await userBy(deps.db, eq(appUser.id, verification.value)) : null;
              if (user && !user.active) throw APIError.from('BAD_REQUEST', { message: 'Invalid token', code: 'INVALID_TOKEN' });
            }
            const field = PASSWORD_FIELDS[path];
            if (field !== undefined) {
              const problem = typeof body[field] === 'string' ? passwordProblem(body[field]) : null;
              if (problem) throw APIError.from('BAD_REQUEST', { message: `The new password ${problem}.`, code: 'PASSWORD_POLICY' });
            }
            const user = await cookieUser(deps, ctx);
            if (user && !user.active) throw refusedAccount();
            if (path === '/update-user' || path === '/change-email') {
              const fields = path === '/change-email' ? ['email'] : Object.keys(body).filter((k) => !SELF_EDITABLE_FIELDS.has(k));
              if (fields.length > 0) {
                if (user) await audit(deps, user, 'auth.profile-change-refused', { fields }, 'denied');
                throw APIError.from('FORBIDDEN', {
                  message: 'Your name and email are kept by your administrator. Ask them to change them.',
                  code: 'PROFILE_MANAGED',
                });
              }
            }
            if (path === '/change-password') {
              return { context: { body: { ...body, revokeOtherSessions: true } } };
            }
            return;
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === '/change-password' || ctx.path === '/two-factor/disable' || ctx.path === '/two-factor/verify-totp',
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (returned instanceof APIError || returned instanceof Error) return;
            if (returned instanceof Response && !returned.ok) return;
            // A password change replaces the session, so the user is the one the endpoint itself signed in.
            const userId = ctx.context.newSession?.user.id ?? ctx.context.session?.user.id;
            const user = userId ? await userBy(deps.db, eq(appUser.id, userId)) : await cookieUser(deps, ctx);
            if (!user) return;
            if (ctx.path === '/change-password') await audit(deps, user, 'auth.password-changed', { otherSessionsRevoked: true });
            if (ctx.path === '/two-factor/disable') {
              await markTwoFactorPending(deps.db, user.orgId, user.id);
              await audit(deps, user, 'auth.two-factor-disabled');
            }
            if (ctx.path === '/two-factor/verify-totp') {
              if (ctx.context.session) await auditTwoFactorEnrolment(deps, user);
              else await audit(deps, user, 'auth.sign-in', { secondFactor: 'totp' });
            }
          }),
        },
      ],
    },
  };
}

/** A TOTP code checked with a signed-in session is an enrolment (at sign-in there is no session yet). */
async function auditTwoFactorEnrolment(deps: AccountRulesDeps, user: AccountUser): Promise<void> {
  const [row] = await deps.db.select({ enabled: appUser.twoFactorEnabled }).from(appUser).where(eq(appUser.id, user.id));
  if (!row?.enabled) return;
  await markTwoFactorPending(deps.db, user.orgId, user.id);
  await audit(deps, user, 'auth.two-factor-enabled');
}

/**
 * Brings the "may only enrol" mark on sessions in line with the organisation's requirement and each user's enrolment:
 * for one user, or (no userId) everyone in the organisation.
 */
export async function markTwoFactorPending(db: DbOrTx, orgId: string, userId?: string): Promise<void> {
  await db.execute(sql`
    update auth_session s
       set two_factor_pending = (o.require_two_factor and not u.two_factor_enabled and u.role <> ${PARTICIPANT_ROLE} and u.role <> ${FAMILY_ROLE})
      from app_user u join organisation o on o.id = u.org_id
     where u.id = s.user_id and u.org_id = ${orgId} ${userId === undefined ? sql`` : sql`and u.id = ${userId}`}`);
}

/** better-auth's emailAndPassword options for resets and invitations. */
export function passwordResetOptions(deps: AccountRulesDeps) {
  return {
    minPasswordLength: 12,
    maxPasswordLength: 128,
    resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
    revokeSessionsOnPasswordReset: true,
    sendResetPassword: async ({ user, token }: { user: { id: string; email: string; name: string }; token: string }) => {
      await sendAccountLink(deps, user.id, token);
    },
    onPasswordReset: async ({ user }: { user: { id: string } }) => {
      const found = await userBy(deps.db, eq(appUser.id, user.id));
      if (found) await audit(deps, found, 'auth.password-set', { sessionsRevoked: true });
    },
  };
}

/**
 * The portals' own links and words. Their words say nothing about treatment: an email can be read by others in a
 * household.
 */
const PORTAL_LINKS: Record<string, { name: string; what: string; path: string; invitationKind: 'portal-invitation' | 'family-invitation' }> = {
  [PARTICIPANT_ROLE]: { name: 'portal', what: 'where you can see your schedule', path: 'portal', invitationKind: 'portal-invitation' },
  [FAMILY_ROLE]: { name: 'family portal', what: 'where you can see what your family member has chosen to share', path: 'family', invitationKind: 'family-invitation' },
};

/**
 * Puts an invitation (an account without a password yet) or a password-reset link in the outbox. Inactive accounts
 * get nothing. A participant's or family member's links open their portal's own page (PORTAL_LINKS).
 */
async function sendAccountLink(deps: AccountRulesDeps, userId: string, token: string): Promise<void> {
  const [row] = await deps.db
    .select({
      orgId: appUser.orgId,
      name: appUser.name,
      email: appUser.email,
      role: appUser.role,
      active: appUser.active,
      hasPassword: sql<boolean>`exists (select 1 from ${authAccount} a where a.user_id = app_user.id and a.provider_id = 'credential')`,
    })
    .from(appUser)
    .where(and(eq(appUser.id, userId)));
  if (!row?.active) return;
  const base = deps.config.baseUrl ?? `http://localhost:${deps.config.port || 3000}`;
  const invitation = !row.hasPassword;
  const hours = RESET_LINK_SECONDS / 3600;
  const portal = PORTAL_LINKS[row.role];
  if (portal) {
    await deps.db.insert(outboxMessage).values({
      orgId: row.orgId,
      userId,
      kind: invitation ? portal.invitationKind : 'password-reset',
      toEmail: row.email,
      subject: invitation ? `Your Trellis ${portal.name}` : `Reset your Trellis ${portal.name} password`,
      body: invitation
        ? `Hello,\n\nYou have been invited to a Trellis ${portal.name}, ${portal.what}. Open the link below within ${hours} hours to choose your password. If the link has expired, open it anyway and ask for a new one.\n`
        : `Hello,\n\nA password reset was asked for your Trellis ${portal.name}. Open the link below within ${hours} hours to choose a new password. If you did not expect this, tell the program.\n`,
      link: `${base}/${portal.path}/set-password?token=${encodeURIComponent(token)}`,
      createdAt: deps.clock.now(),
    });
    return;
  }
  const link = `${base}/${invitation ? 'accept-invitation' : 'reset-password'}?token=${encodeURIComponent(token)}`;
  await deps.db.insert(outboxMessage).values({
    orgId: row.orgId,
    userId,
    kind: invitation ? 'invitation' : 'password-reset',
    toEmail: row.email,
    subject: invitation ? 'You are invited to Trellis' : 'Reset your Trellis password',
    body: invitation
      ? `Hello ${row.name},\n\nYou have been given a Trellis account. Open the link below within ${hours} hours to choose your password.\n`
      : `Hello ${row.name},\n\nA password reset was asked for your Trellis account. Open the link below within ${hours} hours to choose a new password. If you did not expect this, tell your administrator.\n`,
    link,
    createdAt: deps.clock.now(),
  });
}
