import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { staffProgram } from '../../db/schema.ts';
import { generateSessionsForOrg, generateSessionsForTrack } from './generate.ts';
import {
  attendanceCount,
  block,
  createSetup,
  createTrack,
  enrol,
  idOf,
  latestAudit,
  markPresent,
  post,
  type SetupFixture,
} from '../setup/test-fixtures.ts';

interface SessionView {
  id: string;
  trackId: string;
  trackName: string;
  programName: string;
  timeZone: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  title: string;
  status: string;
  cancelReason: string | null;
  oneOff: boolean;
  roomName: string | null;
  facilitatorName: string | null;
  expectedCount: number;
  recordedCount: number;
}

describe('sessions across the end of daylight saving time', () => {
  let t: TestApp;
  let org: TestOrg;
  let setup: SetupFixture;
  let trackId: string;
  beforeAll(async () => {
    // Tuesday 20 October 2026; New York falls back from EDT (UTC−4) to EST (UTC−5) on Sunday 1 November.
    t = await startTestApp({ now: '2026-10-20T12:00:00Z' });
    org = await t.createOrg('Autumn Clinic');
    setup = await createSetup(t, org, 'Autumn');
    const res = await createTrack(t, org.staff.director, setup.programId, 'Weekend evenings', [
      block({ weekday: 6, startTime: '18:00', endTime: '21:00', roomId: setup.roomId }),
      block({ weekday: 7, startTime: '18:00', endTime: '21:00', roomId: setup.roomId }),
      block({ weekday: 1, startTime: '18:00', endTime: '21:00', roomId: setup.roomId }),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    trackId = idOf(res);
  });
  afterAll(async () => t.close());

  it('keeps an 18:00 group at 18:00 local: 22:00Z before the change, 23:00Z after', async () => {
    const res = await t.as(org.staff.clinician, {
      method: 'GET',
      url: `/api/v1/sessions?from=2026-10-24&to=2026-11-09&trackId=${trackId}`,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as SessionView[];
    expect(items.map((s) => [s.localDate, s.startsAt, s.endsAt])).toEqual([
      ['2026-10-24', '2026-10-24T22:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25', '2026-10-25T22:00:00.000Z', '2026-10-26T01:00:00.000Z'],
      ['2026-10-26', '2026-10-26T22:00:00.000Z', '2026-10-27T01:00:00.000Z'],
      ['2026-10-31', '2026-10-31T22:00:00.000Z', '2026-11-01T01:00:00.000Z'],
      // Sunday 1 November is the change itself: the evening is already on EST.
      ['2026-11-01', '2026-11-01T23:00:00.000Z', '2026-11-02T02:00:00.000Z'],
      ['2026-11-02', '2026-11-02T23:00:00.000Z', '2026-11-03T02:00:00.000Z'],
      ['2026-11-07', '2026-11-07T23:00:00.000Z', '2026-11-08T02:00:00.000Z'],
      ['2026-11-08', '2026-11-08T23:00:00.000Z', '2026-11-09T02:00:00.000Z'],
      ['2026-11-09', '2026-11-09T23:00:00.000Z', '2026-11-10T02:00:00.000Z'],
    ]);
    expect(items[0]).toMatchObject({
      timeZone: 'America/New_York',
      trackName: 'Weekend evenings',
      programName: 'Autumn Adult IOP',
      roomName: 'Cedar Room',
      oneOff: false,
    });
  });

  it('generates again without duplicates, and from an earlier date fills only the missing dates', async () => {
    expect(await generateSessionsForTrack(t.database.db, org.orgId, trackId, '2026-10-20')).toBe(0);
    expect(await generateSessionsForOrg(t.database.db, org.orgId, '2026-10-20')).toBe(0);
    // The week before the track existed: Saturday 17, Sunday 18 and Monday 19 October, once.
    expect(await generateSessionsForOrg(t.database.db, org.orgId, '2026-10-13', 1)).toBe(3);
    expect(await generateSessionsForOrg(t.database.db, org.orgId, '2026-10-13', 1)).toBe(0);
    const res = await t.as(org.staff.director, {
      method: 'GET',
      url: `/api/v1/sessions?from=2026-10-17&to=2026-10-19&trackId=${trackId}`,
    });
    expect(res.json().items.map((s: SessionView) => s.startsAt)).toEqual([
      '2026-10-17T22:00:00.000Z',
      '2026-10-18T22:00:00.000Z',
      '2026-10-19T22:00:00.000Z',
    ]);
  });

  it('refuses a one-off whose times fall in the hour skipped in spring', async () => {
    // 14 March 2027: 02:30 does not exist in New York and moves to 03:30, after the 03:00 end.
    const res = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId,
      localDate: '2027-03-14',
      startTime: '02:30',
      endTime: '03:00',
      title: 'Night group',
      kind: 'group_therapy',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.endTime');
  });
});

describe('session calendar, one-off sessions and cancellation', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mine: SetupFixture;
  let theirs: SetupFixture;
  let trackId: string;
  let theirTrackId: string;

  const list = async (query: string, as = org.staff.director) => {
    const res = await t.as(as, { method: 'GET', url: `/api/v1/sessions?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as SessionView[];
  };

  beforeAll(async () => {
    // Wednesday 18 November 2026, 10:00 in New York.
    t = await startTestApp();
    org = await t.createOrg('Calendar Clinic');
    other = await t.createOrg('Other Calendar Clinic');
    mine = await createSetup(t, org, 'Calendar');
    theirs = await createSetup(t, other, 'Other');
    const res = await createTrack(t, org.staff.director, mine.programId, 'Evening', [
      block({ weekday: 1, roomId: mine.roomId, facilitatorId: org.staff.clinician.id }),
      block({
        weekday: 1,
        startTime: '19:30',
        endTime: '21:00',
        title: 'Coping skills',
        kind: 'skills',
        roomId: mine.roomId,
      }),
      block({ weekday: 4, roomId: mine.roomId }),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    trackId = idOf(res);
    const theirTrack = await createTrack(t, other.staff.director, theirs.programId, 'Their evening', [
      block({ weekday: 1, roomId: theirs.roomId }),
    ]);
    theirTrackId = idOf(theirTrack);
  });
  afterAll(async () => t.close());

  describe('calendar', () => {
    it('lists a week of sessions with names, in time order, only of the organisation', async () => {
      const items = await list('from=2026-11-23&to=2026-11-29');
      expect(items.map((s) => [s.localDate, s.title])).toEqual([
        ['2026-11-23', 'Process group'],
        ['2026-11-23', 'Coping skills'],
        ['2026-11-26', 'Process group'],
      ]);
      expect(items[0]).toMatchObject({
        trackId,
        trackName: 'Evening',
        programName: 'Calendar Adult IOP',
        roomName: 'Cedar Room',
        facilitatorName: `clinician of Calendar Clinic`,
        status: 'scheduled',
        cancelReason: null,
        oneOff: false,
        expectedCount: 0,
        recordedCount: 0,
      });
      expect(items.some((s) => s.trackId === theirTrackId)).toBe(false);
      expect(await list(`from=2026-11-23&to=2026-11-29&trackId=${theirTrackId}`)).toEqual([]);
      expect(await list(`from=2026-11-23&to=2026-11-29&siteId=${mine.siteId}`)).toHaveLength(3);
      expect(await list(`from=2026-11-23&to=2026-11-29&programId=${mine.programId}`)).toHaveLength(3);
    });

    it('counts the expected roster on each date and the recorded roll', async () => {
      const a = await enrol(t, org.orgId, mine.programId, trackId, '2026-11-01');
      await enrol(t, org.orgId, mine.programId, trackId, '2026-11-24'); // joins after Monday 23rd
      await enrol(t, org.orgId, mine.programId, trackId, '2026-10-01', { on: '2026-11-23' }); // discharged on the 23rd
      await enrol(t, org.orgId, mine.programId, trackId, '2026-10-01', { on: '2026-11-20' }); // gone before
      const items = await list('from=2026-11-23&to=2026-11-26');
      expect(items.map((s) => [s.localDate, s.expectedCount])).toEqual([
        ['2026-11-23', 2],
        ['2026-11-23', 2],
        ['2026-11-26', 2],
      ]);
      await markPresent(t, org.orgId, items[0]!.id, a, org.staff.clinician.id);
      const again = await list('from=2026-11-23&to=2026-11-23');
      expect(again.map((s) => s.recordedCount)).toEqual([1, 0]);
    });

    it.each([
      ['from=2026-11-23', 'querystring.to'],
      ['from=2026-11-23&to=2026-11-22', 'querystring.to'],
      ['from=2026-11-01&to=2027-01-02', 'querystring.to'],
      ['from=2026-02-30&to=2026-03-02', 'querystring.from'],
      ['from=2026-11-23&to=2026-11-29&trackId=abc', 'querystring.trackId'],
    ])('refuses %s naming %s', async (query, path) => {
      const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions?${query}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it('answers a 62-day range and refuses roles without session.read', async () => {
      expect(await list('from=2026-11-01&to=2027-01-01')).not.toHaveLength(0);
      const admin = await t.as(org.staff.admin, {
        method: 'GET',
        url: '/api/v1/sessions?from=2026-11-23&to=2026-11-29',
      });
      expect(admin.statusCode).toBe(403);
    });
  });

  describe('one-off sessions', () => {
    const oneOff = (overrides: Record<string, unknown> = {}) => ({
      trackId,
      localDate: '2026-11-25',
      startTime: '18:00',
      endTime: '19:30',
      title: 'Make-up group',
      kind: 'group_therapy',
      roomId: mine.roomId,
      ...overrides,
    });

    it('refuses a clinician who does not work in the program, until they are assigned to it', async () => {
      const refused = await post(t, org.staff.clinician, '/api/v1/sessions', oneOff({ localDate: '2026-11-26' }));
      expect(refused.statusCode).toBe(403);
      await t.database.db
        .insert(staffProgram)
        .values({ orgId: org.orgId, userId: org.staff.clinician.id, programId: mine.programId });
    });

    it('adds a one-off session to a track, audited', async () => {
      const res = await post(
        t,
        org.staff.clinician,
        '/api/v1/sessions',
        oneOff({ facilitatorId: org.staff.clinician.id, capacity: 8 }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        trackId,
        localDate: '2026-11-25',
        startsAt: '2026-11-25T23:00:00.000Z',
        endsAt: '2026-11-26T00:30:00.000Z',
        oneOff: true,
        capacity: 8,
        status: 'scheduled',
        roomName: 'Cedar Room',
        expectedCount: 2,
        recordedCount: 0,
      });
      expect(await latestAudit(t, org.orgId)).toMatchObject({
        action: 'session.create',
        entityType: 'session',
        entityId: res.json().id,
        actorId: org.staff.clinician.id,
        details: { oneOff: true, localDate: '2026-11-25', trackId },
      });
      const day = await list('from=2026-11-25&to=2026-11-25');
      expect(day.map((s) => s.title)).toEqual(['Make-up group']);
    });

    it('refuses a room that is already booked, naming roomId', async () => {
      const overGenerated = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-11-30', startTime: '17:00', endTime: '18:30' }),
      );
      expect(overGenerated.statusCode).toBe(409);
      expect(overGenerated.json().title).toBe('Room booked');
      expect(overGenerated.json().errors).toEqual([
        { path: 'body.roomId', message: expect.stringContaining('Cedar Room') },
      ]);
      const overOneOff = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ startTime: '19:00', endTime: '20:00' }),
      );
      expect(overOneOff.statusCode).toBe(409);
      // Beyond the generated horizon the weekly template still books the room.
      const overTemplate = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2027-03-01', startTime: '20:00', endTime: '20:30' }),
      );
      expect(overTemplate.statusCode).toBe(409);
      expect(overTemplate.json().detail).toContain('Coping skills');
    });

    it('allows back-to-back sessions, another room, and any overlap in a virtual room', async () => {
      const after = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-11-30', startTime: '21:00', endTime: '22:00', title: 'Late' }),
      );
      expect(after.statusCode, after.body).toBe(201);
      const birch = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-11-30', roomId: mine.otherRoomId, title: 'Parallel' }),
      );
      expect(birch.statusCode, birch.body).toBe(201);
      const online = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-11-30', roomId: mine.virtualRoomId, title: 'Online' }),
      );
      expect(online.statusCode, online.body).toBe(201);
      const online2 = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-11-30', roomId: mine.virtualRoomId, title: 'Online 2' }),
      );
      expect(online2.statusCode, online2.body).toBe(201);
    });

    it('refuses bad input naming the field', async () => {
      const backwards = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ startTime: '20:00', endTime: '19:00' }),
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0].path).toBe('body.endTime');
      const tooMany = await post(t, org.staff.director, '/api/v1/sessions', oneOff({ capacity: 16 }));
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().errors[0].path).toBe('body.capacity');
      const date = await post(t, org.staff.director, '/api/v1/sessions', oneOff({ localDate: '25/11/2026' }));
      expect(date.statusCode).toBe(400);
      expect(date.json().errors[0].path).toBe('body.localDate');
    });

    it('refuses another organisation’s track, room or facilitator, and roles without session.write', async () => {
      const track = await post(t, org.staff.director, '/api/v1/sessions', oneOff({ trackId: theirTrackId }));
      expect(track.statusCode).toBe(404);
      expect(track.json().errors[0].path).toBe('body.trackId');
      const unknownTrack = await post(t, org.staff.director, '/api/v1/sessions', oneOff({ trackId: randomUUID() }));
      expect(unknownTrack.statusCode).toBe(404);
      const room = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-12-02', roomId: theirs.roomId }),
      );
      expect(room.statusCode).toBe(404);
      expect(room.json().errors[0].path).toBe('body.roomId');
      const person = await post(
        t,
        org.staff.director,
        '/api/v1/sessions',
        oneOff({ localDate: '2026-12-02', facilitatorId: other.staff.director.id }),
      );
      expect(person.statusCode).toBe(404);
      expect(person.json().errors[0].path).toBe('body.facilitatorId');
      for (const role of ['prescriber', 'intake', 'biller', 'admin'] as const) {
        const res = await post(t, org.staff[role], '/api/v1/sessions', oneOff({ localDate: '2026-12-02' }));
        expect(res.statusCode, role).toBe(403);
      }
      expect(await list('from=2026-12-02&to=2026-12-02')).toEqual([]);
    });
  });

  describe('cancellation', () => {
    it('cancels with a reason, audited without it, and frees the room', async () => {
      const [monday] = await list('from=2026-12-07&to=2026-12-07');
      const res = await post(t, org.staff.clinician, `/api/v1/sessions/${monday!.id}/cancel`, {
        reason: '  Facilitator out sick  ',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: monday!.id, status: 'cancelled', cancelReason: 'Facilitator out sick' });
      const audit = await latestAudit(t, org.orgId);
      expect(audit).toMatchObject({
        action: 'session.cancel',
        entityType: 'session',
        entityId: monday!.id,
        details: { localDate: '2026-12-07' },
      });
      expect(JSON.stringify(audit?.details)).not.toContain('sick');

      const again = await post(t, org.staff.clinician, `/api/v1/sessions/${monday!.id}/cancel`, { reason: 'Twice' });
      expect(again.statusCode).toBe(409);

      const replacement = await post(t, org.staff.director, '/api/v1/sessions', {
        trackId,
        localDate: '2026-12-07',
        startTime: '18:15',
        endTime: '19:15',
        title: 'Replacement group',
        kind: 'group_therapy',
        roomId: mine.roomId,
      });
      expect(replacement.statusCode, replacement.body).toBe(201);
    });

    it('refuses a session whose roll has entries, an empty reason, other organisations and roles without session.write', async () => {
      const [monday] = await list('from=2026-11-23&to=2026-11-23');
      expect(await attendanceCount(t, org.orgId, monday!.id)).toBe(1);
      const recorded = await post(t, org.staff.director, `/api/v1/sessions/${monday!.id}/cancel`, { reason: 'Snow' });
      expect(recorded.statusCode).toBe(409);
      expect((await list('from=2026-11-23&to=2026-11-23'))[0]?.status).toBe('scheduled');

      const [thursday] = await list('from=2026-11-26&to=2026-11-26');
      const empty = await post(t, org.staff.director, `/api/v1/sessions/${thursday!.id}/cancel`, { reason: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].path).toBe('body.reason');
      const biller = await post(t, org.staff.biller, `/api/v1/sessions/${thursday!.id}/cancel`, { reason: 'No' });
      expect(biller.statusCode).toBe(403);

      const [theirs] = await list('from=2026-11-23&to=2026-11-23', other.staff.director);
      const foreign = await post(t, org.staff.director, `/api/v1/sessions/${theirs!.id}/cancel`, {
        reason: 'Not mine',
      });
      expect(foreign.statusCode).toBe(404);
      expect((await list('from=2026-11-23&to=2026-11-23', other.staff.director))[0]?.status).toBe('scheduled');
      expect(
        (await post(t, org.staff.director, `/api/v1/sessions/${randomUUID()}/cancel`, { reason: 'x' })).statusCode,
      ).toBe(404);
    });
  });
});
