import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';

describe('health and identity', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Health Check Clinic');
  });
  afterAll(async () => t.close());

  it('answers health without signing in and names the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.any(String),
    });
  });

  it('sets security headers on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('tells who is signed in and what they may do', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.role).toBe('clinician');
    expect(me.permissions).toContain('attendance.write');
    expect(me.permissions).not.toContain('audit.read');
  });

  it('refuses /me without a session as problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('publishes the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/api/health']).toBeDefined();
  });

  it('declares a permission on every registered route', () => {
    const undeclared = t.routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(t.routes.length).toBeGreaterThan(3);
    expect(undeclared).toEqual([]);
  });
});
