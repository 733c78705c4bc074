/**
 * Idempotency-Key for writes a flaky connection may repeat. The key is claimed at the start of the use case's
 * transaction (a concurrent repeat waits on the claim's row), and the response is stored before commit, so a repeat
 * either replays the stored answer or, when the request differs, is refused with 409. A request that fails rolls back
 * its claim, so the key can be used again.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { idempotencyKey } from '../../db/schema.ts';
import { canonicalJson } from '../../audit/canonical.ts';
import { conflict } from '../../http/problems.ts';

export interface IdempotentRequest {
  orgId: string;
  userId: string;
  key: string;
  route: string;
  body: unknown;
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`, 'utf8')
    .digest('hex');
}

/**
 * Claims the key for this request, or returns the response stored by an earlier identical request. Throws 409 when
 * the key was used for a different request (another body, route or user).
 */
export async function claimIdempotencyKey<T>(
  tx: DbOrTx,
  req: IdempotentRequest,
): Promise<{ claimed: true } | { claimed: false; response: T }> {
  const hash = requestHash(req.route, req.body);
  const inserted = await tx
    .insert(idempotencyKey)
    .values({
      orgId: req.orgId,
      key: req.key,
      userId: req.userId,
      route: req.route,
      requestHash: hash,
      statusCode: 0,
      response: {},
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key });
  if (inserted.length > 0) return { claimed: true };

  const [stored] = await tx
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.orgId, req.orgId), eq(idempotencyKey.key, req.key)));
  if (!stored || stored.userId !== req.userId || stored.route !== req.route || stored.requestHash !== hash) {
    throw conflict('This Idempotency-Key was already used for a different request. Send a new key for a new request.', [
      { path: 'headers.idempotency-key', message: 'was used for a different request' },
    ]);
  }
  return { claimed: false, response: stored.response as T };
}

/** Stores the response of a claimed key, in the same transaction as the write it answers. */
export async function storeIdempotentResponse(
  tx: DbOrTx,
  orgId: string,
  key: string,
  statusCode: number,
  response: unknown,
): Promise<void> {
  await tx
    .update(idempotencyKey)
    .set({ statusCode, response: sql`${JSON.stringify(response)}::jsonb` })
    .where(and(eq(idempotencyKey.orgId, orgId), eq(idempotencyKey.key, key)));
}
