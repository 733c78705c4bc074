import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { session, track as trackTable } from '../../db/schema.ts';
import { generateSessionsForOrg } from '../sessions/generate.ts';
import {
  block,
  createSetup,
  createTrack,
  enrol,
  idOf,
  latestAudit,
  markPresent,
  post,
  type SetupFixture,
} from './test-fixtures.ts';

interface SessionView {
  id: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  title: string;
  status: string;
  roomId: string | null;
  trackId: string;
}

// The clock stands at Wednesday 2026-11-18 10:00 in New York; the horizon runs to Tuesday 2027-01-12.
const TODAY = '2026-11-18';
const HORIZON_LAST = '2027-01-12';

describe('tracks and their sessions', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mine: SetupFixture;
  let theirs: SetupFixture;

  const sessionsOf = async (trackId: string, from = TODAY, to = HORIZON_LAST): Promise<SessionView[]> => {
    const res = await t.as(org.staff.director, {
      method: 'GET',
      url: `/api/v1/sessions?from=${from}&to=${to}&trackId=${trackId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as SessionView[];
  };
  const sessionsInRoom = async (roomId: string) =>
    (
      await t.database.db
        .select({ id: session.id })
        .from(session)
        .where(and(eq(session.orgId, org.orgId), eq(session.roomId, roomId)))
    ).length;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Track Clinic');
    other = await t.createOrg('Other Track Clinic');
    mine = await createSetup(t, org, 'Track');
    theirs = await createSetup(t, other, 'Other');
  });
  afterAll(async () => t.close());

  let eveningId: string;

  it('creates a track, summarises it and generates its sessions for eight weeks', async () => {
    const res = await createTrack(t, org.staff.director, mine.programId, 'Evening', [
      block({ weekday: 1, roomId: mine.roomId, facilitatorId: org.staff.clinician.id }),
      block({ weekday: 2, roomId: mine.roomId, facilitatorId: org.staff.clinician.id }),
      block({ weekday: 4, roomId: mine.roomId, facilitatorId: org.staff.clinician.id, capacity: 10 }),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    eveningId = created.id;
    expect(created).toMatchObject({
      programId: mine.programId,
      programName: 'Track Adult IOP',
      name: 'Evening',
      active: true,
      version: 1,
      summary: 'Mon, Tue, Thu 18:00–19:30',
    });
    expect(created.blocks).toHaveLength(3);
    expect(created.blocks[0]).toEqual({
      id: expect.any(String),
      weekday: 1,
      startTime: '18:00',
      endTime: '19:30',
      title: 'Process group',
      kind: 'group_therapy',
      breakMinutes: 0,
      facilitatorId: org.staff.clinician.id,
      coFacilitatorIds: [],
      roomId: mine.roomId,
      capacity: 12,
    });
    expect(created.blocks[2].capacity).toBe(10);

    const sessions = await sessionsOf(eveningId);
    expect(sessions).toHaveLength(24);
    // The first is Thursday 19 November, 18:00 EST.
    expect(sessions[0]).toMatchObject({
      localDate: '2026-11-19',
      startsAt: '2026-11-19T23:00:00.000Z',
      endsAt: '2026-11-20T00:30:00.000Z',
      title: 'Process group',
      status: 'scheduled',
    });
    expect(sessions.at(-1)?.localDate).toBe(HORIZON_LAST);
    expect(await latestAudit(t, org.orgId)).toMatchObject({
      action: 'setup.create',
      entityType: 'track',
      entityId: eveningId,
      details: { blocks: 3, sessionsGenerated: 24, programId: mine.programId },
    });

    const fetched = await t.as(org.staff.prescriber, { method: 'GET', url: `/api/v1/tracks/${eveningId}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(created);
  });

  it('summarises days with different hours separately', async () => {
    const res = await createTrack(t, org.staff.director, mine.programId, 'Mornings', [
      block({ weekday: 5, startTime: '09:00', endTime: '10:30' }),
      block({ weekday: 1, startTime: '09:00', endTime: '10:30' }),
      block({ weekday: 1, startTime: '10:30', endTime: '12:00', title: 'Skills', kind: 'skills' }),
      block({ weekday: 3, startTime: '09:00', endTime: '12:00' }),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().summary).toBe('Mon, Wed 09:00–12:00; Fri 09:00–10:30');
    const list = await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/tracks?programId=${mine.programId}` });
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['Evening', 'Mornings']);
  });

  it.each([
    [{ endTime: '17:00' }, 'body.blocks.1.endTime'],
    [{ endTime: '18:00' }, 'body.blocks.1.endTime'],
    [{ capacity: 16 }, 'body.blocks.1.capacity'],
    [{ capacity: 0 }, 'body.blocks.1.capacity'],
    [{ weekday: 8 }, 'body.blocks.1.weekday'],
    [{ startTime: '24:00' }, 'body.blocks.1.startTime'],
    [{ kind: 'yoga' }, 'body.blocks.1.kind'],
    [{ title: '  ' }, 'body.blocks.1.title'],
  ])('refuses a block with %j naming %s', async (override, path) => {
    const res = await createTrack(t, org.staff.director, mine.programId, 'Broken', [
      block({ weekday: 3 }),
      block(override),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses facilitators, rooms and programs it cannot use', async () => {
    const foreignFacilitator = await createTrack(t, org.staff.director, mine.programId, 'X', [
      block({ facilitatorId: other.staff.clinician.id }),
    ]);
    expect(foreignFacilitator.statusCode).toBe(404);
    expect(foreignFacilitator.json().errors[0].path).toBe('body.blocks.0.facilitatorId');

    const biller = await createTrack(t, org.staff.director, mine.programId, 'X', [
      block(),
      block({ weekday: 2, facilitatorId: org.staff.biller.id }),
    ]);
    expect(biller.statusCode).toBe(400);
    expect(biller.json().errors[0].path).toBe('body.blocks.1.facilitatorId');

    const foreignRoom = await createTrack(t, org.staff.director, mine.programId, 'X', [
      block({ roomId: theirs.roomId }),
    ]);
    expect(foreignRoom.statusCode).toBe(404);
    expect(foreignRoom.json().errors[0].path).toBe('body.blocks.0.roomId');

    const tooBig = await createTrack(t, org.staff.director, mine.programId, 'X', [
      block({ weekday: 6, roomId: mine.otherRoomId, capacity: 15 }),
    ]);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0]).toEqual({
      path: 'body.blocks.0.capacity',
      message: 'must be at most 14, the seats in Birch Room',
    });

    const foreignProgram = await createTrack(t, org.staff.director, theirs.programId, 'X', [block()]);
    expect(foreignProgram.statusCode).toBe(404);
    expect(foreignProgram.json().errors[0].path).toBe('body.programId');

    const duplicate = await createTrack(t, org.staff.director, mine.programId, 'Evening', []);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].path).toBe('body.name');

    const names = await t.database.db
      .select({ name: trackTable.name })
      .from(trackTable)
      .where(eq(trackTable.orgId, org.orgId));
    expect(names.map((n) => n.name).sort()).toEqual(['Evening', 'Mornings']);
  });

  it('refuses roles without setup.write, and other organisations’ tracks are not found', async () => {
    const byClinician = await createTrack(t, org.staff.clinician, mine.programId, 'Mine', []);
    expect(byClinician.statusCode).toBe(403);
    const put = await t.as(org.staff.clinician, {
      method: 'PUT',
      url: `/api/v1/tracks/${eveningId}`,
      payload: { version: 1, name: 'Evening', active: true, blocks: [] },
    });
    expect(put.statusCode).toBe(403);

    const theirTrack = await createTrack(t, other.staff.director, theirs.programId, 'Theirs', []);
    expect(theirTrack.statusCode).toBe(201);
    const get = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/tracks/${idOf(theirTrack)}` });
    expect(get.statusCode).toBe(404);
    const overwrite = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/tracks/${idOf(theirTrack)}`,
      payload: { version: 1, name: 'Ours now', active: true, blocks: [] },
    });
    expect(overwrite.statusCode).toBe(404);
    expect((await t.as(org.staff.director, { method: 'GET', url: `/api/v1/tracks/${randomUUID()}` })).statusCode).toBe(
      404,
    );
    const list = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/tracks' });
    expect(list.json().items.map((x: { name: string }) => x.name)).not.toContain('Theirs');
  });

  it('refuses a track that double-books a room, writing nothing', async () => {
    const before = await sessionsInRoom(mine.roomId);
    const res = await createTrack(t, org.staff.director, mine.programId, 'Clashing', [
      block({ weekday: 3, startTime: '13:00', endTime: '14:00', roomId: mine.roomId }),
      block({ weekday: 1, startTime: '19:00', endTime: '20:00', roomId: mine.roomId, title: 'Late group' }),
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Room booked');
    expect(res.json().errors[0].path).toBe('body.blocks.1.roomId');
    expect(res.json().detail).toContain('Cedar Room');
    expect(res.json().detail).toContain('18:00–19:30');
    expect(await sessionsInRoom(mine.roomId)).toBe(before);
    const names = await t.database.db
      .select({ name: trackTable.name })
      .from(trackTable)
      .where(eq(trackTable.orgId, org.orgId));
    expect(names.map((n) => n.name)).not.toContain('Clashing');
  });

  it('refuses two blocks of one track in the same room at once, and allows back-to-back and virtual rooms', async () => {
    const self = await createTrack(t, org.staff.director, mine.programId, 'Self clash', [
      block({ weekday: 6, startTime: '10:00', endTime: '11:00', roomId: mine.otherRoomId }),
      block({ weekday: 6, startTime: '10:30', endTime: '11:30', roomId: mine.otherRoomId }),
    ]);
    expect(self.statusCode).toBe(409);
    expect(self.json().errors[0].path).toMatch(/^body\.blocks\.[01]\.roomId$/);

    const backToBack = await createTrack(t, org.staff.director, mine.programId, 'Late evening', [
      block({ weekday: 1, startTime: '19:30', endTime: '21:00', roomId: mine.roomId }),
      block({ weekday: 1, startTime: '18:00', endTime: '19:30', roomId: mine.virtualRoomId, title: 'Online group' }),
    ]);
    expect(backToBack.statusCode, backToBack.body).toBe(201);
  });

  it('refuses a template that would overrun a one-off booked beyond the horizon', async () => {
    // Wednesday 3 March 2027, well past the generated horizon.
    const oneOff = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId: eveningId,
      localDate: '2027-03-03',
      startTime: '18:00',
      endTime: '19:00',
      title: 'Family evening',
      kind: 'family',
      roomId: mine.otherRoomId,
    });
    expect(oneOff.statusCode, oneOff.body).toBe(201);
    const res = await createTrack(t, org.staff.director, mine.programId, 'Wednesday evening', [
      block({ weekday: 3, startTime: '18:30', endTime: '20:00', roomId: mine.otherRoomId }),
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('body.blocks.0.roomId');
    expect(res.json().detail).toContain('2027-03-03');
  });

  describe('editing a track', () => {
    let trackId: string;
    let blockIds: string[];
    let before: SessionView[];
    let attended: SessionView;
    let cancelledLater: SessionView;

    beforeAll(async () => {
      const res = await createTrack(t, org.staff.director, mine.programId, 'Daytime', [
        block({ weekday: 2, startTime: '09:00', endTime: '10:30', title: 'Morning group', roomId: mine.otherRoomId }),
        block({
          weekday: 4,
          startTime: '09:00',
          endTime: '10:30',
          title: 'Skills',
          kind: 'skills',
          roomId: mine.otherRoomId,
        }),
        block({ weekday: 5, startTime: '09:00', endTime: '10:00', title: 'Check-in' }),
      ]);
      expect(res.statusCode, res.body).toBe(201);
      trackId = idOf(res);
      blockIds = (res.json().blocks as { id: string }[]).map((b) => b.id);
      before = await sessionsOf(trackId);
      expect(before).toHaveLength(24);

      const person = await enrol(t, org.orgId, mine.programId, trackId, '2026-11-02');
      attended = before.find((s) => s.localDate === '2026-11-24')!;
      await markPresent(t, org.orgId, attended.id, person, org.staff.clinician.id);
      cancelledLater = before.find((s) => s.localDate === '2026-12-08')!;
      const cancel = await post(t, org.staff.director, `/api/v1/sessions/${cancelledLater.id}/cancel`, {
        reason: 'Staff training day',
      });
      expect(cancel.statusCode).toBe(200);
    });

    it('refuses a stale version and block ids of another track', async () => {
      const current = await sessionsOf(trackId);
      const stale = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/tracks/${trackId}`,
        payload: { version: 7, name: 'Daytime', active: true, blocks: [] },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().title).toBe('Changed by someone else');
      expect(stale.json().errors[0].path).toBe('version');
      const evening = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/tracks/${eveningId}` });
      const foreignBlock = evening.json().blocks[0];
      const res = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/tracks/${trackId}`,
        payload: { version: 1, name: 'Daytime', active: true, blocks: [block({ weekday: 3 }), foreignBlock] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.blocks.1.id');
      expect(await sessionsOf(trackId)).toEqual(current);
    });

    it('keeps block ids, regenerates changed blocks and keeps sessions with attendance or a cancellation', async () => {
      const res = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/tracks/${trackId}`,
        payload: {
          version: 1,
          name: 'Daytime (new hours)',
          active: true,
          blocks: [
            block({
              id: blockIds[0],
              weekday: 2,
              startTime: '10:00',
              endTime: '11:30',
              title: 'Morning group',
              roomId: mine.otherRoomId,
            }),
            block({ id: blockIds[2], weekday: 5, startTime: '09:00', endTime: '10:00', title: 'Check-in' }),
            block({ weekday: 3, startTime: '13:00', endTime: '14:00', title: 'Wellness', kind: 'holistic' }),
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json();
      expect(updated.version).toBe(2);
      expect(updated.name).toBe('Daytime (new hours)');
      expect(updated.blocks.map((b: { id: string }) => b.id)).toEqual([blockIds[0], expect.any(String), blockIds[2]]);
      expect(updated.summary).toBe('Tue 10:00–11:30; Wed 13:00–14:00; Fri 09:00–10:00');

      const after = await sessionsOf(trackId);
      const byDate = new Map(after.map((s) => [s.localDate, s]));
      // The session with attendance is untouched, at its old time.
      expect(byDate.get('2026-11-24')).toMatchObject({
        id: attended.id,
        startsAt: '2026-11-24T14:00:00.000Z',
        status: 'scheduled',
      });
      // The cancelled one stays cancelled and follows the new hours.
      expect(byDate.get('2026-12-08')).toMatchObject({
        id: cancelledLater.id,
        status: 'cancelled',
        startsAt: '2026-12-08T15:00:00.000Z',
      });
      // Other Tuesdays moved to 10:00 EST.
      expect(byDate.get('2026-12-01')).toMatchObject({
        startsAt: '2026-12-01T15:00:00.000Z',
        endsAt: '2026-12-01T16:30:00.000Z',
      });
      // Thursdays are gone; Fridays are the same sessions as before; Wednesdays are new.
      expect(after.filter((s) => s.title === 'Skills')).toEqual([]);
      expect(after.filter((s) => s.title === 'Check-in').map((s) => s.id)).toEqual(
        before.filter((s) => s.title === 'Check-in').map((s) => s.id),
      );
      expect(after.filter((s) => s.title === 'Wellness')).toHaveLength(8);
      expect(after).toHaveLength(8 * 3);

      expect(await latestAudit(t, org.orgId)).toMatchObject({
        action: 'setup.update',
        entityType: 'track',
        entityId: trackId,
        details: {
          fields: ['name'],
          blocksAdded: 1,
          blocksChanged: 1,
          blocksRemoved: 1,
          sessionsRemoved: 6 + 8,
          sessionsGenerated: 6 + 8,
        },
      });
    });

    it('refuses an edit that would double-book a room, leaving the track as it was', async () => {
      const current = await sessionsOf(trackId);
      const res = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/tracks/${trackId}`,
        payload: {
          version: 2,
          name: 'Daytime (new hours)',
          active: true,
          blocks: [block({ id: blockIds[0], weekday: 1, startTime: '18:30', endTime: '19:00', roomId: mine.roomId })],
        },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors[0].path).toBe('body.blocks.0.roomId');
      expect(await sessionsOf(trackId)).toEqual(current);
      const fetched = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/tracks/${trackId}` });
      expect(fetched.json()).toMatchObject({ version: 2, blocks: [{ weekday: 2 }, { weekday: 3 }, { weekday: 5 }] });
    });

    it('generation for the organisation is idempotent', async () => {
      const count = async () =>
        Number(
          (
            await t.database.db
              .select({ n: sql<number>`count(*)::int` })
              .from(session)
              .where(eq(session.orgId, org.orgId))
          )[0]?.n,
        );
      const total = await count();
      // Track writes generate from now on; so does this (a session earlier today would otherwise be added).
      const notBefore = t.clock.now();
      expect(await generateSessionsForOrg(t.database.db, org.orgId, TODAY, undefined, { notBefore })).toBe(0);
      expect(await generateSessionsForOrg(t.database.db, org.orgId, TODAY, 8, { notBefore })).toBe(0);
      expect(await count()).toBe(total);
      // A week further out is new; running it twice adds it once.
      const more = await generateSessionsForOrg(t.database.db, org.orgId, TODAY, 9, { notBefore });
      expect(more).toBeGreaterThan(0);
      expect(await generateSessionsForOrg(t.database.db, org.orgId, TODAY, 9, { notBefore })).toBe(0);
      expect(await count()).toBe(total + more);
    });

    it('stopping a track removes its future sessions except those with attendance', async () => {
      const res = await t.as(org.staff.director, {
        method: 'PUT',
        url: `/api/v1/tracks/${trackId}`,
        payload: { version: 2, name: 'Daytime (new hours)', active: false, blocks: [] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ active: false, blocks: [], summary: 'No weekly sessions' });
      const left = await sessionsOf(trackId, TODAY, '2027-01-18');
      expect(left.map((s) => s.id)).toEqual([attended.id]);
      expect(await generateSessionsForOrg(t.database.db, org.orgId, TODAY, 9, { notBefore: t.clock.now() })).toBe(0);
    });
  });

  it('moving a site to another zone keeps future sessions at their local times', async () => {
    const sessions = await sessionsOf(eveningId);
    const first = sessions[0]!;
    const sites = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/sites' });
    const site = sites.json().items.find((s: { id: string }) => s.id === mine.siteId);
    const res = await t.as(org.staff.director, {
      method: 'PATCH',
      url: `/api/v1/sites/${mine.siteId}`,
      payload: { version: site.version, timeZone: 'America/Chicago' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const future = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(session)
      .where(
        and(
          eq(session.orgId, org.orgId),
          eq(session.siteId, mine.siteId),
          sql`${session.startsAt} > ${t.clock.now().toISOString()}`,
        ),
      );
    expect(await latestAudit(t, org.orgId)).toMatchObject({
      action: 'setup.update',
      details: { fields: ['timeZone'], sessionsMoved: future[0]?.n },
    });
    expect(future[0]?.n).toBeGreaterThan(24);
    const moved = (await sessionsOf(eveningId)).find((s) => s.id === first.id)!;
    // 18:00 in Chicago (CST, UTC−6) is an hour later than 18:00 in New York.
    expect(moved).toMatchObject({
      localDate: first.localDate,
      startsAt: '2026-11-20T00:00:00.000Z',
      endsAt: '2026-11-20T01:30:00.000Z',
    });
  });
});
