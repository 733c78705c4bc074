/** Which site's time zone a page's "today" and "this week" are read in, when a request spans sites or names none. */
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from './index.ts';

/** What a request narrowed itself to; the most specific wins. */
export interface ZoneChoice {
  siteId?: string | undefined;
  programId?: string | undefined;
  trackId?: string | undefined;
}

/**
 * The zone of the site named, else of the program's (or the track's program's) site, else the organisation's first
 * site — by creation time, then id, so two sites created in the same instant still give one answer every time — else
 * UTC for an organisation with no site yet. Callers return the zone they used, so a page can say where "today" is.
 */
export async function zoneFor(db: DbOrTx, orgId: string, choice: ZoneChoice): Promise<string> {
  const { siteId, programId, trackId } = choice;
  const result = await db.execute(sql`
    select st.time_zone from site st
     where st.org_id = ${orgId}
     order by ${siteId ? sql`(st.id = ${siteId}::uuid) desc,` : sql``}
              ${programId ? sql`exists (select 1 from program pr where pr.org_id = st.org_id and pr.site_id = st.id and pr.id = ${programId}::uuid) desc,` : sql``}
              ${trackId ? sql`exists (select 1 from track tr join program pr on pr.org_id = tr.org_id and pr.id = tr.program_id
                                        where tr.org_id = st.org_id and pr.site_id = st.id and tr.id = ${trackId}::uuid) desc,` : sql``}
              st.created_at, st.id
     limit 1`);
  const [row] = rowsOf<{ time_zone: string }>(result);
  return row?.time_zone ?? 'UTC';
}
