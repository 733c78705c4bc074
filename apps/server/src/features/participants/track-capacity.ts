/**
 * Group capacity on admission and track moves: a track is full when its members from a date on reach the smallest
 * capacity among its active blocks (each at most GROUP_CAPACITY_HARD_STOP). The track row is locked so two admissions
 * racing for the last place cannot both take it.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { unprocessable } from '../../http/problems.ts';

export async function assertTrackHasRoom(tx: DbOrTx, orgId: string, trackId: string, fromDate: string): Promise<void> {
  const [row] = rowsOf<{ name: string; capacity: number | null; members: string | number }>(
    await tx.execute(sql`
      with locked as (select id, name from track where org_id = ${orgId} and id = ${trackId} for update)
      select locked.name,
             (select min(b.capacity) from track_block b
               where b.org_id = ${orgId} and b.track_id = locked.id and b.active) as capacity,
             (select count(distinct m.episode_id) from track_membership m
                join episode e on e.org_id = m.org_id and e.id = m.episode_id
               where m.org_id = ${orgId} and m.track_id = locked.id and e.status = 'active'
                 and (m.to_date is null or m.to_date >= ${fromDate})) as members
        from locked`),
  );
  if (!row || row.capacity === null) return;
  const members = Number(row.members);
  if (members >= row.capacity) {
    throw unprocessable(
      `${row.name} is full: ${members} of ${row.capacity} places are taken from ${fromDate}. Choose another track or raise its capacity.`,
      [{ path: 'body.trackId', message: 'the group is full' }],
    );
  }
}
