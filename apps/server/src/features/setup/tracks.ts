/**
 * Tracks and their weekly block templates. Creating or editing a track also brings its sessions up to date for the
 * horizon, in the same transaction: a room double-booking anywhere refuses the whole write.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import {
  SESSION_HORIZON_WEEKS,
  addDays,
  localDateOf,
  zonedInstant,
  type CreateTrackBody,
  type Track,
  type TrackBlockBody,
  type UpdateTrackBody,
} from '@trellis/core';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { session, sessionFacilitator, track, trackBlock, trackBlockFacilitator } from '../../db/schema.ts';
import { assertVersion, badRequest, notFound, roomBooked } from '../../http/problems.ts';
import { describeBookingTime, findOverlap, lockPhysicalRooms, roomBookings } from '../sessions/bookings.ts';
import { generateSessionsForTrack, horizonEnd } from '../sessions/generate.ts';
import { activeBlocksOf, findProgram, findTrack, findTrackRow, listTracks, type BlockRow } from './queries.ts';
import { checkSessionReferences, notFoundFields } from './references.ts';
import type { SetupDeps } from './service.ts';
import { refusingDuplicates } from './unique.ts';

const TRACK_DUPLICATE = {
  track_program_name_key: {
    path: 'body.name',
    message: 'is already the name of a track in this program',
    detail: 'Another track of this program has this name.',
  },
};

export async function getTracks(deps: SetupDeps, actor: Actor, programId?: string): Promise<{ items: Track[] }> {
  authorize(actor, 'setup.read');
  return { items: await listTracks(deps.db, actor.orgId, programId) };
}

export async function getTrack(deps: SetupDeps, actor: Actor, id: string): Promise<Track> {
  authorize(actor, 'setup.read');
  const found = await findTrack(deps.db, actor.orgId, id);
  if (!found) throw notFound('The track');
  return found;
}

type BlockValues = Omit<BlockRow, 'id' | 'trackId'>;

function blockValues(b: TrackBlockBody): BlockValues {
  return {
    weekday: b.weekday,
    startTime: b.startTime,
    endTime: b.endTime,
    title: b.title,
    kind: b.kind,
    breakMinutes: b.breakMinutes,
    facilitatorId: b.facilitatorId ?? null,
    coFacilitatorIds: [...b.coFacilitatorIds].sort(),
    roomId: b.roomId ?? null,
    capacity: b.capacity,
  };
}

/** A block's own columns, without the co-facilitators kept in track_block_facilitator. */
const blockColumnsOf = <B extends BlockValues>({ coFacilitatorIds: _co, ...columns }: B) => columns;

/** Replaces the co-facilitators of some blocks (their rows are the blocks' ids with `coFacilitatorIds`). */
async function replaceBlockCoFacilitators(
  tx: DbOrTx,
  orgId: string,
  blocks: readonly { id: string; coFacilitatorIds: readonly string[] }[],
): Promise<void> {
  if (blocks.length === 0) return;
  await tx.delete(trackBlockFacilitator).where(
    and(
      eq(trackBlockFacilitator.orgId, orgId),
      inArray(
        trackBlockFacilitator.trackBlockId,
        blocks.map((b) => b.id),
      ),
    ),
  );
  const rows = blocks.flatMap((b) => b.coFacilitatorIds.map((userId) => ({ orgId, trackBlockId: b.id, userId })));
  if (rows.length) await tx.insert(trackBlockFacilitator).values(rows);
}

const BLOCK_FIELDS = [
  'weekday',
  'startTime',
  'endTime',
  'title',
  'kind',
  'breakMinutes',
  'facilitatorId',
  'roomId',
  'capacity',
] as const;
const sameBlock = (a: BlockValues, b: BlockValues) =>
  BLOCK_FIELDS.every((f) => a[f] === b[f]) && a.coFacilitatorIds.join() === [...b.coFacilitatorIds].sort().join();

async function checkBlockReferences(
  tx: DbOrTx,
  orgId: string,
  siteId: string,
  blocks: readonly TrackBlockBody[],
): Promise<void> {
  await checkSessionReferences(
    tx,
    orgId,
    siteId,
    blocks.flatMap((b, i) => [
      { path: `body.blocks.${i}`, facilitatorId: b.facilitatorId, roomId: b.roomId, capacity: b.capacity },
      ...b.coFacilitatorIds.map((facilitatorId, j) => ({
        path: `body.blocks.${i}`,
        facilitatorId,
        facilitatorPath: `body.blocks.${i}.coFacilitatorIds.${j}`,
        capacity: 0,
      })),
    ]),
  );
}

/** The first local date and the instant after the last of the horizon that starts today in the zone. */
function horizon(now: Date, zone: string): { today: string; end: Date } {
  const today = localDateOf(now.toISOString(), zone);
  return { today, end: new Date(zonedInstant(addDays(horizonEnd(today, SESSION_HORIZON_WEEKS), 1), '00:00', zone)) };
}

/**
 * Refuses (409 naming the block's room) when a future booking of the track's blocks — a generated session, or an
 * occurrence of the template — overlaps another booking of the same physical room. Weekly templates repeat, so
 * checking the horizon also covers template against template beyond it; sessions booked beyond the horizon stretch
 * the check to reach them.
 */
async function assertRoomsFree(
  tx: DbOrTx,
  orgId: string,
  blockIndex: ReadonlyMap<string, number>,
  roomIds: readonly (string | null)[],
  now: Date,
  end: Date,
): Promise<void> {
  const rooms = await lockPhysicalRooms(tx, orgId, roomIds);
  if (rooms.length === 0) return;
  const ids = rooms.map((r) => r.id);
  // A one-off session booked beyond the horizon must not be overrun when generation reaches its date.
  const [latest] = await tx
    .select({ endsAt: sql<string | null>`max(${session.endsAt})` })
    .from(session)
    .where(
      and(
        eq(session.orgId, orgId),
        inArray(session.roomId, ids),
        eq(session.status, 'scheduled'),
        gt(session.endsAt, end.toISOString()),
      ),
    );
  // new Date() takes the driver's string or Date alike.
  const until = latest?.endsAt ? new Date(Math.max(end.getTime(), new Date(latest.endsAt).getTime())) : end;
  const bookings = await roomBookings(tx, orgId, ids, now, until, now);
  const ours = bookings.filter((b) => b.trackBlockId !== null && blockIndex.has(b.trackBlockId));
  const hit = findOverlap(ours, bookings);
  if (!hit) return;
  const roomName = rooms.find((r) => r.id === hit.candidate.roomId)?.name ?? 'The room';
  const index = blockIndex.get(hit.candidate.trackBlockId!) ?? 0;
  throw roomBooked(`${roomName} is already booked on ${describeBookingTime(hit.other)} (${hit.other.title}).`, [
    {
      path: `body.blocks.${index}.roomId`,
      message: `${roomName} is already booked on ${describeBookingTime(hit.other)}`,
    },
  ]);
}

export async function createTrack(deps: SetupDeps, actor: Actor, input: CreateTrackBody): Promise<Track> {
  authorize(actor, 'setup.write');
  const orgId = actor.orgId;
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const prog = await findProgram(tx, orgId, input.programId);
        if (!prog) throw notFoundFields([{ path: 'body.programId', message: 'is not a program of this organisation' }]);
        await checkBlockReferences(tx, orgId, prog.siteId, input.blocks);
        // Lock the rooms before anything is written, so a concurrent booking of the same room waits for this one.
        await lockPhysicalRooms(
          tx,
          orgId,
          input.blocks.map((b) => b.roomId),
        );
        const now = deps.clock.now();
        const [row] = await tx
          .insert(track)
          .values({ orgId, programId: prog.id, name: input.name })
          .returning({ id: track.id });
        if (!row) throw new Error('track not created');
        // Ids are made here so that each block's position in the request is known for error paths. Ids a client
        // sends for a new track (copying another, say) are not reused.
        const blocks = input.blocks.map((b) => ({ id: randomUUID(), orgId, trackId: row.id, ...blockValues(b) }));
        if (blocks.length) await tx.insert(trackBlock).values(blocks.map(blockColumnsOf));
        await replaceBlockCoFacilitators(tx, orgId, blocks);

        const { today, end } = horizon(now, prog.timeZone);
        const sessionsGenerated = await generateSessionsForTrack(tx, orgId, row.id, today, SESSION_HORIZON_WEEKS, {
          notBefore: now,
        });
        await assertRoomsFree(
          tx,
          orgId,
          new Map(blocks.map((b, i) => [b.id, i])),
          blocks.map((b) => b.roomId),
          now,
          end,
        );

        const created = await findTrack(tx, orgId, row.id);
        if (!created) throw new Error('track not found after insert');
        await recordAudit(
          tx,
          { userId: actor.userId, role: actor.role, orgId },
          orgId,
          {
            action: 'setup.create',
            entityType: 'track',
            entityId: row.id,
            details: { programId: prog.id, blocks: blocks.length, sessionsGenerated },
          },
          now,
        );
        return created;
      }),
    TRACK_DUPLICATE,
  );
}

/**
 * Replaces a track's name, state and weekly blocks. Blocks sent back with their id keep it. Future sessions of
 * removed or changed blocks are taken off the calendar and generated afresh — except those that already have
 * attendance (kept as they are) and cancelled ones of a block that still runs on the same weekday (kept cancelled,
 * moved to the block's new times, so a cancellation for a holiday is not lost by an edit).
 */
export async function updateTrack(deps: SetupDeps, actor: Actor, id: string, input: UpdateTrackBody): Promise<Track> {
  authorize(actor, 'setup.write');
  const orgId = actor.orgId;
  return refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const stored = await findTrackRow(tx, orgId, id, { lock: true });
        if (!stored) throw notFound('The track');
        assertVersion(stored.version, input.version, 'The track');
        const prog = await findProgram(tx, orgId, stored.programId);
        if (!prog) throw notFound('The program');

        const existing = await activeBlocksOf(tx, orgId, [id]);
        const existingById = new Map(existing.map((b) => [b.id, b]));
        const unknownIds = input.blocks.flatMap((b, i) =>
          b.id && !existingById.has(b.id)
            ? [{ path: `body.blocks.${i}.id`, message: 'is not a block of this track' }]
            : [],
        );
        if (unknownIds.length) throw badRequest(unknownIds);
        await checkBlockReferences(tx, orgId, prog.siteId, input.blocks);
        await lockPhysicalRooms(
          tx,
          orgId,
          input.blocks.map((b) => b.roomId),
        );

        const incoming = input.blocks.map((b) => ({ id: b.id ?? randomUUID(), isNew: !b.id, values: blockValues(b) }));
        const keptIds = new Set(incoming.filter((b) => !b.isNew).map((b) => b.id));
        const added = incoming.filter((b) => b.isNew);
        const changed = incoming.filter((b) => !b.isNew && !sameBlock(existingById.get(b.id)!, b.values));
        const removed = existing.filter((b) => !keptIds.has(b.id));
        const now = deps.clock.now();

        const fields = (['name', 'active'] as const).filter((f) => input[f] !== stored[f]);
        await tx
          .update(track)
          .set({ name: input.name, active: input.active, version: sql`${track.version} + 1`, updatedAt: now })
          .where(and(eq(track.orgId, orgId), eq(track.id, id)));
        for (const b of changed) {
          await tx
            .update(trackBlock)
            .set(blockColumnsOf(b.values))
            .where(and(eq(trackBlock.orgId, orgId), eq(trackBlock.id, b.id)));
        }
        if (added.length)
          await tx
            .insert(trackBlock)
            .values(added.map((b) => ({ id: b.id, orgId, trackId: id, ...blockColumnsOf(b.values) })));
        await replaceBlockCoFacilitators(
          tx,
          orgId,
          [...changed, ...added].map((b) => ({ id: b.id, coFacilitatorIds: b.values.coFacilitatorIds })),
        );
        if (removed.length) {
          // Blocks are retired, never deleted: past sessions still point at them.
          await tx
            .update(trackBlock)
            .set({ active: false })
            .where(
              and(
                eq(trackBlock.orgId, orgId),
                inArray(
                  trackBlock.id,
                  removed.map((b) => b.id),
                ),
              ),
            );
        }

        // Which blocks' future sessions need redoing: changed and removed ones, or all of them when the track stops.
        const runs = input.active;
        const affected = runs ? [...changed.map((b) => b.id), ...removed.map((b) => b.id)] : existing.map((b) => b.id);
        const newValues = new Map(changed.map((b) => [b.id, b.values]));
        const sessionsRemoved = await redoFutureSessions(
          tx,
          orgId,
          affected,
          runs ? newValues : new Map(),
          existingById,
          prog.timeZone,
          now,
        );

        let sessionsGenerated = 0;
        if (runs) {
          const { today, end } = horizon(now, prog.timeZone);
          sessionsGenerated = await generateSessionsForTrack(tx, orgId, id, today, SESSION_HORIZON_WEEKS, {
            notBefore: now,
          });
          await assertRoomsFree(
            tx,
            orgId,
            new Map(incoming.map((b, i) => [b.id, i])),
            incoming.map((b) => b.values.roomId),
            now,
            end,
          );
        }

        const updated = await findTrack(tx, orgId, id);
        if (!updated) throw notFound('The track');
        await recordAudit(
          tx,
          { userId: actor.userId, role: actor.role, orgId },
          orgId,
          {
            action: 'setup.update',
            entityType: 'track',
            entityId: id,
            details: {
              fields,
              blocksAdded: added.length,
              blocksChanged: changed.length,
              blocksRemoved: removed.length,
              sessionsRemoved,
              sessionsGenerated,
            },
          },
          now,
        );
        return updated;
      }),
    TRACK_DUPLICATE,
  );
}

/**
 * Future sessions of the affected blocks that have no attendance: scheduled ones are deleted (generation makes them
 * again from the new template); cancelled ones stay cancelled and follow their block's new times when it still runs
 * on the same weekday, otherwise they are deleted too. Returns how many were deleted.
 */
async function redoFutureSessions(
  tx: DbOrTx,
  orgId: string,
  blockIds: readonly string[],
  newValues: ReadonlyMap<string, BlockValues>,
  oldBlocks: ReadonlyMap<string, BlockValues>,
  zone: string,
  now: Date,
): Promise<number> {
  if (blockIds.length === 0) return 0;
  const rows = await tx
    .select({
      id: session.id,
      trackBlockId: session.trackBlockId,
      localDate: session.localDate,
      status: session.status,
    })
    .from(session)
    .where(
      and(
        eq(session.orgId, orgId),
        inArray(session.trackBlockId, [...blockIds]),
        gt(session.startsAt, now.toISOString()),
        sql`not exists (select 1 from attendance a where a.org_id = ${session.orgId} and a.session_id = ${session.id})`,
      ),
    );
  const toDelete: string[] = [];
  for (const row of rows) {
    const next = row.trackBlockId ? newValues.get(row.trackBlockId) : undefined;
    const before = row.trackBlockId ? oldBlocks.get(row.trackBlockId) : undefined;
    if (row.status === 'cancelled' && next && before && next.weekday === before.weekday) {
      const startsAt = zonedInstant(row.localDate, next.startTime, zone);
      const endsAt = zonedInstant(row.localDate, next.endTime, zone);
      await tx
        .update(session)
        .set({
          title: next.title,
          kind: next.kind,
          breakMinutes: next.breakMinutes,
          facilitatorId: next.facilitatorId,
          roomId: next.roomId,
          capacity: next.capacity,
          startsAt,
          endsAt: Date.parse(endsAt) > Date.parse(startsAt) ? endsAt : startsAt,
          updatedAt: now,
        })
        .where(and(eq(session.orgId, orgId), eq(session.id, row.id)));
      await tx.delete(sessionFacilitator).where(and(eq(sessionFacilitator.orgId, orgId), eq(sessionFacilitator.sessionId, row.id)));
      if (next.coFacilitatorIds.length)
        await tx.insert(sessionFacilitator).values(next.coFacilitatorIds.map((userId) => ({ orgId, sessionId: row.id, userId })));
    } else {
      toDelete.push(row.id);
    }
  }
  for (let i = 0; i < toDelete.length; i += 500) {
    await tx.delete(session).where(and(eq(session.orgId, orgId), inArray(session.id, toDelete.slice(i, i + 500))));
  }
  return toDelete.length;
}
