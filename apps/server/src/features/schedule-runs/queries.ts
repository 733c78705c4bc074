/**
 * What the weekly auto-scheduler reads (programs in scope, their active participants with the signed plan's
 * interventions, the care team, recent appointments) and the schedule_run rows. Calendars, hours and unavailability
 * come from the appointments and availability queries, so a run sees exactly what a person's booking checks.
 */
import { sql } from 'drizzle-orm';
import { APPOINTMENT_HOLDING_STATUSES, FACILITATOR_ROLES, placementId, servicePlanOf, serviceRequirementsSchema, type AppointmentKind, type Intervention, type ScheduleRun, type ServiceRequirement } from '@trellis/core';
import type { Actor } from '../../auth/access.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';

const HOLDING = sql.raw(APPOINTMENT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', '));
const TREATING = sql.raw(FACILITATOR_ROLES.map((r) => `'${r}'`).join(', '));

export interface ScopeProgram {
  id: string;
  siteId: string;
  timeZone: string;
  requiredServices: ServiceRequirement[] | null;
}

/**
 * The active programs of a run's scope (one program, or all) that the actor may see: a Part 2 program only for its
 * own staff. `hidden` counts those left out for that reason.
 */
export async function scopePrograms(db: DbOrTx, actor: Actor, programId: string | null): Promise<{ programs: ScopeProgram[]; hidden: number }> {
  const rows = rowsOf<{ id: string; site_id: string; time_zone: string; required_services: unknown; visible: boolean }>(
    await db.execute(sql`
      select p.id, p.site_id, s.time_zone, p.required_services,
             (not p.part2 or exists (select 1 from staff_program sp where sp.org_id = p.org_id and sp.user_id = ${actor.userId} and sp.program_id = p.id)) as visible
        from program p join site s on s.org_id = p.org_id and s.id = p.site_id
       where p.org_id = ${actor.orgId} and p.active and (${programId}::uuid is null or p.id = ${programId}::uuid)
       order by p.name, p.id`),
  );
  const visible = rows.filter((r) => r.visible);
  return {
    programs: visible.map((r) => {
      // A setting that does not read as requirements counts as unset: the default applies.
      const setting = serviceRequirementsSchema.safeParse(r.required_services);
      return { id: r.id, siteId: r.site_id, timeZone: r.time_zone, requiredServices: setting.success ? setting.data : null };
    }),
    hidden: rows.length - visible.length,
  };
}

/** Ids of the programs among `ids` whose Part 2 records the actor may see. */
export async function visibleProgramIds(db: DbOrTx, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select p.id from program p
       where p.org_id = ${actor.orgId} and p.id = any(${`{${ids.join(',')}}`}::uuid[])
         and (not p.part2 or exists (select 1 from staff_program sp where sp.org_id = p.org_id and sp.user_id = ${actor.userId} and sp.program_id = p.id))`),
  );
  return new Set(rows.map((r) => r.id));
}

export interface ScheduledParticipant {
  participantId: string;
  name: string;
  programId: string;
  primaryClinicianId: string | null;
  /** The latest signed plan's interventions and days a week, or null without a signed plan. */
  plan: { interventions: Pick<Intervention, 'modality' | 'frequency'>[]; daysPerWeek: number } | null;
}

/** Every participant with an active episode in the programs, with their latest signed plan: one query. */
export async function activeParticipants(db: DbOrTx, orgId: string, programIds: readonly string[]): Promise<ScheduledParticipant[]> {
  if (programIds.length === 0) return [];
  const rows = rowsOf<{ participant_id: string; name: string; program_id: string; primary_clinician_id: string | null; content: unknown }>(
    await db.execute(sql`
      select e.participant_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as name, e.program_id,
             e.primary_clinician_id, plan.content
        from episode e
        join participant p on p.org_id = e.org_id and p.id = e.participant_id
        left join lateral (
          select v.content from treatment_plan_version v
           where v.org_id = e.org_id and v.episode_id = e.id and v.status = 'signed'
           order by v.number desc limit 1) plan on true
       where e.org_id = ${orgId} and e.status = 'active' and e.program_id = any(${`{${programIds.join(',')}}`}::uuid[])
       order by p.family_name, p.given_name, e.participant_id`),
  );
  return rows.map((r) => ({
    participantId: r.participant_id,
    name: r.name,
    programId: r.program_id,
    primaryClinicianId: r.primary_clinician_id,
    plan: servicePlanOf(r.content),
  }));
}

/** Appointments holding time (booked or attended) of the participants since a date: the requirement and usual time read them. */
export async function recentAppointments(db: DbOrTx, orgId: string, participantIds: readonly string[], since: string) {
  if (participantIds.length === 0) return [];
  const rows = rowsOf<{ participant_id: string; kind: AppointmentKind; starts_at: string | Date; local_date: string }>(
    await db.execute(sql`
      select a.participant_id, a.kind, a.starts_at, a.local_date::text as local_date from appointment a
       where a.org_id = ${orgId} and a.participant_id = any(${`{${participantIds.join(',')}}`}::uuid[])
         and a.local_date >= ${since}::date and a.status in (${HOLDING})`),
  );
  return rows.map((r) => ({ participantId: r.participant_id, kind: r.kind, startsAt: new Date(r.starts_at).toISOString(), localDate: r.local_date }));
}

export interface CareTeamMember {
  id: string;
  name: string;
  role: string;
  programId: string;
}

/** Active treating staff assigned to the programs (a staff member in two programs appears once per program). */
export async function careTeams(db: DbOrTx, orgId: string, programIds: readonly string[]): Promise<CareTeamMember[]> {
  if (programIds.length === 0) return [];
  const rows = rowsOf<{ id: string; name: string; role: string; program_id: string }>(
    await db.execute(sql`
      select u.id, u.name, u.role, sp.program_id from staff_program sp
        join app_user u on u.org_id = sp.org_id and u.id = sp.user_id
       where sp.org_id = ${orgId} and sp.program_id = any(${`{${programIds.join(',')}}`}::uuid[]) and u.active and u.role in (${TREATING})
       order by u.id, sp.program_id`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, programId: r.program_id }));
}

export interface ScheduleRunRow {
  id: string;
  status: ScheduleRun['status'];
  programId: string | null;
  weekMonday: string;
  createdAt: string;
  proposal: ScheduleRun['proposal'];
  error: string | null;
  result: ScheduleRun['result'];
  progress: ScheduleRun['progress'];
}

export async function findScheduleRun(db: DbOrTx, orgId: string, id: string, forUpdate = false): Promise<ScheduleRunRow | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select id, status, program_id, week_monday::text as week_monday, created_at, proposal, error, result, progress
        from schedule_run where org_id = ${orgId} and id = ${id}::uuid ${forUpdate ? sql`for update` : sql``}`),
  );
  if (!row) return null;
  const proposal = (row.proposal as ScheduleRun['proposal']) ?? null;
  const result = (row.result as ScheduleRun['result']) ?? null;
  return {
    id: String(row.id),
    status: row.status as ScheduleRun['status'],
    programId: (row.program_id as string | null) ?? null,
    weekMonday: String(row.week_monday),
    createdAt: new Date(row.created_at as string).toISOString(),
    // Proposals stored before placements had ids get them here: an id is derived from the placement.
    proposal: proposal && { ...proposal, placements: proposal.placements.map((p) => ({ ...p, id: placementId(p) })) },
    error: (row.error as string | null) ?? null,
    result: result && { ...result, conflicts: result.conflicts.map((c) => ({ ...c, id: placementId(c) })) },
    progress: (row.progress as ScheduleRun['progress']) ?? null,
  };
}
