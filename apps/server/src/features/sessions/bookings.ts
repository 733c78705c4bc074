/**
 * Room bookings and double-booking. A physical room is booked by every scheduled session in it and by every future
 * occurrence of an active track block in it that has no session yet (beyond the generated horizon, say). Virtual
 * rooms are never double-booked: they are meeting links.
 */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { Temporal, addDays } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { room, session } from '../../db/schema.ts';
import { activeTemplateBlocks, templateOccurrences } from './generate.ts';

export interface Booking {
  roomId: string;
  /** The session, or null for a template occurrence not yet generated. */
  sessionId: string | null;
  trackBlockId: string | null;
  localDate: string;
  startsAt: number;
  endsAt: number;
  title: string;
  timeZone: string;
}

export interface BookedRoom {
  id: string;
  name: string;
  kind: 'physical' | 'virtual';
  capacity: number | null;
}

/**
 * Locks the physical rooms among `roomIds` (in id order, so two writers cannot deadlock) until the transaction ends,
 * so two bookings of the same room are checked one after the other. Returns the locked rooms.
 */
export async function lockPhysicalRooms(
  tx: DbOrTx,
  orgId: string,
  roomIds: readonly (string | null | undefined)[],
): Promise<BookedRoom[]> {
  const ids = [...new Set(roomIds.filter((id): id is string => !!id))].sort();
  if (ids.length === 0) return [];
  return tx
    .select({ id: room.id, name: room.name, kind: room.kind, capacity: room.capacity })
    .from(room)
    .where(and(eq(room.orgId, orgId), inArray(room.id, ids), eq(room.kind, 'physical')))
    .orderBy(room.id)
    .for('update');
}

/** Everything booking the rooms between two instants; template occurrences count only when they start after `now`. */
export async function roomBookings(
  tx: DbOrTx,
  orgId: string,
  roomIds: readonly string[],
  from: Date,
  to: Date,
  now: Date,
): Promise<Booking[]> {
  if (roomIds.length === 0) return [];
  const ids = [...roomIds];
  const sessions = await tx
    .select({
      id: session.id,
      roomId: session.roomId,
      trackBlockId: session.trackBlockId,
      localDate: session.localDate,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      title: session.title,
      timeZone: sql<string>`(select s.time_zone from site s where s.org_id = ${session.orgId} and s.id = ${session.siteId})`,
    })
    .from(session)
    .where(
      and(
        eq(session.orgId, orgId),
        inArray(session.roomId, ids),
        eq(session.status, 'scheduled'),
        lt(session.startsAt, to.toISOString()),
        gt(session.endsAt, from.toISOString()),
      ),
    );
  const bookings: Booking[] = sessions.map((s) => ({
    roomId: s.roomId!,
    sessionId: s.id,
    trackBlockId: s.trackBlockId,
    localDate: s.localDate,
    startsAt: Date.parse(s.startsAt),
    endsAt: Date.parse(s.endsAt),
    title: s.title,
    timeZone: s.timeZone,
  }));

  // Template occurrences: UTC dates one day either side cover the local dates of every zone.
  const blocks = await activeTemplateBlocks(tx, orgId, { roomIds: ids });
  if (blocks.length > 0) {
    const fromDate = addDays(from.toISOString().slice(0, 10), -1);
    const toDate = addDays(to.toISOString().slice(0, 10), 1);
    const materialised = await tx
      .select({ trackBlockId: session.trackBlockId, localDate: session.localDate })
      .from(session)
      .where(
        and(
          eq(session.orgId, orgId),
          inArray(
            session.trackBlockId,
            blocks.map((b) => b.id),
          ),
          sql`${session.localDate} between ${fromDate} and ${toDate}`,
        ),
      );
    const exists = new Set(materialised.map((m) => `${m.trackBlockId}|${m.localDate}`));
    for (const o of templateOccurrences(blocks, fromDate, toDate, { notBefore: now })) {
      const startsAt = Date.parse(o.startsAt);
      const endsAt = Date.parse(o.endsAt);
      if (startsAt >= to.getTime() || endsAt <= from.getTime() || exists.has(`${o.block.id}|${o.localDate}`)) continue;
      bookings.push({
        roomId: o.block.roomId!,
        sessionId: null,
        trackBlockId: o.block.id,
        localDate: o.localDate,
        startsAt,
        endsAt,
        title: o.block.title,
        timeZone: o.block.timeZone,
      });
    }
  }
  return bookings;
}

const sameBooking = (a: Booking, b: Booking) =>
  a.sessionId !== null
    ? a.sessionId === b.sessionId
    : b.sessionId === null && a.trackBlockId === b.trackBlockId && a.localDate === b.localDate;

/** The first of `candidates` that overlaps another booking of the same room, with that booking; or null. */
export function findOverlap(
  candidates: readonly Booking[],
  bookings: readonly Booking[],
): { candidate: Booking; other: Booking } | null {
  const byRoom = new Map<string, Booking[]>();
  for (const b of bookings) byRoom.set(b.roomId, [...(byRoom.get(b.roomId) ?? []), b]);
  const ordered = [...candidates].sort((a, b) => a.startsAt - b.startsAt);
  for (const candidate of ordered) {
    for (const other of byRoom.get(candidate.roomId) ?? []) {
      if (sameBooking(candidate, other)) continue;
      if (candidate.startsAt < other.endsAt && other.startsAt < candidate.endsAt) return { candidate, other };
    }
  }
  return null;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday 2026-11-23, 18:00–19:30" in the room's zone. */
export function describeBookingTime(b: Pick<Booking, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const start = Temporal.Instant.fromEpochMilliseconds(b.startsAt).toZonedDateTimeISO(b.timeZone);
  const end = Temporal.Instant.fromEpochMilliseconds(b.endsAt).toZonedDateTimeISO(b.timeZone);
  const day = `${WEEKDAYS[start.dayOfWeek - 1] ?? ''} ${start.toPlainDate().toString()}`;
  const hhmm = (t: Temporal.ZonedDateTime) => t.toPlainTime().toString({ smallestUnit: 'minute' });
  return `${day}, ${hhmm(start)}–${hhmm(end)}`;
}
