/**
 * Events written before batch sealing, under the former per-organisation hash chain, are kept read-only in
 * audit_event_chain_v1; this walks that chain as it was verified then.
 */
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { auditChainV1Head, auditEventChainV1 } from '../db/schema.ts';
import { canonicalJson } from './canonical.ts';

const GENESIS_HASH = '0'.repeat(64);

/** The first break in an organisation's former chain, or null when it holds (or never existed). */
export async function verifyChainV1(db: DbOrTx, orgId: string): Promise<{ checked: number; problem: string | null }> {
  const rows = await db
    .select()
    .from(auditEventChainV1)
    .where(eq(auditEventChainV1.orgId, orgId))
    .orderBy(asc(auditEventChainV1.seq));
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    if (row.seq !== checked + 1) return { checked, problem: `former chain: event ${checked + 1} is missing` };
    const payload = canonicalJson({
      occurredAt: row.occurredAt.toISOString(),
      actorId: row.actorId,
      actorRole: row.actorRole,
      action: row.action,
      outcome: row.outcome,
      entityType: row.entityType,
      entityId: row.entityId,
      participantId: row.participantId,
      details: row.details,
    });
    const hash = createHash('sha256').update(`${prev}|${row.seq}|${payload}`, 'utf8').digest('hex');
    if (row.prevHash !== prev || row.hash !== hash)
      return { checked, problem: `former chain: event ${row.seq} does not match its hash` };
    prev = hash;
    checked += 1;
  }
  const [head] = await db.select().from(auditChainV1Head).where(eq(auditChainV1Head.orgId, orgId));
  if (head && (head.seq !== checked || (checked > 0 && head.lastHash !== prev))) {
    return { checked, problem: `former chain: its head says ${head.seq} events, found ${checked}` };
  }
  return { checked, problem: null };
}
