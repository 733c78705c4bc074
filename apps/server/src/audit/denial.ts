/**
 * A refusal to reach a participant's record, written to the audit trail on its own: the refused use case rolls back
 * its transaction, so the denial is appended in a transaction of its own.
 */
import type { AppDeps } from '../app.ts';
import type { Actor } from '../auth/access.ts';
import { recordAudit, type AuditAction } from './audit.ts';

export async function auditRecordDenied(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  refused: { entityType: string; entityId: string; participantId: string; attempted: AuditAction },
): Promise<void> {
  await deps.db.transaction(async (tx) =>
    recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'access.denied',
        outcome: 'denied',
        entityType: refused.entityType,
        entityId: refused.entityId,
        participantId: refused.participantId,
        details: { attempted: refused.attempted },
      },
      deps.clock.now(),
    ),
  );
}
