/**
 * A staff member's private calendar feed: its token hash, and the items of their own calendar a feed may show. The
 * staff member comes from the signed-in principal or the feed's token, never from a request. Groups are theirs as
 * lead or co-facilitator by the one facilitator rule (trellis_session_facilitators). No query here reads a
 * participant: appointments are read for their kind, time, site and room only.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppointmentKind, ClinicianExceptionKind, RoomKind, StaffCalendarItem } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { appUser, staffCalendarFeed } from '../../db/schema.ts';

export async function staffFeedOf(db: DbOrTx, orgId: string, userId: string) {
  const [row] = await db
    .select({ createdAt: staffCalendarFeed.createdAt })
    .from(staffCalendarFeed)
    .where(and(eq(staffCalendarFeed.orgId, orgId), eq(staffCalendarFeed.userId, userId)));
  return row ?? null;
}

/** Makes or replaces a staff member's feed token hash: the earlier address stops working at once. */
export async function replaceStaffFeed(
  db: DbOrTx,
  orgId: string,
  userId: string,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await db
    .insert(staffCalendarFeed)
    .values({ orgId, userId, tokenHash, createdAt: at })
    .onConflictDoUpdate({
      target: [staffCalendarFeed.orgId, staffCalendarFeed.userId],
      set: { tokenHash, createdAt: at },
    });
}

/** Removes a staff member's feed; true when there was one. */
export async function deleteStaffFeed(db: DbOrTx, orgId: string, userId: string): Promise<boolean> {
  const gone = await db
    .delete(staffCalendarFeed)
    .where(and(eq(staffCalendarFeed.orgId, orgId), eq(staffCalendarFeed.userId, userId)))
    .returning({ userId: staffCalendarFeed.userId });
  return gone.length > 0;
}

/** The staff member a feed token's hash opens; null for an unknown, replaced or revoked token, or a deactivated account. */
export async function staffFeedByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ orgId: staffCalendarFeed.orgId, userId: staffCalendarFeed.userId })
    .from(staffCalendarFeed)
    .innerJoin(appUser, and(eq(appUser.orgId, staffCalendarFeed.orgId), eq(appUser.id, staffCalendarFeed.userId)))
    .where(and(eq(staffCalendarFeed.tokenHash, tokenHash), eq(appUser.active, true)));
  return row ?? null;
}

/**
 * A staff member's own calendar between two local dates (inclusive): groups they lead or co-facilitate (by their
 * track's name), their appointments (by kind), cancelled ones too so a subscribed calendar strikes them, and their
 * time off overlapping the dates (by kind; the note is not read).
 */
export async function staffCalendarItems(
  db: DbOrTx,
  orgId: string,
  userId: string,
  from: string,
  to: string,
): Promise<StaffCalendarItem[]> {
  const result = await db.execute(sql`
    select 'session' as source, s.id::text as id, t.name as label, s.starts_at, s.ends_at, st.name as site_name,
           r.name as room_name, r.kind as room_kind, s.status = 'cancelled' as cancelled, s.version
      from trellis_session_facilitators f
      join session s on s.org_id = f.org_id and s.id = f.session_id
      join track t on t.org_id = s.org_id and t.id = s.track_id
      join site st on st.org_id = s.org_id and st.id = s.site_id
      left join room r on r.org_id = s.org_id and r.id = s.room_id
     where f.org_id = ${orgId} and f.user_id = ${userId} and s.local_date between ${from}::date and ${to}::date
    union all
    select 'appointment', a.id::text, a.kind, a.starts_at, a.ends_at, st.name, r.name, r.kind,
           a.status in ('cancelled', 'late_cancelled'), a.version
      from appointment a
      join site st on st.org_id = a.org_id and st.id = a.site_id
      left join room r on r.org_id = a.org_id and r.id = a.room_id
     where a.org_id = ${orgId} and a.clinician_id = ${userId} and a.local_date between ${from}::date and ${to}::date
    union all
    select 'time-off', x.id::text, x.kind, x.starts_at, x.ends_at, null, null, null, false, 1
      from clinician_exception x
     where x.org_id = ${orgId} and x.user_id = ${userId}
       and x.starts_at < (${to}::date + 2)::timestamptz and x.ends_at > (${from}::date - 1)::timestamptz`);
  type Row = {
    source: StaffCalendarItem['source'];
    id: string;
    label: string;
    starts_at: string | Date;
    ends_at: string | Date;
    site_name: string | null;
    room_name: string | null;
    room_kind: RoomKind | null;
    cancelled: boolean;
    version: number | string;
  };
  return rowsOf<Row>(result).map((r): StaffCalendarItem => {
    const at = { id: r.id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString() };
    if (r.source === 'time-off') return { source: 'time-off', ...at, kind: r.label as ClinicianExceptionKind };
    const place = {
      siteName: r.site_name ?? '',
      room: r.room_name === null || r.room_kind === null ? null : { name: r.room_name, kind: r.room_kind },
      cancelled: r.cancelled === true,
      version: Number(r.version),
    };
    return r.source === 'session'
      ? { source: 'session', ...at, groupName: r.label, ...place }
      : { source: 'appointment', ...at, kind: r.label as AppointmentKind, ...place };
  });
}
