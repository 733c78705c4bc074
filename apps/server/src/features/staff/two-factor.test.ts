/**
 * Optional TOTP two-factor sign-in (better-auth's twoFactor plugin), which an organisation can require. Codes are
 * made by the plugin's own generator from the secret in the enrolment URI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent } from '../../db/schema.ts';

const ORIGIN = { origin: 'http://localhost:80' };
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (the otpauth URI's secret) back to the text the plugin generated. */
function fromBase32(text: string): string {
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += BASE32.indexOf(c).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? [];
  return Buffer.from(bytes).toString('utf8');
}

describe('two-factor sign-in', () => {
  let t: TestApp;
  let org: TestOrg;
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    [res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string').map((c) => c.split(';')[0]).join('; ');
  const signIn = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password: TEST_PASSWORD }, remoteAddress: `10.7.0.${Math.floor(Math.random() * 250)}` });
  const codeFor = async (secret: string) => (await t.deps.auth.api.generateTOTP({ body: { secret } })).code;

  let address = 0;
  /** Each call from its own address: the plugin limits two-factor attempts per address. */
  const from = () => `10.8.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

  /** Enrols with the session `cookie`; the plugin replaces that session, so the new cookie comes back too. */
  async function enrol(cookie: string): Promise<{ secret: string; cookie: string }> {
    const enable = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/enable', remoteAddress: from(), headers: { cookie, ...ORIGIN }, payload: { password: TEST_PASSWORD } });
    expect(enable.statusCode).toBe(200);
    const uri = new URL(enable.json<{ totpURI: string }>().totpURI);
    const secret = fromBase32(uri.searchParams.get('secret')!);
    const verify = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', remoteAddress: from(), headers: { cookie, ...ORIGIN }, payload: { code: await codeFor(secret) } });
    expect(verify.statusCode).toBe(200);
    return { secret, cookie: cookieOf(verify) || cookie };
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Two-factor Clinic');
  });
  afterAll(async () => t.close());

  it('asks an enrolled person for a code at sign-in, and signs them in only with the right one', async () => {
    const { secret } = await enrol(org.staff.clinician.cookie);
    const first = await signIn(org.staff.clinician.email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookieOf(first);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: pending } })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', remoteAddress: from(), headers: { cookie: pending, ...ORIGIN }, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/two-factor/verify-totp', remoteAddress: from(), headers: { cookie: pending, ...ORIGIN }, payload: { code: await codeFor(secret) } });
    expect(right.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookieOf(right) } })).statusCode).toBe(200);
    const enrolled = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, org.staff.clinician.id), eq(auditEvent.action, 'auth.two-factor-enabled')));
    expect(enrolled).toHaveLength(1);
    const signIns = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorId, org.staff.clinician.id), eq(auditEvent.action, 'auth.sign-in')))
      .orderBy(asc(auditEvent.seq));
    // The harness's own sign-in, the password step (not yet signed in) and the code step.
    expect(signIns.map((e) => e.details)).toEqual([{}, { awaitingSecondFactor: true }, { secondFactor: 'totp' }]);
  });

  it('lets an organisation require it: someone not enrolled may only enrol until they do', async () => {
    const require = await t.as(org.staff.admin, { method: 'PUT', url: '/api/v1/organisation/security', payload: { requireTwoFactor: true } });
    expect(require.statusCode).toBe(200);
    expect((await t.as(org.staff.director, { method: 'PUT', url: '/api/v1/organisation/security', payload: { requireTwoFactor: false } })).statusCode).toBe(403);
    // Existing sessions and new ones alike.
    const refused = await t.as(org.staff.biller, { method: 'GET', url: '/api/v1/participants' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().title).toBe('Two-factor sign-in required');
    const fresh = cookieOf(await signIn(org.staff.biller.email));
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: fresh } });
    expect(me.json()).toMatchObject({ twoFactorPending: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/participants', headers: { cookie: fresh } })).statusCode).toBe(403);
    const enrolled = await enrol(fresh);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/participants', headers: { cookie: enrolled.cookie } })).statusCode).toBe(200);
    await t.as(org.staff.admin, { method: 'PUT', url: '/api/v1/organisation/security', payload: { requireTwoFactor: false } });
  });
});
