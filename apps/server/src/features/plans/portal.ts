/**
 * The participant's side of their treatment plan, in the portal: the plan in force of each current episode in plain
 * words, and signing it. The participant comes from the signed-in principal; the plan they sign is named by the hash
 * of the content they read, so a signature can only ever attest the exact words the clinician signed.
 */
import {
  planInPlainWords,
  type PortalPlanSign,
  type PortalTreatmentPlan,
  type PortalTreatmentPlans,
} from '@trellis/core';
import { and, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { ParticipantActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode, program, treatmentPlanVersion } from '../../db/schema.ts';
import { conflict } from '../../http/problems.ts';
import { insertSignature, signaturesOf } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** The latest signed version of the plan of each of the participant's active episodes. */
async function plansInForce(tx: DbOrTx, me: ParticipantActor, options: { lock?: boolean } = {}) {
  const query = tx
    .select({
      id: treatmentPlanVersion.id,
      episodeId: treatmentPlanVersion.episodeId,
      number: treatmentPlanVersion.number,
      content: treatmentPlanVersion.content,
      effectiveOn: treatmentPlanVersion.effectiveOn,
      contentHash: treatmentPlanVersion.contentHash,
      signedAt: treatmentPlanVersion.signedAt,
      programName: program.name,
    })
    .from(treatmentPlanVersion)
    .innerJoin(
      episode,
      and(eq(episode.orgId, treatmentPlanVersion.orgId), eq(episode.id, treatmentPlanVersion.episodeId)),
    )
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .where(
      and(
        eq(treatmentPlanVersion.orgId, me.orgId),
        eq(treatmentPlanVersion.participantId, me.participantId),
        eq(treatmentPlanVersion.status, 'signed'),
        eq(episode.status, 'active'),
      ),
    )
    .orderBy(treatmentPlanVersion.episodeId, desc(treatmentPlanVersion.number));
  const rows = options.lock ? await query.for('update', { of: treatmentPlanVersion }) : await query;
  const seen = new Set<string>();
  return rows.filter(
    (r) => !seen.has(r.episodeId) && !!seen.add(r.episodeId) && r.contentHash !== null && r.signedAt !== null,
  );
}
type InForce = Awaited<ReturnType<typeof plansInForce>>[number];

async function viewsOf(tx: DbOrTx, me: ParticipantActor, rows: InForce[]): Promise<PortalTreatmentPlan[]> {
  const signatures = await signaturesOf(
    tx,
    me.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = signatures.find((s) => s.planVersionId === r.id && s.signer === 'participant');
    return {
      programName: r.programName,
      number: r.number,
      effectiveOn: r.effectiveOn,
      contentHash: r.contentHash!,
      clinicianSignedAt: r.signedAt!.toISOString(),
      words: planInPlainWords(r.content),
      participantSignature: own
        ? { signedName: own.signedName, signedAt: own.signedAt.toISOString(), method: own.method }
        : null,
    };
  });
}

const audit = (
  tx: DbOrTx,
  deps: Deps,
  me: ParticipantActor,
  action: 'treatment-plan.read' | 'treatment-plan.signature',
  details: Record<string, unknown>,
) =>
  recordAudit(
    tx,
    me,
    me.orgId,
    { action, entityType: 'treatment_plan', entityId: me.participantId, participantId: me.participantId, details },
    deps.clock.now(),
  );

/** The participant's plans in force, in plain words, each with whether they have signed it. */
export async function readOwnTreatmentPlans(deps: Deps, me: ParticipantActor): Promise<PortalTreatmentPlans> {
  return deps.db.transaction(async (tx) => {
    const plans = await viewsOf(tx, me, await plansInForce(tx, me));
    await audit(tx, deps, me, 'treatment-plan.read', { via: 'portal', plans: plans.map((p) => p.number) });
    return { plans };
  });
}

/**
 * The participant signs the plan they read (method 'portal'). The hash must be that of a plan in force for them (a
 * plan revised since they opened it → 409, read it again). Signing again the same plan answers the same signature,
 * so a repeated tap on a flaky connection does no harm.
 */
export async function signOwnTreatmentPlan(
  deps: Deps,
  me: ParticipantActor,
  input: PortalPlanSign,
): Promise<{ plan: PortalTreatmentPlan; created: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const plans = await plansInForce(tx, me, { lock: true });
    const found = plans.find((p) => p.contentHash === input.contentHash);
    if (!found) {
      throw conflict(
        'This is not your plan in force any more: it may have been revised. Open it again to read the current one.',
        [{ path: 'body.contentHash', message: 'is not the plan in force' }],
      );
    }
    const signed = (await signaturesOf(tx, me.orgId, [found.id])).some((s) => s.signer === 'participant');
    if (!signed) {
      await insertSignature(tx, {
        orgId: me.orgId,
        planVersionId: found.id,
        signer: 'participant',
        signedName: input.signedName,
        recordedBy: me.userId,
        contentHash: found.contentHash!,
        signedAt: now,
        method: 'portal',
      });
      await audit(tx, deps, me, 'treatment-plan.signature', {
        episodeId: found.episodeId,
        number: found.number,
        signer: 'participant',
        method: 'portal',
      });
    }
    const [plan] = await viewsOf(tx, me, [found]);
    return { plan: plan!, created: !signed };
  });
}
