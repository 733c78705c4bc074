/**
 * The transaction a roll is written in, on the driver underneath Drizzle. Recording attendance is the hottest write
 * there is, and its audit append takes the organisation's chain-head row lock, held until commit. Through Drizzle the
 * lock is held for the append's round trip plus however long this process takes to get back to sending COMMIT; under
 * load that wait is the event loop's, and it serialises every roll of the organisation behind it. Here the last
 * message carries the closing statements (idempotent answer, audit appends) and COMMIT together, so the lock is held
 * only while PostgreSQL runs them and flushes the commit. On PostgreSQL the hot statements are also named, so each
 * connection parses and plans them once.
 */
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db } from '../../db/index.ts';

export interface WriteTx {
  /** One parameterised statement (prepared under `name` on PostgreSQL). */
  query<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /**
   * Runs these closing statements — built with `sqlLiteral` (audit.ts), no parameters — and commits, in one message. Nothing may
   * be done in the transaction afterwards.
   */
  commitWith(statements: string[]): Promise<void>;
}

/** Runs `work` in one read-committed transaction; commits when it returns (unless it already did), rolls back on error. */
export async function writeTransaction<T>(db: Db, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return onPostgres(client, work);
  return onPglite(client, work);
}

async function onPostgres<T>(pool: pg.Pool, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let committed = false;
  let broken: Error | undefined;
  // BEGIN is not awaited on its own: node-postgres sends the first statement as soon as BEGIN's answer arrives,
  // without a turn of the event loop in between. (BEGIN fails only with the connection, which fails that statement too.)
  let begin: Promise<unknown> | null = client.query('begin');
  try {
    const tx: WriteTx = {
      async query<R>(name: string, text: string, values: unknown[]) {
        const result = client.query({ name, text, values });
        if (begin) {
          const started = begin;
          begin = null;
          await Promise.all([started, result]);
        }
        return (await result).rows as R[];
      },
      async commitWith(statements) {
        // Without parameters node-postgres uses the simple protocol, which runs several statements in one message; an
        // error stops the rest (COMMIT included), leaving the transaction to be rolled back below.
        await client.query([...statements, 'commit'].join(';\n'));
        committed = true;
      },
    };
    const result = await work(tx);
    if (begin) await begin;
    if (!committed) await client.query('commit');
    return result;
  } catch (error) {
    if (begin) await begin.catch(() => undefined);
    if (!committed) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
    }
    throw error;
  } finally {
    // A connection that could not roll back is discarded rather than handed to the next request.
    client.release(broken);
  }
}

async function onPglite<T>(pglite: PGlite, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  return pglite.transaction(async (t: Transaction) => {
    let committed = false;
    return work({
      async query<R>(_name: string, text: string, values: unknown[]) {
        if (committed) throw new Error('the roll transaction already committed');
        return (await t.query<R>(text, values)).rows;
      },
      async commitWith(statements) {
        // PGlite runs in this process: there is no wait to save, and PGlite commits when the callback returns.
        if (statements.length > 0) await t.exec(statements.join(';\n'));
        committed = true;
      },
    });
  });
}
