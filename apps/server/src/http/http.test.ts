/**
 * HTTP behaviour every route shares: who is asking is settled before the body is looked at, unknown addresses and
 * methods, no caching of API answers, same-origin state changes, the sign-in throttle, session cookie renewal and
 * the demo organisation kept to this machine.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrganisation, createStaff } from '../features/organisations/service.ts';
import { DEMO_ORG_SLUG } from '../seed/demo.ts';
import { startTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestOrg } from '../testing/harness.ts';

const cookieOf = (setCookie: string | string[] | undefined) =>
  [setCookie]
    .flat()
    .filter((c): c is string => !!c)
    .map((c) => c.split(';')[0])
    .join('; ');

describe('HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp({ config: { signInAttemptsPerMinute: 3, signInFailuresPerAccount: 4 } });
    org = await t.createOrg('HTTP Clinic');
  });
  afterAll(async () => t.close());
  afterEach(() => vi.useRealTimers());

  describe('authentication before validation', () => {
    const bodies = ['{"givenName": 42}', '{not json', '{}', 'null'];
    for (const body of bodies) {
      it(`answers 401 to an anonymous POST whatever its body: ${body}`, async () => {
        const res = await t.as(null, { method: 'POST', url: '/api/v1/participants', payload: body, headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      });
    }
    it('answers 401 to an anonymous GET with a bad query', async () => {
      expect((await t.as(null, { method: 'GET', url: '/api/v1/census?week=not-a-date' })).statusCode).toBe(401);
      expect((await t.as(null, { method: 'GET', url: '/api/v1/participants/not-a-uuid' })).statusCode).toBe(401);
    });
    it('still validates a signed-in request', async () => {
      const res = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants/not-a-uuid' });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('unknown addresses and methods', () => {
    it('answers 404 problem+json to an unknown API address, signed in or not', async () => {
      for (const staff of [null, org.staff.director]) {
        for (const method of ['GET', 'POST', 'DELETE'] as const) {
          const res = await t.as(staff, { method, url: '/api/v1/no-such-thing' });
          expect(res.statusCode, `${method} ${res.body}`).toBe(404);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        }
      }
    });
    it('answers 405 with Allow to a known address asked with another method', async () => {
      const res = await t.as(org.staff.director, { method: 'DELETE', url: '/api/v1/participants' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toMatch(/GET/);
      expect(res.headers.allow).toMatch(/POST/);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await t.as(null, { method: 'PUT', url: '/api/health' })).statusCode).toBe(405);
      expect((await t.as(null, { method: 'DELETE', url: '/api/auth/sign-in/email' })).statusCode).toBe(405);
    });
  });

  describe('no caching of API answers', () => {
    it('sends Cache-Control: no-store on answers, errors, 404s and /api/auth', async () => {
      const answers = await Promise.all([
        t.as(org.staff.director, { method: 'GET', url: '/api/v1/me' }),
        t.as(null, { method: 'GET', url: '/api/v1/me' }),
        t.as(null, { method: 'GET', url: '/api/health' }),
        t.as(null, { method: 'GET', url: '/api/v1/nothing-here' }),
        t.as(null, { method: 'PUT', url: '/api/health' }),
        t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants/not-a-uuid' }),
        t.as(org.staff.director, { method: 'GET', url: '/api/auth/get-session' }),
        t.as(null, { method: 'POST', url: '/api/auth/sign-in/email', payload: { email: 'nobody@x.test', password: 'wrong-password-0' }, remoteAddress: '10.9.0.1' }),
      ]);
      for (const res of answers) expect(res.headers['cache-control'], `${res.statusCode} ${res.body}`).toBe('no-store');
    });
  });

  describe('same-origin state changes', () => {
    const create = (headers: Record<string, string>) =>
      t.as(org.staff.intake, {
        method: 'POST',
        url: '/api/v1/participants',
        payload: { givenName: 'Origin', familyName: 'Check', dateOfBirth: '1990-04-01' },
        headers,
      });
    it('refuses a change from another site with 403 problem+json', async () => {
      const bySite = await create({ origin: TEST_ORIGIN, 'sec-fetch-site': 'cross-site' });
      expect(bySite.statusCode).toBe(403);
      expect(bySite.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await create({ origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await create({ origin: 'http://localhost:8080', 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    });
    it('accepts a change from the app’s own origin, and from a client that is not a browser', async () => {
      expect((await create({ origin: TEST_ORIGIN, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
      const noBrowser = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participants',
        payload: { givenName: 'Not', familyName: 'Browser', dateOfBirth: '1990-04-01' },
        headers: { cookie: org.staff.intake.cookie },
      });
      expect(noBrowser.statusCode).toBe(201);
    });
    it('checks against the configured public address when there is one', async () => {
      const other = await startTestApp({ config: { baseUrl: 'https://trellis.example.org' } });
      try {
        const o = await other.createOrg('Base URL Clinic');
        const payload = { givenName: 'Base', familyName: 'Url', dateOfBirth: '1990-04-01' };
        const from = (origin: string) => other.as(o.staff.intake, { method: 'POST', url: '/api/v1/participants', payload, headers: { origin } });
        expect((await from(TEST_ORIGIN)).statusCode).toBe(403);
        expect((await from('https://trellis.example.org')).statusCode).toBe(201);
      } finally {
        await other.close();
      }
    });
    it('reads are not checked', async () => {
      const res = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/me', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('sign-in throttle', () => {
    const signIn = (email: string, password: string, ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: ip });

    it('does not count successful sign-ins', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await signIn(org.staff.clinician.email, TEST_PASSWORD, '10.1.0.1')).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 200]);
    });
    it('counts refused sign-ins per address', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await signIn(org.staff.prescriber.email, 'not-the-password', '10.1.0.2')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const refused = await signIn(org.staff.prescriber.email, TEST_PASSWORD, '10.1.0.2');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });
    it('throttles one account guessed at from many addresses, and not the others', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await signIn(org.staff.biller.email, 'not-the-password', `10.2.0.${i + 1}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429]);
      expect((await signIn(org.staff.biller.email, TEST_PASSWORD, '10.2.1.1')).statusCode).toBe(429);
      expect((await signIn(org.staff.admin.email, TEST_PASSWORD, '10.2.1.1')).statusCode).toBe(200);
    });
    it('lets the account in again once the window has passed, and a success clears its count', async () => {
      t.clock.advanceMinutes(16);
      expect((await signIn(org.staff.biller.email, TEST_PASSWORD, '10.2.2.1')).statusCode).toBe(200);
      for (let i = 0; i < 3; i++) await signIn(org.staff.biller.email, 'not-the-password', `10.2.3.${i + 1}`);
      expect((await signIn(org.staff.biller.email, TEST_PASSWORD, '10.2.4.1')).statusCode).toBe(200);
    });
  });

  describe('session cookie renewal', () => {
    it('renews the cookie when the server extends the session, so an active user stays signed in', async () => {
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'], now: start });
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: org.staff.director.email, password: TEST_PASSWORD }, remoteAddress: '10.3.0.1' });
      expect(res.statusCode).toBe(200);
      let cookie = cookieOf(res.headers['set-cookie']);
      // Where a browser would drop the cookie: its Max-Age from when it was last set.
      const maxAge = (setCookie: string | string[] | undefined) => Number(/Max-Age=(\d+)/i.exec([setCookie].flat().join(';'))?.[1]);
      let expiresAt = start + maxAge(res.headers['set-cookie']) * 1000;

      for (const minutes of [10, 20, 30, 40]) {
        const at = start + minutes * 60_000;
        vi.setSystemTime(at);
        expect(at, `the browser still holds the cookie at ${minutes} min`).toBeLessThan(expiresAt);
        const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
        expect(me.statusCode, `${minutes} min`).toBe(200);
        if (me.headers['set-cookie']) {
          cookie = cookieOf(me.headers['set-cookie']);
          expiresAt = at + maxAge(me.headers['set-cookie']) * 1000;
        }
      }
    });
  });

  describe('the demo organisation stays on this machine', () => {
    let demoEmail: string;
    beforeAll(async () => {
      const orgId = await createOrganisation(t.database.db, { name: 'Demo', slug: DEMO_ORG_SLUG });
      demoEmail = 'director@demo-http.test';
      await createStaff(t.database.db, { orgId, name: 'Demo Director', email: demoEmail, role: 'director', password: TEST_PASSWORD });
    });
    const signIn = (email: string, ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password: TEST_PASSWORD }, remoteAddress: ip });

    it('refuses a demo sign-in from another machine, and serves it on loopback', async () => {
      const remote = await signIn(demoEmail, '192.168.1.20');
      expect(remote.statusCode).toBe(403);
      expect(remote.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await signIn(demoEmail, '127.0.0.1')).statusCode).toBe(200);
      expect((await signIn(org.staff.admin.email, '192.168.1.20')).statusCode).toBe(200);
    });
    it('refuses a demo session used from another machine', async () => {
      const cookie = cookieOf((await signIn(demoEmail, '127.0.0.1')).headers['set-cookie']);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie }, remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie }, remoteAddress: '192.168.1.20' })).statusCode).toBe(403);
    });
    it('serves the demo to other machines when asked', async () => {
      const other = await startTestApp({ config: { allowDemoRemote: true } });
      try {
        const orgId = await createOrganisation(other.database.db, { name: 'Demo', slug: DEMO_ORG_SLUG });
        await createStaff(other.database.db, { orgId, name: 'Demo Director', email: demoEmail, role: 'director', password: TEST_PASSWORD });
        const res = await other.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: demoEmail, password: TEST_PASSWORD }, remoteAddress: '192.168.1.20' });
        expect(res.statusCode).toBe(200);
      } finally {
        await other.close();
      }
    });
  });
});
