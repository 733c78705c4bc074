/**
 * The sealed audit trail against someone who can rewrite the database: every kind of tampering the issue names must
 * fail `audit:verify`, and the app's own role must not be able to tamper at all. Runs on PGlite and PostgreSQL.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../db/index.ts';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';
import { auditEventHash, recordAudit } from './audit.ts';
import { merkleRoot } from './merkle.ts';
import { batchHash, batchLeaf, sealAuditBatches } from './sealer.ts';
import { loadKeyCheck, loadOrCreateSigner } from './signing-key.ts';
import { verifyAuditTrail, type AuditVerification } from './verify.ts';

type Run = (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs `work` as the tables' owner (what a person with the database's owner password could do). */
async function asOwner<T>(t: TestApp, work: (run: Run) => Promise<T>): Promise<T> {
  if (t.database.kind === 'pglite') {
    const client = (t.database.db as unknown as { $client: PGlite }).$client;
    await client.exec('reset role');
    try {
      return await work(async (text, values) => (await client.query<Record<string, unknown>>(text, values)).rows);
    } finally {
      await client.exec('set role trellis_app');
    }
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${(t.database as unknown as { name: string }).name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(async (text, values) => (await client.query(text, values)).rows as Record<string, unknown>[]);
  } finally {
    await client.end();
  }
}

const kinds = (v: AuditVerification) => v.problems.map((p) => p.kind);

describe('sealed audit trail', () => {
  let t: TestApp;
  let org: TestOrg;
  const dir = mkdtempSync(join(tmpdir(), 'trellis-audit-'));
  const keyPath = join(dir, 'audit-signing-key.pem');
  const logPath = join(dir, 'audit-batches.log');
  const signer = loadOrCreateSigner(keyPath);
  const seal = () => sealAuditBatches(t.deps.db, { signer, logPath, now: t.clock.now() });
  const verify = () => verifyAuditTrail(t.deps.db, { key: loadKeyCheck(keyPath), logPath, now: t.clock.now() });
  const actor = () => ({ userId: org.staff.clinician.id, role: 'clinician', orgId: org.orgId });
  const append = (n: number, tag: string) =>
    recordAudit(
      t.deps.db,
      actor(),
      org.orgId,
      Array.from({ length: n }, (_, i) => ({
        action: 'participant.read' as const,
        entityType: 'participant',
        details: { tag, i },
      })),
      t.clock.now(),
    );
  /** The last sealed batch's events, newest last. */
  const lastBatchSeqs = async () => {
    const [b] = rowsOf<{ seqs: (string | number)[] }>(
      await t.deps.db.execute(
        sql`select seqs from audit_batch where org_id = ${org.orgId} order by batch_no desc limit 1`,
      ),
    );
    return (b?.seqs ?? []).map(Number);
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Sealed Clinic');
  });
  afterAll(async () => t.close());

  it('seals committed events into signed per-organisation batches and logs each head outside the database', async () => {
    await append(5, 'first');
    const sealed = await seal();
    expect(sealed.ran).toBe(true);
    expect(sealed.events).toBeGreaterThanOrEqual(5);
    const logged = readFileSync(logPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { orgId: string; batchNo: number });
    expect(logged.some((b) => b.orgId === org.orgId && b.batchNo === 1)).toBe(true);
    await append(3, 'second');
    await seal();
    const v = await verify();
    expect(v.problems).toEqual([]);
    expect(v.intact).toBe(true);
    expect(v.unsealed.count).toBe(0);
  });

  it('reports events not yet sealed and how long they have waited', async () => {
    await append(2, 'pending');
    t.clock.set(new Date(t.clock.now().getTime() + 1500));
    const v = await verify();
    expect(v.intact).toBe(true);
    expect(v.unsealed.count).toBe(2);
    expect(v.unsealed.lagMs).toBe(1500);
    await seal();
    expect((await verify()).unsealed.count).toBe(0);
  });

  it('refuses the app role any change to the trail, including disabling the append-only trigger', async () => {
    await expect(
      t.deps.db.execute(sql`alter table audit_event disable trigger audit_event_append_only`),
    ).rejects.toThrow();
    await expect(
      t.deps.db.execute(sql`update audit_event set action = 'x' where org_id = ${org.orgId}`),
    ).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from audit_event where org_id = ${org.orgId}`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`truncate audit_event`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from audit_batch`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`update audit_batch set signature = 'x'`)).rejects.toThrow();
    expect((await verify()).intact).toBe(true);
  });

  it('detects an edited event', async () => {
    const [seq] = await lastBatchSeqs();
    await asOwner(t, async (run) => {
      await run('alter table audit_event disable trigger audit_event_append_only');
      await run(`update audit_event set details = '{"tag":"edited"}' where seq = $1`, [seq]);
      await run('alter table audit_event enable trigger audit_event_append_only');
    });
    const v = await verify();
    expect(v.intact).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({ kind: 'edited-event', message: expect.stringContaining(`event ${seq} `) }),
    );
  });

  it('detects a list event whose participants were edited: one removed, or all', async () => {
    const shown = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const list = (tag: string) =>
      recordAudit(
        t.deps.db,
        actor(),
        org.orgId,
        { action: 'census.read', entityType: 'census', participantIds: shown, details: { tag } },
        t.clock.now(),
      );
    await list('one removed');
    await list('all removed');
    await seal();
    const [removedOne, removedAll] = await lastBatchSeqs();
    const problems = (v: AuditVerification) => v.problems.filter((p) => p.kind === 'edited-event').map((p) => p.message);
    const before = problems(await verify());
    expect(before.some((m) => m.includes(`event ${removedOne} `) || m.includes(`event ${removedAll} `))).toBe(false);
    await asOwner(t, async (run) => {
      await run('alter table audit_event disable trigger audit_event_append_only');
      await run('update audit_event set participant_ids = array_remove(participant_ids, $2::uuid) where seq = $1', [
        removedOne,
        shown[1],
      ]);
      await run('update audit_event set participant_ids = null where seq = $1', [removedAll]);
      await run('alter table audit_event enable trigger audit_event_append_only');
    });
    const after = problems(await verify());
    expect(after).toContainEqual(expect.stringContaining(`event ${removedOne} `));
    expect(after).toContainEqual(expect.stringContaining(`event ${removedAll} `));
  });

  it('detects an edit-and-rehash: event hash, Merkle root and batch hash recomputed, but not the signature or the log', async () => {
    await append(4, 'rehash');
    await seal();
    const seqs = await lastBatchSeqs();
    await asOwner(t, async (run) => {
      await run('alter table audit_event disable trigger audit_event_append_only');
      await run('alter table audit_batch disable trigger audit_batch_append_only');
      const [e] = await run('select * from audit_event where seq = $1', [seqs[0]]);
      const details = { tag: 'rewritten' };
      const hash = auditEventHash({
        orgId: String(e!.org_id),
        occurredAt: new Date(e!.occurred_at as string),
        actorId: e!.actor_id as string | null,
        actorRole: e!.actor_role as string | null,
        action: String(e!.action),
        outcome: String(e!.outcome),
        entityType: String(e!.entity_type),
        entityId: e!.entity_id as string | null,
        participantId: e!.participant_id as string | null,
        participantIds: null,
        details,
      });
      await run('update audit_event set details = $2::jsonb, hash = $3 where seq = $1', [
        seqs[0],
        JSON.stringify(details),
        hash,
      ]);
      const events = await run('select seq, hash from audit_event where seq = any($1::bigint[]) order by seq', [seqs]);
      const root = merkleRoot(events.map((r) => batchLeaf(Number(r.seq), String(r.hash))));
      const [b] = await run('select * from audit_batch where org_id = $1 order by batch_no desc limit 1', [org.orgId]);
      const newHash = batchHash({
        orgId: org.orgId,
        batchNo: Number(b!.batch_no),
        sealedBelow: String(b!.sealed_below),
        eventCount: Number(b!.event_count),
        merkleRoot: root,
        prevHash: String(b!.prev_hash),
        sealedAt: new Date(b!.sealed_at as string).toISOString(),
      });
      await run('update audit_batch set merkle_root = $3, batch_hash = $4 where org_id = $1 and batch_no = $2', [
        org.orgId,
        b!.batch_no,
        root,
        newHash,
      ]);
      await run('alter table audit_batch enable trigger audit_batch_append_only');
      await run('alter table audit_event enable trigger audit_event_append_only');
    });
    const v = await verify();
    expect(kinds(v)).not.toContain('batch-content');
    expect(kinds(v)).toContain('batch-signature');
    expect(kinds(v)).toContain('log-mismatch');
  });

  it('detects a dropped event', async () => {
    await append(3, 'drop');
    await seal();
    const seqs = await lastBatchSeqs();
    await asOwner(t, async (run) => {
      await run('alter table audit_event disable trigger audit_event_append_only');
      await run('delete from audit_event where seq = $1', [seqs[1]]);
      await run('alter table audit_event enable trigger audit_event_append_only');
    });
    const v = await verify();
    expect(v.problems).toContainEqual(
      expect.objectContaining({ kind: 'missing-event', message: expect.stringContaining(`event ${seqs[1]} `) }),
    );
  });

  it('detects a truncated tail: the last batches and their events gone', async () => {
    await append(2, 'tail');
    await seal();
    const seqs = await lastBatchSeqs();
    await asOwner(t, async (run) => {
      await run('alter table audit_event disable trigger audit_event_append_only');
      await run('alter table audit_batch disable trigger audit_batch_append_only');
      await run('delete from audit_event where seq = any($1::bigint[])', [seqs]);
      await run(
        'delete from audit_batch where org_id = $1 and batch_no = (select max(batch_no) from audit_batch where org_id = $1)',
        [org.orgId],
      );
      await run('alter table audit_batch enable trigger audit_batch_append_only');
      await run('alter table audit_event enable trigger audit_event_append_only');
    });
    const v = await verify();
    expect(kinds(v)).toContain('truncated');
  });

  it('reads the whole table, not the index: duplicated events and events slipped in after sealing are reported', async () => {
    const [seq] = await lastBatchSeqs();
    const before = (await verify()).problems.length;
    await asOwner(t, async (run) => {
      await run('alter table audit_event drop constraint audit_event_seq_key');
      await run(
        `insert into audit_event (org_id, seq, tx, occurred_at, action, outcome, entity_type, details, hash)
         overriding system value
         select org_id, seq, tx, occurred_at, action, outcome, entity_type, details, hash from audit_event where seq = $1`,
        [seq ?? 1],
      );
      await run(
        `insert into audit_event (org_id, tx, occurred_at, action, outcome, entity_type, hash)
         values ($1, '3'::xid8, now(), 'participant.read', 'success', 'participant', 'x')`,
        [org.orgId],
      );
    });
    const v = await verify();
    expect(v.problems.length).toBeGreaterThan(before);
    expect(kinds(v)).toContain('duplicate-event');
    expect(kinds(v)).toContain('unsealed-event');
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('sealing with concurrent transactions (PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;
  const dir = mkdtempSync(join(tmpdir(), 'trellis-audit-'));
  const keyPath = join(dir, 'key.pem');
  const logPath = join(dir, 'batches.log');
  const signer = loadOrCreateSigner(keyPath);
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Concurrent Clinic');
  });
  afterAll(async () => t.close());

  it('is not held back by a transaction in another database of the same server', async () => {
    const elsewhere = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await elsewhere.connect();
    try {
      await elsewhere.query('begin');
      await elsewhere.query('select pg_current_xact_id()');
      await recordAudit(
        t.deps.db,
        null,
        org.orgId,
        { action: 'setup.create', entityType: 'site', details: { elsewhere: true } },
        t.clock.now(),
      );
      await sealAuditBatches(t.deps.db, { signer, logPath, now: t.clock.now() });
      const v = await verifyAuditTrail(t.deps.db, { key: loadKeyCheck(keyPath), logPath, now: t.clock.now() });
      expect(v.unsealed.count).toBe(0);
      expect(v.problems).toEqual([]);
    } finally {
      await elsewhere.query('rollback');
      await elsewhere.end();
    }
  });

  it('never skips an event that commits after a later one, and names the transaction holding the sealer back', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${(t.database as unknown as { name: string }).name}`;
    const slow = new pg.Client({ connectionString: url.toString(), options: '-c role=trellis_app' });
    await slow.connect();
    // audit:verify runs as the owner, which sees every connection's open transaction.
    const owner = await openDatabase({ url: url.toString(), asOwner: true });
    try {
      await sealAuditBatches(t.deps.db, { signer, logPath, now: t.clock.now() });
      await slow.query('begin');
      const slowDb = {
        query: async (_n: string, text: string, values: unknown[]) => (await slow.query(text, values)).rows,
      };
      await recordAudit(
        slowDb,
        null,
        org.orgId,
        { action: 'setup.create', entityType: 'site', details: { slow: true } },
        t.clock.now(),
      );
      await recordAudit(
        t.deps.db,
        null,
        org.orgId,
        { action: 'setup.create', entityType: 'site', details: { fast: true } },
        t.clock.now(),
      );
      await sealAuditBatches(t.deps.db, { signer, logPath, now: t.clock.now() });
      const key = loadKeyCheck(keyPath);
      const held = await verifyAuditTrail(owner.db, { key, logPath, now: new Date(Date.now() + 5000) });
      // The later, committed event waits too: sealing it now would let the slow one commit below the seal.
      expect(held.unsealed.count).toBe(1);
      expect(held.heldBackBy).not.toBeNull();
      await slow.query('commit');
      await sealAuditBatches(t.deps.db, { signer, logPath, now: t.clock.now() });
      const after = await verifyAuditTrail(t.deps.db, { key, logPath, now: t.clock.now() });
      expect(after.problems).toEqual([]);
      expect(after.unsealed.count).toBe(0);
    } finally {
      await slow.end();
      await owner.close();
    }
  });
});
