import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { StatementSafePool } from './pool.ts';
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
  /** PGlite only: an image of the data directory, which `openDatabase({ image })` starts from. */
  image?: () => Promise<Blob>;
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

/** The role the app works as: it owns no table, so it cannot alter them or rewrite the audit trail (0004_app_role.sql). */
export const APP_ROLE = 'trellis_app';

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` ('memory://' for none), and migrates as
 * the owner (`migrationUrl` when the app's own login is not the owner); then works as APP_ROLE, unless `asOwner`
 * (audit:verify and tamper tests).
 */
export async function openDatabase(options: {
  url?: string | undefined;
  migrationUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  asOwner?: boolean;
  /** PGlite only: start from this data-directory image (a migrated template the test harness made once per run). */
  image?: Blob;
}): Promise<Database> {
  if (options.url) {
    const migrator = new pg.Client({ connectionString: options.migrationUrl ?? options.url });
    await migrator.connect();
    try {
      await migrator.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(migrator, { schema }), { migrationsFolder });
      await migrator.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    } finally {
      await migrator.end();
    }
    // Every pooled connection starts as the app's role (a startup parameter: a connection that cannot take it fails).
    const pool = new StatementSafePool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.asOwner ? {} : { options: `-c role=${APP_ROLE}` }),
    });
    // An idle connection the server closes (restart, failover) must not bring the process down; the pool replaces it.
    pool.on('error', (error: Error & { code?: string }) => console.error(`database connection lost (${error.code ?? error.name})`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  // Taken before PGlite touches the directory; throws DataDirLockedError while another process has it.
  const release = dataDir === 'memory://' ? () => undefined : lockDataDir(dataDir);
  try {
    // btree_gist backs the appointment exclusion constraints (migration 0015); PGlite loads contrib extensions only when asked.
    const client = await PGlite.create({
      ...(dataDir === 'memory://' ? {} : { dataDir }),
      ...(options.image ? { loadDataDir: options.image } : {}),
      extensions: { btree_gist },
    });
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    if (!options.asOwner) await client.exec(`set role ${APP_ROLE}`);
    const close = async () => {
      await client.close();
      release();
    };
    return { db: db as unknown as Db, kind: 'pglite', close, image: () => client.dumpDataDir('none') };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Whether the login the app connected with could leave APP_ROLE (`RESET ROLE`) and act as the owner of the audit
 * trail: true when one login both migrates and runs the app, which is fine on one machine and not in production.
 */
export async function appLoginCanBecomeOwner(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ can: boolean }>(
    await db.execute(sql`select pg_has_role(session_user, c.relowner, 'MEMBER') as can
      from pg_class c where c.oid = 'public.audit_event'::regclass`),
  );
  return row?.can ?? false;
}

/** Items grouped by a key, each group in the items' order (Map.groupBy arrives with Node 21). */
export function groupedBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The rows of a raw `db.execute(sql…)` result; both drivers answer `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows;
  if (!Array.isArray(rows)) throw new Error('unexpected query result shape');
  return rows;
}
