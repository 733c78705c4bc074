/** A participant's own accounting of disclosures (42 CFR Part 2), read in their portal. */
import type { Part2DisclosureList } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import type { ParticipantActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { disclosuresOf } from './queries.ts';

export async function readOwnDisclosures(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  me: ParticipantActor,
): Promise<Part2DisclosureList> {
  return deps.db.transaction(async (tx) => {
    const rows = await disclosuresOf(tx, me.orgId, me.participantId);
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'disclosure.read',
        entityType: 'participant',
        entityId: me.participantId,
        participantId: me.participantId,
        details: { rows: rows.length },
      },
      deps.clock.now(),
    );
    return { items: rows.map((r) => ({ ...r, disclosedAt: r.disclosedAt.toISOString() })) };
  });
}
