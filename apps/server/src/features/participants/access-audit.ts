/**
 * The relationship check for one participant, with refusals written to the audit trail. A refused use case rolls back
 * its own transaction, so the denial is appended on its own.
 */
import type { AppDeps } from '../../app.ts';
import { assertParticipantAccess, type Actor } from '../../auth/access.ts';
import type { AuditAction } from '../../audit/audit.ts';
import { auditRecordDenied } from '../../audit/denial.ts';
import { Problem } from '../../http/problems.ts';

/** 404 for a participant unknown to the actor's organisation, 403 (audited as access.denied) outside their care team. */
export async function assertParticipantAccessAudited(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  participantId: string,
  attempted: AuditAction,
): Promise<void> {
  try {
    await assertParticipantAccess(deps.db, actor, participantId);
  } catch (error) {
    if (error instanceof Problem && error.status === 403) {
      await auditRecordDenied(deps, actor, { entityType: 'participant', entityId: participantId, participantId, attempted });
      error.audited = true;
    }
    throw error;
  }
}
