import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { program as programTable, staffProgram } from '../../db/schema.ts';
import { createSetup, idOf, latestAudit, post, type SetupFixture } from './test-fixtures.ts';

describe('setup: sites, rooms, programs, staff', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mine: SetupFixture;
  let theirs: SetupFixture;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Setup Clinic');
    other = await t.createOrg('Elsewhere Clinic');
    mine = await createSetup(t, org, 'Main');
    theirs = await createSetup(t, other, 'Their');
  });
  afterAll(async () => t.close());

  describe('sites', () => {
    it('creates a site and audits it', async () => {
      const res = await post(t, org.staff.admin, '/api/v1/sites', {
        name: 'Harbor Clinic',
        timeZone: 'America/Los_Angeles',
        address: '200 Sample Street',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.any(String),
        name: 'Harbor Clinic',
        timeZone: 'America/Los_Angeles',
        address: '200 Sample Street',
        version: 1,
      });
      const audit = await latestAudit(t, org.orgId);
      expect(audit).toMatchObject({
        action: 'setup.create',
        entityType: 'site',
        entityId: res.json().id,
        actorId: org.staff.admin.id,
      });
      const lower = await post(t, org.staff.admin, '/api/v1/sites', { name: 'Lakeside', timeZone: 'america/chicago' });
      expect(lower.json().timeZone).toBe('America/Chicago');
    });

    it.each(['Mars/Olympus', '+05:00', 'EST5EDT-ish', ''])(
      'refuses the time zone %j naming timeZone',
      async (timeZone) => {
        const res = await post(t, org.staff.director, '/api/v1/sites', { name: `Zone ${timeZone}`, timeZone });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.timeZone');
      },
    );

    it('refuses a second site with the same name naming name', async () => {
      const res = await post(t, org.staff.director, '/api/v1/sites', {
        name: 'Main Clinic',
        timeZone: 'America/Chicago',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors).toEqual([{ path: 'body.name', message: expect.any(String) }]);
    });

    it('lists only the organisation’s own sites, to any role with setup.read', async () => {
      const res = await t.as(org.staff.biller, { method: 'GET', url: '/api/v1/sites' });
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((s: { id: string }) => s.id);
      expect(ids).toContain(mine.siteId);
      expect(ids).not.toContain(theirs.siteId);
    });

    it('refuses writes from roles without setup.write', async () => {
      for (const role of ['clinician', 'prescriber', 'intake', 'biller'] as const) {
        const res = await post(t, org.staff[role], '/api/v1/sites', {
          name: `By ${role}`,
          timeZone: 'America/New_York',
        });
        expect(res.statusCode, role).toBe(403);
      }
      const patch = await t.as(org.staff.clinician, {
        method: 'PATCH',
        url: `/api/v1/sites/${mine.siteId}`,
        payload: { version: 1, name: 'X' },
      });
      expect(patch.statusCode).toBe(403);
    });

    it('updates with the current version and refuses a stale one', async () => {
      const created = await post(t, org.staff.director, '/api/v1/sites', { name: 'Annex', timeZone: 'America/Denver' });
      const id = idOf(created);
      const ok = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/sites/${id}`,
        payload: { version: 1, address: '1 Annex Way' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ address: '1 Annex Way', version: 2, timeZone: 'America/Denver' });
      expect(await latestAudit(t, org.orgId)).toMatchObject({
        action: 'setup.update',
        entityId: id,
        details: { fields: ['address'], sessionsMoved: 0 },
      });
      const stale = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/sites/${id}`,
        payload: { version: 1, name: 'Annex Two' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().errors[0].path).toBe('version');
    });

    it('answers 404 for another organisation’s site and for an unknown one', async () => {
      for (const id of [theirs.siteId, randomUUID()]) {
        const res = await t.as(org.staff.director, {
          method: 'PATCH',
          url: `/api/v1/sites/${id}`,
          payload: { version: 1, name: 'Taken over' },
        });
        expect(res.statusCode).toBe(404);
      }
      const bad = await t.as(org.staff.director, {
        method: 'PATCH',
        url: '/api/v1/sites/not-a-uuid',
        payload: { version: 1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('params.id');
    });
  });

  describe('rooms', () => {
    it('creates physical and virtual rooms and lists them by site', async () => {
      const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/rooms?siteId=${mine.siteId}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((r: { name: string; kind: string }) => [r.name, r.kind])).toEqual([
        ['Birch Room', 'physical'],
        ['Cedar Room', 'physical'],
        ['Telehealth', 'virtual'],
      ]);
      const theirsList = await t.as(org.staff.clinician, {
        method: 'GET',
        url: `/api/v1/rooms?siteId=${theirs.siteId}`,
      });
      expect(theirsList.json().items).toEqual([]);
    });

    it('requires an https meeting address for a virtual room', async () => {
      const missing = await post(t, org.staff.director, '/api/v1/rooms', {
        siteId: mine.siteId,
        name: 'Zoom A',
        kind: 'virtual',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.meetingUrl']);
      const plain = await post(t, org.staff.director, '/api/v1/rooms', {
        siteId: mine.siteId,
        name: 'Zoom B',
        kind: 'virtual',
        meetingUrl: 'http://meet.example.org/b',
      });
      expect(plain.statusCode).toBe(400);
      expect(plain.json().errors[0].path).toBe('body.meetingUrl');
      const clear = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/rooms/${mine.virtualRoomId}`,
        payload: { version: 1, meetingUrl: null },
      });
      expect(clear.statusCode).toBe(400);
      expect(clear.json().errors[0].path).toBe('body.meetingUrl');
    });

    it('refuses a room at another organisation’s site naming siteId', async () => {
      const res = await post(t, org.staff.director, '/api/v1/rooms', {
        siteId: theirs.siteId,
        name: 'Sneaky',
        kind: 'physical',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().errors[0].path).toBe('body.siteId');
    });

    it('refuses a duplicate room name at the same site', async () => {
      const res = await post(t, org.staff.director, '/api/v1/rooms', {
        siteId: mine.siteId,
        name: 'Cedar Room',
        kind: 'physical',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors[0].path).toBe('body.name');
    });

    it('updates a room with its version', async () => {
      const ok = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/rooms/${mine.otherRoomId}`,
        payload: { version: 1, capacity: 10 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ capacity: 10, version: 2, active: true });
      const stale = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/rooms/${mine.otherRoomId}`,
        payload: { version: 1, capacity: 12 },
      });
      expect(stale.statusCode).toBe(409);
      const foreign = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/rooms/${theirs.roomId}`,
        payload: { version: 1, capacity: 1 },
      });
      expect(foreign.statusCode).toBe(404);
    });
  });

  describe('programs', () => {
    it('fills weekly hours from the level of care and Part 2 from the focus', async () => {
      const res = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: mine.siteId,
        name: 'Adolescent Substance Use IOP',
        levelOfCare: 'iop',
        population: 'adolescent',
        focus: 'substance_use',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        siteId: mine.siteId,
        siteName: 'Main Clinic',
        timeZone: 'America/New_York',
        part2: true,
        minWeeklyHours: 6,
        maxWeeklyHours: 19,
        perDiemMinHours: 3,
        active: true,
        version: 1,
      });
      const [stored] = await t.database.db
        .select()
        .from(programTable)
        .where(eq(programTable.id, idOf(res)));
      expect(stored).toMatchObject({ minWeeklyMinutes: 360, maxWeeklyMinutes: 1140, perDiemMinMinutes: 180 });
    });

    it('keeps given hours, PHP has no maximum, and mental health is not Part 2', async () => {
      const res = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: mine.siteId,
        name: 'Adult PHP',
        levelOfCare: 'php',
        population: 'adult',
        focus: 'mental_health',
        minWeeklyHours: 22.5,
        perDiemMinHours: 4,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        part2: false,
        minWeeklyHours: 22.5,
        maxWeeklyHours: null,
        perDiemMinHours: 4,
      });
    });

    it('refuses a minimum above the maximum, naming minWeeklyHours', async () => {
      const res = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: mine.siteId,
        name: 'Upside Down',
        levelOfCare: 'iop',
        population: 'adult',
        focus: 'mental_health',
        minWeeklyHours: 12,
        maxWeeklyHours: 10,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.minWeeklyHours');
      // Against the default maximum (IOP adults: 19 h) too.
      const overDefault = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: mine.siteId,
        name: 'Upside Down',
        levelOfCare: 'iop',
        population: 'adult',
        focus: 'mental_health',
        minWeeklyHours: 25,
      });
      expect(overDefault.statusCode).toBe(400);
      expect(overDefault.json().errors[0].path).toBe('body.minWeeklyHours');
      const odd = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: mine.siteId,
        name: 'Odd Hours',
        levelOfCare: 'iop',
        population: 'adult',
        focus: 'mental_health',
        minWeeklyHours: 9.1,
      });
      expect(odd.statusCode).toBe(400);
      expect(odd.json().errors[0].path).toBe('body.minWeeklyHours');
    });

    it('updates a program: focus sets Part 2, hours are checked against the stored maximum', async () => {
      const listed = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' });
      const main = listed.json().items.find((p: { id: string }) => p.id === mine.programId);
      expect(main).toMatchObject({ part2: false, minWeeklyHours: 9, maxWeeklyHours: 19, version: 1 });
      const tooMany = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${mine.programId}`,
        payload: { version: 1, minWeeklyHours: 20 },
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().errors[0].path).toBe('body.minWeeklyHours');
      const ok = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${mine.programId}`,
        payload: { version: 1, focus: 'co_occurring', minWeeklyHours: 10 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ focus: 'co_occurring', part2: true, minWeeklyHours: 10, version: 2 });
      expect(await latestAudit(t, org.orgId)).toMatchObject({
        action: 'setup.update',
        entityType: 'program',
        details: { fields: ['focus', 'minWeeklyHours'] },
      });
      const stale = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${mine.programId}`,
        payload: { version: 1, name: 'Late' },
      });
      expect(stale.statusCode).toBe(409);
    });

    it('refuses another organisation’s site and program', async () => {
      const res = await post(t, org.staff.director, '/api/v1/programs', {
        siteId: theirs.siteId,
        name: 'Borrowed',
        levelOfCare: 'iop',
        population: 'adult',
        focus: 'mental_health',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().errors[0].path).toBe('body.siteId');
      const patch = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${theirs.programId}`,
        payload: { version: 1, name: 'Mine now' },
      });
      expect(patch.statusCode).toBe(404);
      const list = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' });
      expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(theirs.programId);
    });

    it('does not move a program with tracks to another site', async () => {
      const track = await post(t, org.staff.director, '/api/v1/tracks', {
        programId: mine.programId,
        name: 'Anchor',
        blocks: [],
      });
      expect(track.statusCode).toBe(201);
      const annex = await post(t, org.staff.director, '/api/v1/sites', {
        name: 'Second Site',
        timeZone: 'America/New_York',
      });
      const current = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' });
      const version = current.json().items.find((p: { id: string }) => p.id === mine.programId).version;
      const res = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${mine.programId}`,
        payload: { version, siteId: idOf(annex) },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors[0].path).toBe('body.siteId');
    });
  });

  describe('staff', () => {
    it('lists active staff with their programs, filtered by role, never another organisation’s', async () => {
      await t.database.db
        .insert(staffProgram)
        .values({ orgId: org.orgId, userId: org.staff.clinician.id, programId: mine.programId });
      const all = await t.as(org.staff.biller, { method: 'GET', url: '/api/v1/staff' });
      expect(all.statusCode).toBe(200);
      const items = all.json().items as { id: string; role: string; programIds: string[]; email: string }[];
      expect(items.map((s) => s.role).sort()).toEqual([
        'admin',
        'biller',
        'clinician',
        'director',
        'intake',
        'prescriber',
      ]);
      expect(items.find((s) => s.id === org.staff.clinician.id)).toMatchObject({
        email: org.staff.clinician.email,
        programIds: [mine.programId],
        credentials: null,
      });
      expect(items.find((s) => s.id === org.staff.director.id)?.programIds).toEqual([]);
      expect(items.some((s) => s.id === other.staff.clinician.id)).toBe(false);

      const clinicians = await t.as(org.staff.intake, { method: 'GET', url: '/api/v1/staff?role=clinician' });
      expect(clinicians.json().items.map((s: { id: string }) => s.id)).toEqual([org.staff.clinician.id]);
      const bad = await t.as(org.staff.intake, { method: 'GET', url: '/api/v1/staff?role=wizard' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('querystring.role');
      const linked = await t.database.db
        .select()
        .from(staffProgram)
        .where(and(eq(staffProgram.orgId, org.orgId), eq(staffProgram.userId, org.staff.clinician.id)));
      expect(linked).toHaveLength(1);
    });
  });
});
