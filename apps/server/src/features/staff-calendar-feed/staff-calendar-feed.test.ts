/**
 * A staff member's private calendar feed, end to end: made from their own page, fetched by a calendar app with no
 * cookie. It holds their groups as lead and as co-facilitator, their appointments and their time off, within four
 * weeks back and twelve ahead on the injected clock; never a participant's name, an appointment's reason, a session's
 * topic or a note; never another staff member's items. A replaced or revoked address, or a deactivated staff member's,
 * answers 404; creating, revoking and every fetch are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { zonedInstant } from '@trellis/core';
import { rowsOf } from '../../db/index.ts';
import {
  appointment,
  auditEvent,
  clinicianException,
  episode,
  room,
  session,
  sessionFacilitator,
} from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { buildProgram, buildSession, buildSite, buildTrack, type SiteFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York. The window runs from 21 October 2026 to 10 February 2027.
const WEDNESDAY = '2026-11-18T15:00:00Z';
const ME = '/api/v1/me/calendar-feed';
// Seeded words that must never reach a feed.
const SECRETS = [
  'Quincy',
  'Feedtest',
  'Rowan',
  'Privatename',
  'Relapse prevention skills',
  'discuss the lapse',
  'Dentist appointment',
  'Feed Clinic',
];

describe('staff calendar feed', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let ny: SiteFixture;
  let clinician: TestStaff;
  let director: TestStaff;

  async function admit(
    givenName: string,
    familyName: string,
    trackId: string,
    programId: string,
  ): Promise<{ participantId: string; episodeId: string }> {
    const p = await t.as(org.staff.director, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName, dateOfBirth: '1988-04-05' },
    });
    expect(p.statusCode).toBe(201);
    const participantId = p.json().id as string;
    const e = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId, trackId, admittedOn: '2026-10-19', primaryClinicianId: org.staff.clinician.id },
    });
    expect(e.statusCode).toBe(201);
    const [ep] = await t.database.db
      .select({ id: episode.id })
      .from(episode)
      .where(eq(episode.participantId, participantId));
    return { participantId, episodeId: ep!.id };
  }

  async function lead(sessionId: string, userId: string): Promise<void> {
    await t.database.db.update(session).set({ facilitatorId: userId }).where(eq(session.id, sessionId));
  }

  async function book(
    who: { participantId: string; episodeId: string },
    clinicianId: string,
    spec: {
      kind: 'individual' | 'family' | 'psychiatry';
      date: string;
      from: string;
      to: string;
      roomId?: string;
      status?: 'booked' | 'cancelled';
      reason?: string;
    },
  ) {
    await t.database.db.insert(appointment).values({
      orgId: org.orgId,
      kind: spec.kind,
      participantId: who.participantId,
      episodeId: who.episodeId,
      clinicianId,
      siteId: ny.id,
      roomId: spec.roomId ?? null,
      startsAt: zonedInstant(spec.date, spec.from, ny.timeZone),
      endsAt: zonedInstant(spec.date, spec.to, ny.timeZone),
      localDate: spec.date,
      status: spec.status ?? 'booked',
      reason: spec.reason ?? null,
      bookedBy: org.staff.director.id,
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY });
    org = await t.createOrg('Feed Clinic');
    other = await t.createOrg('Other Feed Clinic');
    clinician = org.staff.clinician;
    director = org.staff.director;
    const db = t.database.db;
    ny = await buildSite(db, org.orgId);
    const program = await buildProgram(db, ny, { name: 'Adult IOP' });
    const evening = await buildTrack(db, program, 'Evening IOP A');
    const morning = await buildTrack(db, program, 'Morning IOP B');
    const [groupRoom] = await db
      .insert(room)
      .values({ orgId: org.orgId, siteId: ny.id, name: 'Group Room 2', kind: 'physical' })
      .returning({ id: room.id });
    const [office] = await db
      .insert(room)
      .values({ orgId: org.orgId, siteId: ny.id, name: 'Office 3', kind: 'physical' })
      .returning({ id: room.id });

    // The clinician leads the evening group, including the weeks around the autumn clock change (1 November).
    const led = await buildSession(db, evening, {
      localDate: '2026-11-19',
      startTime: '18:00',
      endTime: '21:00',
      title: 'Relapse prevention skills',
    });
    await db.update(session).set({ roomId: groupRoom!.id }).where(eq(session.id, led));
    for (const date of ['2026-10-29', '2026-11-02'])
      await lead(
        await buildSession(db, evening, { localDate: date, startTime: '18:00', endTime: '21:00' }),
        clinician.id,
      );
    await lead(led, clinician.id);
    const cancelled = await buildSession(db, evening, {
      localDate: '2026-11-24',
      startTime: '18:00',
      endTime: '21:00',
      status: 'cancelled',
    });
    await lead(cancelled, clinician.id);
    // Outside the window: five weeks back, and thirteen weeks ahead.
    await lead(
      await buildSession(db, evening, { localDate: '2026-10-14', startTime: '18:00', endTime: '21:00' }),
      clinician.id,
    );
    await lead(
      await buildSession(db, evening, { localDate: '2027-02-18', startTime: '18:00', endTime: '21:00' }),
      clinician.id,
    );
    // The director leads the morning group; the clinician co-facilitates Friday's, not Saturday's.
    const coRun = await buildSession(db, morning, { localDate: '2026-11-20', startTime: '09:00', endTime: '12:00' });
    await lead(coRun, director.id);
    await db.insert(sessionFacilitator).values({ orgId: org.orgId, sessionId: coRun, userId: clinician.id });
    await lead(
      await buildSession(db, morning, { localDate: '2026-11-21', startTime: '09:00', endTime: '12:00' }),
      director.id,
    );

    const quincy = await admit('Quincy', 'Feedtest', evening.id, program.id);
    const rowan = await admit('Rowan', 'Privatename', morning.id, program.id);
    await book(quincy, clinician.id, {
      kind: 'individual',
      date: '2026-11-19',
      from: '14:00',
      to: '14:53',
      roomId: office!.id,
      reason: 'To discuss the lapse',
    });
    await book(rowan, clinician.id, {
      kind: 'family',
      date: '2026-11-23',
      from: '16:00',
      to: '16:50',
      status: 'cancelled',
      reason: 'Family could not come',
    });
    await book(rowan, org.staff.prescriber.id, { kind: 'psychiatry', date: '2026-11-19', from: '10:00', to: '10:25' });
    await db.insert(clinicianException).values({
      orgId: org.orgId,
      userId: clinician.id,
      kind: 'leave',
      startsAt: zonedInstant('2026-11-25', '00:00', ny.timeZone),
      endsAt: zonedInstant('2026-11-26', '00:00', ny.timeZone),
      note: 'Dentist appointment',
      createdBy: clinician.id,
    });
  }, 120_000);
  afterAll(async () => t.close());

  async function newFeed(staff: TestStaff): Promise<string> {
    const res = await t.as(staff, { method: 'POST', url: ME });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    return new URL(res.json().url).pathname;
  }

  const fetchFeed = (path: string) => t.app.inject({ method: 'GET', url: path });

  function eventsOf(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        summary: e.summary,
        location: e.location,
        status: v.getFirstPropertyValue('status'),
      };
    });
  }

  const auditOf = async (action: string, entityId: string) =>
    t.database.db
      .select({ actorId: auditEvent.actorId, details: auditEvent.details, participantId: auditEvent.participantId })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)));

  it('serves the staff member’s groups (lead and co-facilitator), appointments and time off, and nothing about anyone', async () => {
    const path = await newFeed(clinician);
    expect(path).toMatch(/^\/api\/v1\/public\/staff-calendar-feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    const res = await fetchFeed(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    for (const secret of SECRETS) expect(res.body).not.toContain(secret);
    const unfolded = res.body.replace(/\r\n /g, '');
    for (const secret of SECRETS) expect(unfolded).not.toContain(secret);

    const events = eventsOf(res.body);
    const site = rowsOf<{ name: string }>(
      await t.database.db.execute(sql`select name from site where id = ${ny.id}`),
    )[0]!.name;
    expect(events).toEqual([
      // 18:00 in New York: 22:00Z while daylight time lasts (to 1 November), 23:00Z after.
      {
        start: '2026-10-29T22:00:00.000Z',
        end: '2026-10-30T01:00:00.000Z',
        summary: 'Evening IOP A',
        location: site,
        status: 'CONFIRMED',
      },
      {
        start: '2026-11-02T23:00:00.000Z',
        end: '2026-11-03T02:00:00.000Z',
        summary: 'Evening IOP A',
        location: site,
        status: 'CONFIRMED',
      },
      {
        start: '2026-11-19T19:00:00.000Z',
        end: '2026-11-19T19:53:00.000Z',
        summary: 'Individual session',
        location: `Office 3, ${site}`,
        status: 'CONFIRMED',
      },
      {
        start: '2026-11-19T23:00:00.000Z',
        end: '2026-11-20T02:00:00.000Z',
        summary: 'Evening IOP A',
        location: `Group Room 2, ${site}`,
        status: 'CONFIRMED',
      },
      {
        start: '2026-11-20T14:00:00.000Z',
        end: '2026-11-20T17:00:00.000Z',
        summary: 'Morning IOP B',
        location: site,
        status: 'CONFIRMED',
      },
      {
        start: '2026-11-23T21:00:00.000Z',
        end: '2026-11-23T21:50:00.000Z',
        summary: 'Family session',
        location: site,
        status: 'CANCELLED',
      },
      {
        start: '2026-11-24T23:00:00.000Z',
        end: '2026-11-25T02:00:00.000Z',
        summary: 'Evening IOP A',
        location: site,
        status: 'CANCELLED',
      },
      {
        start: '2026-11-25T05:00:00.000Z',
        end: '2026-11-26T05:00:00.000Z',
        summary: 'Time off',
        location: null,
        status: 'CONFIRMED',
      },
    ]);
  });

  it('gives another staff member only their own calendar', async () => {
    const directorEvents = eventsOf((await fetchFeed(await newFeed(director))).body);
    expect(directorEvents.map((e) => [e.start, e.summary])).toEqual([
      ['2026-11-20T14:00:00.000Z', 'Morning IOP B'],
      ['2026-11-21T14:00:00.000Z', 'Morning IOP B'],
    ]);
    const prescriberEvents = eventsOf((await fetchFeed(await newFeed(org.staff.prescriber))).body);
    expect(prescriberEvents.map((e) => [e.start, e.summary])).toEqual([
      ['2026-11-19T15:00:00.000Z', 'Prescriber appointment'],
    ]);
    const otherOrg = await fetchFeed(await newFeed(other.staff.clinician));
    expect(otherOrg.statusCode).toBe(200);
    expect(eventsOf(otherOrg.body)).toEqual([]);
  });

  it('keeps only the hash, shows the address once, and stops the old address when it is made again', async () => {
    const old = await newFeed(clinician);
    expect((await fetchFeed(old)).statusCode).toBe(200);
    const status = await t.as(clinician, { method: 'GET', url: ME });
    expect(status.statusCode).toBe(200);
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.json()).toEqual({ active: true, createdAt: WEDNESDAY.replace('Z', '.000Z') });
    expect(status.body).not.toContain(old.split('/')[5]);

    const fresh = await newFeed(clinician);
    expect((await fetchFeed(old)).statusCode).toBe(404);
    expect((await fetchFeed(fresh)).statusCode).toBe(200);
    const stored = rowsOf<{ token_hash: string }>(
      await t.database.db.execute(sql`select token_hash from staff_calendar_feed where user_id = ${clinician.id}`),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh).not.toContain(stored[0]!.token_hash);
    expect(stored[0]!.token_hash).not.toContain(fresh.split('/')[5]);
  });

  it('answers 404 once revoked, and to a token it never gave; 400 to a malformed token', async () => {
    const path = await newFeed(clinician);
    const revoked = await t.as(clinician, { method: 'DELETE', url: ME });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.headers['cache-control']).toBe('no-store');
    expect(revoked.json()).toEqual({ active: false, createdAt: null });
    const missing = await fetchFeed(path);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain(clinician.id);
    expect((await t.as(clinician, { method: 'GET', url: ME })).json()).toEqual({ active: false, createdAt: null });
    expect((await t.as(clinician, { method: 'DELETE', url: ME })).statusCode).toBe(200);
    expect((await fetchFeed(`/api/v1/public/staff-calendar-feeds/${'A'.repeat(43)}/calendar.ics`)).statusCode).toBe(
      404,
    );
    const bad = await fetchFeed('/api/v1/public/staff-calendar-feeds/short/calendar.ics');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('token');
    // A participant's feed token opens no staff feed.
    expect((await fetchFeed(path.replace('staff-calendar-feeds', 'calendar-feeds'))).statusCode).toBe(404);
  });

  it('answers 404 for a deactivated staff member’s address, and again once reactivated only with a new address', async () => {
    const intake = org.staff.intake;
    const path = await newFeed(intake);
    expect((await fetchFeed(path)).statusCode).toBe(200);
    const off = await t.as(org.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${intake.id}/deactivate` });
    expect(off.statusCode).toBe(200);
    expect((await fetchFeed(path)).statusCode).toBe(404);
  });

  it('audits making, remaking, revoking and each fetch, with no participant and no token', async () => {
    const creates = await auditOf('staff-calendar-feed.create', clinician.id);
    expect(creates.map((a) => a.details)).toEqual([
      { replaced: false },
      { replaced: true },
      { replaced: true },
      { replaced: true },
    ]);
    expect(creates.every((a) => a.actorId === clinician.id && a.participantId === null)).toBe(true);
    const revokes = await auditOf('staff-calendar-feed.revoke', clinician.id);
    expect(revokes.map((a) => a.details)).toEqual([{ revoked: true }, { revoked: false }]);
    const reads = await auditOf('staff-calendar-feed.read', clinician.id);
    // The first fetch, the old address before it was replaced, the new one, and the address later revoked is never read.
    expect(reads).toHaveLength(3);
    expect(reads.every((a) => a.actorId === null && a.participantId === null)).toBe(true);
    expect(reads[0]!.details).toEqual({ items: 8 });
  });

  it('answers 401 to anyone not signed in and 403 to roles with no calendar, and lets every calendar role in', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.as(null, { method, url: ME });
      expect(res.statusCode).toBe(401);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    for (const staff of [org.staff.admin, org.staff.biller])
      expect((await t.as(staff, { method: 'GET', url: ME })).statusCode).toBe(403);
    for (const staff of [org.staff.director, org.staff.clinician, org.staff.prescriber])
      expect((await t.as(staff, { method: 'GET', url: ME })).statusCode).toBe(200);
  });
});
