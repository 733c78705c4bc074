/**
 * One page of a participant's attendance history in one statement. The sessions come from two sources: those the
 * roster rule expected them at (trellis_expected_attendance, core `isExpectedAt`), and
 * those they were marked on even if a later change took them off the roster. Both are bounded by the cursor and by
 * `now`, so a page reads only this participant's memberships and marks, never the organisation's calendar.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AttendanceHistoryItem, AttendanceStatus, SessionKind } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { rowsOf } from '../participants/list-query.ts';

/** Where the previous page ended: the last session's start and id (pages run newest first). */
export interface HistoryCursor {
  startsAt: string;
  sessionId: string;
}

export function encodeCursor(c: HistoryCursor): string {
  return Buffer.from(JSON.stringify([c.startsAt, c.sessionId]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The cursor a client sent back, or null when it is not one this list gave out. */
export function decodeCursor(text: string): HistoryCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'string')) return null;
    const [startsAt, sessionId] = value as [string, string];
    if (!ISO_INSTANT.test(startsAt) || Number.isNaN(Date.parse(startsAt)) || !UUID.test(sessionId)) return null;
    return { startsAt, sessionId };
  } catch {
    return null;
  }
}

export interface HistoryArgs {
  orgId: string;
  participantId: string;
  /** Sessions starting after this instant are left out. */
  now: string;
  cursor: HistoryCursor | null;
  /** Rows to return; ask for one more than the page to know whether another follows. */
  limit: number;
  /** A condition on the session `s` for the sessions the caller may see (the Part 2 rule). */
  visible?: SQL;
}

const iso = (epochMs: unknown) => new Date(Number(epochMs)).toISOString();

export async function attendanceHistory(db: DbOrTx, args: HistoryArgs): Promise<AttendanceHistoryItem[]> {
  const { orgId, participantId } = args;
  const before = args.cursor
    ? sql`and (s.starts_at, s.id) < (${args.cursor.startsAt}::timestamptz, ${args.cursor.sessionId}::uuid)`
    : sql``;
  const result = await db.execute(sql`
    with expected as (
      select s.id
        from trellis_expected_attendance x
        join session s on s.org_id = x.org_id and s.id = x.session_id
             and s.starts_at <= ${args.now}::timestamptz ${before}
       where x.org_id = ${orgId} and x.participant_id = ${participantId}
         -- A session that has begun falls on a local date at most one day past UTC's (zones run to +14 h).
         and x.local_date <= (${args.now}::timestamptz at time zone 'UTC')::date + 1
      union
      select s.id
        from attendance a
        join session s on s.org_id = a.org_id and s.id = a.session_id
             and s.starts_at <= ${args.now}::timestamptz ${before}
       where a.org_id = ${orgId} and a.participant_id = ${participantId}
    )
    select s.id as session_id, s.local_date::text as local_date,
           (extract(epoch from s.starts_at) * 1000)::float8 as starts_ms,
           (extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
           st.time_zone, s.title, s.kind, t.name as track_name, pr.name as program_name, s.status as session_status,
           a.status, a.minutes_attended, a.late_minutes, a.left_early_minutes
      from expected x
      join session s on s.org_id = ${orgId} and s.id = x.id
      join track t on t.org_id = s.org_id and t.id = s.track_id
      join program pr on pr.org_id = s.org_id and pr.id = s.program_id
      join site st on st.org_id = s.org_id and st.id = s.site_id
      left join attendance a on a.org_id = s.org_id and a.session_id = s.id and a.participant_id = ${participantId}
     where ${args.visible ?? sql`true`}
     order by s.starts_at desc, s.id desc
     limit ${args.limit}`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    sessionId: String(r.session_id),
    localDate: String(r.local_date),
    startsAt: iso(r.starts_ms),
    endsAt: iso(r.ends_ms),
    timeZone: String(r.time_zone),
    title: String(r.title),
    kind: r.kind as SessionKind,
    trackName: String(r.track_name),
    programName: String(r.program_name),
    sessionStatus: r.session_status as AttendanceHistoryItem['sessionStatus'],
    status: (r.status as AttendanceStatus | null) ?? null,
    minutesAttended: Number(r.minutes_attended ?? 0),
    lateMinutes: Number(r.late_minutes ?? 0),
    leftEarlyMinutes: Number(r.left_early_minutes ?? 0),
  }));
}
