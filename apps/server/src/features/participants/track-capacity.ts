/**
 * Group capacity on admission and track moves: a track is full when its members from a date on reach the smallest
 * capacity among its active blocks (each at most GROUP_CAPACITY_HARD_STOP). The track row is locked so two admissions
 * racing for the last place cannot both take it.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { unprocessable } from '../../http/problems.ts';

/** Places on a track from a date on; `lock` holds the track row so two admissions cannot both take the last place. */
export async function trackPlaces(
  tx: DbOrTx,
  orgId: string,
  trackId: string,
  fromDate: string,
  options: { lock?: boolean } = {},
): Promise<{ name: string; capacity: number | null; taken: number } | undefined> {
  const lock = options.lock ? sql`for update` : sql``;
  const [row] = rowsOf<{ name: string; capacity: number | null; members: string | number }>(
    await tx.execute(sql`
      with locked as (select id, name from track where org_id = ${orgId} and id = ${trackId} ${lock})
      select locked.name,
             (select min(b.capacity) from track_block b
               where b.org_id = ${orgId} and b.track_id = locked.id and b.active) as capacity,
             (select count(distinct m.episode_id) from track_membership m
                join episode e on e.org_id = m.org_id and e.id = m.episode_id
               where m.org_id = ${orgId} and m.track_id = locked.id and e.status = 'active'
                 and (m.to_date is null or m.to_date >= ${fromDate})) as members
        from locked`),
  );
  return row ? { name: row.name, capacity: row.capacity, taken: Number(row.members) } : undefined;
}

export async function assertTrackHasRoom(tx: DbOrTx, orgId: string, trackId: string, fromDate: string): Promise<void> {
  const places = await trackPlaces(tx, orgId, trackId, fromDate, { lock: true });
  if (!places || places.capacity === null) return;
  if (places.taken >= places.capacity) {
    throw unprocessable(
      `${places.name} is full: ${places.taken} of ${places.capacity} places are taken from ${fromDate}. Choose another track or raise its capacity.`,
      [{ path: 'body.trackId', message: 'the group is full' }],
    );
  }
}
