/**
 * The transaction a roll is written in, on the driver underneath Drizzle, so every statement of the hottest write there
 * is runs as a named prepared statement: on PostgreSQL node-postgres prepares each name once per connection (planning
 * the roll's statements on every request cost more than a round trip). The audit append takes no shared lock, so
 * nothing here needs to shorten the time between the last statement and COMMIT.
 */
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db } from '../../db/index.ts';
import type { StatementRunner } from '../../audit/audit.ts';

export type WriteTx = StatementRunner;

/** Runs `work` in one read-committed transaction; commits when it returns, rolls back when it throws. */
export async function writeTransaction<T>(db: Db, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return onPostgres(client, work);
  return onPglite(client, work);
}

async function onPostgres<T>(pool: pg.Pool, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    try {
      const result = await work({
        async query<R>(name: string, text: string, values: unknown[]) {
          return (await client.query({ name, text, values })).rows as R[];
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    }
  } finally {
    // A connection that could not roll back is discarded rather than reused.
    client.release(broken);
  }
}

async function onPglite<T>(pglite: PGlite, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  return pglite.transaction(async (t: Transaction) =>
    work({
      async query<R>(_name: string, text: string, values: unknown[]) {
        return (await t.query<R>(text, values)).rows;
      },
    }),
  );
}
