/**
 * The web app's files: hashed assets sent as their pre-compressed copy and cached for a year; index.html (for every
 * page address) and way-in.html (the public pages) revalidated on each visit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProgramPageSchema } from '@trellis/core';
import { eq } from 'drizzle-orm';
import { organisation } from '../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';

const WAY_IN_HTML = '<!doctype html><html><head><title>Programs</title></head><body><div id="root" data-page="way-in"></div></body></html>';

describe('serving the web app', () => {
  const dist = mkdtempSync(join(tmpdir(), 'trellis-dist-'));
  const script = `console.log(${JSON.stringify('trellis '.repeat(400))});`;
  let t: TestApp;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Trellis</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'way-in.html'), WAY_IN_HTML);
    t = await startTestApp({ config: { webDist: dist, publicReadsPerMinute: 5 } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a hashed asset as its brotli copy, immutable for a year', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
  });

  it('sends gzip to a client without brotli, and the plain file to one with neither', async () => {
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends index.html for every page address with no-cache', async () => {
    for (const url of ['/', '/census', '/sessions/123/roll', '/index.html']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it('sends way-in.html, with no-cache, for the public pages under /p/:orgSlug and index.html for the rest', async () => {
    for (const url of ['/p/riverside', '/p/riverside/', '/p/riverside/self-check', '/p/riverside/request?program=abc', '/way-in.html']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('data-page="way-in"');
    }
    for (const url of ['/p', '/portal', '/participants/p/x']) expect((await get(url)).body, url).not.toContain('way-in');
  });

  describe('a public page with its program page in it', () => {
    const programPageIn = (html: string) => {
      const json = /<script type="application\/json" id="program-page">(.*?)<\/script>/s.exec(html)?.[1];
      return json === undefined ? undefined : publicProgramPageSchema.parse(JSON.parse(json));
    };
    const slugOf = async (org: TestOrg) => {
      const [row] = await t.database.db.select({ slug: organisation.slug }).from(organisation).where(eq(organisation.id, org.orgId));
      return row!.slug;
    };
    const page = (url: string, remoteAddress: string, encoding = 'gzip, deflate, br') =>
      t.app.inject({ method: 'GET', url, remoteAddress, headers: { 'accept-encoding': encoding } });

    it('writes the organisation’s program page into way-in.html, brotli for a browser that takes it, no-cache', async () => {
      const slug = await slugOf(await t.createOrg('Riverside </script><!-- Clinic'));
      for (const url of [`/p/${slug}`, `/p/${slug}/self-check`]) {
        const res = await page(url, '203.0.113.1');
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
        expect(res.headers['content-encoding'], url).toBe('br');
        expect(res.headers['content-type'], url).toMatch(/^text\/html/);
        const html = brotliDecompressSync(res.rawPayload).toString();
        expect(html, url).toContain('data-page="way-in"');
        // The organisation's name cannot end the script element early.
        expect(html.match(/<\/script>/g), url).toHaveLength(1);
        expect(html, url).not.toContain('<!--');
        expect(programPageIn(html), url).toEqual({ organisation: { name: 'Riverside </script><!-- Clinic', slug }, programs: [] });
      }
      const plain = await page(`/p/${slug}`, '203.0.113.2', 'gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(programPageIn(plain.body)?.organisation.slug).toBe(slug);
    });

    it('leaves it out for an unknown organisation and for an address over the public read limit', async () => {
      const slug = await slugOf(await t.createOrg('Lakeside'));
      expect(programPageIn((await page('/p/no-such-clinic', '203.0.113.3', 'identity')).body)).toBeUndefined();
      const bodies = [];
      for (let i = 0; i < 6; i++) bodies.push((await page(`/p/${slug}`, '203.0.113.4', 'identity')).body);
      expect(bodies.map((b) => programPageIn(b) !== undefined)).toEqual([true, true, true, true, true, false]);
      expect(bodies.at(-1)).toContain('data-page="way-in"');
    });
  });

  it('answers 404 or 405 problem+json for API addresses even with the web app present', async () => {
    const res = await get('/api/v1/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    const cancel = await get('/api/v1/sessions/00000000-0000-4000-8000-000000000000/cancel');
    expect(cancel.statusCode).toBe(405);
    expect(cancel.headers.allow).toBe('POST');
  });
});
