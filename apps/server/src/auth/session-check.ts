/**
 * Who is signed in, on every request, in one database round trip. better-auth's getSession reads the session and
 * its user in separate queries and runs its endpoint machinery; this does what it does on the common path — the
 * signed cookie verified exactly as better-auth signs it (HMAC-SHA256 with the auth secret, base64), then session
 * and user in ONE prepared query — and hands every other case back to better-auth: an expired session (better-auth
 * deletes it and clears the cookie), one due to be extended (the idle timeout slides and the cookie is renewed), an
 * unknown token, or a "don't remember me" cookie. The database is read on every request, so revoking a session or
 * deactivating a user takes effect at once (no cookie cache).
 *
 * A route may ask for a read to go along with the check (`ReadAlong`): it runs in the same statement, for the session's
 * user, so the request pays one round trip for both. Its answer is used only when this check signs someone in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { parseCookies } from 'better-call';
import { FAMILY_ROLE, PARTICIPANT_ROLE, STAFF_ROLES, type StaffRole } from '@trellis/core';
import type { Db } from '../db/index.ts';
import { namedStatements } from '../db/statements.ts';
import { appUser, authSession, familyMember, participantUser } from '../db/schema.ts';
import type { Actor, Principal } from './access.ts';
import type { Auth } from './auth.ts';

/** Ask better-auth: the session needs one of the things only it does (extend, delete, clear the cookie). */
export const ASK_BETTER_AUTH = Symbol('ask better-auth');

export interface SessionUser {
  id: string;
  orgId: string;
  role: string;
  name: string;
  email: string;
  active?: boolean | null;
  /** The participant a portal account is linked to (participant_user), or a family member's participant, else null. */
  participantId?: string | null;
  /** The family member a family sign-in is linked to (family_member.user_id), else null. */
  familyMemberId?: string | null;
}

/** The staff member a session's user is, or null for a deactivated account or a role that is not staff. */
export function staffActor(user: SessionUser, twoFactorPending = false): Actor | null {
  if (user.active === false || !STAFF_ROLES.includes(user.role as StaffRole)) return null;
  return { userId: user.id, orgId: user.orgId, role: user.role as StaffRole, name: user.name, email: user.email, twoFactorPending };
}

/** The token a signed cookie value carries when its signature holds (better-call's getSignedCookie), else null. */
export function verifiedToken(value: string, secret: string): string | null {
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.substring(0, dot);
  const signature = value.substring(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = createHmac('sha256', secret).update(token, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/**
 * Whoever a session's user is: a staff member, a participant whose account is linked to their record, or a family
 * member linked to theirs; null for a deactivated account, or a participant or family account without its link.
 */
export function principalOf(user: SessionUser, twoFactorPending = false): Principal | null {
  if (user.role === FAMILY_ROLE) {
    if (user.active === false || !user.familyMemberId || !user.participantId) return null;
    return { role: FAMILY_ROLE, userId: user.id, orgId: user.orgId, familyMemberId: user.familyMemberId, participantId: user.participantId, name: user.name, email: user.email };
  }
  if (user.role !== PARTICIPANT_ROLE) return staffActor(user, twoFactorPending);
  if (user.active === false || !user.participantId) return null;
  return { role: PARTICIPANT_ROLE, userId: user.id, orgId: user.orgId, participantId: user.participantId, name: user.name, email: user.email };
}

/**
 * A single-row read run in the session check's statement, laterally after the session's row: its SQL sees the user as
 * `who.user_id` and their organisation as `who.org_id`, and takes its own parameters from `$2` on. It must not fail
 * on any input the route's own validation would refuse (check such values before asking for the read).
 */
export interface ReadAlong {
  /** The name of the combined statement (prepared once per pooled connection). */
  name: string;
  sql: string;
  params: unknown[];
}

export interface SessionChecked {
  principal: Principal | null | typeof ASK_BETTER_AUTH;
  /** The row of the read that went along, when the check signed someone in; else null. */
  along: Record<string, unknown> | null;
}

export type SessionCheck = (cookieHeader: string | undefined, along?: ReadAlong) => Promise<SessionChecked>;

/**
 * A staff sign-in this check last confirmed, kept so a write can be made in the same statement as the check: the
 * statement re-checks the session and the user are exactly as remembered (`rememberedSignInHolds`), or writes nothing.
 * A remembered sign-in is never trusted on its own.
 */
export interface RememberedSignIn {
  token: string;
  actor: Actor;
  /** The session's expiry (epoch ms) as read; a renewed or deleted session no longer matches. */
  expiresMs: number;
}

export type SessionCheckWithMemory = SessionCheck & {
  /** The staff sign-in a cookie was last confirmed as, if its signature holds and it is not due for better-auth. */
  remembered(cookieHeader: string | undefined): Promise<RememberedSignIn | null>;
};

/** How many sign-ins are remembered at most (the oldest is forgotten first). */
const REMEMBERED_MAX = 5_000;

/**
 * SQL that holds when the session token `$token` is still the remembered sign-in (`$who`, the JSON of
 * `rememberedSignInJson`): same session expiry, same active staff user, organisation, role and name, no second factor
 * pending.
 */
export const rememberedSignInHolds = (token: string, who: string) => `exists (
    select 1 from auth_session s join app_user u on u.id = s.user_id
     where s.token = ${token} and s.user_id = ${who}->>'userId' and u.org_id = (${who}->>'orgId')::uuid
       and floor(extract(epoch from s.expires_at) * 1000)::float8 = (${who}->>'expiresMs')::float8
       and s.two_factor_pending is not true and u.active is not false
       and u.role = ${who}->>'role' and u.name = ${who}->>'name' and u.email = ${who}->>'email')`;

export const rememberedSignInJson = (r: RememberedSignIn) =>
  JSON.stringify({ userId: r.actor.userId, orgId: r.actor.orgId, role: r.actor.role, name: r.actor.name, email: r.actor.email, expiresMs: r.expiresMs });

/** The session check as SQL over a token ($1), for a statement that runs a read along with it. */
const WHO_SQL = `
  select (extract(epoch from s.expires_at) * 1000)::float8 as who_expires_ms, s.two_factor_pending as who_two_factor_pending,
         u.id as user_id, u.org_id, u.role as who_role, u.name as who_name, u.email as who_email, u.active as who_active,
         coalesce(pu.participant_id, fm.participant_id) as who_participant_id, fm.id as who_family_member_id
    from auth_session s
    join app_user u on u.id = s.user_id
    left join participant_user pu on pu.user_id = u.id
    left join family_member fm on fm.user_id = u.id
   where s.token = $1`;

const withReadAlong = (along: ReadAlong) => `
  with who as (${WHO_SQL})
  select who.*, along.* from who left join lateral (${along.sql}) along on true`;

const nothing = (principal: SessionChecked['principal']): SessionChecked => ({ principal, along: null });

export function createSessionCheck(auth: Auth, db: Db): SessionCheckWithMemory {
  const lookup = db
    .select({
      expiresAt: authSession.expiresAt,
      id: appUser.id,
      orgId: appUser.orgId,
      role: appUser.role,
      name: appUser.name,
      email: appUser.email,
      active: appUser.active,
      twoFactorPending: authSession.twoFactorPending,
      participantId: sql<string | null>`coalesce(${participantUser.participantId}, ${familyMember.participantId})`,
      familyMemberId: familyMember.id,
    })
    .from(authSession)
    .innerJoin(appUser, eq(appUser.id, authSession.userId))
    .leftJoin(participantUser, eq(participantUser.userId, appUser.id))
    .leftJoin(familyMember, eq(familyMember.userId, appUser.id))
    .where(eq(authSession.token, sql.placeholder('token')))
    .prepare('trellis_session_check');
  const statements = namedStatements(db);
  const context = auth.$context;
  const remembered = new Map<string, RememberedSignIn>();
  // better-auth's rule, on the wall clock as better-auth reads it: expired, or due to be extended, is its business.
  const dueForBetterAuth = (ctx: Awaited<typeof context>, expiresAt: number) => {
    const { expiresIn, updateAge } = ctx.sessionConfig;
    return expiresAt < Date.now() || expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now();
  };

  /** The verified token of a cookie header this check handles itself; else what to answer instead. */
  const tokenOf = async (
    cookieHeader: string | undefined,
  ): Promise<{ answer: SessionChecked } | { token: string; ctx: Awaited<typeof context> }> => {
    if (!cookieHeader) return { answer: nothing(null) };
    const ctx = await context;
    const cookies = parseCookies(cookieHeader);
    // Cookies only better-auth looks after: a cached session to clear, or a session not to be extended.
    if (cookies.has(ctx.authCookies.sessionData.name) || cookies.has(ctx.authCookies.dontRememberToken.name))
      return { answer: nothing(ASK_BETTER_AUTH) };
    const value = cookies.get(ctx.authCookies.sessionToken.name);
    if (!value) return { answer: nothing(null) };
    const token = verifiedToken(value, ctx.secret);
    if (!token) return { answer: nothing(null) };
    return { token, ctx };
  };

  const check: SessionCheck = async (cookieHeader, along) => {
    const verified = await tokenOf(cookieHeader);
    if ('answer' in verified) return verified.answer;
    const { token, ctx } = verified;
    let row: (SessionUser & { expiresAt: number; twoFactorPending: boolean }) | undefined;
    let alongRow: Record<string, unknown> | null = null;
    if (along) {
      const [r] = await statements.query(along.name, withReadAlong(along), [token, ...along.params]);
      if (r) {
        row = {
          expiresAt: Number(r.who_expires_ms),
          twoFactorPending: Boolean(r.who_two_factor_pending),
          id: String(r.user_id),
          orgId: String(r.org_id),
          role: String(r.who_role),
          name: String(r.who_name),
          email: String(r.who_email),
          active: r.who_active as boolean | null,
          participantId: (r.who_participant_id as string | null) ?? null,
          familyMemberId: (r.who_family_member_id as string | null) ?? null,
        };
        alongRow = r;
      }
    } else {
      const [r] = await lookup.execute({ token });
      if (r) row = { ...r, expiresAt: r.expiresAt.getTime() };
    }
    if (!row) {
      remembered.delete(token);
      return nothing(ASK_BETTER_AUTH);
    }
    const { expiresAt } = row;
    if (dueForBetterAuth(ctx, expiresAt)) {
      remembered.delete(token);
      return nothing(ASK_BETTER_AUTH);
    }
    const principal = principalOf(row, row.twoFactorPending);
    const actor = principal ? staffActor(row, row.twoFactorPending) : null;
    if (actor && !actor.twoFactorPending) {
      remembered.delete(token);
      if (remembered.size >= REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { token, actor, expiresMs: Math.floor(expiresAt) });
    } else remembered.delete(token);
    return { principal, along: principal ? alongRow : null };
  };

  return Object.assign(check, {
    async remembered(cookieHeader: string | undefined): Promise<RememberedSignIn | null> {
      const verified = await tokenOf(cookieHeader);
      if ('answer' in verified) return null;
      const found = remembered.get(verified.token);
      return found && !dueForBetterAuth(verified.ctx, found.expiresMs) ? found : null;
    },
  });
}
