/**
 * The audit sealer (Certificate Transparency / Trillian style). Requests append events with no shared lock; this
 * background job seals them. Each run takes every event written by a transaction that has ended — transaction ids
 * below the oldest one still running in this database — so an event committed later with a smaller `seq` is never
 * skipped; and, per organisation, writes a batch: the events' sequence numbers, the RFC 6962 Merkle root over
 * them, the previous batch's hash, signed with a key kept outside the database. The batch heads are also appended to
 * a log file outside the database. Only one sealer runs at a time, whatever the number of processes (advisory lock).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index.ts';
import { canonicalJson } from './canonical.ts';
import { merkleRoot } from './merkle.ts';
import type { AuditSigner } from './signing-key.ts';

const SEALER_LOCK_KEY = 7_340_002;
export const GENESIS_BATCH_HASH = '0'.repeat(64);

export interface BatchHead {
  orgId: string;
  batchNo: number;
  sealedBelow: string;
  eventCount: number;
  merkleRoot: string;
  prevHash: string;
  sealedAt: string;
}

/** The leaf an event contributes to its batch's Merkle tree: its sequence number and content hash. */
export const batchLeaf = (seq: number, hash: string) => `${seq}|${hash}`;

/** The hash a batch is signed by: its head in canonical JSON. */
export function batchHash(head: BatchHead): string {
  return createHash('sha256').update(canonicalJson(head), 'utf8').digest('hex');
}

/** One line of the external log. */
export interface LoggedBatch {
  orgId: string;
  batchNo: number;
  batchHash: string;
  signature: string;
}

export interface SealResult {
  /** False when another process held the sealer lock. */
  ran: boolean;
  batches: LoggedBatch[];
  events: number;
}

interface PendingEvent {
  org_id: string;
  seq: string | number;
  hash: string;
}

/**
 * Seals every event whose transaction has ended and is not yet sealed. Returns the batches written (already
 * committed and appended to `logPath`).
 */
export async function sealAuditBatches(
  db: Db,
  options: { signer: AuditSigner; logPath: string; now: Date },
): Promise<SealResult> {
  const batches = await db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) as locked`),
    );
    if (!lock?.locked) return null;
    // The horizon: every transaction id below it has ended, among those that can write to this database. Transaction
    // ids are shared by every database of the server, so a transaction running in another database (or a stranger's
    // long report elsewhere) must not hold this one back: the oldest still running HERE decides, else the snapshot's
    // xmax. It is read before the events, in its own statement: a transaction seen running here when the horizon was
    // set is excluded, and one that ended meanwhile is visible to the next statement's snapshot.
    const [horizon] = rowsOf<{ below: string }>(
      await tx.execute(sql`
        with snap as (select pg_current_snapshot() as s)
        select coalesce(
                 (select x from snap, pg_snapshot_xip(snap.s) x
                   where exists (select 1 from pg_stat_activity a
                                  where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_xid = xid(x))
                   order by x limit 1),
                 pg_snapshot_xmax(snap.s))::text as below
          from snap`),
    );
    if (!horizon) throw new Error('the sealer read no horizon');
    const [pending] = rowsOf<{ xmin: string; events: PendingEvent[] | null }>(
      await tx.execute(sql`
        with state as (select sealed_below from audit_seal_state where id = 1)
        select greatest(state.sealed_below, ${horizon.below}::xid8)::text as xmin,
               (select json_agg(json_build_object('org_id', e.org_id, 'seq', e.seq, 'hash', e.hash) order by e.org_id, e.seq)
                  from audit_event e
                 where e.tx >= state.sealed_below and e.tx < ${horizon.below}::xid8) as events
          from state`),
    );
    if (!pending) throw new Error('the sealer read no horizon');
    const byOrg = new Map<string, PendingEvent[]>();
    for (const e of pending.events ?? []) byOrg.set(e.org_id, [...(byOrg.get(e.org_id) ?? []), e]);
    const written: (LoggedBatch & BatchHead & { seqs: number[]; keyId: string })[] = [];
    if (byOrg.size > 0) {
      const previous = new Map(
        rowsOf<{ org_id: string; batch_no: string | number; batch_hash: string }>(
          await tx.execute(sql`
            select distinct on (org_id) org_id, batch_no, batch_hash from audit_batch
             where org_id in (select (jsonb_array_elements_text(${JSON.stringify([...byOrg.keys()])}::jsonb))::uuid)
             order by org_id, batch_no desc`),
        ).map((r) => [r.org_id, { batchNo: Number(r.batch_no), hash: r.batch_hash }]),
      );
      for (const [orgId, events] of byOrg) {
        const prev = previous.get(orgId);
        const seqs = events.map((e) => Number(e.seq));
        const head: BatchHead = {
          orgId,
          batchNo: (prev?.batchNo ?? 0) + 1,
          sealedBelow: pending.xmin,
          eventCount: events.length,
          merkleRoot: merkleRoot(events.map((e) => batchLeaf(Number(e.seq), e.hash))),
          prevHash: prev?.hash ?? GENESIS_BATCH_HASH,
          sealedAt: options.now.toISOString(),
        };
        const hash = batchHash(head);
        written.push({
          ...head,
          seqs,
          batchHash: hash,
          signature: options.signer.sign(hash),
          keyId: options.signer.keyId,
        });
      }
      await tx.execute(sql`
        insert into audit_batch (org_id, batch_no, sealed_below, event_count, seqs, merkle_root, prev_hash, batch_hash,
                                 key_id, signature, sealed_at)
        select b.org_id, b.batch_no, b.sealed_below::xid8, b.event_count,
               array(select jsonb_array_elements_text(b.seqs)::bigint), b.merkle_root, b.prev_hash, b.batch_hash,
               b.key_id, b.signature, b.sealed_at
          from jsonb_to_recordset(${JSON.stringify(
            written.map((b) => ({
              org_id: b.orgId,
              batch_no: b.batchNo,
              sealed_below: b.sealedBelow,
              event_count: b.eventCount,
              seqs: b.seqs,
              merkle_root: b.merkleRoot,
              prev_hash: b.prevHash,
              batch_hash: b.batchHash,
              key_id: b.keyId,
              signature: b.signature,
              sealed_at: b.sealedAt,
            })),
          )}::jsonb) as b(org_id uuid, batch_no bigint, sealed_below text, event_count int, seqs jsonb, merkle_root text,
                          prev_hash text, batch_hash text, key_id text, signature text, sealed_at timestamptz)`);
    }
    await tx.execute(sql`update audit_seal_state set sealed_below = ${pending.xmin}::xid8 where id = 1`);
    return written;
  });
  if (!batches) return { ran: false, batches: [], events: 0 };
  const logged = batches.map(({ orgId, batchNo, batchHash: hash, signature }) => ({
    orgId,
    batchNo,
    batchHash: hash,
    signature,
  }));
  // Written after the commit: a crash in between leaves the log a batch behind, which `catchUpBatchLog` repairs.
  if (logged.length > 0)
    await appendFile(options.logPath, logged.map((b) => `${JSON.stringify(b)}\n`).join(''), { mode: 0o600 });
  return { ran: true, batches: logged, events: batches.reduce((n, b) => n + b.eventCount, 0) };
}

/** The external log's batches, in the order written. */
export async function readBatchLog(logPath: string): Promise<LoggedBatch[]> {
  if (!existsSync(logPath)) return [];
  const text = await readFile(logPath, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LoggedBatch);
}

/**
 * Appends to the external log any signed batch the database holds beyond it (a crash between a seal's commit and
 * its log write). Only batches whose signature holds are copied, so a forged batch never reaches the log.
 */
export async function catchUpBatchLog(
  db: Db,
  options: { logPath: string; verify: (message: string, signature: string) => boolean },
): Promise<number> {
  const last = new Map<string, number>();
  for (const b of await readBatchLog(options.logPath)) last.set(b.orgId, Math.max(last.get(b.orgId) ?? 0, b.batchNo));
  const rows = rowsOf<{ org_id: string; batch_no: string | number; batch_hash: string; signature: string }>(
    await db.execute(sql`select org_id, batch_no, batch_hash, signature from audit_batch order by org_id, batch_no`),
  );
  const missing = rows
    .filter((r) => Number(r.batch_no) > (last.get(r.org_id) ?? 0) && options.verify(r.batch_hash, r.signature))
    .map((r) => ({ orgId: r.org_id, batchNo: Number(r.batch_no), batchHash: r.batch_hash, signature: r.signature }));
  if (missing.length > 0)
    await appendFile(options.logPath, missing.map((b) => `${JSON.stringify(b)}\n`).join(''), { mode: 0o600 });
  return missing.length;
}

/**
 * Runs the sealer every `intervalMs` until stopped, and `housekeeping` (e.g. expiring idempotency records) about once
 * a minute. Errors are reported and the next run tries again.
 */
export function startAuditSealer(
  db: Db,
  options: {
    signer: AuditSigner;
    logPath: string;
    clock: { now(): Date };
    intervalMs?: number;
    housekeeping?: (now: Date) => Promise<void>;
    onError?: (error: unknown) => void;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastHousekeeping = 0;
  const tick = async () => {
    const now = options.clock.now();
    await sealAuditBatches(db, { signer: options.signer, logPath: options.logPath, now });
    if (options.housekeeping && Date.now() - lastHousekeeping >= 60_000) {
      lastHousekeeping = Date.now();
      await options.housekeeping(now);
    }
  };
  const loop = () => {
    running = tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs ?? 200);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
