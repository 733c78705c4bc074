/**
 * Sign-in throttling counts refused sign-ins, not successful ones: per client address (a minute's window) and per
 * account (a quarter of an hour's), so a busy clinic behind one address can sign in all morning while guessing one
 * account's password from many addresses still stops. The counters live in the database, shared by every process.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { rowsOf } from '../db/index.ts';
import { countInWindow } from '../http/rate-limit.ts';

const ADDRESS_WINDOW_MS = 60_000;
const ACCOUNT_WINDOW_MS = 15 * 60_000;

interface Counter {
  key: string;
  windowMs: number;
  max: number;
}

function counters(config: Config, ip: string, email: string | null): Counter[] {
  const list: Counter[] = [{ key: `sign-in-failures:address:${ip}`, windowMs: ADDRESS_WINDOW_MS, max: config.signInAttemptsPerMinute }];
  if (email) list.push({ key: `sign-in-failures:account:${email}`, windowMs: ACCOUNT_WINDOW_MS, max: config.signInFailuresPerAccount });
  return list;
}

const accountOf = (email: unknown) => (typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : null);

/** Seconds until another attempt is allowed, or 0 when the address and the account may try now. */
export async function signInRetryAfter(db: Db, config: Config, now: Date, ip: string, email: unknown): Promise<number> {
  let wait = 0;
  for (const c of counters(config, ip, accountOf(email))) {
    const [row] = rowsOf<{ count: number; last_request: string | number }>(
      await db.execute(sql`select count, last_request from auth_rate_limit where key = ${c.key}`),
    );
    if (!row) continue;
    const resetsAt = Number(row.last_request) + c.windowMs;
    if (row.count >= c.max && resetsAt > now.getTime()) wait = Math.max(wait, Math.ceil((resetsAt - now.getTime()) / 1000));
  }
  return wait;
}

/** Counts a refused sign-in against the address and the account; a successful one clears the account's count. */
export async function recordSignInOutcome(db: Db, config: Config, now: Date, ip: string, email: unknown, ok: boolean): Promise<void> {
  const account = accountOf(email);
  if (ok) {
    if (account) await db.execute(sql`delete from auth_rate_limit where key = ${`sign-in-failures:account:${account}`}`);
    return;
  }
  for (const c of counters(config, ip, account)) await countInWindow(db, c.key, c.windowMs, now);
}
