/**
 * The one shape of a staff write to an episode that a flaky connection may repeat (a measure, a check-in): find the
 * episode (404 when it is not the organisation's), check the caller may reach the participant and the episode's
 * details (Part 2), claim the Idempotency-Key or replay the answer stored under it, then write, store the answer under
 * the key and record the audit entries, all in one transaction.
 */
import { sql } from 'drizzle-orm';
import { assertEpisodeDetailAccess, assertParticipantAccess, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import { rowsOf, type Db, type DbOrTx } from '../../db/index.ts';
import { notFound } from '../../http/problems.ts';
import { findEpisode } from '../participants/queries.ts';
import { replay, replayableSince, requestHash, type IdempotentRequest, type StoredAnswer } from './idempotency.ts';

/**
 * Claims an Idempotency-Key for this request, or returns the answer already stored under it. A repeat racing the first
 * waits on the key's row until the first commits, then finds it taken and reads its answer. A record older than
 * `replaceBefore` no longer answers repeats and is taken over.
 */
export async function claimIdempotencyKey(
  tx: DbOrTx,
  req: IdempotentRequest,
  at: Date,
  replaceBefore: Date,
): Promise<{ claimed: true } | { claimed: false; stored: StoredAnswer }> {
  const claimed = rowsOf(
    await tx.execute(sql`
      insert into idempotency_key (org_id, key, user_id, route, request_hash, status_code, response, created_at)
      values (${req.orgId}, ${req.key}, ${req.userId}, ${req.route}, ${req.requestHash}, 0, 'null'::jsonb, ${at.toISOString()}::timestamptz)
      on conflict (org_id, key) do update
        set user_id = excluded.user_id, route = excluded.route, request_hash = excluded.request_hash,
            status_code = 0, response = 'null'::jsonb, created_at = excluded.created_at
        where idempotency_key.created_at <= ${replaceBefore.toISOString()}::timestamptz
      returning key`),
  );
  if (claimed.length > 0) return { claimed: true };
  const [stored] = rowsOf<{ user_id: string; route: string; request_hash: string; response: unknown }>(
    await tx.execute(sql`select user_id, route, request_hash, response from idempotency_key
                          where org_id = ${req.orgId} and key = ${req.key}`),
  );
  if (!stored) throw new Error('idempotency key vanished');
  return {
    claimed: false,
    stored: { userId: stored.user_id, route: stored.route, requestHash: stored.request_hash, response: stored.response },
  };
}

/** Stores the answer under a key this transaction claimed. */
export async function storeIdempotentAnswer(tx: DbOrTx, req: IdempotentRequest, statusCode: number, response: unknown) {
  await tx.execute(sql`update idempotency_key set status_code = ${statusCode}, response = ${JSON.stringify(response)}::jsonb
                        where org_id = ${req.orgId} and key = ${req.key}`);
}

/** What a write is given: the episode it writes to, already found and authorised, in the open transaction. */
export interface EpisodeWriteContext {
  tx: DbOrTx;
  episode: { id: string; participantId: string };
}

/**
 * Runs `write` for an episode under an Idempotency-Key: a repeat of the same request (same caller, route and body)
 * answers with the stored answer and writes nothing; the key used for a different request is a 409. The answer is
 * stored with status 201.
 */
export async function idempotentEpisodeWrite<T>(
  db: Db,
  actor: Actor,
  request: { episodeId: string; route: string; body: unknown; idempotencyKey: string; now: Date },
  write: (ctx: EpisodeWriteContext) => Promise<{ answer: T; audit: AuditEntry[] }>,
): Promise<T> {
  const { now } = request;
  const idem: IdempotentRequest = {
    orgId: actor.orgId,
    userId: actor.userId,
    key: request.idempotencyKey,
    route: request.route,
    requestHash: requestHash(request.route, request.body),
  };
  return db.transaction(async (tx) => {
    const ep = await findEpisode(tx, actor.orgId, request.episodeId);
    if (!ep) throw notFound('The episode');
    await assertParticipantAccess(tx, actor, ep.participantId);
    await assertEpisodeDetailAccess(tx, actor, ep);

    const claim = await claimIdempotencyKey(tx, idem, now, replayableSince(now));
    if (!claim.claimed) return replay<T>(claim.stored, idem);

    const { answer, audit } = await write({ tx, episode: { id: ep.id, participantId: ep.participantId } });
    await storeIdempotentAnswer(tx, idem, 201, answer);
    await recordAudit(tx, actor, actor.orgId, audit, now);
    return answer;
  });
}
