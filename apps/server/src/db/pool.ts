/**
 * node-postgres's pool, except that a statement's own error does not cost the connection. `Pool.query` releases its
 * client with the error, which closes it: every refused or conflicting write (a unique violation answered 409, a
 * serialization failure retried) would open a new backend and prepare every named statement again. Here only errors
 * that say the connection itself is gone or unusable close it.
 */
import pg from 'pg';

/** An error the server answered for one statement (not a lost or shut-down connection): the connection stays usable. */
export function statementError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof pg.DatabaseError && typeof code === 'string' && !/^(08|57|58|XX)/.test(code);
}

export class StatementSafePool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    const callbackQuery = this.query.bind(this);
    // Drizzle (and our named statements) call query with a config or text and values, never with a callback.
    this.query = ((...args: unknown[]) =>
      args.some((a) => typeof a === 'function')
        ? (callbackQuery as (...a: unknown[]) => unknown)(...args)
        : this.queryKeepingConnection(args[0] as pg.QueryConfig | string, args[1] as unknown[] | undefined)) as pg.Pool['query'];
  }

  private async queryKeepingConnection(config: pg.QueryConfig | string, values: unknown[] | undefined) {
    const connection = await this.connect();
    let broken: Error | undefined;
    try {
      return await connection.query(config as pg.QueryConfig, values);
    } catch (error) {
      if (!statementError(error)) broken = error as Error;
      throw error;
    } finally {
      connection.release(broken);
    }
  }
}
