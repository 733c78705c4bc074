/**
 * `audit:verify`: checks the audit trail against its seals. The events are read from the whole table by a sequential
 * scan (not through an index, which can disagree with the table after corruption), so duplicated and missing events
 * are reported; each event's content must match its hash; each batch must hold exactly the events it sealed (Merkle
 * root), link to the one before it, carry a valid signature by the key kept outside the database, and agree with the
 * external log, so an edit, an edit-and-rehash, a dropped event or a truncated tail is found. Events not yet sealed are
 * counted with the seal lag, and a long-running transaction holding the sealer back is named.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index.ts';
import { auditEventHash } from './audit.ts';
import { verifyChainV1 } from './chain-v1.ts';
import { merkleRoot } from './merkle.ts';
import { batchHash, batchLeaf, GENESIS_BATCH_HASH, readBatchLog, type LoggedBatch } from './sealer.ts';
import type { AuditKeyCheck } from './signing-key.ts';

export interface AuditProblem {
  orgId: string | null;
  kind:
    | 'duplicate-event'
    | 'edited-event'
    | 'missing-event'
    | 'unsealed-event'
    | 'batch-gap'
    | 'batch-link'
    | 'batch-content'
    | 'batch-signature'
    | 'log-mismatch'
    | 'truncated'
    | 'former-chain';
  message: string;
}

export interface AuditVerification {
  intact: boolean;
  problems: AuditProblem[];
  /** Events checked, per organisation. */
  events: Map<string, number>;
  batches: number;
  unsealed: { count: number; oldestAt: Date | null; lagMs: number };
  /** The oldest open transaction that keeps events from being sealed, when it has been open more than a second. */
  heldBackBy: { pid: number; openForMs: number } | null;
  /** Batches in the database the external log does not have yet (the seal that wrote them crashed before logging). */
  notYetLogged: number;
}

interface EventRow {
  org_id: string;
  seq: string | number;
  tx: string;
  occurred_at: string | Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  entity_type: string;
  entity_id: string | null;
  participant_id: string | null;
  participant_ids: string[] | null;
  details: Record<string, unknown>;
  hash: string;
}

interface BatchRow {
  org_id: string;
  batch_no: string | number;
  sealed_below: string;
  event_count: number;
  seqs: (string | number)[];
  merkle_root: string;
  prev_hash: string;
  batch_hash: string;
  key_id: string;
  signature: string;
  sealed_at: string | Date;
}

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/** Reads a whole table by sequential scan, in one transaction (a consistent snapshot). */
async function readWhole(db: Db) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_indexonlyscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const events = rowsOf<EventRow>(
      await tx.execute(sql`
        select org_id, seq, tx::text as tx, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
               participant_id, to_jsonb(participant_ids) as participant_ids, details, hash
          from audit_event`),
    );
    const batches = rowsOf<BatchRow>(await tx.execute(sql`select * from audit_batch`));
    const [state] = rowsOf<{ sealed_below: string }>(
      await tx.execute(sql`select sealed_below::text as sealed_below from audit_seal_state where id = 1`),
    );
    const orgs = rowsOf<{ id: string }>(await tx.execute(sql`select id from organisation`)).map((r) => r.id);
    return { events, batches, sealedBelow: BigInt(state?.sealed_below ?? '1'), orgs };
  });
}

/** The oldest transaction (other than ours) open for more than a second, if any: it holds the sealer's horizon back. */
async function oldestOpenTransaction(db: Db, now: Date): Promise<{ pid: number; openForMs: number } | null> {
  const [row] = rowsOf<{ pid: number; xact_start: string | Date }>(
    await db.execute(sql`
      select pid, xact_start from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and backend_xid is not null
       order by xact_start limit 1`),
  );
  if (!row) return null;
  const openForMs = now.getTime() - asDate(row.xact_start).getTime();
  return openForMs > 1000 ? { pid: Number(row.pid), openForMs } : null;
}

export async function verifyAuditTrail(
  db: Db,
  options: { key: AuditKeyCheck | null; logPath: string | null; now: Date },
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const { events, batches, sealedBelow, orgs } = await readWhole(db);

  const bySeq = new Map<number, EventRow>();
  const eventsPerOrg = new Map<string, number>();
  for (const e of events) {
    const seq = Number(e.seq);
    eventsPerOrg.set(e.org_id, (eventsPerOrg.get(e.org_id) ?? 0) + 1);
    if (bySeq.has(seq)) {
      problems.push({ orgId: e.org_id, kind: 'duplicate-event', message: `event ${seq} appears more than once` });
      continue;
    }
    bySeq.set(seq, e);
    const hash = auditEventHash({
      orgId: e.org_id,
      occurredAt: asDate(e.occurred_at),
      actorId: e.actor_id,
      actorRole: e.actor_role,
      action: e.action,
      outcome: e.outcome,
      entityType: e.entity_type,
      entityId: e.entity_id,
      participantId: e.participant_id,
      participantIds: e.participant_ids,
      details: e.details,
    });
    if (hash !== e.hash)
      problems.push({
        orgId: e.org_id,
        kind: 'edited-event',
        message: `event ${seq} does not match its hash (edited)`,
      });
  }

  const log = options.logPath ? await readBatchLog(options.logPath) : [];
  const logged = new Map<string, Map<number, LoggedBatch>>();
  for (const b of log) {
    const org = logged.get(b.orgId) ?? new Map<number, LoggedBatch>();
    org.set(b.batchNo, b);
    logged.set(b.orgId, org);
  }

  const sealed = new Set<number>();
  let notYetLogged = 0;
  const batchesByOrg = new Map<string, BatchRow[]>();
  for (const b of batches) batchesByOrg.set(b.org_id, [...(batchesByOrg.get(b.org_id) ?? []), b]);
  for (const orgId of new Set([...orgs, ...batchesByOrg.keys(), ...logged.keys()])) {
    const list = (batchesByOrg.get(orgId) ?? []).sort((a, b) => Number(a.batch_no) - Number(b.batch_no));
    let prev = GENESIS_BATCH_HASH;
    let expected = 1;
    for (const b of list) {
      const batchNo = Number(b.batch_no);
      if (batchNo !== expected)
        problems.push({ orgId, kind: 'batch-gap', message: `batch ${expected} is missing (next is ${batchNo})` });
      expected = batchNo + 1;
      const seqs = b.seqs.map(Number);
      const found = seqs.map((s) => bySeq.get(s));
      for (const [i, e] of found.entries()) {
        sealed.add(seqs[i]!);
        if (!e || e.org_id !== orgId)
          problems.push({
            orgId,
            kind: 'missing-event',
            message: `event ${seqs[i]} sealed in batch ${batchNo} is missing`,
          });
      }
      const root = merkleRoot(found.map((e, i) => batchLeaf(seqs[i]!, e?.hash ?? '')));
      if (root !== b.merkle_root || seqs.length !== b.event_count)
        problems.push({
          orgId,
          kind: 'batch-content',
          message: `batch ${batchNo}: its events do not match its Merkle root`,
        });
      if (b.prev_hash !== prev)
        problems.push({ orgId, kind: 'batch-link', message: `batch ${batchNo} does not link to batch ${batchNo - 1}` });
      const hash = batchHash({
        orgId,
        batchNo,
        sealedBelow: String(b.sealed_below),
        eventCount: b.event_count,
        merkleRoot: b.merkle_root,
        prevHash: b.prev_hash,
        sealedAt: asDate(b.sealed_at).toISOString(),
      });
      if (hash !== b.batch_hash)
        problems.push({ orgId, kind: 'batch-content', message: `batch ${batchNo} does not match its hash` });
      if (!options.key || b.key_id !== options.key.keyId || !options.key.verify(hash, b.signature))
        problems.push({
          orgId,
          kind: 'batch-signature',
          message: `batch ${batchNo}: the signature does not hold (re-sealed or forged)`,
        });
      const inLog = logged.get(orgId)?.get(batchNo);
      if (!inLog) notYetLogged += 1;
      else if (inLog.batchHash !== b.batch_hash)
        problems.push({ orgId, kind: 'log-mismatch', message: `batch ${batchNo} differs from the external log` });
      prev = b.batch_hash;
    }
    const lastInDb = list.length > 0 ? Number(list[list.length - 1]!.batch_no) : 0;
    const lastLogged = Math.max(0, ...(logged.get(orgId)?.keys() ?? []));
    if (lastLogged > lastInDb)
      problems.push({
        orgId,
        kind: 'truncated',
        message: `the external log has batch ${lastLogged}; the database ends at batch ${lastInDb} (truncated)`,
      });
  }

  let unsealedCount = 0;
  let oldest: Date | null = null;
  for (const [seq, e] of bySeq) {
    if (sealed.has(seq)) continue;
    if (BigInt(e.tx) < sealedBelow) {
      problems.push({
        orgId: e.org_id,
        kind: 'unsealed-event',
        message: `event ${seq} is in no batch though it was written before the last seal (inserted later)`,
      });
      continue;
    }
    unsealedCount += 1;
    const at = asDate(e.occurred_at);
    if (!oldest || at < oldest) oldest = at;
  }

  for (const orgId of orgs) {
    const v1 = await verifyChainV1(db, orgId);
    if (v1.problem) problems.push({ orgId, kind: 'former-chain', message: v1.problem });
  }

  return {
    intact: problems.length === 0,
    problems,
    events: eventsPerOrg,
    batches: batches.length,
    unsealed: {
      count: unsealedCount,
      oldestAt: oldest,
      lagMs: oldest ? Math.max(0, options.now.getTime() - oldest.getTime()) : 0,
    },
    heldBackBy: await oldestOpenTransaction(db, options.now),
    notYetLogged,
  };
}

/** A plain-text report of a verification, for the command line. */
export function formatVerification(v: AuditVerification): string {
  const events = [...v.events.values()].reduce((a, b) => a + b, 0);
  const lines = [
    v.intact
      ? `Audit trail intact: ${events} events in ${v.batches} sealed batches.`
      : `Audit trail BROKEN: ${v.problems.length} problems.`,
    ...v.problems.map((p) => `  ${p.orgId ?? '-'}  ${p.kind}: ${p.message}`),
    `Not yet sealed: ${v.unsealed.count} events${v.unsealed.oldestAt ? `, oldest ${v.unsealed.oldestAt.toISOString()} (seal lag ${v.unsealed.lagMs} ms)` : ''}.`,
  ];
  if (v.notYetLogged > 0)
    lines.push(`${v.notYetLogged} batches are not in the external log yet (the server appends them when it starts).`);
  if (v.heldBackBy)
    lines.push(
      `A transaction (backend ${v.heldBackBy.pid}) has been open ${Math.round(v.heldBackBy.openForMs / 1000)} s and holds the sealer back.`,
    );
  return lines.join('\n');
}
