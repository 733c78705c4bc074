/**
 * Small fixture builders for the care features' tests: setup rows (site, program, track, sessions, program
 * assignments) written directly with Drizzle, so these suites do not depend on the setup routes.
 */
import { addDays, weekdayOf, zonedInstant, type Focus, type LevelOfCare, type Population } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { program, session, site, staffProgram, track } from '../../db/schema.ts';

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

export interface SiteFixture {
  orgId: string;
  id: string;
  timeZone: string;
}

export async function buildSite(db: DbOrTx, orgId: string, options: { timeZone?: string } = {}): Promise<SiteFixture> {
  const timeZone = options.timeZone ?? 'America/New_York';
  const [row] = await db
    .insert(site)
    .values({ orgId, name: unique('Site'), timeZone })
    .returning({ id: site.id });
  return { orgId, id: row!.id, timeZone };
}

export interface ProgramFixture {
  orgId: string;
  id: string;
  siteId: string;
  timeZone: string;
  name: string;
}

export async function buildProgram(
  db: DbOrTx,
  at: SiteFixture,
  options: {
    name?: string;
    levelOfCare?: LevelOfCare;
    population?: Population;
    focus?: Focus;
    minWeeklyMinutes?: number;
    maxWeeklyMinutes?: number | null;
    perDiemMinMinutes?: number;
  } = {},
): Promise<ProgramFixture> {
  const focus = options.focus ?? 'mental_health';
  const name = options.name ?? unique('Adult IOP');
  const [row] = await db
    .insert(program)
    .values({
      orgId: at.orgId,
      siteId: at.id,
      name,
      levelOfCare: options.levelOfCare ?? 'iop',
      population: options.population ?? 'adult',
      focus,
      part2: focus !== 'mental_health',
      minWeeklyMinutes: options.minWeeklyMinutes ?? 540,
      maxWeeklyMinutes: options.maxWeeklyMinutes === undefined ? 1140 : options.maxWeeklyMinutes,
      perDiemMinMinutes: options.perDiemMinMinutes ?? 180,
    })
    .returning({ id: program.id });
  return { orgId: at.orgId, id: row!.id, siteId: at.id, timeZone: at.timeZone, name };
}

export interface TrackFixture {
  orgId: string;
  id: string;
  programId: string;
  siteId: string;
  timeZone: string;
}

export async function buildTrack(db: DbOrTx, of: ProgramFixture, name = unique('Track')): Promise<TrackFixture> {
  const [row] = await db.insert(track).values({ orgId: of.orgId, programId: of.id, name }).returning({ id: track.id });
  return { orgId: of.orgId, id: row!.id, programId: of.id, siteId: of.siteId, timeZone: of.timeZone };
}

export interface SessionSpec {
  localDate: string;
  startTime: string;
  endTime: string;
  title?: string;
  status?: 'scheduled' | 'cancelled';
}

/** One session of a track at a local date and wall-clock times in the track's site zone; returns its id. */
export async function buildSession(db: DbOrTx, of: TrackFixture, spec: SessionSpec): Promise<string> {
  const [row] = await db
    .insert(session)
    .values({
      orgId: of.orgId,
      trackId: of.id,
      programId: of.programId,
      siteId: of.siteId,
      title: spec.title ?? 'Group therapy',
      kind: 'group_therapy',
      localDate: spec.localDate,
      startsAt: zonedInstant(spec.localDate, spec.startTime, of.timeZone),
      endsAt: zonedInstant(spec.localDate, spec.endTime, of.timeZone),
      capacity: 12,
      status: spec.status ?? 'scheduled',
      cancelReason: spec.status === 'cancelled' ? 'Facilitator unwell' : null,
      oneOff: true,
    })
    .returning({ id: session.id });
  return row!.id;
}

/**
 * Sessions of a track on the given ISO weekdays (1 = Monday) for `weeks` weeks from a Monday, keyed by local date.
 */
export async function buildWeeklySessions(
  db: DbOrTx,
  of: TrackFixture,
  spec: { weekdays: number[]; startTime: string; endTime: string; fromMonday: string; weeks: number },
): Promise<Map<string, string>> {
  if (weekdayOf(spec.fromMonday) !== 1) throw new Error(`${spec.fromMonday} is not a Monday`);
  const ids = new Map<string, string>();
  for (let w = 0; w < spec.weeks; w++) {
    for (const weekday of spec.weekdays) {
      const localDate = addDays(spec.fromMonday, w * 7 + weekday - 1);
      ids.set(localDate, await buildSession(db, of, { localDate, startTime: spec.startTime, endTime: spec.endTime }));
    }
  }
  return ids;
}

/** Puts a staff member in a program's care team. */
export async function assignToProgram(db: DbOrTx, orgId: string, userId: string, programId: string): Promise<void> {
  await db.insert(staffProgram).values({ orgId, userId, programId }).onConflictDoNothing();
}
