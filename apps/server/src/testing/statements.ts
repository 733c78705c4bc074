/**
 * Counts the statements a piece of work sends to the database, at the driver under Drizzle, so named statements
 * (db/statements.ts) and statements inside transactions count too. PostgreSQL and PGlite give the same numbers: a
 * transaction's BEGIN and COMMIT count on both (PGlite issues them inside its own `transaction`, so they are added).
 */
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database } from '../db/index.ts';

type Query = (...args: unknown[]) => unknown;

export interface StatementCounter {
  /** Runs the work and answers its result with the statements it sent. */
  during<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }>;
}

/** The SQL text of a driver call's first argument: a string, or pg's query config. */
const textOf = (arg: unknown): string =>
  typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && 'text' in arg ? String(arg.text) : '';

/**
 * Installs the counter on the database's driver (once per test database; it counts only inside `during`). `ignored`
 * leaves out statements whose text it matches: writes paced by time rather than by the work (a run's progress).
 */
export function countStatements(database: Pick<Database, 'db'>, ignored?: (sql: string) => boolean): StatementCounter {
  let statements = 0;
  let counting = false;
  const count = (n = 1) => {
    if (counting) statements += n;
  };
  const countingQuery =
    (query: Query): Query =>
    (...args) => {
      if (!ignored?.(textOf(args[0]))) count();
      return query(...args);
    };
  const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) {
    // pool.query and transactions both take a client through connect and send each statement with client.query.
    const watched = new WeakSet<pg.PoolClient>();
    const watch = (c: pg.PoolClient | undefined) => {
      if (!c || watched.has(c)) return;
      watched.add(c);
      c.query = countingQuery(c.query.bind(c)) as typeof c.query;
    };
    const connect = client.connect.bind(client) as (callback?: (err: Error | undefined, c?: pg.PoolClient, done?: unknown) => void) => Promise<pg.PoolClient> | void;
    client.connect = ((callback?: (err: Error | undefined, c?: pg.PoolClient, done?: unknown) => void) => {
      if (callback) {
        return connect((err, c, done) => {
          watch(c);
          callback(err, c, done);
        });
      }
      return (connect() as Promise<pg.PoolClient>).then((c) => {
        watch(c);
        return c;
      });
    }) as typeof client.connect;
  } else {
    client.query = countingQuery(client.query.bind(client) as Query) as typeof client.query;
    const transaction = client.transaction.bind(client);
    client.transaction = (<T>(work: (tx: Transaction) => Promise<T>) =>
      transaction((tx) => {
        count(2);
        tx.query = countingQuery(tx.query.bind(tx) as Query) as typeof tx.query;
        tx.exec = countingQuery(tx.exec.bind(tx) as Query) as typeof tx.exec;
        return work(tx);
      }));
  }
  return {
    async during(work) {
      statements = 0;
      counting = true;
      try {
        const result = await work();
        return { result, statements };
      } finally {
        counting = false;
      }
    },
  };
}
