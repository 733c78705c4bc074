/**
 * Several processes on one PostgreSQL: two started at once on a new database both migrate and seed (once, under the
 * start-up lock) and become healthy, and a session made on one is honoured by the other. PostgreSQL only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { startServerProcess, type ServerProcess } from '../testing/processes.ts';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('several processes on one PostgreSQL', () => {
  const name = `trellis_t_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-multi-'));
  const servers: ServerProcess[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts two processes at once on a new database; both are healthy and share sessions', async () => {
    await admin(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const env = {
      DATABASE_URL: url.toString(),
      TRELLIS_SECRET: randomBytes(32).toString('hex'),
      TRELLIS_DATA_DIR: join(dataDir, 'data'),
      TRELLIS_SEED_DEMO: 'true',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    const [one, two] = servers as [ServerProcess, ServerProcess];
    await Promise.all([one.healthy(240_000), two.healthy(240_000)]);

    const signIn = await fetch(`${one.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: one.url },
      body: JSON.stringify({ email: 'director@demo.test', password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`${two.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('director@demo.test');

    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query(`select count(*)::int as n from organisation where slug = 'demo'`);
    await client.end();
    expect(rows[0].n).toBe(1);
  }, 300_000);
});
