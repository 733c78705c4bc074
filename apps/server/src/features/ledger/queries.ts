/**
 * Expected sessions with their marks, for the weekly hours ledger. Who is expected is the roster rule
 * (trellis_expected_attendance, core `isExpectedAt`). Every session lookup is a
 * range on session.local_date under (org_id, track_id), so cost follows the weeks asked for, not the whole history.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  SESSION_KIND_COUNTS,
  appointmentKindCounts,
  appointmentLedgerMark,
  type AppointmentKind,
  type AppointmentStatus,
  type AttendanceStatus,
  type LedgerSession,
  type PlanPrescription,
  type SessionKind,
} from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { episode } from '../../db/schema.ts';
import { rowsOf } from '../participants/list-query.ts';

/** [startsAt ms, endsAt ms, cancelled, status | null, minutes attended | null, session id, kind, break minutes, guest], from SQL. */
type PackedSession = [number, number, boolean, AttendanceStatus | null, number | null, string, SessionKind, number, boolean];

export interface LedgerSessionRow extends LedgerSession {
  sessionId: string;
  /** An individual, family or prescriber appointment rather than a group session (it has no roll). */
  appointment?: boolean;
}

/** [startsAt ms, endsAt ms, appointment status, appointment id, kind], from SQL. */
type PackedAppointment = [number, number, AppointmentStatus, string, AppointmentKind];

/**
 * An episode's appointments as ledger rows, by what their status means (core's appointmentLedgerMark): attended adds
 * its minutes, a no-show or late cancel is an absence, booked is still scheduled; cancelled ones are not on the week.
 * Kinds that do not count toward hours (prescriber visits) are carried with counts = false.
 */
function unpackAppointments(packed: PackedAppointment[] | null): LedgerSessionRow[] {
  const rows: LedgerSessionRow[] = [];
  for (const [startsMs, endsMs, status, id, kind] of packed ?? []) {
    const mark = appointmentLedgerMark(status, Math.round((endsMs - startsMs) / 60_000));
    if (!mark.onWeek) continue;
    rows.push({
      sessionId: id,
      appointment: true,
      startsAt: new Date(startsMs).toISOString(),
      endsAt: new Date(endsMs).toISOString(),
      cancelled: false,
      attendance: mark.attendance,
      counts: appointmentKindCounts(kind),
      breakMinutes: 0,
    });
  }
  return rows;
}

/** An episode's appointments on the week's local dates, packed as PackedAppointment; a: the appointment. */
const packedAppointmentsAgg = sql`json_agg(json_build_array(
             (extract(epoch from a.starts_at) * 1000)::float8, (extract(epoch from a.ends_at) * 1000)::float8, a.status, a.id, a.kind))`;

/**
 * The one place appointments enter the ledger: rows (episode_id, appointments) of an organisation's appointments
 * between two local dates, for one episode when `episodeId` is given (a correlated column), else for all.
 */
function appointmentsByEpisodeSql(orgId: SQL | string, from: string, to: string, episodeId?: SQL): SQL {
  return sql`
    select a.episode_id, ${packedAppointmentsAgg} as appointments
      from appointment a
     where a.org_id = ${orgId} and a.local_date between ${from}::date and ${to}::date and a.status <> 'cancelled'
       ${episodeId ? sql`and a.episode_id = ${episodeId}` : sql``}
     group by a.episode_id`;
}

/** The sessions in start order (SQL aggregates them unordered: a sort per episode there cost more than the rest). */
function unpack(packed: PackedSession[] | null): LedgerSessionRow[] {
  return [...(packed ?? [])].sort((a, b) => a[0] - b[0]).map(([startsMs, endsMs, cancelled, status, minutes, sessionId, kind, breakMinutes, guest]) => ({
    sessionId,
    startsAt: new Date(startsMs).toISOString(),
    endsAt: new Date(endsMs).toISOString(),
    cancelled,
    attendance: status === null ? null : { status, minutesAttended: minutes ?? 0 },
    counts: SESSION_KIND_COUNTS[kind],
    breakMinutes,
    // A guest at another track's session (a make-up): its hours count, but it is not part of the track's offer.
    ...(guest ? { makeUp: true } : {}),
  }));
}

/** The hours a program required from a date on (program_hours), oldest first. */
export interface HoursInForce {
  effectiveFrom: string;
  minWeeklyMinutes: number;
  maxWeeklyMinutes: number | null;
  perDiemMinMinutes: number;
}

/**
 * Expected sessions packed as PackedSession and aggregated, in no order (unpack sorts them); s: session, a: the mark.
 * Instants as epoch milliseconds through date_part (double precision): extract() computes in numeric, which cost a
 * census of thousands more than building the JSON.
 */
const packedSessionsAgg = sql`json_agg(json_build_array(
             round(date_part('epoch', s.starts_at) * 1000), round(date_part('epoch', s.ends_at) * 1000),
             s.status = 'cancelled', a.status, a.minutes_attended, s.id, s.kind, s.break_minutes, x.guest))`;

/** The aggregate of an episode's expected sessions between two local dates (inclusive), with marks; `[]` when none. */
function expectedSessionsSql(from: string, to: string): SQL {
  return sql`coalesce((
    select ${packedSessionsAgg}
      from trellis_expected_attendance x
      join session s on s.org_id = x.org_id and s.id = x.session_id
      left join attendance a on a.org_id = s.org_id and a.session_id = s.id and a.participant_id = ${episode.participantId}
     where x.org_id = ${episode.orgId} and x.episode_id = ${episode.id}
       and x.local_date between ${from}::date and ${to}::date
  ), '[]'::json)`;
}

/**
 * The same aggregate for every episode of an organisation at once, as rows (episode_id, sessions): one pass over the
 * week's expected sessions, instead of a lookup per episode (for a census of thousands).
 */
function expectedSessionsByEpisodeSql(orgId: string, from: string, to: string): SQL {
  return sql`
    select x.episode_id, ${packedSessionsAgg} as sessions
      from trellis_expected_attendance x
      join session s on s.org_id = x.org_id and s.id = x.session_id
      left join attendance a on a.org_id = s.org_id and a.session_id = s.id and a.participant_id = x.participant_id
     where x.org_id = ${orgId} and x.local_date between ${from}::date and ${to}::date
     group by x.episode_id`;
}

/** A program's hours history (program_hours) packed for toLedgerEpisode, oldest first; pr: the program. */
const hoursAgg = sql`json_agg(json_build_array(h.effective_from::text, h.min_weekly_minutes, h.max_weekly_minutes, h.per_diem_min_minutes)
                            order by h.effective_from)`;

/** An episode's signed plan versions packed for toLedgerEpisode: [number, governs from, weekly minutes]; v: the version. */
const plansAgg = sql`json_agg(json_build_array(v.number, greatest(v.effective_on, v.signed_on)::text, v.weekly_minutes))`;

export interface LedgerEpisode {
  episodeId: string;
  participantId: string;
  displayName: string;
  programId: string;
  programName: string;
  timeZone: string;
  minWeeklyMinutes: number;
  maxWeeklyMinutes: number | null;
  perDiemMinMinutes: number;
  admittedOn: string;
  dischargedOn: string | null;
  primaryClinicianId: string | null;
  primaryClinicianName: string | null;
  trackId: string | null;
  trackName: string | null;
  sessions: LedgerSessionRow[];
  /** The program's hours history, oldest first; a week is judged by the row in force on its Monday. */
  hours: HoursInForce[];
  /** The signed treatment plans' prescriptions: each becomes the weekly requirement from the week it governs. */
  plans: PlanPrescription[];
}

/**
 * Episodes with everything their ledger needs. `week` set: the expected sessions and the hours history come from
 * per-organisation aggregates joined in (the census); otherwise each is looked up for its episode (one ledger).
 */
function episodeSelect(from: string, to: string, asOf: string = to, week?: { orgId: string }): SQL {
  const sessions = week ? sql`coalesce(wk.sessions, '[]'::json)` : expectedSessionsSql(from, to);
  const appointments = week
    ? sql`coalesce(ap.appointments, '[]'::json)`
    : sql`coalesce((select ea.appointments from (${appointmentsByEpisodeSql(sql`${episode.orgId}`, from, to, sql`${episode.id}`)}) ea), '[]'::json)`;
  const hours = week ? sql`hrs.hours` : sql`(select ${hoursAgg} from program_hours h where h.org_id = pr.org_id and h.program_id = pr.id)`;
  // The track a participant is on as of `asOf`: looked up per episode for one ledger; for the census, every episode's
  // at once in one pass over the organisation's memberships (2,000 index probes and sorts cost more than the pass).
  const current = week
    ? sql`left join (
        select distinct on (m.episode_id) m.episode_id, m.track_id, t.name as track_name
          from track_membership m
          join track t on t.org_id = m.org_id and t.id = m.track_id
         where m.org_id = ${week.orgId} and m.from_date <= ${asOf}::date
         order by m.episode_id, m.from_date desc) cur on cur.episode_id = ${episode.id}`
    : sql`left join lateral (
        select m.track_id, (select t.name from track t where t.org_id = m.org_id and t.id = m.track_id) as track_name
          from track_membership m
         where m.org_id = ${episode.orgId} and m.episode_id = ${episode.id} and m.from_date <= ${asOf}::date
         order by m.from_date desc
         limit 1) cur on true`;
  const plans = week
    ? sql`pl.plans`
    : sql`(select ${plansAgg} from treatment_plan_version v
            where v.org_id = ${episode.orgId} and v.episode_id = ${episode.id} and v.status = 'signed')`;
  const joins = week
    ? sql`
      left join (${expectedSessionsByEpisodeSql(week.orgId, from, to)}) wk on wk.episode_id = ${episode.id}
      left join (${appointmentsByEpisodeSql(week.orgId, from, to)}) ap on ap.episode_id = ${episode.id}
      left join (select h.program_id, ${hoursAgg} as hours from program_hours h where h.org_id = ${week.orgId} group by h.program_id) hrs
        on hrs.program_id = pr.id
      left join (select v.episode_id, ${plansAgg} as plans from treatment_plan_version v
                  where v.org_id = ${week.orgId} and v.status = 'signed' group by v.episode_id) pl
        on pl.episode_id = ${episode.id}`
    : sql``;
  return sql`
    select ${episode.id} as episode_id, ${episode.participantId} as participant_id,
           coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as display_name,
           ${episode.programId} as program_id, pr.name as program_name, st.time_zone,
           pr.min_weekly_minutes, pr.max_weekly_minutes, pr.per_diem_min_minutes,
           ${episode.admittedOn}::text as admitted_on, ${episode.dischargedOn}::text as discharged_on,
           ${episode.primaryClinicianId} as primary_clinician_id, u.name as primary_clinician_name,
           cur.track_id, cur.track_name,
           ${sessions} as sessions,
           ${appointments} as appointments,
           ${hours} as hours,
           ${plans} as plans
      from ${episode}
      join participant p on p.org_id = ${episode.orgId} and p.id = ${episode.participantId}
      join program pr on pr.org_id = ${episode.orgId} and pr.id = ${episode.programId}
      join site st on st.org_id = pr.org_id and st.id = pr.site_id
      left join app_user u on u.org_id = ${episode.orgId} and u.id = ${episode.primaryClinicianId}
      ${current}${joins}`;
}

function toLedgerEpisode(r: Record<string, unknown>): LedgerEpisode {
  const sessions = unpack(r.sessions as PackedSession[] | null);
  const appointments = unpackAppointments(r.appointments as PackedAppointment[] | null);
  return {
    episodeId: String(r.episode_id),
    participantId: String(r.participant_id),
    displayName: String(r.display_name),
    programId: String(r.program_id),
    programName: String(r.program_name),
    timeZone: String(r.time_zone),
    minWeeklyMinutes: Number(r.min_weekly_minutes),
    maxWeeklyMinutes: r.max_weekly_minutes === null ? null : Number(r.max_weekly_minutes),
    perDiemMinMinutes: Number(r.per_diem_min_minutes),
    admittedOn: String(r.admitted_on),
    dischargedOn: (r.discharged_on as string | null) ?? null,
    primaryClinicianId: (r.primary_clinician_id as string | null) ?? null,
    primaryClinicianName: (r.primary_clinician_name as string | null) ?? null,
    trackId: (r.track_id as string | null) ?? null,
    trackName: (r.track_name as string | null) ?? null,
    // Most weeks have no appointments: only a week that has them pays for a second sort.
    sessions: appointments.length === 0 ? sessions : [...sessions, ...appointments].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    hours: ((r.hours as [string, number, number | null, number][] | null) ?? []).map(([effectiveFrom, min, max, perDiem]) => ({
      effectiveFrom,
      minWeeklyMinutes: min,
      maxWeeklyMinutes: max,
      perDiemMinMinutes: perDiem,
    })),
    plans: ((r.plans as [number, string, number][] | null) ?? []).map(([number, fromDate, weeklyMinutes]) => ({ number, fromDate, weeklyMinutes })),
  };
}

export interface CensusFilter {
  orgId: string;
  monday: string;
  sunday: string;
  /** The date whose track membership is shown as the participant's track. */
  asOf: string;
  programId?: string | undefined;
  trackId?: string | undefined;
  clinicianId?: string | undefined;
  /** The actor's visibility condition on episode.participant_id, or undefined for everyone. */
  visibility: SQL | undefined;
}

/** Every episode open on some day of the week, with the week's expected sessions and marks: one statement. */
export async function censusEpisodes(db: DbOrTx, f: CensusFilter): Promise<LedgerEpisode[]> {
  const where: SQL[] = [
    sql`${episode.orgId} = ${f.orgId}`,
    // Everyone in the program during the week, including those discharged since (or within it).
    sql`${episode.admittedOn} <= ${f.sunday}::date`,
    sql`(${episode.dischargedOn} is null or ${episode.dischargedOn} >= ${f.monday}::date)`,
  ];
  if (f.programId) where.push(sql`${episode.programId} = ${f.programId}`);
  if (f.clinicianId) where.push(sql`${episode.primaryClinicianId} = ${f.clinicianId}`);
  if (f.trackId) {
    where.push(sql`exists (select 1 from track_membership tm
      where tm.org_id = ${episode.orgId} and tm.episode_id = ${episode.id} and tm.track_id = ${f.trackId}
        and tm.from_date <= ${f.sunday}::date and (tm.to_date is null or tm.to_date >= ${f.monday}::date))`);
  }
  if (f.visibility) where.push(f.visibility);
  const result = await db.execute(sql`
    ${episodeSelect(f.monday, f.sunday, f.asOf, { orgId: f.orgId })}
     where ${sql.join(where, sql` and `)}
     order by p.family_name, p.given_name, p.id`);
  return rowsOf<Record<string, unknown>>(result).map(toLedgerEpisode);
}

export interface EpisodeSpan {
  id: string;
  admittedOn: string;
  dischargedOn: string | null;
  timeZone: string;
}

/** The participant's current episode (the active one, else the latest admitted), or null if never admitted. */
export async function currentEpisode(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  visible: SQL = sql`true`,
): Promise<EpisodeSpan | null> {
  const result = await db.execute(sql`
    select e.id, e.admitted_on::text as admitted_on, e.discharged_on::text as discharged_on, st.time_zone
      from episode e
      join program pr on pr.org_id = e.org_id and pr.id = e.program_id
      join site st on st.org_id = pr.org_id and st.id = pr.site_id
     where e.org_id = ${orgId} and e.participant_id = ${participantId} and ${visible}
     order by (e.status = 'active') desc, e.admitted_on desc, e.created_at desc
     limit 1`);
  const [row] = rowsOf<{ id: string; admitted_on: string; discharged_on: string | null; time_zone: string }>(result);
  return row
    ? { id: row.id, admittedOn: row.admitted_on, dischargedOn: row.discharged_on, timeZone: row.time_zone }
    : null;
}

/** One episode with its expected sessions and marks between two local dates. */
export async function ledgerEpisode(
  db: DbOrTx,
  orgId: string,
  episodeId: string,
  from: string,
  to: string,
): Promise<LedgerEpisode | null> {
  const result = await db.execute(sql`
    ${episodeSelect(from, to)}
     where ${episode.orgId} = ${orgId} and ${episode.id} = ${episodeId}`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  return row ? toLedgerEpisode(row) : null;
}

/** What an episode's required services are read from: its program's setting, its latest signed plan, its appointments. */
export interface EpisodeServiceInputs {
  programSetting: unknown;
  planContent: unknown;
  appointments: { kind: AppointmentKind; localDate: string; status: AppointmentStatus }[];
}

/** One query: the program's required-services setting, the latest signed plan's content, and the participant's appointments since a date. */
export async function episodeServiceInputs(db: DbOrTx, orgId: string, episodeId: string, since: string): Promise<EpisodeServiceInputs | null> {
  return (await episodesServiceInputs(db, orgId, [episodeId], since)).get(episodeId) ?? null;
}

/** `episodeServiceInputs` for many episodes (the census's) in one query, keyed by episode. */
export async function episodesServiceInputs(db: DbOrTx, orgId: string, episodeIds: readonly string[], since: string): Promise<Map<string, EpisodeServiceInputs>> {
  if (episodeIds.length === 0) return new Map();
  const rows = rowsOf<{ id: string; required_services: unknown; content: unknown; appointments: [AppointmentKind, string, AppointmentStatus][] | null }>(
    await db.execute(sql`
      select e.id, pr.required_services,
             (select v.content from treatment_plan_version v
               where v.org_id = e.org_id and v.episode_id = e.id and v.status = 'signed' order by v.number desc limit 1) as content,
             (select json_agg(json_build_array(a.kind, a.local_date::text, a.status) order by a.starts_at) from appointment a
               where a.org_id = e.org_id and a.participant_id = e.participant_id and a.local_date >= ${since}::date) as appointments
        from episode e join program pr on pr.org_id = e.org_id and pr.id = e.program_id
       where e.org_id = ${orgId} and e.id = any(${`{${episodeIds.join(',')}}`}::uuid[])`),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        programSetting: row.required_services,
        planContent: row.content,
        appointments: (row.appointments ?? []).map(([kind, localDate, status]) => ({ kind, localDate, status })),
      },
    ]),
  );
}
