/**
 * Queries for measures and safety alerts, as plain functions of `(db | tx, args)`.
 */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { SAFETY_ALERT_SUPERVISOR_ROLES, type InstrumentId, type MeasureFlag, type ParticipantAnswerSource, type SafetyAction, type SafetyAlertKind, type SexForScoring, type StaffRole } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { measureResponse, participant, safetyAlert } from '../../db/schema.ts';

/** The PostgreSQL channel an alert is announced on; a listener gets ids only, never clinical content. */
export const SAFETY_ALERT_CHANNEL = 'trellis_safety_alert';

export type MeasureRow = typeof measureResponse.$inferSelect;
export type AlertRow = typeof safetyAlert.$inferSelect;

export async function insertMeasureResponse(
  tx: DbOrTx,
  row: {
    orgId: string;
    episodeId: string;
    participantId: string;
    instrumentId: InstrumentId;
    answers: Record<string, number>;
    total: number | null;
    subscales: Record<string, number>;
    bandId: string | null;
    flags: MeasureFlag[];
    administeredAt: Date;
    /** Null for the participant's own answer (through a one-time link or the portal). */
    enteredBy: string | null;
    /** Where the participant answered, when they did ('link' unless said). */
    answeredIn?: ParticipantAnswerSource;
    /** The participant's sex for scoring, kept only where the instrument's scoring depends on it. */
    scoringSex: SexForScoring | null;
  },
): Promise<MeasureRow> {
  const [inserted] = await tx
    .insert(measureResponse)
    .values({ ...row, source: row.enteredBy === null ? (row.answeredIn ?? 'link') : 'staff' })
    .returning();
  if (!inserted) throw new Error('measure response not stored');
  return inserted;
}

/** Inserts an alert and announces it on SAFETY_ALERT_CHANNEL; PostgreSQL delivers the notice when the transaction commits. */
export async function insertSafetyAlert(
  tx: DbOrTx,
  row: {
    orgId: string;
    participantId: string;
    episodeId: string;
    /** The response that raised it, or the check-in (exactly one). */
    responseId?: string;
    checkInId?: string;
    kind: SafetyAlertKind;
    createdAt: Date;
  },
): Promise<AlertRow> {
  const [inserted] = await tx.insert(safetyAlert).values(row).returning();
  if (!inserted) throw new Error('safety alert not stored');
  const payload = JSON.stringify({ orgId: inserted.orgId, alertId: inserted.id, episodeId: inserted.episodeId });
  await tx.execute(sql`select pg_notify(${SAFETY_ALERT_CHANNEL}, ${payload})`);
  return inserted;
}

/** A participant's responses with each one's alert, in episodes the condition on episode `e` lets the caller see. */
/** The participant's sex for scoring (AUDIT-C cut-offs); `unknown` when not recorded. */
export async function participantSexForScoring(db: DbOrTx, orgId: string, participantId: string): Promise<SexForScoring> {
  const [row] = await db
    .select({ sex: participant.sexForScoring })
    .from(participant)
    .where(and(eq(participant.orgId, orgId), eq(participant.id, participantId)));
  return row?.sex ?? 'unknown';
}

export async function participantResponses(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  visible: SQL,
): Promise<(MeasureRow & { safetyAlertId: string | null })[]> {
  const rows = await db
    .select({ response: measureResponse, safetyAlertId: safetyAlert.id })
    .from(measureResponse)
    .innerJoin(sql`episode e`, sql`e.org_id = ${measureResponse.orgId} and e.id = ${measureResponse.episodeId}`)
    .leftJoin(safetyAlert, and(eq(safetyAlert.orgId, measureResponse.orgId), eq(safetyAlert.responseId, measureResponse.id)))
    .where(and(eq(measureResponse.orgId, orgId), eq(measureResponse.participantId, participantId), visible))
    .orderBy(asc(measureResponse.episodeId), asc(measureResponse.instrumentId), asc(measureResponse.administeredAt), asc(measureResponse.createdAt));
  return rows.map((r) => ({ ...r.response, safetyAlertId: r.safetyAlertId }));
}

export interface AlertListRow {
  id: string;
  participant_id: string;
  given_name: string;
  family_name: string;
  episode_id: string;
  program_name: string;
  response_id: string | null;
  kind: SafetyAlertKind;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  action: SafetyAction | null;
}

const supervisorRoles = sql.raw(SAFETY_ALERT_SUPERVISOR_ROLES.map((r) => `'${r}'`).join(', '));

/**
 * The SQL condition on episode `e` that the user must see an alert about it: they are its primary clinician; a
 * supervisor (by role) assigned to its program; or the primary clinician's supervisor, unless the episode is Part 2
 * and they are not staff of its program. So that no alert goes unseen, a program with no active supervisor assigned
 * falls back to every supervisor of the organisation — or, for a Part 2 program, to all its own staff.
 */
function mustSeeAlert(orgId: string, user: { id: string; role: StaffRole }): SQL {
  const isSupervisor = sql.raw((SAFETY_ALERT_SUPERVISOR_ROLES as readonly StaffRole[]).includes(user.role) ? 'true' : 'false');
  const staffOfProgram = sql`exists (select 1 from staff_program sp where sp.org_id = e.org_id and sp.program_id = e.program_id and sp.user_id = ${user.id})`;
  const programHasSupervisor = sql`exists (select 1 from staff_program s2 join app_user u2 on u2.org_id = s2.org_id and u2.id = s2.user_id
                                            where s2.org_id = e.org_id and s2.program_id = e.program_id and u2.active and u2.role in (${supervisorRoles}))`;
  return sql`(e.primary_clinician_id = ${user.id}
    or (${isSupervisor} and ${staffOfProgram})
    or (exists (select 1 from app_user pc where pc.org_id = ${orgId} and pc.id = e.primary_clinician_id and pc.supervisor_id = ${user.id})
        and (not e.part2 or ${staffOfProgram}))
    or (not ${programHasSupervisor} and (case when e.part2 then ${staffOfProgram} else ${isSupervisor} end)))`;
}

/** Open alerts the user must see, oldest first: the ones waiting longest come first. */
export async function openAlertsFor(db: DbOrTx, orgId: string, user: { id: string; role: StaffRole }): Promise<AlertListRow[]> {
  return alertRows(db, sql`a.org_id = ${orgId} and a.acknowledged_at is null and ${mustSeeAlert(orgId, user)}`);
}

/** One alert with the names the list shows. */
export async function alertById(db: DbOrTx, orgId: string, id: string): Promise<AlertListRow | null> {
  const [row] = await alertRows(db, sql`a.org_id = ${orgId} and a.id = ${id}`);
  return row ?? null;
}

async function alertRows(db: DbOrTx, where: SQL): Promise<AlertListRow[]> {
  return rowsOf<AlertListRow>(
    await db.execute(sql`
      select a.id, a.participant_id, p.given_name, p.family_name, a.episode_id, pr.name as program_name, a.response_id,
             a.kind, to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
             to_char(a.acknowledged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as acknowledged_at,
             a.acknowledged_by, a.action
        from safety_alert a
        join episode e on e.org_id = a.org_id and e.id = a.episode_id
        join participant p on p.org_id = a.org_id and p.id = a.participant_id
        join program pr on pr.org_id = e.org_id and pr.id = e.program_id
       where ${where}
       order by a.created_at, a.id`),
  );
}

/** The alert with its episode's Part 2 facts, locked for acknowledgement. */
export async function alertForUpdate(db: DbOrTx, orgId: string, id: string) {
  const [row] = rowsOf<{
    id: string;
    participant_id: string;
    acknowledged_at: string | null;
    part2: boolean;
    program_id: string;
    primary_clinician_id: string | null;
  }>(
    await db.execute(sql`
      select a.id, a.participant_id, a.acknowledged_at, e.part2, e.program_id, e.primary_clinician_id
        from safety_alert a join episode e on e.org_id = a.org_id and e.id = a.episode_id
       where a.org_id = ${orgId} and a.id = ${id}
         for update of a`),
  );
  return row ?? null;
}

/**
 * Records the acknowledgement once and announces it on SAFETY_ALERT_CHANNEL (so that other open pages drop the alert);
 * false when someone acknowledged it first.
 */
export async function acknowledge(
  db: DbOrTx,
  orgId: string,
  id: string,
  ack: { at: Date; by: string; action: SafetyAction; note: string | null },
): Promise<boolean> {
  const updated = await db
    .update(safetyAlert)
    .set({ acknowledgedAt: ack.at, acknowledgedBy: ack.by, action: ack.action, note: ack.note })
    .where(and(eq(safetyAlert.orgId, orgId), eq(safetyAlert.id, id), isNull(safetyAlert.acknowledgedAt)))
    .returning({ id: safetyAlert.id, episodeId: safetyAlert.episodeId });
  const [done] = updated;
  if (!done) return false;
  const payload = JSON.stringify({ orgId, alertId: done.id, episodeId: done.episodeId, acknowledged: true });
  await db.execute(sql`select pg_notify(${SAFETY_ALERT_CHANNEL}, ${payload})`);
  return true;
}

/** How many open alerts the user must see (the list's rule): what a stream announces on connect. */
export async function openAlertCountFor(db: DbOrTx, orgId: string, user: { id: string; role: StaffRole }): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n
        from safety_alert a join episode e on e.org_id = a.org_id and e.id = a.episode_id
       where a.org_id = ${orgId} and a.acknowledged_at is null and ${mustSeeAlert(orgId, user)}`),
  );
  return row?.n ?? 0;
}

/** Whether an alert is one the user must see (the list's rule, for the alert a notification names, open or not). */
export async function mustSeeAlertById(db: DbOrTx, orgId: string, alertId: string, user: { id: string; role: StaffRole }): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select a.id
        from safety_alert a join episode e on e.org_id = a.org_id and e.id = a.episode_id
       where a.org_id = ${orgId} and a.id = ${alertId} and ${mustSeeAlert(orgId, user)}`),
  );
  return rows.length > 0;
}
