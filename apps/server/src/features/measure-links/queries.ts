/** One-time measure links and the due list: queries as plain functions of `(db | tx, args)`. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Focus, InstrumentId, MeasureLinkKind } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { measureLink } from '../../db/schema.ts';

export type LinkRow = typeof measureLink.$inferSelect;

export async function insertLink(tx: DbOrTx, row: typeof measureLink.$inferInsert): Promise<LinkRow> {
  const [inserted] = await tx.insert(measureLink).values(row).returning();
  if (!inserted) throw new Error('measure link not stored');
  return inserted;
}

export interface LinkWithEpisode extends LinkRow {
  episodeActive: boolean;
  organisationName: string;
}

/**
 * The link a token's hash names, with whether its episode is still open and the organisation's name. With `lock`,
 * the row is locked until the transaction ends: a second answer racing the first waits, then finds it used.
 */
export async function linkByTokenHash(db: DbOrTx, tokenHash: string, options: { lock?: boolean } = {}): Promise<LinkWithEpisode | null> {
  const query = db
    .select({ link: measureLink, episodeActive: sql<boolean>`e.status = 'active'`, organisationName: sql<string>`o.name` })
    .from(measureLink)
    .innerJoin(sql`episode e`, sql`e.org_id = ${measureLink.orgId} and e.id = ${measureLink.episodeId}`)
    .innerJoin(sql`organisation o`, sql`o.id = ${measureLink.orgId}`)
    .where(eq(measureLink.tokenHash, tokenHash));
  const rows = options.lock ? await query.for('update', { of: measureLink }) : await query;
  const [row] = rows;
  return row ? { ...row.link, episodeActive: row.episodeActive, organisationName: row.organisationName } : null;
}

/** Marks a link used by what its answer stored; false when another answer used it first. */
export async function markLinkUsed(
  tx: DbOrTx,
  link: { orgId: string; id: string },
  used: { at: Date; responseId?: string; checkInId?: string; submissionHash: string },
): Promise<boolean> {
  const updated = await tx
    .update(measureLink)
    .set({ usedAt: used.at, responseId: used.responseId ?? null, checkInId: used.checkInId ?? null, submissionHash: used.submissionHash })
    .where(and(eq(measureLink.orgId, link.orgId), eq(measureLink.id, link.id), sql`${measureLink.usedAt} is null`))
    .returning({ id: measureLink.id });
  return updated.length === 1;
}

/** Whether the answer a used link stored raised a safety alert (so a repeat of it is answered the same way). */
export async function linkRaisedAlert(db: DbOrTx, link: LinkRow): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from safety_alert
                          where org_id = ${link.orgId}
                            and (response_id = ${link.responseId} or check_in_id = ${link.checkInId})`),
  );
  return rows.length > 0;
}

export interface CaseloadEpisode {
  episode_id: string;
  participant_id: string;
  participant_name: string;
  program_id: string;
  program_name: string;
  focus: Focus;
  admitted_on: string;
  discharged_on: string | null;
  expected_weeks: number | null;
  time_zone: string;
}

/** Active episodes whose primary clinician is `clinicianId`, that `visible` (on episode `e`) lets the caller see. */
export async function caseloadEpisodes(db: DbOrTx, orgId: string, clinicianId: string, visible: SQL): Promise<CaseloadEpisode[]> {
  return activeEpisodes(db, orgId, sql`e.primary_clinician_id = ${clinicianId} and ${visible}`);
}

/** A participant's own active episodes, for their portal. */
export async function participantActiveEpisodes(db: DbOrTx, orgId: string, participantId: string): Promise<CaseloadEpisode[]> {
  return activeEpisodes(db, orgId, sql`e.participant_id = ${participantId}`);
}

async function activeEpisodes(db: DbOrTx, orgId: string, whose: SQL): Promise<CaseloadEpisode[]> {
  return rowsOf<CaseloadEpisode>(
    await db.execute(sql`
      select e.id as episode_id, e.participant_id,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as participant_name,
             pr.id as program_id, pr.name as program_name, pr.focus,
             to_char(e.admitted_on, 'YYYY-MM-DD') as admitted_on, to_char(e.discharged_on, 'YYYY-MM-DD') as discharged_on,
             e.expected_weeks, s.time_zone
        from episode e
        join participant p on p.org_id = e.org_id and p.id = e.participant_id
        join program pr on pr.org_id = e.org_id and pr.id = e.program_id
        join site s on s.org_id = pr.org_id and s.id = pr.site_id
       where e.org_id = ${orgId} and e.status = 'active' and ${whose}
       order by p.family_name, p.given_name, e.id`),
  );
}

/** The last time each instrument was given in each episode. */
export async function lastAdministrations(
  db: DbOrTx,
  orgId: string,
  episodeIds: readonly string[],
): Promise<{ episode_id: string; instrument_id: InstrumentId; last_at: string }[]> {
  if (episodeIds.length === 0) return [];
  return rowsOf(
    await db.execute(sql`
      select episode_id, instrument_id, to_char(max(administered_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_at
        from measure_response
       where org_id = ${orgId} and episode_id in (${sql.join(episodeIds.map((id) => sql`${id}::uuid`), sql`, `)})
       group by episode_id, instrument_id`),
  );
}

/** Links neither used nor expired, per episode and instrument (the latest to expire). */
export async function openLinks(
  db: DbOrTx,
  orgId: string,
  episodeIds: readonly string[],
  now: Date,
): Promise<{ id: string; episode_id: string; instrument: MeasureLinkKind; expires_at: string }[]> {
  if (episodeIds.length === 0) return [];
  return rowsOf(
    await db.execute(sql`
      select distinct on (episode_id, instrument) id, episode_id, instrument,
             to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as expires_at
        from measure_link
       where org_id = ${orgId} and used_at is null and expires_at > ${now.toISOString()}::timestamptz
         and episode_id in (${sql.join(episodeIds.map((id) => sql`${id}::uuid`), sql`, `)})
       order by episode_id, instrument, expires_at desc`),
  );
}

export async function staffName(db: DbOrTx, orgId: string, userId: string): Promise<string | null> {
  const [row] = rowsOf<{ name: string }>(await db.execute(sql`select name from app_user where org_id = ${orgId} and id = ${userId}`));
  return row?.name ?? null;
}
