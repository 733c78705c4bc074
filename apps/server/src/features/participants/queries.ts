import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { appUser, episode, participant, program, site, track, trackMembership } from '../../db/schema.ts';
import { isStaffUser } from '../../db/staff-sql.ts';

export type ParticipantRow = typeof participant.$inferSelect;
export type EpisodeRow = typeof episode.$inferSelect;

/** How a participant is named on lists and rolls: the name they go by, then the family name. */
export const displayNameSql = sql<string>`coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}`;

export async function findParticipant(db: DbOrTx, orgId: string, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(participant)
    .where(and(eq(participant.orgId, orgId), eq(participant.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertParticipant(db: DbOrTx, values: typeof participant.$inferInsert) {
  const [row] = await db.insert(participant).values(values).returning();
  if (!row) throw new Error('participant not inserted');
  return row;
}

export async function updateParticipant(
  db: DbOrTx,
  orgId: string,
  id: string,
  values: Partial<typeof participant.$inferInsert>,
) {
  const [row] = await db
    .update(participant)
    .set({ ...values, version: sql`${participant.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(participant.orgId, orgId), eq(participant.id, id)))
    .returning();
  if (!row) throw new Error('participant not updated');
  return row;
}

/** A participant's episodes (those `visible` to the caller), newest admission first, with program, site zone and primary clinician. */
export async function episodesOfParticipant(db: DbOrTx, orgId: string, participantId: string, visible?: SQL) {
  return episodeDetails(db, and(eq(episode.orgId, orgId), eq(episode.participantId, participantId), visible)!);
}

export async function findEpisode(db: DbOrTx, orgId: string, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function episodeDetail(db: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await episodeDetails(db, and(eq(episode.orgId, orgId), eq(episode.id, episodeId))!);
  if (!row) throw new Error('episode vanished');
  return row;
}

async function episodeDetails(db: DbOrTx, where: SQL) {
  const episodes = await db
    .select({
      episode,
      programName: program.name,
      levelOfCare: program.levelOfCare,
      timeZone: site.timeZone,
      primaryClinicianName: appUser.name,
    })
    .from(episode)
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .leftJoin(appUser, and(eq(appUser.orgId, episode.orgId), eq(appUser.id, episode.primaryClinicianId)))
    .where(where)
    .orderBy(desc(episode.admittedOn), desc(episode.createdAt));
  if (episodes.length === 0) return [];
  const first = episodes[0]!.episode;
  const memberships = await db
    .select({
      episodeId: trackMembership.episodeId,
      trackId: trackMembership.trackId,
      trackName: track.name,
      fromDate: trackMembership.fromDate,
      toDate: trackMembership.toDate,
    })
    .from(trackMembership)
    .innerJoin(track, and(eq(track.orgId, trackMembership.orgId), eq(track.id, trackMembership.trackId)))
    .where(
      and(
        eq(trackMembership.orgId, first.orgId),
        inArray(
          trackMembership.episodeId,
          episodes.map((e) => e.episode.id),
        ),
      ),
    )
    .orderBy(asc(trackMembership.fromDate), asc(trackMembership.createdAt));
  return episodes.map((e) => ({ ...e, memberships: memberships.filter((m) => m.episodeId === e.episode.id) }));
}
export type EpisodeDetail = Awaited<ReturnType<typeof episodeDetail>>;

export async function activeEpisodeOf(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({ id: episode.id })
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.participantId, participantId), eq(episode.status, 'active')))
    .limit(1);
  return row ?? null;
}

export async function countEpisodes(db: DbOrTx, orgId: string, participantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.participantId, participantId)));
  return row?.n ?? 0;
}

export async function findProgram(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(program)
    .where(and(eq(program.orgId, orgId), eq(program.id, id)));
  return row ?? null;
}

export async function findTrack(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(track)
    .where(and(eq(track.orgId, orgId), eq(track.id, id)));
  return row ?? null;
}

export async function findStaff(db: DbOrTx, orgId: string, id: string) {
  const [row] = await db
    .select({ id: appUser.id, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), eq(appUser.id, id), isStaffUser));
  return row ?? null;
}

export async function insertEpisode(db: DbOrTx, values: typeof episode.$inferInsert) {
  const [row] = await db.insert(episode).values(values).returning();
  if (!row) throw new Error('episode not inserted');
  return row;
}

export async function bumpEpisode(
  db: DbOrTx,
  orgId: string,
  id: string,
  values: Partial<typeof episode.$inferInsert> = {},
) {
  await db
    .update(episode)
    .set({ ...values, version: sql`${episode.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(episode.orgId, orgId), eq(episode.id, id)));
}

export async function insertMembership(db: DbOrTx, values: typeof trackMembership.$inferInsert) {
  await db.insert(trackMembership).values(values);
}

/** The membership still open (no end date) of an episode; at most one exists. */
export async function openMembership(db: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await db
    .select()
    .from(trackMembership)
    .where(
      and(eq(trackMembership.orgId, orgId), eq(trackMembership.episodeId, episodeId), isNull(trackMembership.toDate)),
    )
    .orderBy(desc(trackMembership.fromDate))
    .limit(1);
  return row ?? null;
}

export async function updateMembership(
  db: DbOrTx,
  orgId: string,
  id: string,
  values: { trackId?: string; toDate?: string },
) {
  await db
    .update(trackMembership)
    .set(values)
    .where(and(eq(trackMembership.orgId, orgId), eq(trackMembership.id, id)));
}

/** The latest local date on which a mark was recorded in this episode on or after a date (on one track if given), or null. */
export async function lastMarkOfEpisode(
  db: DbOrTx,
  orgId: string,
  episodeId: string,
  where: { onOrAfter: string; trackId?: string },
): Promise<string | null> {
  const [row] = rowsOf<{ last: string | null }>(
    await db.execute(sql`
      select max(s.local_date)::text as last
        from attendance a
        join session s on s.org_id = a.org_id and s.id = a.session_id
       where a.org_id = ${orgId} and a.episode_id = ${episodeId} and s.local_date >= ${where.onOrAfter}::date
         ${where.trackId ? sql`and s.track_id = ${where.trackId}` : sql``}`),
  );
  return row?.last ?? null;
}

/** The IANA zone of a program's site. */
export async function siteZoneOfProgram(db: DbOrTx, orgId: string, programId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: site.timeZone })
    .from(program)
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  if (!row) throw new Error('program vanished');
  return row.timeZone;
}
