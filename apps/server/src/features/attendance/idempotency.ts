/**
 * Idempotency-Key for writes a flaky connection may repeat. The key is claimed by the first statement of the use
 * case's transaction (a concurrent repeat waits on the claim's row), and the response is stored in the message that
 * commits, so a repeat either replays the stored answer or, when the request differs, is refused with 409. A request
 * that fails rolls back its claim, so the key can be used again.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical.ts';
import type { NamedStatement } from '../../audit/audit.ts';
import { conflict } from '../../http/problems.ts';
import type { WriteTx } from './write-transaction.ts';

export interface IdempotentRequest {
  orgId: string;
  userId: string;
  key: string;
  route: string;
  requestHash: string;
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`, 'utf8')
    .digest('hex');
}

/**
 * The response stored for a key this request could not claim. Throws 409 when the key was used for a different
 * request (another body, route or user).
 */
export async function storedResponse<T>(tx: WriteTx, req: IdempotentRequest): Promise<T> {
  const [stored] = await tx.query<{ user_id: string; route: string; request_hash: string; response: unknown }>(
    'trellis_idempotency_stored',
    'select user_id, route, request_hash, response from idempotency_key where org_id = $1::uuid and key = $2::text',
    [req.orgId, req.key],
  );
  if (!stored || stored.user_id !== req.userId || stored.route !== req.route || stored.request_hash !== req.requestHash) {
    throw conflict('This Idempotency-Key was already used for a different request. Send a new key for a new request.', [
      { path: 'headers.idempotency-key', message: 'was used for a different request' },
    ]);
  }
  return stored.response as T;
}

/** The statement storing the response of a claimed key, sent with the commit of the write it answers. */
export function storeResponseStatement(orgId: string, key: string, statusCode: number, response: unknown): NamedStatement {
  return {
    name: 'trellis_idempotency_store',
    text: 'update idempotency_key set status_code = $3::int, response = $4::jsonb where org_id = $1::uuid and key = $2::text',
    values: [orgId, key, String(Math.trunc(statusCode)), JSON.stringify(response)],
  };
}
