import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg } from '../../testing/harness.ts';

describe('sign-in and sessions', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp({ config: { signInAttemptsPerMinute: 3, passwordResetRequestsPerHour: 2 } });
    org = await t.createOrg('Sign-in Clinic');
  });
  afterAll(async () => t.close());
  afterEach(() => vi.useRealTimers());

  const signIn = (email: string, password: string, ip = '10.0.0.9') =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: ip });

  it('signs in with email and password and sets an httpOnly SameSite session cookie', async () => {
    const res = await signIn(org.staff.clinician.email, TEST_PASSWORD, '10.0.0.1');
    expect(res.statusCode).toBe(200);
    const cookie = [res.headers['set-cookie']].flat().join('\n');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body).not.toContain(TEST_PASSWORD);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await signIn(org.staff.clinician.email, 'wrong-password-1', '10.0.0.2');
    expect(res.statusCode).toBe(401);
    const unknown = await signIn('nobody@nowhere.test', 'wrong-password-1', '10.0.0.2');
    expect(unknown.statusCode).toBe(401);
  });

  it('rate limits repeated sign-in attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn(org.staff.biller.email, 'not-the-password', '10.0.0.3')).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes[3]).toBe(429);
    // Another address is not punished for it.
    expect((await signIn(org.staff.biller.email, TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });

  it('limits password-reset requests per address, whether or not the address is known', async () => {
    const reset = (email: string, ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', headers: { origin: 'http://localhost:80' }, payload: { email }, remoteAddress: ip });
    const codes: number[] = [];
    for (const email of [org.staff.biller.email, 'nobody@nowhere.test', org.staff.director.email]) codes.push((await reset(email, '10.0.0.6')).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    expect((await reset(org.staff.biller.email, '10.0.0.7')).statusCode).toBe(200);
  });

  it('ends a session after the idle limit and keeps an active one alive', async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const res = await signIn(org.staff.director.email, TEST_PASSWORD, '10.0.0.5');
    const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

    vi.setSystemTime(start + 10 * 60_000);
    expect((await me()).statusCode).toBe(200);
    vi.setSystemTime(start + 20 * 60_000); // 20 min after sign-in, 10 after last use
    expect((await me()).statusCode).toBe(200);
    vi.setSystemTime(start + 36 * 60_000); // 16 min idle
    expect((await me()).statusCode).toBe(401);
  });

  it('signs out', async () => {
    const res = await signIn(org.staff.intake.email, TEST_PASSWORD, '10.0.0.6');
    const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin: 'http://localhost:80' }, payload: {} });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('sign-in audit', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Audited Sign-in Clinic');
  });
  afterAll(async () => t.close());

  it('records successful and refused sign-ins in the organisation audit trail', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: org.staff.biller.email, password: 'wrong-password-9' } });
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?userId=${org.staff.biller.id}` });
    const actions = (res.json().items as { action: string; outcome: string }[]).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('auth.sign-in-failed:denied');
    expect(actions).toContain('auth.sign-in:success');
  });
});
