/**
 * Make-up queries: a program's sessions of a week as make-up candidates (with the roster rule's count and whether the
 * participant is expected already), the participant's busy time, and the episode a booking goes under.
 */
import { sql } from 'drizzle-orm';
import { SESSION_KIND_COUNTS, unavailableTimeWithin, type Interval, type MakeUpCandidate, type SessionKind } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { participantExceptions, participantRules } from '../availability/queries.ts';
import { calendar, type BusyItem } from '../appointments/queries.ts';

export interface CandidateSession extends MakeUpCandidate {
  title: string;
  kind: SessionKind;
  trackId: string;
  trackName: string;
  programId: string;
  facilitatorId: string | null;
  facilitatorName: string | null;
  roomName: string | null;
  chosenRoster: boolean;
  timeZone: string;
}

const iso = (instant: string | Date) => new Date(instant).toISOString();

/**
 * Sessions of a program between two local dates — or one session, `sessionId` — as make-up candidates for a
 * participant. Sessions with a chosen roster are someone's own make-up and are left out of a program's list.
 */
export async function candidateSessions(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  where: { programId: string; from: string; to: string } | { sessionId: string },
): Promise<CandidateSession[]> {
  const filter =
    'sessionId' in where
      ? sql`s.id = ${where.sessionId}::uuid`
      : sql`s.program_id = ${where.programId}::uuid and s.local_date between ${where.from}::date and ${where.to}::date and not s.chosen_roster`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select s.id, s.title, s.kind, s.track_id, t.name as track_name, s.program_id, s.local_date::text as local_date,
             s.starts_at, s.ends_at, s.break_minutes, s.capacity, s.status, s.chosen_roster, s.facilitator_id,
             u.name as facilitator_name, r.name as room_name, st.time_zone,
             (select count(*)::int from trellis_session_roster(s.org_id, s.id)) as expected_count,
             exists (select 1 from trellis_expected_attendance x
                      where x.org_id = s.org_id and x.session_id = s.id and x.participant_id = ${participantId}::uuid) as already_expected
        from session s
        join track t on t.org_id = s.org_id and t.id = s.track_id
        join site st on st.org_id = s.org_id and st.id = s.site_id
        left join room r on r.org_id = s.org_id and r.id = s.room_id
        left join app_user u on u.org_id = s.org_id and u.id = s.facilitator_id
       where s.org_id = ${orgId} and ${filter}
       order by s.starts_at, s.id`),
  );
  return rows.map((r) => ({
    sessionId: String(r.id),
    title: String(r.title),
    kind: r.kind as SessionKind,
    trackId: String(r.track_id),
    trackName: String(r.track_name),
    programId: String(r.program_id),
    localDate: String(r.local_date),
    startsAt: iso(r.starts_at as string),
    endsAt: iso(r.ends_at as string),
    breakMinutes: Number(r.break_minutes ?? 0),
    capacity: Number(r.capacity),
    expectedCount: Number(r.expected_count),
    alreadyExpected: Boolean(r.already_expected),
    cancelled: r.status === 'cancelled',
    counts: SESSION_KIND_COUNTS[r.kind as SessionKind],
    chosenRoster: Boolean(r.chosen_roster),
    facilitatorId: (r.facilitator_id as string | null) ?? null,
    facilitatorName: (r.facilitator_name as string | null) ?? null,
    roomName: (r.room_name as string | null) ?? null,
    timeZone: String(r.time_zone),
  }));
}

/** What holds a participant's time within a window: their sessions and appointments (named), and their unavailability. */
export async function participantBusy(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  window: Interval,
  zone: string,
): Promise<{ items: BusyItem[]; unavailable: Interval[] }> {
  const w = { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() };
  const items = await calendar(db, orgId, { participantId }, w);
  const weekly = await participantRules(db, orgId, participantId);
  const oneOff = (await participantExceptions(db, orgId, participantId, w.start, w.end)).map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
  return { items, unavailable: unavailableTimeWithin(weekly, oneOff, zone, window) };
}

export interface MakeUpEpisode {
  id: string;
  siteId: string;
  programId: string;
  part2: boolean;
  primaryClinicianId: string | null;
  admittedOn: string;
  dischargedOn: string | null;
}

/** The columns of an episode (e) a make-up reads: its dates, and the Part 2 facts access needs. */
const EPISODE_COLUMNS = sql`e.id, e.program_id, e.part2, e.primary_clinician_id, e.admitted_on::text as admitted_on, e.discharged_on::text as discharged_on,
       (select pr.site_id from program pr where pr.org_id = e.org_id and pr.id = e.program_id) as site_id`;

/** An episode by id, or null. */
export async function findEpisode(db: DbOrTx, orgId: string, episodeId: string): Promise<MakeUpEpisode | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${EPISODE_COLUMNS} from episode e where e.org_id = ${orgId} and e.id = ${episodeId}::uuid`),
  );
  return row ? toEpisode(row) : null;
}

/** The participant's episode in a program that is open on a local date (the latest admitted), or null. */
export async function episodeOnDate(db: DbOrTx, orgId: string, participantId: string, programId: string, localDate: string): Promise<MakeUpEpisode | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${EPISODE_COLUMNS}
        from episode e
       where e.org_id = ${orgId} and e.participant_id = ${participantId}::uuid and e.program_id = ${programId}::uuid
         and e.admitted_on <= ${localDate}::date and (e.discharged_on is null or e.discharged_on >= ${localDate}::date)
       order by e.admitted_on desc
       limit 1`),
  );
  return row ? toEpisode(row) : null;
}

/** The episode a participant's guest row at a session is under, or null when they are not booked there as a guest. */
export async function guestEpisode(db: DbOrTx, orgId: string, sessionId: string, participantId: string): Promise<MakeUpEpisode | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${EPISODE_COLUMNS}
        from session_roster r
        join session s on s.org_id = r.org_id and s.id = r.session_id and not s.chosen_roster
        join episode e on e.org_id = r.org_id and e.id = r.episode_id
       where r.org_id = ${orgId} and r.session_id = ${sessionId}::uuid and r.participant_id = ${participantId}::uuid`),
  );
  return row ? toEpisode(row) : null;
}

function toEpisode(row: Record<string, unknown>): MakeUpEpisode {
  return {
    id: String(row.id),
    siteId: String(row.site_id),
    programId: String(row.program_id),
    part2: Boolean(row.part2),
    primaryClinicianId: (row.primary_clinician_id as string | null) ?? null,
    admittedOn: String(row.admitted_on),
    dischargedOn: (row.discharged_on as string | null) ?? null,
  };
}
