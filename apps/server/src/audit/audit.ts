/**
 * The audit trail: one vocabulary of events, appended in the same transaction as the change (or read) it records,
 * hash-chained per organisation. The chain head's row lock serialises appends within an organisation, and the
 * append is one statement at the end of the use case, so the lock is held only until commit.
 */
import { createHash } from 'node:crypto';
import { asc, eq, gt, and, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../db/index.ts';
import { auditChainHead, auditEvent } from '../db/schema.ts';
import { canonicalJson } from './canonical.ts';

export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'setup.create',
  'setup.update',
  'participant.create',
  'participant.update',
  'participant.read',
  'participant.list',
  'episode.admit',
  'episode.move-track',
  'episode.discharge',
  'session.create',
  'session.cancel',
  'roll.read',
  'attendance.record',
  'attendance.read',
  'ledger.read',
  'census.read',
  'audit.read',
  'access.denied',
  'program.part2-change-refused',
  'staff.invite',
  'staff.update',
  'staff.deactivate',
  'staff.reactivate',
  'staff.password-reset',
  'staff.list',
  'outbox.read',
  'organisation.security-update',
  'auth.password-changed',
  'auth.password-set',
  'auth.profile-change-refused',
  'auth.two-factor-enabled',
  'auth.two-factor-disabled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  userId: string;
  role: string;
  orgId: string;
}

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  participantId?: string | null;
  outcome?: 'success' | 'denied';
  /** What changed (field names, counts, ids) — never clinical content. */
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The text an event's hash covers; the verifier rebuilds it from the stored row. */
export function auditPayload(e: {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string;
  entityId: string | null;
  participantId: string | null;
  details: Record<string, unknown>;
}): string {
  return canonicalJson({
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    outcome: e.outcome,
    entityType: e.entityType,
    entityId: e.entityId,
    participantId: e.participantId,
    details: e.details,
  });
}

/** The hash of an event given the previous hash; matches the SQL in `recordAudit`. */
export function chainHash(prevHash: string, seq: number, payload: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${payload}`, 'utf8').digest('hex');
}

/** Creates an organisation's chain head; call once when the organisation is created. */
export async function startAuditChain(db: DbOrTx, orgId: string): Promise<void> {
  await db.insert(auditChainHead).values({ orgId, seq: 0, lastHash: GENESIS_HASH, prevHash: GENESIS_HASH }).onConflictDoNothing();
}

/** Appends one audit event inside the caller's transaction. */
export async function recordAudit(tx: DbOrTx, actor: AuditActor | null, orgId: string, entry: AuditEntry, at: Date): Promise<void> {
  const event = {
    occurredAt: at,
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    participantId: entry.participantId ?? null,
    details: entry.details ?? {},
  };
  const payload = auditPayload(event);
  const result = await tx.execute(sql`
    with head as (
      update audit_chain_head
         set seq = seq + 1,
             prev_hash = last_hash,
             last_hash = encode(sha256(convert_to(last_hash || '|' || (seq + 1)::text || '|' || ${payload}, 'UTF8')), 'hex')
       where org_id = ${orgId}
      returning seq, prev_hash, last_hash
    )
    insert into audit_event (org_id, seq, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
                             participant_id, details, prev_hash, hash)
    select ${orgId}, head.seq, ${at.toISOString()}, ${event.actorId}, ${event.actorRole}, ${event.action}, ${event.outcome},
           ${event.entityType}, ${event.entityId}, ${event.participantId}, ${JSON.stringify(event.details)}::jsonb,
           head.prev_hash, head.last_hash
      from head
    returning seq`);
  if (rowsOf(result).length !== 1) {
    throw new Error('audit chain head missing for organisation');
  }
}

/** One parameterised statement with a stable name, for callers that prepare it once per connection. */
export interface NamedStatement {
  name: string;
  text: string;
  values: (string | null)[];
}

/** `recordAudit`'s append as one parameterised statement; a missing chain head fails the insert (seq is NOT NULL). */
const AUDIT_APPEND = `
  with head as (
    update audit_chain_head
       set seq = seq + 1,
           prev_hash = last_hash,
           last_hash = encode(sha256(convert_to(last_hash || '|' || (seq + 1)::text || '|' || $2::text, 'UTF8')), 'hex')
     where org_id = $1::uuid
    returning seq, prev_hash, last_hash
  )
  insert into audit_event (org_id, seq, occurred_at, actor_id, actor_role, action, outcome, entity_type, entity_id,
                           participant_id, details, prev_hash, hash)
  select $1::uuid, head.seq, $3::timestamptz, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::uuid,
         $11::jsonb, head.prev_hash, head.last_hash
    from (select 1) one left join head on true`;

/**
 * The statements that append these events, one per event: the same SQL (and so the same hashes) as `recordAudit`, for
 * a caller that sends them together with COMMIT in one message, so the chain head's lock is held only while
 * PostgreSQL runs them.
 */
export function auditAppendStatements(actor: AuditActor | null, orgId: string, entries: AuditEntry[], at: Date): NamedStatement[] {
  return entries.map((entry) => {
    const event = {
      occurredAt: at,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      participantId: entry.participantId ?? null,
      details: entry.details ?? {},
    };
    return {
      name: 'trellis_audit_append',
      text: AUDIT_APPEND,
      values: [
        orgId,
        auditPayload(event),
        at.toISOString(),
        event.actorId,
        event.actorRole,
        event.action,
        event.outcome,
        event.entityType,
        event.entityId,
        event.participantId,
        JSON.stringify(event.details),
      ],
    };
  });
}

/**
 * Appends several events in chain order with one lock, one insert and one head update — for a roll that reads or
 * changes a dozen participants at once. Hashes are the same as `recordAudit` computes in SQL.
 */
export async function recordAudits(tx: DbOrTx, actor: AuditActor | null, orgId: string, entries: AuditEntry[], at: Date): Promise<void> {
  const [only, ...rest] = entries;
  if (!only) return;
  if (rest.length === 0) return recordAudit(tx, actor, orgId, only, at);
  const [head] = rowsOf<{ seq: string | number; last_hash: string }>(
    await tx.execute(sql`select seq, last_hash from audit_chain_head where org_id = ${orgId} for update`),
  );
  if (!head) throw new Error('audit chain head missing for organisation');
  let seq = Number(head.seq);
  let prev = head.last_hash;
  const rows = entries.map((entry) => {
    seq += 1;
    const event = {
      orgId,
      seq,
      occurredAt: at,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome ?? ('success' as const),
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      participantId: entry.participantId ?? null,
      details: entry.details ?? {},
    };
    const hash = chainHash(prev, seq, auditPayload(event));
    const row = { ...event, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.insert(auditEvent).values(rows);
  await tx
    .update(auditChainHead)
    .set({ seq, lastHash: prev, prevHash: rows[rows.length - 1]!.prevHash })
    .where(eq(auditChainHead.orgId, orgId));
}

export interface ChainBreak {
  orgId: string;
  seq: number;
  reason: string;
}

/** Walks an organisation's chain in order and reports the first event whose hash or link does not hold. */
export async function verifyAuditChain(db: DbOrTx, orgId: string): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, orgId), gt(auditEvent.seq, after)))
      .orderBy(asc(auditEvent.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { checked, firstBreak: { orgId, seq: expectedSeq, reason: `event ${expectedSeq} is missing` } };
      }
      if (row.prevHash !== prev) {
        return { checked, firstBreak: { orgId, seq: row.seq, reason: 'link to the previous event does not match' } };
      }
      const payload = auditPayload({ ...row, details: row.details });
      if (chainHash(prev, row.seq, payload) !== row.hash) {
        return { checked, firstBreak: { orgId, seq: row.seq, reason: 'content does not match its hash' } };
      }
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
      after = row.seq;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.orgId, orgId));
  if (head && head.seq !== checked) {
    return { checked, firstBreak: { orgId, seq: checked + 1, reason: `chain head says ${head.seq} events, found ${checked}` } };
  }
  return { checked, firstBreak: null };
}
