/**
 * Idempotency-Key for writes a flaky connection may repeat. A request reads any answer stored under its key (in the
 * statement that opens its transaction) and replays it; otherwise it does the write and stores its answer once, in
 * the same transaction. Two repeats racing each other both reach the store: the second one's insert waits for the
 * first to commit, finds the key taken, and its transaction is rolled back so it replays the first answer instead.
 * A key answers repeats for 24 hours; the sealer's housekeeping deletes older records.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../audit/canonical.ts';
import type { StatementRunner } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { conflict } from '../../http/problems.ts';

/** How long a stored answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotentRequest {
  orgId: string;
  userId: string;
  key: string;
  route: string;
  requestHash: string;
}

export interface StoredAnswer {
  userId: string;
  route: string;
  requestHash: string;
  response: unknown;
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`, 'utf8')
    .digest('hex');
}

/** The oldest moment a stored answer may come from and still be replayed. */
export const replayableSince = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_TTL_MS);

/** The stored response, when it answers this same request; 409 when the key was used for a different one. */
export function replay<T>(stored: StoredAnswer, req: IdempotentRequest): T {
  if (stored.userId !== req.userId || stored.route !== req.route || stored.requestHash !== req.requestHash) {
    throw conflict('This Idempotency-Key was already used for a different request. Send a new key for a new request.', [
      { path: 'headers.idempotency-key', message: 'was used for a different request' },
    ]);
  }
  return stored.response as T;
}

/** Thrown when a concurrent repeat stored its answer first; the caller rolls back and replays that answer. */
export class KeyTakenMeanwhile extends Error {
  constructor() {
    super('the Idempotency-Key was stored by a concurrent request');
  }
}

/**
 * Stores the answer under the key, once, with the write it answers (an expired record under the same key is
 * replaced). Throws KeyTakenMeanwhile when a live record already holds the key.
 */
export async function storeAnswer(tx: StatementRunner, req: IdempotentRequest, response: unknown, now: Date): Promise<void> {
  const rows = await tx.query(
    'trellis_idempotency_store',
    `insert into idempotency_key (org_id, key, user_id, route, request_hash, status_code, response, created_at)
     values ($1::uuid, $2::text, $3::text, $4::text, $5::text, 200, $6::jsonb, $7::timestamptz)
     on conflict (org_id, key) do update
        set user_id = excluded.user_id, route = excluded.route, request_hash = excluded.request_hash,
            status_code = excluded.status_code, response = excluded.response, created_at = excluded.created_at
      where idempotency_key.created_at <= $8::timestamptz
     returning 1 as stored`,
    [req.orgId, req.key, req.userId, req.route, req.requestHash, JSON.stringify(response), now.toISOString(), replayableSince(now).toISOString()],
  );
  if (rows.length === 0) throw new KeyTakenMeanwhile();
}

/** The live answer stored under a key (read after a concurrent repeat won). */
export async function storedAnswer(db: DbOrTx, orgId: string, key: string, now: Date): Promise<StoredAnswer | null> {
  const result = await db.execute(sql`
    select json_build_object('userId', user_id, 'route', route, 'requestHash', request_hash, 'response', response) as stored
      from idempotency_key where org_id = ${orgId} and key = ${key} and created_at > ${replayableSince(now).toISOString()}::timestamptz`);
  const [row] = (result as { rows: { stored: StoredAnswer }[] }).rows;
  return row?.stored ?? null;
}

/** Deletes the records no longer replayed; the sealer's housekeeping calls it about once a minute. */
export async function deleteExpiredIdempotencyRecords(db: DbOrTx, now: Date): Promise<void> {
  await db.execute(sql`delete from idempotency_key where created_at <= ${replayableSince(now).toISOString()}::timestamptz`);
}
