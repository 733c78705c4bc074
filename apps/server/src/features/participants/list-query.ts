/**
 * The participant list: keyset pages ordered by family name, given name and id, filtered by name, episode status and
 * the actor's visibility, each with the active episode's program and current track.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { participant } from '../../db/schema.ts';

export interface ListCursor {
  familyName: string;
  givenName: string;
  id: string;
}

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.familyName, c.givenName, c.id]), 'utf8').toString('base64url');
}

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeCursor(text: string): ListCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string')) return null;
    const [familyName, givenName, id] = value as [string, string, string];
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { familyName, givenName, id };
  } catch {
    return null;
  }
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface ListArgs {
  orgId: string;
  q: string | undefined;
  status: 'active' | 'discharged' | 'all';
  cursor: ListCursor | null;
  limit: number;
  /** The actor's visibility condition on participant.id, or undefined for every participant. */
  visibility: SQL | undefined;
  /** Which active (`ae`) and discharged (`d`) episodes the actor may see; others are left out as if absent (Part 2). */
  activeEpisodeVisibility?: SQL | undefined;
  dischargedEpisodeVisibility?: SQL | undefined;
  /** Today's date, to name the track an active episode is on now. */
  today: string;
}

export interface ListRow {
  id: string;
  given_name: string;
  family_name: string;
  display_name: string;
  date_of_birth: string;
  episode_id: string | null;
  program_name: string | null;
  track_name: string | null;
}

export async function listParticipants(db: DbOrTx, args: ListArgs): Promise<ListRow[]> {
  const conditions: SQL[] = [sql`${participant.orgId} = ${args.orgId}`];
  if (args.q) {
    const pattern = likePattern(args.q);
    conditions.push(
      // Given, preferred or family name, or a full name as it is written ("Ave Quill", "Avery Quill").
      sql`(${participant.givenName} || ' ' || ${participant.familyName} ilike ${pattern}
           or ${participant.preferredName} || ' ' || ${participant.familyName} ilike ${pattern})`,
    );
  }
  if (args.status === 'active') conditions.push(sql`ae.id is not null`);
  if (args.status === 'discharged') {
    conditions.push(sql`ae.id is null and exists (select 1 from episode d where d.org_id = ${participant.orgId}
      and d.participant_id = ${participant.id} and d.status = 'discharged'
      and ${args.dischargedEpisodeVisibility ?? sql`true`})`);
  }
  if (args.cursor) {
    const c = args.cursor;
    conditions.push(
      sql`(${participant.familyName}, ${participant.givenName}, ${participant.id}) > (${c.familyName}, ${c.givenName}, ${c.id}::uuid)`,
    );
  }
  if (args.visibility) conditions.push(args.visibility);

  const result = await db.execute(sql`
    select ${participant.id} as id, ${participant.givenName} as given_name, ${participant.familyName} as family_name,
           coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName} as display_name,
           ${participant.dateOfBirth}::text as date_of_birth,
           ae.id as episode_id, pr.name as program_name, cur.track_name
      from ${participant}
      left join episode ae on ae.org_id = ${participant.orgId} and ae.participant_id = ${participant.id} and ae.status = 'active'
                         and ${args.activeEpisodeVisibility ?? sql`true`}
      left join program pr on pr.org_id = ae.org_id and pr.id = ae.program_id
      left join lateral (
        select t.name as track_name
          from track_membership m join track t on t.org_id = m.org_id and t.id = m.track_id
         where m.org_id = ae.org_id and m.episode_id = ae.id
         order by (m.from_date <= ${args.today} and (m.to_date is null or m.to_date >= ${args.today})) desc, m.from_date desc
         limit 1) cur on true
     where ${sql.join(conditions, sql` and `)}
     order by ${participant.familyName}, ${participant.givenName}, ${participant.id}
     limit ${args.limit + 1}`);
  return rowsOf<ListRow>(result);
}

/** Rows of a raw query on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] };
  return r.rows ?? (result as T[]);
}
