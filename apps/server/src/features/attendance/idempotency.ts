/**
 * Idempotency-Key for writes a flaky connection may repeat. A request reads any answer stored under its key and
 * replays it; otherwise it does the write and stores its answer once, in the same statement as the write. Two repeats
 * racing each other both reach the store: the second one's insert waits for the first to commit, finds the key taken,
 * and its whole statement is aborted, so it reads again and replays the first answer instead. A key answers repeats
 * for 24 hours; the sealer's housekeeping deletes older records.
 */
import { hash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '../../audit/canonical.ts';
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
  return hash('sha256', `${route}\n${canonicalJson(body)}`, 'hex');
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

/** Deletes the records no longer replayed; the sealer's housekeeping calls it about once a minute. */
export async function deleteExpiredIdempotencyRecords(db: DbOrTx, now: Date): Promise<void> {
  await db.execute(
    sql`delete from idempotency_key where created_at <= ${replayableSince(now).toISOString()}::timestamptz`,
  );
}
