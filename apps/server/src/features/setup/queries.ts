/**
 * Setup queries. Every one filters by the organisation; the API's hours are the database's minutes divided by 60.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  serviceRequirementsSchema,
  trackSummary,
  trackTemplateWarnings,
  type Program,
  type Room,
  type Site,
  type StaffMember,
  type StaffRole,
  type Track,
} from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { isStaffUser, staffProgramIds } from '../../db/staff-sql.ts';
import { appUser, program, room, site, track, trackBlock } from '../../db/schema.ts';

// ---- Sites ----

const siteColumns = {
  id: site.id,
  name: site.name,
  timeZone: site.timeZone,
  address: site.address,
  version: site.version,
};

export async function listSites(db: DbOrTx, orgId: string): Promise<Site[]> {
  return db.select(siteColumns).from(site).where(eq(site.orgId, orgId)).orderBy(asc(site.name));
}

export async function findSite(
  db: DbOrTx,
  orgId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Site | undefined> {
  const query = db
    .select(siteColumns)
    .from(site)
    .where(and(eq(site.orgId, orgId), eq(site.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

// ---- Rooms ----

const roomColumns = {
  id: room.id,
  siteId: room.siteId,
  name: room.name,
  kind: room.kind,
  capacity: room.capacity,
  meetingUrl: room.meetingUrl,
  active: room.active,
  version: room.version,
};

export async function listRooms(db: DbOrTx, orgId: string, siteId?: string): Promise<Room[]> {
  const where: SQL[] = [eq(room.orgId, orgId)];
  if (siteId) where.push(eq(room.siteId, siteId));
  return db
    .select(roomColumns)
    .from(room)
    .where(and(...where))
    .orderBy(asc(room.name));
}

export async function findRoom(
  db: DbOrTx,
  orgId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Room | undefined> {
  const query = db
    .select(roomColumns)
    .from(room)
    .where(and(eq(room.orgId, orgId), eq(room.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function roomsByIds(db: DbOrTx, orgId: string, ids: readonly string[]): Promise<Room[]> {
  if (ids.length === 0) return [];
  return db
    .select(roomColumns)
    .from(room)
    .where(and(eq(room.orgId, orgId), inArray(room.id, [...ids])));
}

// ---- Programs ----

const programColumns = {
  id: program.id,
  siteId: program.siteId,
  siteName: site.name,
  timeZone: site.timeZone,
  name: program.name,
  levelOfCare: program.levelOfCare,
  population: program.population,
  focus: program.focus,
  part2: program.part2,
  minWeeklyMinutes: program.minWeeklyMinutes,
  maxWeeklyMinutes: program.maxWeeklyMinutes,
  perDiemMinMinutes: program.perDiemMinMinutes,
  requiredServices: program.requiredServices,
  active: program.active,
  version: program.version,
};

type ProgramRow = Awaited<ReturnType<typeof programQuery>>[number];

function programView(row: ProgramRow): Program {
  const { minWeeklyMinutes, maxWeeklyMinutes, perDiemMinMinutes, requiredServices, ...rest } = row;
  // A stored setting that does not read as requirements counts as unset, as the scheduler reads it.
  const setting = serviceRequirementsSchema.safeParse(requiredServices);
  return {
    ...rest,
    requiredServices: requiredServices === null || !setting.success ? null : setting.data,
    minWeeklyHours: minWeeklyMinutes / 60,
    maxWeeklyHours: maxWeeklyMinutes === null ? null : maxWeeklyMinutes / 60,
    perDiemMinHours: perDiemMinMinutes / 60,
  };
}

function programQuery(db: DbOrTx, where: SQL) {
  return db
    .select(programColumns)
    .from(program)
    .innerJoin(site, and(eq(site.orgId, program.orgId), eq(site.id, program.siteId)))
    .where(where);
}

export async function listPrograms(db: DbOrTx, orgId: string): Promise<Program[]> {
  const rows = await programQuery(db, eq(program.orgId, orgId)).orderBy(asc(program.name));
  return rows.map(programView);
}

/** A program with its site's name and zone; `lock` holds the program row until the transaction ends. */
export async function findProgram(
  db: DbOrTx,
  orgId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Program | undefined> {
  const query = programQuery(db, and(eq(program.orgId, orgId), eq(program.id, id))!);
  const [row] = options.lock ? await query.for('update', { of: program }) : await query;
  return row ? programView(row) : undefined;
}

export async function programHasTracks(db: DbOrTx, orgId: string, programId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: track.id })
    .from(track)
    .where(and(eq(track.orgId, orgId), eq(track.programId, programId)))
    .limit(1);
  return !!row;
}

// ---- Tracks ----

export interface TrackRow {
  id: string;
  programId: string;
  programName: string;
  name: string;
  active: boolean;
  version: number;
  /** The program's current weekly minimum and per-diem minimum, for the template's warnings. */
  minWeeklyMinutes: number;
  perDiemMinMinutes: number;
}

function trackQuery(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: track.id,
      programId: track.programId,
      programName: program.name,
      name: track.name,
      active: track.active,
      version: track.version,
      minWeeklyMinutes: program.minWeeklyMinutes,
      perDiemMinMinutes: program.perDiemMinMinutes,
    })
    .from(track)
    .innerJoin(program, and(eq(program.orgId, track.orgId), eq(program.id, track.programId)))
    .where(where);
}

export async function findTrackRow(
  db: DbOrTx,
  orgId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TrackRow | undefined> {
  const query = trackQuery(db, and(eq(track.orgId, orgId), eq(track.id, id))!);
  const [row] = options.lock ? await query.for('update', { of: track }) : await query;
  return row;
}

/** A block's co-facilitators (trellis_track_block_facilitators without the lead), by id; text[] parses on both drivers. */
export const blockCoFacilitatorIds = sql<string[]>`coalesce((
  select array_agg(f.user_id order by f.user_id) from trellis_track_block_facilitators f
   where f.org_id = ${trackBlock.orgId} and f.track_block_id = ${trackBlock.id} and not f.lead), '{}')`;

const blockColumns = {
  id: trackBlock.id,
  trackId: trackBlock.trackId,
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
};

export type BlockRow = Awaited<ReturnType<typeof activeBlocksOf>>[number];

/** The active blocks of some tracks, in timetable order. */
export async function activeBlocksOf(db: DbOrTx, orgId: string, trackIds: readonly string[]) {
  if (trackIds.length === 0) return [];
  return db
    .select(blockColumns)
    .from(trackBlock)
    .where(and(eq(trackBlock.orgId, orgId), inArray(trackBlock.trackId, [...trackIds]), eq(trackBlock.active, true)))
    .orderBy(asc(trackBlock.weekday), asc(trackBlock.startTime), asc(trackBlock.endTime), asc(trackBlock.title));
}

function trackView({ minWeeklyMinutes, perDiemMinMinutes, ...row }: TrackRow, blocks: readonly BlockRow[]): Track {
  const mine = blocks.filter((b) => b.trackId === row.id).map(({ trackId: _trackId, ...b }) => b);
  return {
    ...row,
    blocks: mine,
    summary: trackSummary(mine),
    warnings: trackTemplateWarnings(mine, { minWeeklyMinutes, perDiemMinMinutes }),
  };
}

export async function listTracks(db: DbOrTx, orgId: string, programId?: string): Promise<Track[]> {
  const where: SQL[] = [eq(track.orgId, orgId)];
  if (programId) where.push(eq(track.programId, programId));
  const rows = await trackQuery(db, and(...where)!).orderBy(asc(program.name), asc(track.name));
  const blocks = await activeBlocksOf(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => trackView(r, blocks));
}

export async function findTrack(db: DbOrTx, orgId: string, id: string): Promise<Track | undefined> {
  const row = await findTrackRow(db, orgId, id);
  if (!row) return undefined;
  return trackView(row, await activeBlocksOf(db, orgId, [id]));
}

// ---- Staff ----

export async function listStaff(db: DbOrTx, orgId: string, role?: StaffRole): Promise<StaffMember[]> {
  const where: SQL[] = [eq(appUser.orgId, orgId), eq(appUser.active, true), isStaffUser];
  if (role) where.push(eq(appUser.role, role));
  const rows = await db
    .select({
      id: appUser.id,
      name: appUser.name,
      email: appUser.email,
      role: sql<StaffRole>`${appUser.role}`,
      credentials: appUser.credentials,
      // text[] parses to a string array on both drivers.
      programIds: staffProgramIds,
    })
    .from(appUser)
    .where(and(...where))
    .orderBy(asc(appUser.name));
  return rows;
}

/** Staff of the organisation by id, for checking facilitators. */
export async function staffByIds(db: DbOrTx, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: appUser.id, name: appUser.name, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), inArray(appUser.id, [...ids]), isStaffUser));
}
