/**
 * The roll's queries. A session's expected roster is the roster rule, trellis_session_roster (core `isExpectedAt`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AttendanceStatus, SessionKind } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { rowsOf } from '../participants/list-query.ts';
import type { StatementRunner } from '../../audit/audit.ts';
import type { ReadAlong } from '../../auth/session-check.ts';

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
  coFacilitators: { id: string; name: string }[];
  roomId: string | null;
  roomName: string | null;
  capacity: number;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  oneOff: boolean;
  /** Whether the given staff member facilitates or co-facilitates the session (trellis_session_facilitators). */
  runsSession: boolean;
  /** Whether the given staff member works in the session's program (staff_program). */
  staffInProgram: boolean;
  /** Whether the session's program is a 42 CFR Part 2 program. */
  programPart2: boolean;
}

const iso = (epochMs: unknown) => new Date(Number(epochMs)).toISOString();

/** A session with its track, program, site zone, facilitator and room names; and whether `userId` works in its program. */
export async function findSession(
  db: DbOrTx,
  orgId: string,
  sessionId: string,
  userId: string,
): Promise<SessionRow | null> {
  const result = await db.execute(sql`
    select s.id, s.track_id, t.name as track_name, s.program_id, p.name as program_name, s.site_id, st.time_zone,
           s.title, s.kind, s.local_date::text as local_date,
           (extract(epoch from s.starts_at) * 1000)::float8 as starts_ms, (extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
           s.facilitator_id, u.name as facilitator_name,
           trellis_session_co_facilitators(s.org_id, s.id) as co_facilitators,
           s.room_id, r.name as room_name, s.capacity, s.status, s.cancel_reason, s.one_off,
           exists (select 1 from trellis_session_facilitators f
                    where f.org_id = s.org_id and f.session_id = s.id and f.user_id = ${userId}) as runs_session,
           exists (select 1 from staff_program sp
                    where sp.org_id = s.org_id and sp.user_id = ${userId} and sp.program_id = s.program_id) as staff_in_program,
           p.part2 as program_part2
      from session s
      join track t on t.org_id = s.org_id and t.id = s.track_id
      join program p on p.org_id = s.org_id and p.id = s.program_id
      join site st on st.org_id = s.org_id and st.id = s.site_id
      left join app_user u on u.org_id = s.org_id and u.id = s.facilitator_id
      left join room r on r.org_id = s.org_id and r.id = s.room_id
     where s.org_id = ${orgId} and s.id = ${sessionId}`);
  const [r] = rowsOf<Record<string, unknown>>(result);
  return r ? sessionFromRow(r) : null;
}

function sessionFromRow(r: Record<string, unknown>): SessionRow {
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
    coFacilitators: (r.co_facilitators as { id: string; name: string }[] | null) ?? [],
    roomId: (r.room_id as string | null) ?? null,
    roomName: (r.room_name as string | null) ?? null,
    capacity: Number(r.capacity),
    status: r.status as SessionRow['status'],
    cancelReason: (r.cancel_reason as string | null) ?? null,
    oneOff: Boolean(r.one_off),
    runsSession: Boolean(r.runs_session),
    staffInProgram: Boolean(r.staff_in_program),
    programPart2: Boolean(r.program_part2),
  };
}

/** The expected roster of a session (one row per participant, the latest-admitted episode if two meet on that day). */
function rosterSql(orgId: string, session: Pick<SessionRow, 'id'>): SQL {
  return sql`select participant_id, episode_id from trellis_session_roster(${orgId}, ${session.id})`;
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

// ---- Writing a roll: two named statements, prepared once per connection (roll-write.ts writes) ----

/** What a roll write needs of its session: whether it may be taken, by whom, and when it runs. */
export interface RollWriteSession {
  id: string;
  status: SessionRow['status'];
  startsAt: string;
  endsAt: string;
  facilitatorId: string | null;
  runsSession: boolean;
  staffInProgram: boolean;
  programPart2: boolean;
  /** How many participants the roster rule expects at it. */
  expectedCount: number;
  /** How many marks it has (including anyone marked who is no longer expected). */
  recordedCount: number;
}

/** Where one participant the request marks stands on the roll before the write. */
export interface RollWriteMark {
  participantId: string;
  /** The episode the roster rule expects them under; null when they are not expected at this session. */
  episodeId: string | null;
  /** Their mark on this session, if one was recorded. */
  attendanceId: string | null;
  status: AttendanceStatus | null;
  lateMinutes: number;
  leftEarlyMinutes: number;
  minutesAttended: number;
  version: number | null;
}

export interface OpenedRollWrite {
  /** The answer stored under this Idempotency-Key within the last 24 hours, if any. */
  stored: { userId: string; route: string; requestHash: string; response: unknown } | null;
  /** The session with whether the actor works in its program and its roll's counts; null when unknown here. */
  session: RollWriteSession | null;
  /** The participants the request marks, by id (only those the roster rule expects or who have a mark). */
  marks: Map<string, RollWriteMark>;
}

/** Where the roll write's reading statement takes its values from: parameters, or the session check's row (`who`). */
interface OpenValues {
  org: string;
  session: string;
  user: string;
  key: string;
  since: string;
  /** The participants asked about (a uuid[]), or null for everyone on the roll. */
  participants: string | null;
}

const openRollWriteSql = (v: OpenValues) => `
  with ses as (
    select s.id, s.org_id, s.status, s.facilitator_id, p.part2 as program_part2,
           (extract(epoch from s.starts_at) * 1000)::float8 as starts_ms, (extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
           exists (select 1 from trellis_session_facilitators f
                    where f.org_id = s.org_id and f.session_id = s.id and f.user_id = ${v.user}) as runs_session,
           exists (select 1 from staff_program sp
                    where sp.org_id = s.org_id and sp.user_id = ${v.user} and sp.program_id = s.program_id) as staff_in_program
      from session s
      join program p on p.org_id = s.org_id and p.id = s.program_id
     where s.org_id = ${v.org} and s.id = ${v.session}
  ),
  roster as (select r.participant_id, r.episode_id from ses, trellis_session_roster(ses.org_id, ses.id) r),
  asked as (
    select r.participant_id, r.episode_id, a.id as attendance_id, a.status, a.late_minutes, a.left_early_minutes,
           a.minutes_attended, a.version
      from roster r
      full join (select a.* from ses join attendance a on a.org_id = ses.org_id and a.session_id = ses.id
                  ${v.participants ? `where a.participant_id = any(${v.participants})` : ''}) a on a.participant_id = r.participant_id
     ${v.participants ? `where coalesce(r.participant_id, a.participant_id) = any(${v.participants})` : ''}
  )
  select (select json_build_object('userId', user_id, 'route', route, 'requestHash', request_hash, 'response', response)
            from idempotency_key where org_id = ${v.org} and key = ${v.key} and created_at > ${v.since}) as stored,
         ses.id, ses.status, ses.starts_ms, ses.ends_ms, ses.facilitator_id, ses.runs_session, ses.staff_in_program, ses.program_part2,
         (select count(*) from roster)::int as expected_count,
         ${
           // Asked about everyone, the roll's marks are all among those asked: counted there, not read a second time.
           v.participants
             ? '(select count(*) from ses join attendance a on a.org_id = ses.org_id and a.session_id = ses.id)'
             : '(select count(*) from asked where asked.attendance_id is not null)'
         }::int as recorded_count,
         (select coalesce(json_agg(json_build_object(
                    'participantId', asked.participant_id, 'episodeId', asked.episode_id, 'attendanceId', asked.attendance_id,
                    'status', asked.status, 'lateMinutes', coalesce(asked.late_minutes, 0),
                    'leftEarlyMinutes', coalesce(asked.left_early_minutes, 0), 'minutesAttended', coalesce(asked.minutes_attended, 0),
                    'version', asked.version)), '[]'::json)
            from asked) as marks
    from (select 1) one
    left join ses on true`;

const OPEN_ROLL_WRITE = openRollWriteSql({
  org: '$1::uuid',
  session: '$2::uuid',
  user: '$3::text',
  key: '$4::text',
  since: '$5::timestamptz',
  participants: '$6::uuid[]',
});

/**
 * The same read, made along the session check (one round trip for both) for the signed-in user, of everyone on the
 * roll: the route asks for it before the body is read. `openedRollWrite` reads its row.
 */
export function openRollWriteAlong(args: {
  sessionId: string;
  idempotencyKey: string | null;
  storedSince: Date;
}): ReadAlong {
  return {
    name: 'trellis_session_check_roll_write_open',
    sql: OPEN_ROLL_WRITE_ALONG,
    params: [args.sessionId, args.idempotencyKey, args.storedSince.toISOString()],
  };
}

const OPEN_ROLL_WRITE_ALONG = openRollWriteSql({
  org: 'who.org_id',
  session: '$2::uuid',
  user: 'who.user_id',
  key: '$3::text',
  since: '$4::timestamptz',
  participants: null,
});

/**
 * The first statement of a roll write: reads the answer stored under the Idempotency-Key (if any, and not expired),
 * the session with whether the actor works in its program and its roll's counts, and where each participant the
 * request marks stands: the episode the roster rule (trellis_session_roster) expects them under, and their mark. It
 * runs on its own; the write that follows re-checks what it relies on (roll-write.ts).
 */
export async function openRollWrite(
  tx: StatementRunner,
  args: {
    orgId: string;
    sessionId: string;
    userId: string;
    idempotencyKey: string | null;
    storedSince: Date;
    participantIds: readonly string[];
  },
): Promise<OpenedRollWrite> {
  const { orgId, sessionId, userId, idempotencyKey, storedSince, participantIds } = args;
  const [r] = await tx.query('trellis_roll_write_open', OPEN_ROLL_WRITE, [
    orgId,
    sessionId,
    userId,
    idempotencyKey,
    storedSince.toISOString(),
    participantIds,
  ]);
  if (!r) throw new Error('the roll write opened no row');
  return openedRollWrite(r);
}

/** What the roll write's reading statement answered (made on its own, or along the session check). */
export function openedRollWrite(r: Record<string, unknown>): OpenedRollWrite {
  const session: RollWriteSession | null =
    r.id === null || r.id === undefined
      ? null
      : {
          id: r.id as string,
          status: r.status as SessionRow['status'],
          startsAt: iso(r.starts_ms),
          endsAt: iso(r.ends_ms),
          facilitatorId: (r.facilitator_id as string | null) ?? null,
          runsSession: Boolean(r.runs_session),
          staffInProgram: Boolean(r.staff_in_program),
          programPart2: Boolean(r.program_part2),
          expectedCount: Number(r.expected_count),
          recordedCount: Number(r.recorded_count),
        };
  const marks = new Map<string, RollWriteMark>();
  for (const e of r.marks as Record<string, unknown>[]) {
    const participantId = String(e.participantId);
    marks.set(participantId, {
      participantId,
      episodeId: (e.episodeId as string | null) ?? null,
      attendanceId: (e.attendanceId as string | null) ?? null,
      status: (e.status as AttendanceStatus | null) ?? null,
      lateMinutes: Number(e.lateMinutes),
      leftEarlyMinutes: Number(e.leftEarlyMinutes),
      minutesAttended: Number(e.minutesAttended),
      version: e.version === null || e.version === undefined ? null : Number(e.version),
    });
  }
  return { stored: (r.stored as OpenedRollWrite['stored']) ?? null, session, marks };
}
