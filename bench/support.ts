/** Benchmark support: fresh PostgreSQL databases, the real app, and medians. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { testConfig } from '../apps/server/src/config.ts';
import { openDatabase, type Database } from '../apps/server/src/db/index.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, migrated PostgreSQL database, dropped again by `close`; `analyze` gathers statistics as the owner. */
export async function freshPostgres(poolSize = 10): Promise<Database & { url: string; analyze(): Promise<void> }> {
  const name = `trellis_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize });
  return {
    ...database,
    url: url.toString(),
    // A production database has statistics; freshly loaded bench data has none until autovacuum gets to it.
    analyze: async () => {
      const owner = new pg.Client({ connectionString: url.toString() });
      await owner.connect();
      await owner.query('analyze');
      await owner.end();
    },
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function appOn(database: Database) {
  return buildApp({
    db: database.db,
    dbKind: database.kind,
    clock: systemClock,
    config: testConfig({ signInAttemptsPerMinute: 1000 }),
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Scenario {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  goal?: string;
  notes?: string;
}
