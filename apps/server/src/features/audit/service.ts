import type { AuditPage, AuditQuery } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { listAuditEvents, part2IdsOutsideUser } from './queries.ts';
import { presentAuditEvent } from './presentation.ts';
import { and, eq } from 'drizzle-orm';
import { participant } from '../../db/schema.ts';

/**
 * The audit trail for directors and administrators, filtered by participant, user and time, as the reader may see it
 * (presentation.ts: pseudonyms for the administrator). Reading it is audited.
 */
export async function browseAudit(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  authorize(actor, 'audit.read');
  return deps.db.transaction(async (tx) => {
    const rows = await listAuditEvents(tx, actor.orgId, query);
    const page = rows.slice(0, query.limit);
    const hidden = await part2IdsOutsideUser(tx, actor.orgId, actor.userId);
    // Whose trail was read is recorded only for this organisation's participants; any other id is not echoed back.
    const [known] = query.participantId
      ? await tx
          .select({ id: participant.id })
          .from(participant)
          .where(and(eq(participant.orgId, actor.orgId), eq(participant.id, query.participantId)))
      : [];
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'audit.read',
        entityType: 'audit_event',
        participantId: known?.id ?? null,
        details: { filters: Object.keys(query).filter((k) => k !== 'limit' && k !== 'cursor'), count: page.length },
      },
      deps.clock.now(),
    );
    return {
      items: page.map((r) => presentAuditEvent({ ...r, occurredAt: r.occurredAt.toISOString() }, actor, deps.config.authSecret, hidden)),
      nextCursor: rows.length > query.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  });
}
