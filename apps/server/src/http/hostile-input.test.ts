/**
 * Hostile input gets a 400 naming what is wrong, never a 500: NUL bytes, dates outside four digits of year, malformed
 * cursors and deeply nested JSON, walked against representative routes (better-auth's and our own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';

const deeplyNested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('hostile input', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Hostile Input Clinic');
  });
  afterAll(async () => t.close());

  const cases: { name: string; method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; payload?: string; signedIn?: boolean }[] = [
    { name: 'NUL in sign-in email', method: 'POST', url: '/api/auth/sign-in/email', payload: JSON.stringify({ email: 'a\u0000@b.test', password: 'whatever-password' }) },
    { name: 'NUL in sign-in password', method: 'POST', url: '/api/auth/sign-in/email', payload: JSON.stringify({ email: 'a@b.test', password: 'what\u0000ever-password' }) },
    { name: 'deeply nested sign-in body', method: 'POST', url: '/api/auth/sign-in/email', payload: deeplyNested(5000) },
    { name: 'deeply nested array body', method: 'POST', url: '/api/auth/sign-in/email', payload: deepArray(100_000) },
    { name: 'NUL in auth query', method: 'GET', url: '/api/auth/get-session?x=%00' },
    { name: 'NUL in participant search', method: 'GET', url: '/api/v1/participants?q=a%00b', signedIn: true },
    { name: 'malformed participants cursor', method: 'GET', url: '/api/v1/participants?cursor=%%%not-a-cursor', signedIn: true },
    { name: 'malformed base64 cursor', method: 'GET', url: `/api/v1/participants?cursor=${Buffer.from('{"x":').toString('base64url')}`, signedIn: true },
    { name: 'malformed audit cursor', method: 'GET', url: '/api/v1/audit?cursor=abc', signedIn: true },
    { name: 'year 0 census week', method: 'GET', url: '/api/v1/census?week=0000-01-03', signedIn: true },
    { name: 'year 10000 census week', method: 'GET', url: '/api/v1/census?week=10000-01-03', signedIn: true },
    { name: 'year 0 birth date', method: 'POST', url: '/api/v1/participants', signedIn: true, payload: JSON.stringify({ givenName: 'A', familyName: 'B', dateOfBirth: '0000-01-01' }) },
    { name: 'year 10000 birth date', method: 'POST', url: '/api/v1/participants', signedIn: true, payload: JSON.stringify({ givenName: 'A', familyName: 'B', dateOfBirth: '10000-01-01' }) },
    { name: 'NUL in a participant name', method: 'POST', url: '/api/v1/participants', signedIn: true, payload: JSON.stringify({ givenName: 'A\u0000', familyName: 'B', dateOfBirth: '1990-01-01' }) },
    { name: 'deeply nested participant body', method: 'POST', url: '/api/v1/participants', signedIn: true, payload: deeplyNested(5000) },
  ];

  for (const c of cases) {
    it(`answers 400 to ${c.name}`, async () => {
      const res = await t.as(c.signedIn ? org.staff.director : null, {
        method: c.method,
        url: c.url,
        ...(c.payload !== undefined ? { payload: c.payload, headers: { 'content-type': 'application/json' } } : {}),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/json/);
    });
  }
});
