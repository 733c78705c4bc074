/**
 * A statement's own error (a unique violation answered 409, a division by zero) keeps the pooled connection: the next
 * query runs on the same backend with its prepared statements, through Drizzle and through the pool directly. A lost
 * connection is still closed. PostgreSQL only (PGlite has no pool).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementSafePool } from './pool.ts';
import { drizzle } from 'drizzle-orm/node-postgres';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the pool keeps a connection through a statement error', () => {
  let pool: StatementSafePool;
  beforeAll(() => {
    pool = new StatementSafePool({ connectionString: url, max: 1 });
  });
  afterAll(() => pool.end());

  const backend = async () => (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

  it('through pool.query', async () => {
    const before = await backend();
    await expect(pool.query('select 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await expect(pool.query({ name: 'bad-cast', text: 'select $1::int', values: ['x'] })).rejects.toMatchObject({ code: '22P02' });
    expect(await backend()).toBe(before);
  });

  it('through Drizzle', async () => {
    const db = drizzle(pool);
    const before = await backend();
    await expect(db.execute(sql`select 1 / ${0}::int`)).rejects.toThrow();
    const rows = await db.execute(sql`select pg_backend_pid() as pid`);
    expect(rows.rows[0]).toEqual({ pid: before });
  });

  it('closes a connection the server ended', async () => {
    const before = await backend();
    await expect(pool.query('select pg_terminate_backend(pg_backend_pid())')).rejects.toThrow();
    expect(await backend()).not.toBe(before);
  });
});
