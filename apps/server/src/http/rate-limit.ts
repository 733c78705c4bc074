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
 * Counts one event under `key` in a fixed window that starts at the key's first event (last_request holds the
 * window's start), and answers the count and that start. One atomic upsert: concurrent events cannot both slip under
 * a limit. Sign-in throttling counts its refusals with it too.
 */
export async function countInWindow(db: Db, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: number }> {
  const at = now.getTime();
  const [row] = rowsOf<{ count: number; last_request: string | number }>(
    await db.execute(sql`
      insert into auth_rate_limit (id, key, count, last_request) values (gen_random_uuid()::text, ${key}, 1, ${at})
      on conflict (key) do update set
        count = case when auth_rate_limit.last_request <= ${at - windowMs} then 1 else auth_rate_limit.count + 1 end,
        last_request = case when auth_rate_limit.last_request <= ${at - windowMs} then ${at} else auth_rate_limit.last_request end
      returning count, last_request`),
  );
  return { count: Number(row?.count ?? 1), windowStart: Number(row?.last_request ?? at) };
}

/** Counts one request from an address and answers the seconds to wait when it is over the limit (0 when allowed). */
export async function hitRateLimit(db: Db, limit: RateLimit, address: string, now: Date): Promise<number> {
  const { count, windowStart } = await countInWindow(db, `${limit.name}:address:${address}`, limit.windowMs, now);
  if (count <= limit.max) return 0;
  return Math.max(1, Math.ceil((windowStart + limit.windowMs - now.getTime()) / 1000));
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
