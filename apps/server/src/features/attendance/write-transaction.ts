/**
 * The transaction a roll is written in, on the driver underneath Drizzle. Recording attendance is the hottest write
 * there is, and its audit append takes the organisation's chain-head row lock, held until commit. Through Drizzle the
 * lock is held for the append's round trip plus however long this process takes to get back to sending COMMIT; under
 * load that wait is the event loop's, and it serialises every roll of the organisation behind it. Here the last
 * message carries the closing statements (idempotent answer, audit appends) and COMMIT together, so the lock is held
 * only while PostgreSQL runs them and flushes the commit. Likewise the first message carries BEGIN with the first
 * statement: every round trip waits on the event loop to read its answer.
 *
 * On PostgreSQL every statement is prepared once per connection (planning the roll's statements on each request cost
 * more than the round trip it saved): those in the middle as named statements of the extended protocol, those in the
 * opening and closing messages with SQL PREPARE — the simple protocol, which alone carries several statements in one
 * message, takes no parameters — and run as EXECUTE with their values as literals. A prepared statement outlives a
 * rolled-back transaction.
 */
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db } from '../../db/index.ts';
import type { NamedStatement } from '../../audit/audit.ts';

export interface WriteTx {
  /**
   * One parameterised statement, prepared under `name` on PostgreSQL. The first one opens the transaction (it is sent
   * with BEGIN, so its values must be text or null).
   */
  query<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** Runs these closing statements and commits, in one message. Nothing may be done in the transaction afterwards. */
  commitWith(statements: NamedStatement[]): Promise<void>;
}

/**
 * Runs `work` in one read-committed transaction, opened by its first statement; commits when it returns (unless it
 * already did), rolls back on error.
 */
export async function writeTransaction<T>(db: Db, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return onPostgres(client, work);
  return onPglite(client, work);
}

async function onPostgres<T>(pool: pg.Pool, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const prepared = preparedOn.get(client) ?? new Set<string>();
  preparedOn.set(client, prepared);
  let begun = false;
  let committed = false;
  let broken: Error | undefined;

  /**
   * Sends `before`, then these statements as EXECUTEs of SQL-prepared statements (PREPAREd first on a connection that
   * has not seen them), then `after`, as one simple-protocol message: an error stops the rest. Answers the rows of
   * the last statement.
   */
  async function message(before: string[], statements: NamedStatement[], after: string[]): Promise<unknown[]> {
    const parts = [...before];
    const preparing: string[] = [];
    for (const { name, text, values } of statements) {
      if (!prepared.has(name) && !preparing.includes(name)) {
        parts.push(`prepare ${name} as ${text}`);
        preparing.push(name);
      }
      parts.push(`execute ${name}(${values.map(sqlLiteral).join(', ')})`);
    }
    parts.push(...after);
    try {
      const results = (await client.query(parts.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
      for (const name of preparing) prepared.add(name);
      const last = Array.isArray(results) ? results.at(-1) : results;
      return (last?.rows ?? []) as unknown[];
    } catch (error) {
      // Which PREPAREs ran before the failure is unknown here: the connection is not reused.
      if (preparing.length > 0) broken = error as Error;
      throw error;
    }
  }

  try {
    const tx: WriteTx = {
      async query<R>(name: string, text: string, values: unknown[]) {
        if (begun) return (await client.query({ name, text, values })).rows as R[];
        // The first statement travels with BEGIN, so opening the transaction costs no round trip of its own.
        begun = true;
        const literals = values.map((v) => {
          if (v !== null && typeof v !== 'string') throw new Error('the first statement of a roll write takes text values');
          return v;
        });
        return (await message(['begin'], [{ name, text, values: literals }], [])) as R[];
      },
      async commitWith(statements) {
        if (!begun) throw new Error('nothing to commit');
        await message([], statements, ['commit']);
        committed = true;
      },
    };
    const result = await work(tx);
    if (begun && !committed) await client.query('commit');
    return result;
  } catch (error) {
    if (begun && !committed && !broken) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
    }
    throw error;
  } finally {
    // A connection that could not roll back, or whose prepared statements are unknown, is discarded rather than reused.
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
        for (const { text, values } of statements) await t.query(text, values);
        committed = true;
      },
    });
  });
}

/** SQL PREPAREd statements per connection (a connection the pool replaces starts again with none). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/** A SQL string literal for `value` (or NULL), correct whatever `standard_conforming_strings` is set to. */
function sqlLiteral(value: string | null): string {
  if (value === null) return 'null';
  if (value.includes('\u0000')) throw new Error('text with a NUL character cannot be sent');
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
