/**
 * What every record export shares outside the page layout: the header's facts read for an episode, and the HTTP answer
 * (a download named without the participant's name; the API's `no-store` comes from the global hook).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { DbOrTx } from '../db/index.ts';
import { appUser, episode, inquiry, organisation, participant, program, site } from '../db/schema.ts';
import type { DocumentHeader } from './layout.ts';

/** A rendered export: its file name and bytes. */
export interface PdfExport {
  filename: string;
  pdf: Buffer;
}

/**
 * The header of an episode's exported records: organisation, program, the participant's legal name and date of birth,
 * the Part 2 flag the episode carries and the site's zone. No access check: callers reach the episode first.
 */
export async function documentHeaderOf(db: DbOrTx, orgId: string, episodeId: string): Promise<DocumentHeader> {
  const [row] = await db
    .select({
      organisation: organisation.name,
      program: program.name,
      givenName: participant.givenName,
      familyName: participant.familyName,
      dateOfBirth: participant.dateOfBirth,
      part2: episode.part2,
      timeZone: site.timeZone,
    })
    .from(episode)
    .innerJoin(organisation, eq(organisation.id, episode.orgId))
    .innerJoin(participant, and(eq(participant.orgId, episode.orgId), eq(participant.id, episode.participantId)))
    .innerJoin(program, and(eq(program.orgId, episode.orgId), eq(program.id, episode.programId)))
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(episode.orgId, orgId), eq(episode.id, episodeId)));
  if (!row) throw new Error('episode vanished while exporting');
  return {
    organisation: row.organisation,
    program: row.program,
    participantName: `${row.givenName} ${row.familyName}`,
    dateOfBirth: row.dateOfBirth,
    part2: row.part2,
    timeZone: row.timeZone,
  };
}

/**
 * The header of a record kept for an inquiry (someone not yet admitted): the inquiry's name stands for the participant,
 * no date of birth is known, the Part 2 flag is the program asked about, and times print on that program's site clock
 * (or the organisation's first site when no program was chosen). No access check: callers reach the inquiry first.
 */
export async function inquiryHeaderOf(db: DbOrTx, orgId: string, inquiryId: string): Promise<DocumentHeader> {
  const [row] = await db
    .select({
      organisation: organisation.name,
      program: program.name,
      name: inquiry.name,
      part2: program.part2,
      timeZone: site.timeZone,
    })
    .from(inquiry)
    .innerJoin(organisation, eq(organisation.id, inquiry.orgId))
    .leftJoin(program, and(eq(program.orgId, inquiry.orgId), eq(program.id, inquiry.programId)))
    .leftJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(and(eq(inquiry.orgId, orgId), eq(inquiry.id, inquiryId)));
  if (!row) throw new Error('inquiry vanished while exporting');
  const [first] = row.timeZone
    ? [{ timeZone: row.timeZone }]
    : await db.select({ timeZone: site.timeZone }).from(site).where(eq(site.orgId, orgId)).orderBy(asc(site.createdAt), asc(site.id)).limit(1);
  return {
    organisation: row.organisation,
    program: row.program ?? 'Inquiry, no program chosen',
    participantName: row.name,
    dateOfBirth: 'not recorded',
    part2: row.part2 ?? false,
    timeZone: first?.timeZone ?? 'UTC',
  };
}

/** Answers a PDF as a download. */
export function sendPdf(reply: FastifyReply, exported: PdfExport): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${exported.filename}"`)
    .send(exported.pdf);
}

/** Staff names by id (a plan's responsible staff), for documents that print people rather than ids. */
export async function staffNamesOf(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: appUser.id, name: appUser.name })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), inArray(appUser.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}
