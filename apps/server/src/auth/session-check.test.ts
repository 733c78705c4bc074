/**
 * The fast session check answers exactly as better-auth would: a revoked, expired or deactivated session and a
 * tampered cookie are refused on the very next request, and a session due for extension is still extended.
 */
import { serializeSignedCookie } from 'better-call';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser, authSession } from '../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';
import { verifiedToken } from './session-check.ts';

describe('verifiedToken', () => {
  it('reads the token from a cookie signed by better-auth, and nothing from a tampered one', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const header = await serializeSignedCookie('better-auth.session_token', 'tok3n-value', secret);
    const value = decodeURIComponent(header.split(';')[0]!.split('=').slice(1).join('='));
    expect(verifiedToken(value, secret)).toBe('tok3n-value');
    expect(verifiedToken(value, `${secret}x`)).toBeNull();
    expect(verifiedToken(value.replace('tok3n', 'tok4n'), secret)).toBeNull();
    expect(verifiedToken('no-signature', secret)).toBeNull();
  });
});

describe('the session check on every request', () => {
  let t: TestApp;
  let org: TestOrg;
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=').slice(1).join('=')).split('.')[0]!;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Session Clinic');
  });
  afterAll(async () => t.close());

  it('refuses a revoked session at once', async () => {
    const cookie = await t.signIn(org.staff.clinician.email);
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.db.delete(authSession).where(eq(authSession.token, tokenOf(cookie)));
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses an expired session, and better-auth deletes it', async () => {
    const cookie = await t.signIn(org.staff.director.email);
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.db
      .update(authSession)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSession.token, tokenOf(cookie)));
    expect((await me(cookie)).statusCode).toBe(401);
    const left = await t.database.db
      .select()
      .from(authSession)
      .where(eq(authSession.token, tokenOf(cookie)));
    expect(left).toEqual([]);
  });

  it('refuses a deactivated staff member at once', async () => {
    const cookie = await t.signIn(org.staff.biller.email);
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.db.update(appUser).set({ active: false }).where(eq(appUser.id, org.staff.biller.id));
    expect((await me(cookie)).statusCode).toBe(401);
    await t.database.db.update(appUser).set({ active: true }).where(eq(appUser.id, org.staff.biller.id));
  });

  it('refuses a tampered cookie: another signature, or another session’s token under this signature', async () => {
    const mine = await t.signIn(org.staff.intake.email);
    const theirs = await t.signIn(org.staff.prescriber.email);
    const [name, value] = [mine.split('=')[0]!, decodeURIComponent(mine.split('=').slice(1).join('='))];
    const signature = value.slice(value.lastIndexOf('.') + 1);
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await me(`${name}=${encodeURIComponent(`${tokenOf(mine)}.${flipped}`)}`)).statusCode).toBe(401);
    expect((await me(`${name}=${encodeURIComponent(`${tokenOf(theirs)}.${signature}`)}`)).statusCode).toBe(401);
    expect((await me(mine)).statusCode).toBe(200);
  });

  it('extends a session due for it, as better-auth does', async () => {
    const cookie = await t.signIn(org.staff.admin.email);
    // Signed in 14 minutes ago with a 15-minute idle limit: due for extension (better-auth refreshes after a minute).
    const soon = new Date(Date.now() + 60_000);
    await t.database.db
      .update(authSession)
      .set({ expiresAt: soon })
      .where(eq(authSession.token, tokenOf(cookie)));
    expect((await me(cookie)).statusCode).toBe(200);
    const [row] = await t.database.db
      .select({ later: sql<boolean>`${authSession.expiresAt} > ${soon.toISOString()}::timestamptz` })
      .from(authSession)
      .where(eq(authSession.token, tokenOf(cookie)));
    expect(row?.later).toBe(true);
  });
});
