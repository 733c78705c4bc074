/** Program measurement schedules: Drizzle queries as plain functions of `(db | tx, args)`. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { DEFAULT_MEASUREMENT_SCHEDULES, type Focus, type ScheduleRule } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { measurementSchedule, program } from '../../db/schema.ts';

export async function programForSchedule(db: DbOrTx, orgId: string, programId: string) {
  const [row] = await db
    .select({ id: program.id, name: program.name, focus: program.focus })
    .from(program)
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  return row ?? null;
}

/**
 * The schedule in force for each program: its own rows, or core's defaults for its focus when it has none.
 * `isDefault` says which.
 */
export async function schedulesOf(
  db: DbOrTx,
  orgId: string,
  programs: readonly { id: string; focus: Focus }[],
): Promise<Map<string, { isDefault: boolean; rules: ScheduleRule[] }>> {
  const ids = programs.map((p) => p.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(measurementSchedule)
          .where(and(eq(measurementSchedule.orgId, orgId), inArray(measurementSchedule.programId, ids)))
          .orderBy(asc(measurementSchedule.programId), asc(measurementSchedule.instrumentId));
  const result = new Map<string, { isDefault: boolean; rules: ScheduleRule[] }>();
  for (const p of programs) {
    const own = rows.filter((r) => r.programId === p.id);
    result.set(
      p.id,
      own.length === 0
        ? { isDefault: true, rules: [...DEFAULT_MEASUREMENT_SCHEDULES[p.focus]] }
        : {
            isDefault: false,
            rules: own.map((r) => ({ instrument: r.instrumentId, atAdmission: r.atAdmission, everyDays: r.everyDays, atDischarge: r.atDischarge })),
          },
    );
  }
  return result;
}

/** Replaces a program's rows (none: back to the defaults). */
export async function replaceSchedule(tx: DbOrTx, orgId: string, programId: string, rules: readonly ScheduleRule[], by: string, at: Date) {
  await tx.delete(measurementSchedule).where(and(eq(measurementSchedule.orgId, orgId), eq(measurementSchedule.programId, programId)));
  if (rules.length === 0) return;
  await tx.insert(measurementSchedule).values(
    rules.map((r) => ({
      orgId,
      programId,
      instrumentId: r.instrument,
      atAdmission: r.atAdmission,
      everyDays: r.everyDays,
      atDischarge: r.atDischarge,
      updatedBy: by,
      updatedAt: at,
    })),
  );
}
