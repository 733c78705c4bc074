/**
 * Session use cases: the calendar, one-off sessions (a make-up group, an extra family session) and cancellation.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import {
  localDateOf,
  programWeekContaining,
  rangeTense,
  zonedInstant,
  type CancelSession,
  type SessionList,
  type CreateSessionBody,
  type SessionSummary,
  type SessionsQuery,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { assertWorksInProgram, authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { attendance, session, sessionRoster } from '../../db/schema.ts';
import { badRequest, conflict, notFound, roomBooked, unprocessable } from '../../http/problems.ts';
import { findProgram, findTrackRow } from '../setup/queries.ts';
import { checkSessionReferences, notFoundFields } from '../setup/references.ts';
import { describeBookingTime, lockPhysicalRooms, roomBookings } from './bookings.ts';
import { replaceCoFacilitators } from './co-facilitators.ts';
import { findSessionSummary, listSessions } from './queries.ts';

export type SessionDeps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * The chosen roster of a one-off session: each participant under their episode in the session's program that is open on
 * its date (422 naming the entry otherwise).
 */
async function chooseRoster(
  tx: DbOrTx,
  orgId: string,
  sessionId: string,
  programId: string,
  localDate: string,
  participantIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(participantIds)];
  const rows = rowsOf<{ participant_id: string; episode_id: string }>(
    await tx.execute(sql`
      select distinct on (e.participant_id) e.participant_id, e.id as episode_id
        from episode e
       where e.org_id = ${orgId} and e.program_id = ${programId}
         and e.participant_id in (${sql.join(unique.map((id) => sql`${id}::uuid`), sql`, `)})
         and e.admitted_on <= ${localDate}::date and (e.discharged_on is null or e.discharged_on >= ${localDate}::date)
       order by e.participant_id, e.admitted_on desc`),
  );
  const episodes = new Map(rows.map((r) => [r.participant_id, r.episode_id]));
  const missing = participantIds.flatMap((id, i) =>
    episodes.has(id) ? [] : [{ path: `body.participantIds.${i}`, message: 'is not in this program on that date' }],
  );
  if (missing.length > 0) throw unprocessable('Only participants in the program on that date can be on the roster.', missing);
  await tx
    .insert(sessionRoster)
    .values(unique.map((participantId) => ({ orgId, sessionId, participantId, episodeId: episodes.get(participantId)! })));
}

export async function getSessions(
  deps: SessionDeps,
  actor: Actor,
  query: SessionsQuery,
): Promise<SessionList> {
  authorize(actor, 'session.read');
  const now = deps.clock.now();
  // "Today" and the week under way are the server's, read where the site is: a browser's clock or zone may differ.
  const timeZone = await zoneFor(deps.db, actor.orgId, query);
  const today = localDateOf(now.toISOString(), timeZone);
  const week = programWeekContaining(now.toISOString(), timeZone);
  const from = query.from ?? week.monday;
  const to = query.to ?? week.sunday;
  const items = await listSessions(deps.db, actor.orgId, { ...query, from, to }, now);
  return {
    from,
    to,
    timeZone,
    today,
    tense: rangeTense(from, to, today),
    items,
    rollsNotTaken: items.filter((s) => s.rollNotTaken).length,
  };
}

/** Adds a session that is not part of the track's weekly template; its roster is the track's, or the participants chosen. */
export async function createOneOffSession(
  deps: SessionDeps,
  actor: Actor,
  input: CreateSessionBody,
): Promise<SessionSummary> {
  authorize(actor, 'session.write');
  const orgId = actor.orgId;
  return deps.db.transaction(async (tx) => {
    const trackRow = await findTrackRow(tx, orgId, input.trackId);
    if (!trackRow) throw notFoundFields([{ path: 'body.trackId', message: 'is not a track of this organisation' }]);
    if (!trackRow.active) {
      throw unprocessable('The track is no longer running, so it cannot have new sessions.', [
        { path: 'body.trackId', message: 'is not running' },
      ]);
    }
    const prog = await findProgram(tx, orgId, trackRow.programId);
    if (!prog) throw notFound('The program');
    await assertWorksInProgram(tx, actor, prog.id);
    await checkSessionReferences(tx, orgId, prog.siteId, [
      { path: 'body', facilitatorId: input.facilitatorId, roomId: input.roomId, capacity: input.capacity },
    ]);

    const startsAt = zonedInstant(input.localDate, input.startTime, prog.timeZone);
    const endsAt = zonedInstant(input.localDate, input.endTime, prog.timeZone);
    if (Date.parse(endsAt) <= Date.parse(startsAt)) {
      throw badRequest([
        { path: 'body.endTime', message: 'must be after the start time; the clocks change that night' },
      ]);
    }

    const now = deps.clock.now();
    const [booked] = await lockPhysicalRooms(tx, orgId, [input.roomId]);
    if (booked) {
      const [clash] = await roomBookings(tx, orgId, [booked.id], new Date(startsAt), new Date(endsAt), now);
      if (clash) {
        const when = describeBookingTime(clash);
        throw roomBooked(`${booked.name} is already booked on ${when} (${clash.title}).`, [
          { path: 'body.roomId', message: `${booked.name} is already booked on ${when}` },
        ]);
      }
    }

    const [row] = await tx
      .insert(session)
      .values({
        orgId,
        trackId: trackRow.id,
        trackBlockId: null,
        programId: prog.id,
        siteId: prog.siteId,
        title: input.title,
        kind: input.kind,
        localDate: input.localDate,
        startsAt,
        endsAt,
        facilitatorId: input.facilitatorId ?? null,
        roomId: input.roomId ?? null,
        capacity: input.capacity,
        oneOff: true,
        chosenRoster: input.participantIds !== undefined,
      })
      .returning({ id: session.id });
    if (!row) throw new Error('session not created');
    if (input.participantIds) await chooseRoster(tx, orgId, row.id, prog.id, input.localDate, input.participantIds);
    if (input.coFacilitatorIds?.length) {
      await replaceCoFacilitators(tx, { id: row.id, orgId, siteId: prog.siteId, timeZone: prog.timeZone, startsAt, endsAt }, input.coFacilitatorIds, 'body.coFacilitatorIds');
    }
    const created = await findSessionSummary(tx, orgId, row.id, now);
    if (!created) throw new Error('session not found after insert');
    await recordAudit(
      tx,
      { userId: actor.userId, role: actor.role, orgId },
      orgId,
      {
        action: 'session.create',
        entityType: 'session',
        entityId: row.id,
        details: { trackId: trackRow.id, localDate: input.localDate, oneOff: true, ...(input.coFacilitatorIds?.length ? { coFacilitatorIds: input.coFacilitatorIds } : {}) },
      },
      now,
    );
    return created;
  });
}

/** Cancels a session with a reason. A session whose roll has entries is not cancelled: the attendance stands. */
export async function cancelSession(
  deps: SessionDeps,
  actor: Actor,
  id: string,
  input: CancelSession,
): Promise<SessionSummary> {
  authorize(actor, 'session.write');
  const orgId = actor.orgId;
  return deps.db.transaction(async (tx) => {
    // The row lock holds off a roll being recorded for this session until the cancellation commits.
    const [stored] = await tx
      .select({
        id: session.id,
        status: session.status,
        localDate: session.localDate,
        programId: session.programId,
        facilitatorId: session.facilitatorId,
      })
      .from(session)
      .where(and(eq(session.orgId, orgId), eq(session.id, id)))
      .for('update');
    if (!stored) throw notFound('The session');
    await assertWorksInProgram(tx, actor, stored.programId, { facilitatorId: stored.facilitatorId });
    if (stored.status === 'cancelled') throw conflict('This session is already cancelled.');
    const [recorded] = await tx
      .select({ n: count() })
      .from(attendance)
      .where(and(eq(attendance.orgId, orgId), eq(attendance.sessionId, id)));
    if ((recorded?.n ?? 0) > 0) {
      throw conflict(
        'Attendance has been recorded for this session, so it cannot be cancelled. Correct the roll instead.',
      );
    }
    const now = deps.clock.now();
    await tx
      .update(session)
      .set({ status: 'cancelled', cancelReason: input.reason, version: sql`${session.version} + 1`, updatedAt: now })
      .where(and(eq(session.orgId, orgId), eq(session.id, id)));
    const cancelled = await findSessionSummary(tx, orgId, id, now);
    if (!cancelled) throw notFound('The session');
    // The reason is free text and stays out of the audit trail; the session row holds it.
    await recordAudit(
      tx,
      { userId: actor.userId, role: actor.role, orgId },
      orgId,
      { action: 'session.cancel', entityType: 'session', entityId: id, details: { localDate: stored.localDate } },
      now,
    );
    return cancelled;
  });
}
