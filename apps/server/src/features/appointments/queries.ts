/**
 * Calendars for booking: what holds a clinician's, a participant's or a room's time (appointments and group sessions),
 * working hours and unavailability, and appointment rows. One shape of busy item for all of them, so the slot finder
 * and the clash check read the same calendars.
 */
import { sql, type SQL } from 'drizzle-orm';
import { APPOINTMENT_HOLDING_STATUSES, type AppointmentKind, type AppointmentStatus } from '@trellis/core';
import { groupedBy, rowsOf, type DbOrTx } from '../../db/index.ts';

export interface BusyItem {
  source: 'appointment' | 'session';
  id: string;
  start: number;
  end: number;
  /** A session's title, or an appointment's kind. */
  title: string;
}

export interface Window {
  start: string;
  end: string;
}

const HOLDING = sql.raw(APPOINTMENT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', '));

/** Local dates that can hold a window's sessions in any zone (a day either side of the UTC dates). */
function dateBounds(w: Window): SQL {
  return sql`between (${w.start}::timestamptz at time zone 'UTC')::date - 1 and (${w.end}::timestamptz at time zone 'UTC')::date + 1`;
}

function toBusy(rows: { source: string; id: string; starts_at: string | Date; ends_at: string | Date; title: string }[]): BusyItem[] {
  return rows
    .map((r) => ({
      source: r.source as BusyItem['source'],
      id: r.id,
      start: new Date(r.starts_at).getTime(),
      end: new Date(r.ends_at).getTime(),
      title: r.title,
    }))
    .sort((a, b) => a.start - b.start);
}

export type CalendarOf = { clinicianId: string } | { participantId: string } | { roomId: string };
/** Whose calendars to read at once: clinicians, participants or rooms. */
export type CalendarsOf = { clinicianIds: readonly string[] } | { participantIds: readonly string[] } | { roomIds: readonly string[] };

/**
 * Everything holding one person's or room's time within a window: appointments that hold it (booked or attended) and
 * group sessions not cancelled — a clinician's as facilitator or co-facilitator (trellis_session_facilitators), a participant's as one expected there (the roster rule,
 * trellis_expected_attendance), a room's as its place. `exceptId` leaves out an appointment being moved.
 */
export async function calendar(db: DbOrTx, orgId: string, of: CalendarOf, w: Window, exceptId: string | null = null): Promise<BusyItem[]> {
  const [many, id] =
    'clinicianId' in of
      ? [{ clinicianIds: [of.clinicianId] }, of.clinicianId]
      : 'participantId' in of
        ? [{ participantIds: [of.participantId] }, of.participantId]
        : [{ roomIds: [of.roomId] }, of.roomId];
  return (await calendars(db, orgId, many, w, exceptId)).get(id) ?? [];
}

/** Many people's or rooms' calendars (as `calendar` reads one) in one query, keyed by id; an id with nothing busy is absent. */
export async function calendars(db: DbOrTx, orgId: string, of: CalendarsOf, w: Window, exceptId: string | null = null): Promise<Map<string, BusyItem[]>> {
  const ids = 'clinicianIds' in of ? of.clinicianIds : 'participantIds' in of ? of.participantIds : of.roomIds;
  if (ids.length === 0) return new Map();
  const list = `{${ids.join(',')}}`;
  const overlaps = (alias: string) => sql`${sql.raw(alias)}.starts_at < ${w.end}::timestamptz and ${sql.raw(alias)}.ends_at > ${w.start}::timestamptz`;
  const appointmentOwner =
    'clinicianIds' in of
      ? sql`a.clinician_id as owner from appointment a where a.clinician_id = any(${list}::text[])`
      : 'participantIds' in of
        ? sql`a.participant_id::text as owner from appointment a where a.participant_id = any(${list}::uuid[])`
        : sql`a.room_id::text as owner from appointment a where a.room_id = any(${list}::uuid[])`;
  const sessions =
    'participantIds' in of
      ? sql`select 'session' as source, s.id, s.starts_at, s.ends_at, s.title, x.participant_id::text as owner
              from trellis_expected_attendance x
              join session s on s.org_id = x.org_id and s.id = x.session_id
             where x.org_id = ${orgId} and x.participant_id = any(${list}::uuid[]) and x.local_date ${dateBounds(w)}
               and s.status <> 'cancelled' and ${overlaps('s')}`
      : 'clinicianIds' in of
        ? sql`select 'session' as source, s.id, s.starts_at, s.ends_at, s.title, f.user_id as owner
                from trellis_session_facilitators f
                join session s on s.org_id = f.org_id and s.id = f.session_id
               where f.org_id = ${orgId} and f.user_id = any(${list}::text[])
                 and s.local_date ${dateBounds(w)} and s.status <> 'cancelled' and ${overlaps('s')}`
        : sql`select 'session' as source, s.id, s.starts_at, s.ends_at, s.title, s.room_id::text as owner
                from session s
               where s.org_id = ${orgId} and s.room_id = any(${list}::uuid[])
                 and s.local_date ${dateBounds(w)} and s.status <> 'cancelled' and ${overlaps('s')}`;
  const result = await db.execute(sql`
    select 'appointment' as source, a.id, a.starts_at, a.ends_at, a.kind as title, ${appointmentOwner}
       and a.org_id = ${orgId} and a.status in (${HOLDING}) and ${overlaps('a')}
       and (${exceptId}::uuid is null or a.id <> ${exceptId}::uuid)
    union all
    ${sessions}`);
  const rows = rowsOf<Parameters<typeof toBusy>[0][number] & { owner: string }>(result);
  return new Map([...groupedBy(rows, (r) => r.owner)].map(([owner, own]) => [owner, toBusy(own)]));
}

/** The participant's active episode with its program's site and the Part 2 facts access needs. */
export interface BookingEpisode {
  id: string;
  participantId: string;
  participantName: string;
  programId: string;
  part2: boolean;
  primaryClinicianId: string | null;
  siteId: string;
}

export async function activeEpisode(db: DbOrTx, orgId: string, participantId: string): Promise<BookingEpisode | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select e.id, e.participant_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as participant_name,
             e.program_id, e.part2, e.primary_clinician_id, pr.site_id
        from episode e
        join participant p on p.org_id = e.org_id and p.id = e.participant_id
        join program pr on pr.org_id = e.org_id and pr.id = e.program_id
       where e.org_id = ${orgId} and e.participant_id = ${participantId}::uuid and e.status = 'active'`),
  );
  if (!row) return null;
  return {
    id: String(row.id),
    participantId: String(row.participant_id),
    participantName: String(row.participant_name),
    programId: String(row.program_id),
    part2: Boolean(row.part2),
    primaryClinicianId: (row.primary_clinician_id as string | null) ?? null,
    siteId: String(row.site_id),
  };
}

export interface SiteRow {
  id: string;
  name: string;
  timeZone: string;
}

export async function findSite(db: DbOrTx, orgId: string, siteId: string): Promise<SiteRow | null> {
  const [row] = rowsOf<{ id: string; name: string; time_zone: string }>(
    await db.execute(sql`select id, name, time_zone from site where org_id = ${orgId} and id = ${siteId}::uuid`),
  );
  return row ? { id: row.id, name: row.name, timeZone: row.time_zone } : null;
}

export interface RoomRow {
  id: string;
  siteId: string;
  name: string;
  kind: 'physical' | 'virtual';
  active: boolean;
}

export async function siteRooms(db: DbOrTx, orgId: string, siteId: string): Promise<RoomRow[]> {
  const rows = rowsOf<{ id: string; site_id: string; name: string; kind: RoomRow['kind']; active: boolean }>(
    await db.execute(sql`select id, site_id, name, kind, active from room where org_id = ${orgId} and site_id = ${siteId}::uuid order by name, id`),
  );
  return rows.map((r) => ({ id: r.id, siteId: r.site_id, name: r.name, kind: r.kind, active: r.active }));
}

export async function findRoom(db: DbOrTx, orgId: string, roomId: string): Promise<RoomRow | null> {
  const [row] = rowsOf<{ id: string; site_id: string; name: string; kind: RoomRow['kind']; active: boolean }>(
    await db.execute(sql`select id, site_id, name, kind, active from room where org_id = ${orgId} and id = ${roomId}::uuid`),
  );
  return row ? { id: row.id, siteId: row.site_id, name: row.name, kind: row.kind, active: row.active } : null;
}

/**
 * Serialises bookings that touch the same clinician, participant or room: each key is a transaction-scoped advisory
 * lock, taken in one sorted order so two bookings can never wait on each other. After the locks, this transaction's
 * statements see every booking committed before it, so the clash check is exact; the exclusion constraints stay as
 * the last word.
 */
export async function lockCalendars(tx: DbOrTx, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`trellis:calendar:${key}`}, 0))`);
  }
}

export interface AppointmentRow {
  id: string;
  kind: AppointmentKind;
  participantId: string;
  participantName: string;
  episodeId: string;
  part2: boolean;
  programId: string;
  primaryClinicianId: string | null;
  clinicianId: string;
  clinicianName: string;
  siteId: string;
  timeZone: string;
  roomId: string | null;
  roomName: string | null;
  startsAt: string;
  endsAt: string;
  localDate: string;
  status: AppointmentStatus;
  reason: string | null;
  version: number;
}

const appointmentSelect = sql`
  select a.id, a.kind, a.participant_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as participant_name,
         a.episode_id, e.part2, e.program_id, e.primary_clinician_id, a.clinician_id, u.name as clinician_name,
         a.site_id, st.time_zone, a.room_id, r.name as room_name, a.starts_at, a.ends_at, a.local_date::text as local_date,
         a.status, a.reason, a.version
    from appointment a
    join participant p on p.org_id = a.org_id and p.id = a.participant_id
    join episode e on e.org_id = a.org_id and e.id = a.episode_id
    join app_user u on u.org_id = a.org_id and u.id = a.clinician_id
    join site st on st.org_id = a.org_id and st.id = a.site_id
    left join room r on r.org_id = a.org_id and r.id = a.room_id`;

function toAppointment(r: Record<string, unknown>): AppointmentRow {
  return {
    id: String(r.id),
    kind: r.kind as AppointmentKind,
    participantId: String(r.participant_id),
    participantName: String(r.participant_name),
    episodeId: String(r.episode_id),
    part2: Boolean(r.part2),
    programId: String(r.program_id),
    primaryClinicianId: (r.primary_clinician_id as string | null) ?? null,
    clinicianId: String(r.clinician_id),
    clinicianName: String(r.clinician_name),
    siteId: String(r.site_id),
    timeZone: String(r.time_zone),
    roomId: (r.room_id as string | null) ?? null,
    roomName: (r.room_name as string | null) ?? null,
    startsAt: new Date(r.starts_at as string).toISOString(),
    endsAt: new Date(r.ends_at as string).toISOString(),
    localDate: String(r.local_date),
    status: r.status as AppointmentStatus,
    reason: (r.reason as string | null) ?? null,
    version: Number(r.version),
  };
}

export async function findAppointment(db: DbOrTx, orgId: string, id: string): Promise<AppointmentRow | null> {
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`${appointmentSelect} where a.org_id = ${orgId} and a.id = ${id}::uuid`));
  return row ? toAppointment(row) : null;
}

/** A participant's appointments, newest first, limited to episodes `visible` lets the reader see. */
export async function participantAppointments(db: DbOrTx, orgId: string, participantId: string, visible: SQL): Promise<AppointmentRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`${appointmentSelect}
      where a.org_id = ${orgId} and a.participant_id = ${participantId}::uuid and ${visible}
      order by a.starts_at desc, a.id
      limit 200`),
  );
  return rows.map(toAppointment);
}

/** A staff member's appointments on a local date (cancelled ones left out), earliest first. */
export async function dayAppointments(db: DbOrTx, orgId: string, clinicianId: string, date: string, visible: SQL): Promise<AppointmentRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`${appointmentSelect}
      where a.org_id = ${orgId} and a.clinician_id = ${clinicianId} and a.local_date = ${date}::date and a.status <> 'cancelled' and ${visible}
      order by a.starts_at, a.id`),
  );
  return rows.map(toAppointment);
}

/** Groups a staff member runs or co-runs on a local date, earliest first. */
export async function daySessions(db: DbOrTx, orgId: string, facilitatorId: string, date: string) {
  const rows = rowsOf<{ id: string; title: string; starts_at: string; ends_at: string; room_name: string | null }>(
    await db.execute(sql`
      select s.id, s.title, s.starts_at, s.ends_at, r.name as room_name
        from trellis_session_facilitators f
        join session s on s.org_id = f.org_id and s.id = f.session_id
        left join room r on r.org_id = s.org_id and r.id = s.room_id
       where f.org_id = ${orgId} and f.user_id = ${facilitatorId} and s.local_date = ${date}::date and s.status <> 'cancelled'
       order by s.starts_at, s.id`),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), roomName: r.room_name }));
}
