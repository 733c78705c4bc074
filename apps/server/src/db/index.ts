import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
export { DataDirLockedError } from './data-dir-lock.ts';

export { schema };
export type Schema = typeof schema;
/** A Drizzle database on either driver; features never need to know which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either the database or a transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any number of app processes may start at once against one server: migrations run under this advisory lock.
export const MIGRATION_LOCK_KEY = 7_340_001;

/**
 * Runs `work` in one transaction holding the start-up advisory lock (the one migrations take), so processes starting
 * together on a new database seed it once: the second waits, then finds the first one's rows.
 */
export async function underStartupLock<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    return work(tx);
  });
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` ('memory://' for none), and migrates. */
export async function openDatabase(options: { url?: string | undefined; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server closes (restart, failover) must not bring the process down; the pool replaces it.
    pool.on('error', (error: Error & { code?: string }) => console.error(`database connection lost (${error.code ?? error.name})`));
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    } finally {
      client.release();
    }
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  // Taken before PGlite touches the directory; throws DataDirLockedError while another process has it.
  const release = dataDir === 'memory://' ? () => undefined : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    const close = async () => {
      await client.close();
      release();
    };
    return { db: db as unknown as Db, kind: 'pglite', close };
  } catch (error) {
    release();
    throw error;
  }
}

/** The rows of a raw `db.execute(sql…)` result; both drivers answer `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows;
  if (!Array.isArray(rows)) throw new Error('unexpected query result shape');
  return rows;
}
