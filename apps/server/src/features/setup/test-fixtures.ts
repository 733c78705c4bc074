/**
 * Test fixtures for setup and sessions: a site, rooms, a program and tracks made through the API, and synthetic
 * participants inserted directly (their own feature is tested elsewhere).
 */
import { expect } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { TestApp, TestOrg, TestStaff } from '../../testing/harness.ts';
import { attendance, auditEvent, episode, participant, trackMembership } from '../../db/schema.ts';

export interface SetupFixture {
  siteId: string;
  roomId: string;
  otherRoomId: string;
  virtualRoomId: string;
  programId: string;
}

/** The id of a created record from its response. */
export function idOf(res: { json(): unknown }): string {
  return (res.json() as { id: string }).id;
}

export async function post(t: TestApp, staff: TestStaff, url: string, payload: unknown) {
  return t.as(staff, { method: 'POST', url, payload: payload as Record<string, unknown> });
}

/** Creates one site in New York with two physical rooms and a virtual one, and an adult IOP program. */
export async function createSetup(t: TestApp, org: TestOrg, label: string): Promise<SetupFixture> {
  const director = org.staff.director;
  const site = await post(t, director, '/api/v1/sites', { name: `${label} Clinic`, timeZone: 'America/New_York' });
  expect(site.statusCode, site.body).toBe(201);
  const siteId = idOf(site);
  const room = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await post(t, director, '/api/v1/rooms', { siteId, name, kind: 'physical', capacity: 14, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return idOf(res);
  };
  const roomId = await room('Cedar Room');
  const otherRoomId = await room('Birch Room');
  const virtualRoomId = await room('Telehealth', {
    kind: 'virtual',
    capacity: null,
    meetingUrl: 'https://meet.example.org/x',
  });
  const program = await post(t, director, '/api/v1/programs', {
    siteId,
    name: `${label} Adult IOP`,
    levelOfCare: 'iop',
    population: 'adult',
    focus: 'mental_health',
  });
  expect(program.statusCode, program.body).toBe(201);
  return { siteId, roomId, otherRoomId, virtualRoomId, programId: idOf(program) };
}

export function block(overrides: Record<string, unknown> = {}) {
  return {
    weekday: 1,
    startTime: '18:00',
    endTime: '19:30',
    title: 'Process group',
    kind: 'group_therapy',
    facilitatorId: null,
    roomId: null,
    ...overrides,
  };
}

export async function createTrack(
  t: TestApp,
  staff: TestStaff,
  programId: string,
  name: string,
  blocks: Record<string, unknown>[],
) {
  return post(t, staff, '/api/v1/tracks', { programId, name, blocks });
}

/** The newest audit event of an organisation. */
export async function latestAudit(t: TestApp, orgId: string) {
  const [row] = await t.database.db
    .select()
    .from(auditEvent)
    .where(eq(auditEvent.orgId, orgId))
    .orderBy(desc(auditEvent.seq))
    .limit(1);
  return row;
}

let people = 0;

/** A synthetic participant on a track from a date, with an active (or discharged) episode. */
export async function enrol(
  t: TestApp,
  orgId: string,
  programId: string,
  trackId: string,
  fromDate: string,
  discharge?: { on: string },
): Promise<{ participantId: string; episodeId: string }> {
  people += 1;
  const db = t.database.db;
  const [p] = await db
    .insert(participant)
    .values({ orgId, givenName: `Test${people}`, familyName: 'Person', dateOfBirth: '1990-01-01' })
    .returning({ id: participant.id });
  const [e] = await db
    .insert(episode)
    .values({
      orgId,
      participantId: p!.id,
      programId,
      part2: false,
      admittedOn: fromDate,
      status: discharge ? 'discharged' : 'active',
      dischargedOn: discharge?.on ?? null,
      disposition: discharge ? 'completed' : null,
    })
    .returning({ id: episode.id });
  await db
    .insert(trackMembership)
    .values({ orgId, episodeId: e!.id, participantId: p!.id, trackId, fromDate, toDate: discharge?.on ?? null });
  return { participantId: p!.id, episodeId: e!.id };
}

/** Records one attendance row directly, as the roll would. */
export async function markPresent(
  t: TestApp,
  orgId: string,
  sessionId: string,
  who: { participantId: string; episodeId: string },
  recordedBy: string,
) {
  await t.database.db
    .insert(attendance)
    .values({
      orgId,
      sessionId,
      participantId: who.participantId,
      episodeId: who.episodeId,
      status: 'present',
      minutesAttended: 90,
      recordedBy,
    });
}

export async function attendanceCount(t: TestApp, orgId: string, sessionId: string): Promise<number> {
  const rows = await t.database.db
    .select({ id: attendance.id })
    .from(attendance)
    .where(and(eq(attendance.orgId, orgId), eq(attendance.sessionId, sessionId)));
  return rows.length;
}
