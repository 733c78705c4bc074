/**
 * The roll's queries. A session's expected roster is the participants whose track membership on the session's track
 * covers its local date and whose episode is open on that date.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AttendanceStatus, SessionKind } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { attendance } from '../../db/schema.ts';
import { rowsOf } from '../participants/list-query.ts';

export interface SessionRow {
  id: string;
  trackId: string;
  trackName: string;
  programId: string;
  programName: string;
  siteId: string;
  timeZone: string;
  title: string;
  kind: SessionKind;
  localDate: string;
  startsAt: string;
  endsAt: string;
  facilitatorId: string | null;
  facilitatorName: string | null;
  roomId: string | null;
  roomName: string | null;
  capacity: number;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  oneOff: boolean;
  /** Whether the given staff member works in the session's program (staff_program). */
  staffInProgram: boolean;
}

const iso = (epochMs: unknown) => new Date(Number(epochMs)).toISOString();

/** A session with its track, program, site zone, facilitator and room names; and whether `userId` works in its program. */
export async function findSession(
  db: DbOrTx,
  orgId: string,
  sessionId: string,
  userId: string,
  options: { lockForRoll?: boolean } = {},
): Promise<SessionRow | null> {
  // Writing a roll holds a share lock on the session, so a cancellation (which takes FOR UPDATE) cannot interleave.
  const lock = options.lockForRoll ? sql` for share of s` : sql``;
  const result = await db.execute(sql`
    select s.id, s.track_id, t.name as track_name, s.program_id, p.name as program_name, s.site_id, st.time_zone,
           s.title, s.kind, s.local_date::text as local_date,
           (extract(epoch from s.starts_at) * 1000)::float8 as starts_ms, (extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
           s.facilitator_id, u.name as facilitator_name, s.room_id, r.name as room_name, s.capacity, s.status, s.cancel_reason, s.one_off,
           exists (select 1 from staff_program sp
                    where sp.org_id = s.org_id and sp.user_id = ${userId} and sp.program_id = s.program_id) as staff_in_program
      from session s
      join track t on t.org_id = s.org_id and t.id = s.track_id
      join program p on p.org_id = s.org_id and p.id = s.program_id
      join site st on st.org_id = s.org_id and st.id = s.site_id
      left join app_user u on u.org_id = s.org_id and u.id = s.facilitator_id
      left join room r on r.org_id = s.org_id and r.id = s.room_id
     where s.org_id = ${orgId} and s.id = ${sessionId}${lock}`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  if (!r) return null;
  return {
    id: String(r.id),
    trackId: String(r.track_id),
    trackName: String(r.track_name),
    programId: String(r.program_id),
    programName: String(r.program_name),
    siteId: String(r.site_id),
    timeZone: String(r.time_zone),
    title: String(r.title),
    kind: r.kind as SessionKind,
    localDate: String(r.local_date),
    startsAt: iso(r.starts_ms),
    endsAt: iso(r.ends_ms),
    facilitatorId: (r.facilitator_id as string | null) ?? null,
    facilitatorName: (r.facilitator_name as string | null) ?? null,
    roomId: (r.room_id as string | null) ?? null,
    roomName: (r.room_name as string | null) ?? null,
    capacity: Number(r.capacity),
    status: r.status as SessionRow['status'],
    cancelReason: (r.cancel_reason as string | null) ?? null,
    oneOff: Boolean(r.one_off),
    staffInProgram: Boolean(r.staff_in_program),
  };
}

/** The expected roster of a session (one row per participant, the latest-admitted episode if two meet on that day). */
function rosterSql(
  orgId: string,
  session: Pick<SessionRow, 'trackId' | 'localDate'>,
  participantIds?: readonly string[],
): SQL {
  const only =
    participantIds === undefined
      ? sql``
      : sql`and m.participant_id in (${sql.join(
          participantIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  return sql`
    select distinct on (m.participant_id) m.participant_id, m.episode_id
      from track_membership m
      join episode e on e.org_id = m.org_id and e.id = m.episode_id
     where m.org_id = ${orgId} and m.track_id = ${session.trackId}
       and m.from_date <= ${session.localDate} and (m.to_date is null or m.to_date >= ${session.localDate})
       and e.admitted_on <= ${session.localDate} and (e.discharged_on is null or e.discharged_on >= ${session.localDate})
       ${only}
     order by m.participant_id, e.admitted_on desc`;
}

export interface RollRow {
  participantId: string;
  displayName: string;
  onRoster: boolean;
  status: AttendanceStatus | null;
  lateMinutes: number;
  leftEarlyMinutes: number;
  minutesAttended: number;
  version: number | null;
}

/** The roster with any marks taken, plus anyone marked who is no longer expected (e.g. after a backdated move). */
export async function rollRows(db: DbOrTx, orgId: string, session: SessionRow): Promise<RollRow[]> {
  const result = await db.execute(sql`
    with roster as (${rosterSql(orgId, session)}),
         marks as (select * from attendance a where a.org_id = ${orgId} and a.session_id = ${session.id})
    select p.id as participant_id,
           coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as display_name,
           (r.participant_id is not null) as on_roster,
           a.status, a.late_minutes, a.left_early_minutes, a.minutes_attended, a.version
      from roster r
      full join marks a on a.participant_id = r.participant_id
      join participant p on p.org_id = ${orgId} and p.id = coalesce(r.participant_id, a.participant_id)
     order by p.family_name, p.given_name, p.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    participantId: String(r.participant_id),
    displayName: String(r.display_name),
    onRoster: Boolean(r.on_roster),
    status: (r.status as AttendanceStatus | null) ?? null,
    lateMinutes: Number(r.late_minutes ?? 0),
    leftEarlyMinutes: Number(r.left_early_minutes ?? 0),
    minutesAttended: Number(r.minutes_attended ?? 0),
    version: r.version === null || r.version === undefined ? null : Number(r.version),
  }));
}

export interface RosterMatch {
  participantId: string;
  episodeId: string;
  status: AttendanceStatus | null;
  lateMinutes: number;
  leftEarlyMinutes: number;
}

/** Which of these participants are on the session's roster, with the mark already recorded for each. */
export async function rosterMatches(
  db: DbOrTx,
  orgId: string,
  session: SessionRow,
  participantIds: readonly string[],
): Promise<RosterMatch[]> {
  const result = await db.execute(sql`
    select r.participant_id, r.episode_id, a.status, a.late_minutes, a.left_early_minutes
      from (${rosterSql(orgId, session, participantIds)}) r
      left join attendance a on a.org_id = ${orgId} and a.session_id = ${session.id} and a.participant_id = r.participant_id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    participantId: String(r.participant_id),
    episodeId: String(r.episode_id),
    status: (r.status as AttendanceStatus | null) ?? null,
    lateMinutes: Number(r.late_minutes ?? 0),
    leftEarlyMinutes: Number(r.left_early_minutes ?? 0),
  }));
}

export interface MarkToSave {
  participantId: string;
  episodeId: string;
  status: AttendanceStatus;
  lateMinutes: number;
  leftEarlyMinutes: number;
  minutesAttended: number;
}

/** Inserts or replaces marks, one row per (organisation, session, participant); a replaced mark's version goes up. */
export async function upsertMarks(
  db: DbOrTx,
  orgId: string,
  sessionId: string,
  recordedBy: string,
  marks: readonly MarkToSave[],
) {
  if (marks.length === 0) return [];
  return db
    .insert(attendance)
    .values(marks.map((m) => ({ orgId, sessionId, recordedBy, ...m })))
    .onConflictDoUpdate({
      target: [attendance.orgId, attendance.sessionId, attendance.participantId],
      set: {
        episodeId: sql`excluded.episode_id`,
        status: sql`excluded.status`,
        lateMinutes: sql`excluded.late_minutes`,
        leftEarlyMinutes: sql`excluded.left_early_minutes`,
        minutesAttended: sql`excluded.minutes_attended`,
        recordedBy: sql`excluded.recorded_by`,
        version: sql`${attendance.version} + 1`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: attendance.id, participantId: attendance.participantId });
}
