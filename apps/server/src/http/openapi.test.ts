/**
 * The API contract: the OpenAPI document at /api/openapi.json passes Redocly's recommended rules (security on every
 * operation that needs a session, operationIds, documented problem+json errors, servers, license).
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.ts';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; servers?: unknown[]; info: { license?: unknown } };

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApi;
  let text: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    text = res.body;
    doc = res.json();
  });
  afterAll(async () => t.close());

  it('is served at /api/openapi.json and at /api/docs/json alike', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.json()).toEqual(doc);
  });

  it('passes Redocly’s recommended rules with no errors or warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(report).toEqual([]);
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('requires the session cookie on every operation but the public ones', () => {
    const publicOps = operations().filter(({ op }) => !op.security?.some((s) => 'session' in s));
    const unexpected = publicOps.filter(({ path }) => path !== '/api/health' && !path.startsWith('/api/v1/public/'));
    expect(unexpected.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    expect(publicOps.map(({ method, path }) => `${method} ${path}`)).toContain('get /api/health');
  });

  it('names every operation and documents its problem+json answers', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(ids.has(op.operationId!), op.operationId).toBe(false);
      ids.add(op.operationId!);
      if (path.startsWith('/api/v1/public/')) {
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '404', '429']));
      } else if (path !== '/api/health') {
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401']));
      }
    }
  });
});
