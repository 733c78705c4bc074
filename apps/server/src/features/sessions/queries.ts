/**
 * Session queries. The summary joins the names a calendar shows and counts the expected roster and the recorded
 * roll in the same statement (correlated counts served by the track-membership and attendance indexes), so a week
 * of sessions is one query, not one per session.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { addDays, SESSION_KIND_COUNTS, type SessionSummary, type SessionsQuery } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, program, room, session, site, track } from '../../db/schema.ts';

/** Participants expected at a session: the roster rule (trellis_session_roster, core `isExpectedAt`). */
const expectedCount = sql<number>`(
  select count(*)::int from trellis_session_roster(${session.orgId}, ${session.id}))`;

const recordedCount = sql<number>`(
  select count(*)::int from attendance a where a.org_id = ${session.orgId} and a.session_id = ${session.id})`;

/** Expected participants with no mark yet. */
const unmarkedCount = sql<number>`(
  select count(*)::int from trellis_session_roster(${session.orgId}, ${session.id}) r
   where not exists (select 1 from attendance a
                      where a.org_id = ${session.orgId} and a.session_id = ${session.id} and a.participant_id = r.participant_id))`;

/** Co-facilitators by name (trellis_session_co_facilitators: the view's rows other than the lead). */
const coFacilitators = sql<
  { id: string; name: string }[]
>`trellis_session_co_facilitators(${session.orgId}, ${session.id})`;

function summaryQuery(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: session.id,
      trackId: session.trackId,
      trackName: track.name,
      programId: session.programId,
      programName: program.name,
      siteId: session.siteId,
      timeZone: site.timeZone,
      title: session.title,
      kind: session.kind,
      localDate: session.localDate,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      facilitatorId: session.facilitatorId,
      facilitatorName: appUser.name,
      coFacilitators,
      roomId: session.roomId,
      roomName: room.name,
      capacity: session.capacity,
      status: session.status,
      cancelReason: session.cancelReason,
      oneOff: session.oneOff,
      breakMinutes: session.breakMinutes,
      expectedCount,
      recordedCount,
      unmarkedCount,
    })
    .from(session)
    .innerJoin(track, and(eq(track.orgId, session.orgId), eq(track.id, session.trackId)))
    .innerJoin(program, and(eq(program.orgId, session.orgId), eq(program.id, session.programId)))
    .innerJoin(site, and(eq(site.orgId, session.orgId), eq(site.id, session.siteId)))
    .leftJoin(room, and(eq(room.orgId, session.orgId), eq(room.id, session.roomId)))
    .leftJoin(appUser, and(eq(appUser.orgId, session.orgId), eq(appUser.id, session.facilitatorId)))
    .where(where);
}

type SummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

/** Instants as ISO UTC strings whichever driver answered ('2026-11-02 23:00:00+00' from the wire). */
const iso = (instant: string) => new Date(instant).toISOString();

/** A summary as the calendar shows it at `now`: a session that has ended with someone unmarked has its roll not taken. */
function toSummary({ unmarkedCount, ...row }: SummaryRow, now: Date): SessionSummary {
  const endsAt = iso(row.endsAt);
  return {
    ...row,
    startsAt: iso(row.startsAt),
    endsAt,
    countsTowardHours: SESSION_KIND_COUNTS[row.kind],
    rollNotTaken: row.status === 'scheduled' && unmarkedCount > 0 && Date.parse(endsAt) <= now.getTime(),
  };
}

/** Sessions whose local date is in [from, to], in time order, filtered by site, program or track. */
export async function listSessions(
  db: DbOrTx,
  orgId: string,
  q: SessionsQuery & { from: string; to: string },
  now: Date,
): Promise<SessionSummary[]> {
  // The instant bounds (a day wider than any zone's offset) let the site/time index narrow the scan.
  const where: SQL[] = [
    eq(session.orgId, orgId),
    sql`${session.localDate} between ${q.from} and ${q.to}`,
    sql`${session.startsAt} >= ${`${addDays(q.from, -1)}T00:00:00Z`}::timestamptz`,
    sql`${session.startsAt} < ${`${addDays(q.to, 2)}T00:00:00Z`}::timestamptz`,
  ];
  if (q.siteId) where.push(eq(session.siteId, q.siteId));
  if (q.programId) where.push(eq(session.programId, q.programId));
  if (q.trackId) where.push(eq(session.trackId, q.trackId));
  const rows = await summaryQuery(db, and(...where)!).orderBy(
    asc(session.startsAt),
    asc(session.title),
    asc(session.id),
  );
  return rows.map((r) => toSummary(r, now));
}

/** One session as the calendar and the roll show it, or undefined when the organisation has no such session. */
export async function findSessionSummary(
  db: DbOrTx,
  orgId: string,
  id: string,
  now: Date,
): Promise<SessionSummary | undefined> {
  const [row] = await summaryQuery(db, and(eq(session.orgId, orgId), eq(session.id, id))!);
  return row ? toSummary(row, now) : undefined;
}
