/**
 * Fixed-window request counters for public routes, kept in the database (the table the sign-in library's limits use)
 * so every app process shares them: no state that matters lives in process memory (design.md, scale).
 */
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import { rowsOf } from '../db/index.ts';
import { Problem } from './problems.ts';

export interface RateLimit {
  /** What is limited, e.g. `public-inquiry`; the client address is added to it. */
  name: string;
  windowMs: number;
  max: number;
}

/**
 * Counts one request from an address and answers the seconds to wait when it is over the limit (0 when allowed).
 * One atomic upsert: concurrent requests cannot both slip under the limit.
 */
export async function hitRateLimit(db: Db, limit: RateLimit, address: string, now: Date): Promise<number> {
  const at = now.getTime();
  const windowStart = at - limit.windowMs;
  const key = `${limit.name}:address:${address}`;
  const [row] = rowsOf<{ count: number; last_request: string | number }>(
    await db.execute(sql`
      insert into auth_rate_limit (id, key, count, last_request) values (gen_random_uuid()::text, ${key}, 1, ${at})
      on conflict (key) do update set
        count = case when auth_rate_limit.last_request <= ${windowStart} then 1 else auth_rate_limit.count + 1 end,
        last_request = case when auth_rate_limit.last_request <= ${windowStart} then ${at} else auth_rate_limit.last_request end
      returning count, last_request`),
  );
  if (!row || row.count <= limit.max) return 0;
  return Math.max(1, Math.ceil((Number(row.last_request) + limit.windowMs - at) / 1000));
}

/** 429 with the seconds to wait. */
export class TooManyRequests extends Problem {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too many requests', `Too many requests from this address. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/** A route hook (run before validation, so bad bodies count too) that refuses an address over the limit with 429. */
export function rateLimitHook(db: Db, now: () => Date, limit: (request: FastifyRequest) => RateLimit) {
  return async (request: FastifyRequest) => {
    const wait = await hitRateLimit(db, limit(request), request.ip, now());
    if (wait > 0) throw new TooManyRequests(wait);
  };
}
