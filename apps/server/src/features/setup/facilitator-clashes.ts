/**
 * Warns (never refuses) when a track's blocks need a facilitator who is already running another track's group at the
 * same weekly time. The editor asks while a template is being changed, before it is saved.
 */
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import { facilitatorClashes, facilitatorsOf, type FacilitatorClashCheck, type FacilitatorClashList } from '@trellis/core';
import { authorize, type Actor } from '../../auth/access.ts';
import type { DbOrTx } from '../../db/index.ts';
import { program, site, track, trackBlock } from '../../db/schema.ts';
import { blockCoFacilitatorIds, findProgram, staffByIds } from './queries.ts';
import { notFoundFields } from './references.ts';
import type { SetupDeps } from './service.ts';

/**
 * Active blocks of other running tracks that need one of `facilitatorIds` as facilitator or co-facilitator
 * (trellis_track_block_facilitators), with their track, program and zone.
 */
function otherBookings(db: DbOrTx, orgId: string, facilitatorIds: readonly string[], exceptTrackId?: string) {
  const where: SQL[] = [
    eq(trackBlock.orgId, orgId),
    eq(trackBlock.active, true),
    eq(track.active, true),
    sql`exists (select 1 from trellis_track_block_facilitators f
                 where f.org_id = ${trackBlock.orgId} and f.track_block_id = ${trackBlock.id}
                   and f.user_id = any(${`{${facilitatorIds.join(',')}}`}::text[]))`,
  ];
  if (exceptTrackId) where.push(ne(trackBlock.trackId, exceptTrackId));
  return db
    .select({
      weekday: trackBlock.weekday,
      startTime: trackBlock.startTime,
      endTime: trackBlock.endTime,
      facilitatorId: trackBlock.facilitatorId,
      coFacilitatorIds: blockCoFacilitatorIds,
      trackId: track.id,
      trackName: track.name,
      programName: program.name,
      timeZone: site.timeZone,
    })
    .from(trackBlock)
    .innerJoin(track, and(eq(track.orgId, trackBlock.orgId), eq(track.id, trackBlock.trackId)))
    .innerJoin(program, and(eq(program.orgId, track.orgId), eq(program.id, track.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(...where));
}

export async function checkFacilitatorClashes(
  deps: SetupDeps,
  actor: Actor,
  input: FacilitatorClashCheck,
): Promise<FacilitatorClashList> {
  // Only those who edit templates need the warning.
  authorize(actor, 'setup.write');
  const prog = await findProgram(deps.db, actor.orgId, input.programId);
  if (!prog) throw notFoundFields([{ path: 'body.programId', message: 'is not a program of this organisation' }]);
  const facilitatorIds = [...new Set(input.blocks.flatMap((b) => facilitatorsOf(b)))];
  if (facilitatorIds.length === 0) return { items: [] };

  const ours = input.blocks.map((b) => ({ ...b, facilitatorId: b.facilitatorId ?? null, timeZone: prog.timeZone }));
  const others = await otherBookings(deps.db, actor.orgId, facilitatorIds, input.trackId);
  const clashes = facilitatorClashes(ours, others);
  if (clashes.length === 0) return { items: [] };
  const names = new Map((await staffByIds(deps.db, actor.orgId, facilitatorIds)).map((s) => [s.id, s.name]));
  return {
    items: clashes.map(({ index, facilitatorId, other }) => ({
      blockIndex: index,
      facilitatorId,
      facilitatorName: names.get(facilitatorId) ?? 'The facilitator',
      trackId: 'trackId' in other ? other.trackId : null,
      trackName: 'trackName' in other ? other.trackName : null,
      programName: 'programName' in other ? other.programName : null,
      weekday: other.weekday,
      startTime: other.startTime,
      endTime: other.endTime,
    })),
  };
}
