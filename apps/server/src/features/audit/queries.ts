import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, auditEvent, participant } from '../../db/schema.ts';

/** A page of an organisation's audit events, newest first, keyed by sequence number. */
export async function listAuditEvents(db: DbOrTx, orgId: string, q: AuditQuery) {
  const where: SQL[] = [eq(auditEvent.orgId, orgId)];
  if (q.participantId) where.push(eq(auditEvent.participantId, q.participantId));
  if (q.userId) where.push(eq(auditEvent.actorId, q.userId));
  if (q.from) where.push(gte(auditEvent.occurredAt, new Date(q.from)));
  if (q.to) where.push(lte(auditEvent.occurredAt, new Date(q.to)));
  if (q.cursor) where.push(lt(auditEvent.seq, q.cursor));
  return db
    .select({
      id: auditEvent.id,
      seq: auditEvent.seq,
      occurredAt: auditEvent.occurredAt,
      actorId: auditEvent.actorId,
      actorName: appUser.name,
      actorRole: auditEvent.actorRole,
      action: auditEvent.action,
      outcome: auditEvent.outcome,
      entityType: auditEvent.entityType,
      entityId: auditEvent.entityId,
      participantId: auditEvent.participantId,
      participantName: sql<string | null>`case when ${participant.id} is null then null
        else coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName} end`,
      details: auditEvent.details,
    })
    .from(auditEvent)
    .leftJoin(appUser, and(eq(appUser.id, auditEvent.actorId), eq(appUser.orgId, auditEvent.orgId)))
    .leftJoin(participant, and(eq(participant.id, auditEvent.participantId), eq(participant.orgId, auditEvent.orgId)))
    .where(and(...where))
    .orderBy(desc(auditEvent.seq))
    .limit(q.limit + 1);
}
