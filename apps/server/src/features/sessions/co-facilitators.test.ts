import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, room, session, staffProgram } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import {
  assignToProgram,
  buildProgram,
  buildSession,
  buildSite,
  buildTrack,
  type TrackFixture,
} from '../ledger/fixtures.ts';

// Monday 16 November 2026, 09:00 in New York.
const MONDAY_9AM = '2026-11-16T14:00:00Z';
const ny = (date: string, time: string) => new Date(`${date}T${time}:00-05:00`).toISOString();

describe('co-facilitators', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let clinician: TestStaff;
  let prescriber: TestStaff;
  let director: TestStaff;
  let track: TrackFixture;
  let siteId: string;
  let morning: string;
  let theirSession: string;
  let participantId: string;
  let cedar: string;

  const as = (staff: TestStaff | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.as(staff, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const setCo = (staff: TestStaff | null, id: string, coFacilitatorIds: unknown) =>
    as(staff, 'PUT', `/api/v1/sessions/${id}/co-facilitators`, { coFacilitatorIds });

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_9AM });
    org = await t.createOrg('Co-facilitation');
    other = await t.createOrg('Other co-facilitation');
    ({ clinician, prescriber, director } = org.staff);
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    siteId = site.id;
    [{ id: cedar }] = (await db
      .insert(room)
      .values({ orgId: org.orgId, siteId, name: 'Cedar', kind: 'physical', capacity: 4 })
      .returning({ id: room.id })) as [{ id: string }];
    const program = await buildProgram(db, site, { minWeeklyMinutes: 540 });
    track = await buildTrack(db, program);
    for (const userId of [clinician.id, prescriber.id]) await assignToProgram(db, org.orgId, userId, program.id);
    participantId = (await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId;
    // The clinician leads Monday's 10:00–11:00 group.
    morning = await buildSession(db, track, {
      localDate: '2026-11-16',
      startTime: '10:00',
      endTime: '11:00',
      title: 'Morning process group',
    });
    await db.update(session).set({ facilitatorId: clinician.id }).where(eq(session.id, morning));
    const theirSite = await buildSite(db, other.orgId);
    const theirTrack = await buildTrack(db, await buildProgram(db, theirSite, { minWeeklyMinutes: 540 }));
    theirSession = await buildSession(db, theirTrack, {
      localDate: '2026-11-16',
      startTime: '10:00',
      endTime: '11:00',
    });
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ siteId, weekday, startTime: '09:00', endTime: '17:00' }));
    const hours = await as(director, 'PUT', `/api/v1/staff/${prescriber.id}/availability`, {
      rules: weekdays,
      maxSessionsPerDay: null,
      version: null,
    });
    expect(hours.statusCode, hours.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('asks who is calling before reading the body, and refuses roles that do not run sessions', async () => {
    expect((await setCo(null, morning, 'not a list')).statusCode).toBe(401);
    expect((await setCo(org.staff.biller, morning, [prescriber.id])).statusCode).toBe(403);
  });

  it('refuses a bad list naming the entry: twice the same person, the lead, an unknown or a non-treating person', async () => {
    const twice = await setCo(director, morning, [prescriber.id, prescriber.id]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([{ path: 'body.coFacilitatorIds.1', message: 'is named twice' }]);
    const lead = await setCo(director, morning, [clinician.id]);
    expect(lead.statusCode).toBe(400);
    expect(lead.json().errors).toEqual([{ path: 'body.coFacilitatorIds.0', message: 'is already the facilitator' }]);
    const biller = await setCo(director, morning, [prescriber.id, org.staff.biller.id]);
    expect(biller.statusCode).toBe(400);
    expect(biller.json().errors[0].path).toBe('body.coFacilitatorIds.1');
  });

  it('keeps other organisations apart: their session and their staff are unknown here', async () => {
    expect((await setCo(director, theirSession, [prescriber.id])).statusCode).toBe(404);
    const theirs = await setCo(director, morning, [other.staff.clinician.id]);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().errors).toEqual([
      { path: 'body.coFacilitatorIds.0', message: 'is not a staff member of this organisation' },
    ]);
  });

  it('names the co-facilitator on the session, audited', async () => {
    const res = await setCo(clinician, morning, [prescriber.id]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      facilitatorId: clinician.id,
      coFacilitators: [{ id: prescriber.id, name: 'prescriber of Co-facilitation' }],
    });
    const list = await as(director, 'GET', '/api/v1/sessions?from=2026-11-16&to=2026-11-16');
    expect(list.json().items[0].coFacilitators.map((c: { id: string }) => c.id)).toEqual([prescriber.id]);
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'session.co-facilitators')));
    expect(event).toMatchObject({ entityId: morning, actorId: clinician.id });
    // Saving the same list again does not clash with the session itself.
    expect((await setCo(director, morning, [prescriber.id])).statusCode).toBe(200);
  });

  it('counts the co-facilitated group on the co-facilitator’s day, slot finder and bookings', async () => {
    const day = await as(prescriber, 'GET', `/api/v1/staff/${prescriber.id}/day?date=2026-11-16`);
    expect(day.statusCode, day.body).toBe(200);
    expect(JSON.stringify(day.json())).toContain('Morning process group');

    const slots = await as(
      director,
      'GET',
      `/api/v1/appointments/slots?participantId=${participantId}&clinicianId=${prescriber.id}&kind=medication_management&count=40`,
    );
    expect(slots.statusCode, slots.body).toBe(200);
    for (const s of slots.json<{ slots: { startsAt: string; endsAt: string }[] }>().slots) {
      expect(
        Date.parse(s.endsAt) <= Date.parse(ny('2026-11-16', '10:00')) ||
          Date.parse(s.startsAt) >= Date.parse(ny('2026-11-16', '11:00')),
      ).toBe(true);
    }

    const other = await enrol(t, org.orgId, track.programId, track.id, '2026-11-02');
    await t.database.db.update(session).set({ chosenRoster: true }).where(eq(session.id, morning));
    const booked = await as(director, 'POST', '/api/v1/appointments', {
      participantId: other.participantId,
      clinicianId: prescriber.id,
      kind: 'medication_management',
      startsAt: ny('2026-11-16', '10:15'),
      roomId: cedar,
    });
    expect(booked.statusCode, booked.body).toBe(409);
    expect(booked.json().errors[0]).toMatchObject({ path: 'body.clinicianId' });
    expect(booked.json().errors[0].message).toContain('Morning process group');
  });

  it('refuses a co-facilitator who already runs a group then, with 409 naming them and the group', async () => {
    const clash = await buildSession(t.database.db, track, {
      localDate: '2026-11-16',
      startTime: '10:30',
      endTime: '12:00',
      title: 'Late group',
    });
    const res = await setCo(director, clash, [director.id, prescriber.id]);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([
      { path: 'body.coFacilitatorIds.1', message: expect.stringContaining('Morning process group') },
    ]);
    expect(res.json().detail).toContain('co-facilitate');
    // Nothing was stored: the refusal rolls the change back.
    const list = await as(director, 'GET', '/api/v1/sessions?from=2026-11-16&to=2026-11-16');
    expect(list.json().items.find((s: { id: string }) => s.id === clash).coFacilitators).toEqual([]);
  });

  it('adds a one-off session with co-facilitators, refusing a busy one', async () => {
    const body = {
      trackId: track.id,
      localDate: '2026-11-17',
      startTime: '13:00',
      endTime: '14:00',
      title: 'Extra group',
      kind: 'group_therapy',
    };
    const busy = await as(director, 'POST', '/api/v1/sessions', {
      ...body,
      localDate: '2026-11-16',
      startTime: '10:00',
      endTime: '10:30',
      coFacilitatorIds: [prescriber.id],
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().errors[0].path).toBe('body.coFacilitatorIds.0');
    const res = await as(director, 'POST', '/api/v1/sessions', {
      ...body,
      facilitatorId: director.id,
      coFacilitatorIds: [prescriber.id, clinician.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(
      res
        .json()
        .coFacilitators.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([clinician.id, prescriber.id].sort());
  });

  it('lets a co-facilitator from outside the program reach the roll of the group they run, and no other', async () => {
    const db = t.database.db;
    await db.delete(staffProgram).where(and(eq(staffProgram.orgId, org.orgId), eq(staffProgram.userId, prescriber.id)));
    const lone = await buildSession(db, track, {
      localDate: '2026-11-19',
      startTime: '09:00',
      endTime: '10:00',
      title: 'Thursday group',
    });
    expect((await as(prescriber, 'GET', `/api/v1/sessions/${lone}/roll`)).statusCode).toBe(403);
    expect((await setCo(director, lone, [prescriber.id])).statusCode).toBe(200);
    const roll = await as(prescriber, 'GET', `/api/v1/sessions/${lone}/roll`);
    expect(roll.statusCode, roll.body).toBe(200);
    expect(roll.json().session.coFacilitators).toEqual([{ id: prescriber.id, name: 'prescriber of Co-facilitation' }]);
    await db.insert(staffProgram).values({ orgId: org.orgId, userId: prescriber.id, programId: track.programId });
  });

  it('empties the list', async () => {
    const res = await setCo(director, morning, []);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().coFacilitators).toEqual([]);
  });
});
