/**
 * Who is signed in, on every request, in one database round trip. better-auth's getSession reads the session and
 * its user in separate queries and runs its endpoint machinery; this does what it does on the common path — the
 * signed cookie verified exactly as better-auth signs it (HMAC-SHA256 with the auth secret, base64), then session
 * and user in ONE prepared query — and hands every other case back to better-auth: an expired session (better-auth
 * deletes it and clears the cookie), one due to be extended (the idle timeout slides and the cookie is renewed), an
 * unknown token, or a "don't remember me" cookie. The database is read on every request, so revoking a session or
 * deactivating a user takes effect at once (no cookie cache).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { parseCookies } from 'better-call';
import { PARTICIPANT_ROLE, STAFF_ROLES, type StaffRole } from '@trellis/core';
import type { Db } from '../db/index.ts';
import { appUser, authSession, participantUser } from '../db/schema.ts';
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
  /** The participant a portal account is linked to (participant_user), else null. */
  participantId?: string | null;
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
 * Whoever a session's user is: a staff member, or a participant whose account is linked to their record; null for a
 * deactivated account, or a participant account without its link.
 */
export function principalOf(user: SessionUser, twoFactorPending = false): Principal | null {
  if (user.role !== PARTICIPANT_ROLE) return staffActor(user, twoFactorPending);
  if (user.active === false || !user.participantId) return null;
  return { role: PARTICIPANT_ROLE, userId: user.id, orgId: user.orgId, participantId: user.participantId, name: user.name, email: user.email };
}

export type SessionCheck = (cookieHeader: string | undefined) => Promise<Principal | null | typeof ASK_BETTER_AUTH>;

export function createSessionCheck(auth: Auth, db: Db): SessionCheck {
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
      participantId: participantUser.participantId,
    })
    .from(authSession)
    .innerJoin(appUser, eq(appUser.id, authSession.userId))
    .leftJoin(participantUser, eq(participantUser.userId, appUser.id))
    .where(eq(authSession.token, sql.placeholder('token')))
    .prepare('trellis_session_check');
  const context = auth.$context;

  return async (cookieHeader) => {
    if (!cookieHeader) return null;
    const ctx = await context;
    const cookies = parseCookies(cookieHeader);
    // Cookies only better-auth looks after: a cached session to clear, or a session not to be extended.
    if (cookies.has(ctx.authCookies.sessionData.name) || cookies.has(ctx.authCookies.dontRememberToken.name))
      return ASK_BETTER_AUTH;
    const value = cookies.get(ctx.authCookies.sessionToken.name);
    if (!value) return null;
    const token = verifiedToken(value, ctx.secret);
    if (!token) return null;
    const [row] = await lookup.execute({ token });
    if (!row) return ASK_BETTER_AUTH;
    // better-auth's rule, on the wall clock as better-auth reads it: expired, or due to be extended, is its business.
    const expiresAt = row.expiresAt.getTime();
    const { expiresIn, updateAge } = ctx.sessionConfig;
    if (expiresAt < Date.now() || expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now()) return ASK_BETTER_AUTH;
    return principalOf(row, row.twoFactorPending);
  };
}
