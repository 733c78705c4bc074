/**
 * Safety plans (issue 7) in the Stanley–Brown structure (core's `safetyPlanSchema`). Versioned: each save adds the
 * next version, based on the version the editor opened (a stale one → 409), and a trigger keeps every version as it
 * was. Read with `clinical-note.read`, written with `safety-plan.write`; both audited without the plan's words.
 */
import type { SafetyPlanSave, SafetyPlanVersion, SafetyPlanView } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { assertVersion, notFound } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { findParticipant } from '../participants/queries.ts';
import { insertPlanVersion, planVersions, type PlanVersionRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function versionView(row: PlanVersionRow): SafetyPlanVersion {
  return {
    participantId: row.participantId,
    version: row.version,
    plan: row.plan,
    savedAt: row.savedAt.toISOString(),
    savedBy: { id: row.savedById, name: row.savedByName },
  };
}

async function readAudited(deps: Deps, actor: Actor, participantId: string, version: number | null) {
  authorize(actor, 'clinical-note.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'safety-plan.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await planVersions(tx, actor.orgId, participantId);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'safety-plan.read', entityType: 'safety_plan', participantId, details: { version: version ?? rows[0]?.version ?? 0 } },
      now,
    );
    return rows;
  });
}

/** The latest version (null before the first save) and the list of versions, newest first. */
export async function readSafetyPlan(deps: Deps, actor: Actor, participantId: string): Promise<SafetyPlanView> {
  const rows = await readAudited(deps, actor, participantId, null);
  const [latest] = rows;
  return {
    current: latest ? versionView(latest) : null,
    versions: rows.map((r) => ({ version: r.version, savedAt: r.savedAt.toISOString(), savedByName: r.savedByName })),
  };
}

/** One version as it was saved (for printing an earlier plan). */
export async function readSafetyPlanVersion(deps: Deps, actor: Actor, participantId: string, version: number): Promise<SafetyPlanVersion> {
  const rows = await readAudited(deps, actor, participantId, version);
  const row = rows.find((r) => r.version === version);
  if (!row) throw notFound('That version of the safety plan');
  return versionView(row);
}

/** Saves the next version; `basedOnVersion` must be the latest (0 for the first), else 409. */
export async function saveSafetyPlan(deps: Deps, actor: Actor, participantId: string, input: SafetyPlanSave): Promise<SafetyPlanVersion> {
  authorize(actor, 'safety-plan.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'safety-plan.save');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Locking the participant serialises saves of their plan: two editors cannot both make version n + 1.
    if (!(await findParticipant(tx, actor.orgId, participantId, { lock: true }))) throw notFound('The participant');
    const latest = (await planVersions(tx, actor.orgId, participantId))[0]?.version ?? 0;
    assertVersion(latest, input.basedOnVersion, 'The safety plan');
    const version = latest + 1;
    await insertPlanVersion(tx, { orgId: actor.orgId, participantId, version, plan: input.plan, savedBy: actor.userId, savedAt: now });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'safety-plan.save', entityType: 'safety_plan', participantId, details: { version } },
      now,
    );
    const [row] = await planVersions(tx, actor.orgId, participantId);
    return versionView(row!);
  });
}
