/**
 * Turning track templates into sessions. Blocks are wall-clock times in the site's zone, expanded by core's
 * `occurrencesOfWeeklyBlocks`, so an 18:00 group stays at 18:00 local across a DST change. Generation is idempotent:
 * the unique index on (org_id, track_block_id, local_date) makes a second run insert nothing, and a date whose
 * session was cancelled, moved or kept for its attendance is never generated again.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { SESSION_HORIZON_WEEKS, addDays, occurrencesOfWeeklyBlocks, spanCovers, type SessionKind } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { organisation, program, session, sessionFacilitator, site, siteClosure, track, trackBlock } from '../../db/schema.ts';
import { blockCoFacilitatorIds } from '../setup/queries.ts';

/** An active block of an active track of an active program, with its site's zone. */
export interface TemplateBlock {
  id: string;
  trackId: string;
  programId: string;
  siteId: string;
  timeZone: string;
  weekday: number;
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind;
  breakMinutes: number;
  facilitatorId: string | null;
  /** Staff who run the block beside its facilitator; each generated session carries them. */
  coFacilitatorIds: string[];
  roomId: string | null;
  capacity: number;
}

export interface TemplateOccurrence {
  block: TemplateBlock;
  localDate: string;
  startsAt: string;
  endsAt: string;
}

export interface GenerateOptions {
  /** Only occurrences starting after this instant (a track edited today does not gain sessions that already began). */
  notBefore?: Date;
}

/** Blocks that generate sessions, optionally of one track or in some rooms. */
export async function activeTemplateBlocks(
  db: DbOrTx,
  orgId: string,
  filter: { trackId?: string; roomIds?: string[] } = {},
): Promise<TemplateBlock[]> {
  const where: SQL[] = [
    eq(trackBlock.orgId, orgId),
    eq(trackBlock.active, true),
    eq(track.active, true),
    eq(program.active, true),
  ];
  if (filter.trackId) where.push(eq(trackBlock.trackId, filter.trackId));
  if (filter.roomIds) {
    if (filter.roomIds.length === 0) return [];
    where.push(inArray(trackBlock.roomId, filter.roomIds));
  }
  return db
    .select({
      id: trackBlock.id,
      trackId: trackBlock.trackId,
      programId: program.id,
      siteId: program.siteId,
      timeZone: site.timeZone,
      weekday: trackBlock.weekday,
      startTime: trackBlock.startTime,
      endTime: trackBlock.endTime,
      title: trackBlock.title,
      kind: trackBlock.kind,
      breakMinutes: trackBlock.breakMinutes,
      facilitatorId: trackBlock.facilitatorId,
      coFacilitatorIds: blockCoFacilitatorIds,
      roomId: trackBlock.roomId,
      capacity: trackBlock.capacity,
    })
    .from(trackBlock)
    .innerJoin(track, and(eq(track.orgId, trackBlock.orgId), eq(track.id, trackBlock.trackId)))
    .innerJoin(program, and(eq(program.orgId, track.orgId), eq(program.id, track.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(...where));
}

/**
 * Occurrences of template blocks between two local dates inclusive, each in its own site's zone. An occurrence that
 * starts in a spring-forward gap and has no real length (02:00–03:00 on that night) is left out: it never happens.
 */
export function templateOccurrences(
  blocks: readonly TemplateBlock[],
  fromDate: string,
  toDate: string,
  options: GenerateOptions = {},
): TemplateOccurrence[] {
  const byZone = new Map<string, TemplateBlock[]>();
  for (const block of blocks) byZone.set(block.timeZone, [...(byZone.get(block.timeZone) ?? []), block]);
  const notBefore = options.notBefore?.getTime();
  const result: TemplateOccurrence[] = [];
  for (const [zone, zoneBlocks] of byZone) {
    for (const o of occurrencesOfWeeklyBlocks(zoneBlocks, zone, fromDate, toDate)) {
      const block = zoneBlocks[o.blockIndex]!;
      const starts = Date.parse(o.startsAt);
      if (Date.parse(o.endsAt) <= starts) continue;
      if (notBefore !== undefined && starts <= notBefore) continue;
      result.push({ block, localDate: o.localDate, startsAt: o.startsAt, endsAt: o.endsAt });
    }
  }
  return result;
}

const INSERT_CHUNK = 500;

async function insertOccurrences(
  db: DbOrTx,
  orgId: string,
  occurrences: readonly TemplateOccurrence[],
): Promise<number> {
  // No session is generated on a day its site is closed.
  const closures = await db
    .select({ siteId: siteClosure.siteId, fromDate: siteClosure.fromDate, toDate: siteClosure.toDate })
    .from(siteClosure)
    .where(eq(siteClosure.orgId, orgId));
  const open = occurrences.filter(
    (o) => !closures.some((c) => c.siteId === o.block.siteId && spanCovers({ from: c.fromDate, to: c.toDate }, o.localDate)),
  );
  let inserted = 0;
  for (let i = 0; i < open.length; i += INSERT_CHUNK) {
    const chunk = open.slice(i, i + INSERT_CHUNK);
    const rows = chunk.map(({ block, localDate, startsAt, endsAt }) => ({
      orgId,
      trackId: block.trackId,
      trackBlockId: block.id,
      programId: block.programId,
      siteId: block.siteId,
      title: block.title,
      kind: block.kind,
      breakMinutes: block.breakMinutes,
      localDate,
      startsAt,
      endsAt,
      facilitatorId: block.facilitatorId,
      roomId: block.roomId,
      capacity: block.capacity,
    }));
    const created = await db
      .insert(session)
      .values(rows)
      .onConflictDoNothing({
        target: [session.orgId, session.trackBlockId, session.localDate],
        where: sql`track_block_id is not null`,
      })
      .returning({ id: session.id, trackBlockId: session.trackBlockId });
    inserted += created.length;
    const coFacilitatorsOf = new Map(chunk.map((o) => [o.block.id, o.block.coFacilitatorIds]));
    const coRows = created.flatMap((c) =>
      (coFacilitatorsOf.get(c.trackBlockId ?? '') ?? []).map((userId) => ({ orgId, sessionId: c.id, userId })),
    );
    if (coRows.length) await db.insert(sessionFacilitator).values(coRows);
  }
  return inserted;
}

/** The last local date of a horizon of `weeks` weeks opening on `fromDate`. */
export function horizonEnd(fromDate: string, weeks: number): string {
  return addDays(fromDate, weeks * 7 - 1);
}

/**
 * Generates the sessions of every active track of an organisation from `fromDate` for `weeks` weeks (local dates in
 * each program's site zone). Returns how many sessions were created; running it again creates none.
 */
export async function generateSessionsForOrg(
  db: DbOrTx,
  orgId: string,
  fromDate: string,
  weeks: number = SESSION_HORIZON_WEEKS,
  options: GenerateOptions = {},
): Promise<number> {
  const blocks = await activeTemplateBlocks(db, orgId);
  return insertOccurrences(db, orgId, templateOccurrences(blocks, fromDate, horizonEnd(fromDate, weeks), options));
}

/** Generates one track's sessions; nothing when the track or its program is inactive. */
export async function generateSessionsForTrack(
  tx: DbOrTx,
  orgId: string,
  trackId: string,
  fromDate: string,
  weeks: number = SESSION_HORIZON_WEEKS,
  options: GenerateOptions = {},
): Promise<number> {
  const blocks = await activeTemplateBlocks(tx, orgId, { trackId });
  return insertOccurrences(tx, orgId, templateOccurrences(blocks, fromDate, horizonEnd(fromDate, weeks), options));
}

/**
 * Rolls every organisation's calendar forward: sessions from now to the horizon. Meant for server start and a daily
 * run; idempotent, and never creates a session that has already begun.
 */
export async function generateUpcomingSessions(
  db: DbOrTx,
  now: Date,
  weeks: number = SESSION_HORIZON_WEEKS,
): Promise<number> {
  // The day before today in UTC is on or before today's local date in every zone; notBefore drops what has begun.
  const fromDate = addDays(now.toISOString().slice(0, 10), -1);
  const orgs = await db.select({ id: organisation.id }).from(organisation);
  let created = 0;
  for (const org of orgs) created += await generateSessionsForOrg(db, org.id, fromDate, weeks + 1, { notBefore: now });
  return created;
}
