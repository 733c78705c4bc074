/**
 * Named prepared statements on the driver underneath Drizzle, for the hottest paths (the session check with a read
 * that goes along with it, a roll's write): on PostgreSQL
 * node-postgres prepares each name once per pooled connection (planning the roll's statements on every request cost
 * more than a round trip); PGlite runs them in-process.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from './index.ts';
import type { StatementRunner } from '../audit/audit.ts';

/** Runs each statement on its own (autocommit): a statement that must be atomic says everything in one. */
export function namedStatements(db: Db): StatementRunner {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) {
    return {
      async query<R>(name: string, text: string, values: unknown[]) {
        // The pool (pool.ts) keeps the connection, and so its prepared statements, through a statement's own error.
        return (await client.query({ name, text, values })).rows as R[];
      },
    };
  }
  return {
    async query<R>(_name: string, text: string, values: unknown[]) {
      return (await client.query<R>(text, values)).rows;
    },
  };
}

/** PostgreSQL's serialization_failure: the statement found that what it relied on had changed; try again. */
export const isWriteConflict = (error: unknown) => (error as { code?: string } | null)?.code === '40001';
