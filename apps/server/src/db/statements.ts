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
        // Not pool.query: it closes the connection on any error, so each refused or conflicting write would cost a new
        // connection (a new backend, every statement prepared again). A statement's own error leaves it usable.
        const connection = await client.connect();
        let broken: Error | undefined;
        try {
          return (await connection.query({ name, text, values })).rows as R[];
        } catch (error) {
          if (!statementError(error)) broken = error as Error;
          throw error;
        } finally {
          connection.release(broken);
        }
      },
    };
  }
  return {
    async query<R>(_name: string, text: string, values: unknown[]) {
      return (await client.query<R>(text, values)).rows;
    },
  };
}

/** An error the server answered for one statement (not a lost or shut-down connection): the connection stays usable. */
function statementError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof pg.DatabaseError && typeof code === 'string' && !/^(08|57|58|XX)/.test(code);
}

/** PostgreSQL's serialization_failure: the statement found that what it relied on had changed; try again. */
export const isWriteConflict = (error: unknown) => (error as { code?: string } | null)?.code === '40001';
