/**
 * Measurement schedules per program (issue 7): which instruments at admission, every N days and at discharge. A
 * program without its own schedule follows core's defaults for its focus; saving an empty list returns it to them.
 * Setup data: read with `setup.read`, changed with `setup.write`, changes audited as setup updates.
 */
import { MEASURES, type MeasurementScheduleUpdate, type MeasurementScheduleView, type ScheduleRule } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { notFound } from '../../http/problems.ts';
import { programForSchedule, replaceSchedule, schedulesOf } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function view(p: { id: string; name: string; focus: MeasurementScheduleView['focus'] }, s: { isDefault: boolean; rules: ScheduleRule[] }): MeasurementScheduleView {
  return {
    programId: p.id,
    programName: p.name,
    focus: p.focus,
    isDefault: s.isDefault,
    rules: s.rules.map((r) => ({ ...r, shortName: MEASURES[r.instrument].instrument.shortName })),
  };
}

export async function getMeasurementSchedule(deps: Deps, actor: Actor, programId: string): Promise<MeasurementScheduleView> {
  authorize(actor, 'setup.read');
  const p = await programForSchedule(deps.db, actor.orgId, programId);
  if (!p) throw notFound('The program');
  const s = (await schedulesOf(deps.db, actor.orgId, [p])).get(p.id)!;
  return view(p, s);
}

export async function updateMeasurementSchedule(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: MeasurementScheduleUpdate,
): Promise<MeasurementScheduleView> {
  authorize(actor, 'setup.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const p = await programForSchedule(tx, actor.orgId, programId);
    if (!p) throw notFound('The program');
    await replaceSchedule(tx, actor.orgId, p.id, input.rules, actor.userId, now);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'setup.update',
        entityType: 'program',
        entityId: p.id,
        details: { fields: ['measurementSchedule'], instruments: input.rules.map((r) => r.instrument) },
      },
      now,
    );
    return view(p, (await schedulesOf(tx, actor.orgId, [p])).get(p.id)!);
  });
}
