/** Benchmark support: fresh PostgreSQL databases, the real app, and medians. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { testConfig } from '../apps/server/src/config.ts';
import { openDatabase, rowsOf, type Database } from '../apps/server/src/db/index.ts';

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
  /** Figures a reader compares beside value and baseline (e.g. the two solvers' objectives), kept as numbers. */
  details?: Record<string, number | boolean | null>;
}

/** CPU time (ms) this process and the database's server processes spent over a stretch of work. */
export interface CpuSpent {
  nodeMs: number;
  /** Null when the database's processes cannot be read here (PostgreSQL on another machine). */
  postgresMs: number | null;
}

/** utime + stime of a process in ms (Linux /proc), or null when it cannot be read. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) are space-separated; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, fixed at 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Measures the CPU a piece of work costs, which unlike its throughput does not move with whatever else the machine
 * is doing: this process's own CPU time, and that of the PostgreSQL server processes connected to the database.
 * Backends that start and end during the work are missed, so the work should run on a warm pool.
 */
export async function cpuSpentOn<T>(database: Database, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSpent }> {
  const backendPids = async () => {
    return rowsOf<{ pid: number }>(await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`));
  };
  const postgresCpu = async (): Promise<Map<number, number> | null> => {
    const out = new Map<number, number>();
    for (const { pid } of await backendPids()) {
      const ms = processCpuMs(Number(pid));
      if (ms === null) return null;
      out.set(Number(pid), ms);
    }
    return out;
  };
  const nodeBefore = process.cpuUsage();
  const pgBefore = await postgresCpu();
  const result = await work();
  const pgAfter = await postgresCpu();
  const node = process.cpuUsage(nodeBefore);
  let postgresMs: number | null = null;
  if (pgBefore && pgAfter) {
    postgresMs = 0;
    for (const [pid, after] of pgAfter) postgresMs += after - (pgBefore.get(pid) ?? after);
  }
  return { result, cpu: { nodeMs: (node.user + node.system) / 1000, postgresMs } };
}
