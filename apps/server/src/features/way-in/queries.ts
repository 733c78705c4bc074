/** Queries of the public way in: only what a program page may show, and the inquiry insert. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { inquiry, organisation, program, site, track, trackBlock } from '../../db/schema.ts';

export async function organisationBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: organisation.id, name: organisation.name, slug: organisation.slug })
    .from(organisation)
    .where(eq(organisation.slug, slug));
  return row;
}

/** Active programs the organisation lists publicly, with their site's name and zone. */
export async function listedPrograms(db: DbOrTx, orgId: string) {
  return db
    .select({
      id: program.id,
      name: program.name,
      levelOfCare: program.levelOfCare,
      population: program.population,
      focus: program.focus,
      audience: program.audience,
      weekDescription: program.weekDescription,
      therapies: program.therapies,
      insuranceAccepted: program.insuranceAccepted,
      typicalLengthMinWeeks: program.typicalLengthMinWeeks,
      typicalLengthMaxWeeks: program.typicalLengthMaxWeeks,
      siteName: site.name,
      timeZone: site.timeZone,
    })
    .from(program)
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(program.orgId, orgId), eq(program.active, true), eq(program.publicListed, true)))
    .orderBy(asc(program.name));
}

/** The weekly blocks of the programs' active tracks: days, local times, titles and kinds — no rooms, links or staff. */
export async function publicTrackBlocks(db: DbOrTx, orgId: string, programIds: readonly string[]) {
  if (programIds.length === 0) return [];
  return db
    .select({
      programId: track.programId,
      trackId: track.id,
      trackName: track.name,
      weekday: trackBlock.weekday,
      startTime: trackBlock.startTime,
      endTime: trackBlock.endTime,
      title: trackBlock.title,
      kind: trackBlock.kind,
      breakMinutes: trackBlock.breakMinutes,
    })
    .from(track)
    .innerJoin(trackBlock, and(eq(trackBlock.orgId, track.orgId), eq(trackBlock.trackId, track.id), eq(trackBlock.active, true)))
    .where(and(eq(track.orgId, orgId), eq(track.active, true), inArray(track.programId, [...programIds])))
    .orderBy(asc(track.name), asc(trackBlock.weekday), asc(trackBlock.startTime));
}

export type NewInquiry = typeof inquiry.$inferInsert;

export async function insertInquiry(db: DbOrTx, values: NewInquiry): Promise<string> {
  const [row] = await db.insert(inquiry).values(values).returning({ id: inquiry.id });
  if (!row) throw new Error('inquiry not created');
  return row.id;
}
