/**
 * A program's treatment-plan settings: the review cycle, whether signed plans need a supervisor's sign-off, and whether
 * the program bills Medicare so its PHP/IOP episodes need certification; with them the note deadline (hours after a
 * contact by which its note should be signed). A setup change: `setup.write`, versioned,
 * audited.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PlanSettingsUpdate, PlanSettingsView } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import type { DbOrTx } from '../../db/index.ts';
import { program } from '../../db/schema.ts';
import { assertVersion, notFound } from '../../http/problems.ts';
import { findPlanSettings } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

async function settingsView(db: DbOrTx, orgId: string, programId: string, lock = false): Promise<PlanSettingsView> {
  const row = await findPlanSettings(db, orgId, programId, { lock });
  if (!row) throw notFound('The program');
  return {
    programId: row.programId,
    reviewIntervalDays: row.reviewIntervalDays,
    supervisorSignOff: row.supervisorSignOff,
    certificationRequired: row.certificationRequired,
    noteDeadlineHours: row.noteDeadlineHours,
    version: row.version,
  };
}

export async function getPlanSettings(deps: Deps, actor: Actor, programId: string): Promise<PlanSettingsView> {
  authorize(actor, 'setup.read');
  return settingsView(deps.db, actor.orgId, programId);
}

export async function updatePlanSettings(deps: Deps, actor: Actor, programId: string, input: PlanSettingsUpdate): Promise<PlanSettingsView> {
  authorize(actor, 'setup.write');
  return deps.db.transaction(async (tx) => {
    const stored = await settingsView(tx, actor.orgId, programId, true);
    assertVersion(stored.version, input.version, 'The program');
    const now = deps.clock.now();
    await tx
      .update(program)
      .set({
        planReviewIntervalDays: input.reviewIntervalDays,
        planSupervisorSignOff: input.supervisorSignOff,
        certificationRequired: input.certificationRequired,
        ...(input.noteDeadlineHours === undefined ? {} : { noteDeadlineHours: input.noteDeadlineHours }),
        version: sql`${program.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(program.orgId, actor.orgId), eq(program.id, programId)));
    const changed = (['reviewIntervalDays', 'supervisorSignOff', 'certificationRequired', 'noteDeadlineHours'] as const).filter(
      (k) => input[k] !== undefined && stored[k] !== input[k],
    );
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'setup.update', entityType: 'program', entityId: programId, details: { fields: ['planSettings'], changed } },
      now,
    );
    return settingsView(tx, actor.orgId, programId);
  });
}
