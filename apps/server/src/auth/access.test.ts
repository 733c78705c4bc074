/**
 * Minimum necessary and 42 CFR Part 2 scope, through the API: each role reaches only the categories of record its work
 * needs, and a Part 2 episode's details reach only staff of its program.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../testing/harness.ts';
import { createStaff } from '../features/organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, buildWeeklySessions, type ProgramFixture, type TrackFixture } from '../features/ledger/fixtures.ts';
import { auditEvent } from '../db/schema.ts';
import type { StaffRole } from '@trellis/core';

describe('access rules', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let mhTrack: TrackFixture;
  let sudTrack: TrackFixture;
  let sudSessions: Map<string, string>;
  /** Staff assigned to the Part 2 program. */
  const sudStaff = {} as Record<'director' | 'clinician' | 'intake' | 'biller', TestStaff>;
  let mhPerson: string;
  let sudPerson: string;
  let mhEpisode: { id: string; version: number };
  let sudEpisode: { id: string; version: number };

  async function addStaff(role: StaffRole, programIds: string[]): Promise<TestStaff> {
    const email = `${role}-sud-${programIds.length}-${Math.random().toString(36).slice(2, 8)}@access.test`;
    const id = await createStaff(t.database.db, { orgId: org.orgId, name: `SUD ${role}`, email, role, password: TEST_PASSWORD, programIds });
    return { id, email, role, cookie: await t.signIn(email) };
  }

  async function register(givenName: string): Promise<string> {
    const res = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Access', dateOfBirth: '1990-01-01' },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  async function admit(staff: TestStaff, participantId: string, p: ProgramFixture, trk: TrackFixture, clinicianId: string) {
    return t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: p.id, trackId: trk.id, admittedOn: '2026-11-16', primaryClinicianId: clinicianId },
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-18T23:00:00Z' });
    org = await t.createOrg('Access Clinic');
    const site = await buildSite(t.database.db, org.orgId);
    mh = await buildProgram(t.database.db, site, { name: 'Adult MH IOP' });
    sud = await buildProgram(t.database.db, site, { name: 'Adult SUD IOP', focus: 'substance_use' });
    mhTrack = await buildTrack(t.database.db, mh, 'MH Evening');
    sudTrack = await buildTrack(t.database.db, sud, 'SUD Evening');
    await buildWeeklySessions(t.database.db, mhTrack, { weekdays: [1, 3], startTime: '18:00', endTime: '21:00', fromMonday: '2026-11-16', weeks: 1 });
    sudSessions = await buildWeeklySessions(t.database.db, sudTrack, { weekdays: [1, 3], startTime: '18:00', endTime: '21:00', fromMonday: '2026-11-16', weeks: 1 });
    for (const role of ['director', 'clinician', 'intake', 'biller', 'prescriber'] as const) {
      await assignToProgram(t.database.db, org.orgId, org.staff[role].id, mh.id);
    }
    for (const role of ['director', 'clinician', 'intake', 'biller'] as const) sudStaff[role] = await addStaff(role, [sud.id]);

    mhPerson = await register('Mina');
    const mhAdmit = await admit(org.staff.intake, mhPerson, mh, mhTrack, org.staff.clinician.id);
    expect(mhAdmit.statusCode).toBe(201);
    mhEpisode = mhAdmit.json();
    sudPerson = await register('Sol');
    const sudAdmit = await admit(sudStaff.intake, sudPerson, sud, sudTrack, sudStaff.clinician.id);
    expect(sudAdmit.statusCode).toBe(201);
    sudEpisode = sudAdmit.json();
    const marked = await t.as(sudStaff.clinician, {
      method: 'PUT',
      url: `/api/v1/sessions/${sudSessions.get('2026-11-16')}/roll`,
      payload: { entries: [{ participantId: sudPerson, status: 'present' }] },
    });
    expect(marked.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  describe('minimum necessary', () => {
    it('refuses intake the ledger, attendance history and census, but not the participant', async () => {
      expect((await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/participants/${mhPerson}` })).statusCode).toBe(200);
      expect((await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/participants/${mhPerson}/ledger` })).statusCode).toBe(403);
      expect((await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/participants/${mhPerson}/attendance` })).statusCode).toBe(403);
      expect((await t.as(org.staff.intake, { method: 'GET', url: '/api/v1/census' })).statusCode).toBe(403);
    });

    it('lets the roles that read attendance see the ledger and history', async () => {
      for (const role of ['director', 'clinician', 'prescriber', 'biller'] as const) {
        expect((await t.as(org.staff[role], { method: 'GET', url: `/api/v1/participants/${mhPerson}/ledger` })).statusCode).toBe(200);
        expect((await t.as(org.staff[role], { method: 'GET', url: `/api/v1/participants/${mhPerson}/attendance` })).statusCode).toBe(200);
      }
    });

    it('leaves track moves and discharge to the director and the episode’s clinicians', async () => {
      const move = (staff: TestStaff) =>
        t.as(staff, {
          method: 'POST',
          url: `/api/v1/episodes/${mhEpisode.id}/track-moves`,
          payload: { version: mhEpisode.version, trackId: mhTrack.id, fromDate: '2026-11-18' },
        });
      const discharge = (staff: TestStaff) =>
        t.as(staff, {
          method: 'POST',
          url: `/api/v1/episodes/${mhEpisode.id}/discharge`,
          payload: { version: mhEpisode.version, dischargedOn: '2026-11-18', disposition: 'completed', note: 'Goals met; step down to OP' },
        });
      for (const role of ['intake', 'biller', 'prescriber', 'admin'] as const) {
        expect((await move(org.staff[role])).statusCode).toBe(403);
        expect((await discharge(org.staff[role])).statusCode).toBe(403);
      }
      // A clinician outside the care team is refused too.
      expect((await discharge(sudStaff.clinician)).statusCode).toBe(403);
      // The episode's clinician may (422: already on this track — the request got past access).
      expect((await move(org.staff.clinician)).statusCode).toBe(422);
      expect((await discharge(org.staff.director)).statusCode).toBe(200);
    });

    it('keeps clinical free text (the discharge note) to the treating roles', async () => {
      const noteSeenBy = async (staff: TestStaff) =>
        (await t.as(staff, { method: 'GET', url: `/api/v1/participants/${mhPerson}` })).json<{ episodes: { dischargeNote: string | null }[] }>().episodes[0]?.dischargeNote;
      expect(await noteSeenBy(org.staff.clinician)).toBe('Goals met; step down to OP');
      expect(await noteSeenBy(org.staff.prescriber)).toBe('Goals met; step down to OP');
      expect(await noteSeenBy(org.staff.intake)).toBeNull();
      expect(await noteSeenBy(org.staff.biller)).toBeNull();
    });
  });

  describe('42 CFR Part 2 scope', () => {
    it('shows staff outside the program the person but not the Part 2 episode', async () => {
      for (const staff of [org.staff.director, org.staff.biller, org.staff.intake]) {
        const res = await t.as(staff, { method: 'GET', url: `/api/v1/participants/${sudPerson}` });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ givenName: 'Sol', part2: false, episodes: [] });
        expect(res.body).not.toContain('SUD');
      }
      const own = await t.as(sudStaff.director, { method: 'GET', url: `/api/v1/participants/${sudPerson}` });
      expect(own.json()).toMatchObject({ part2: true, episodes: [{ programName: 'Adult SUD IOP', part2: true }] });
    });

    it('keeps the Part 2 ledger and attendance from staff outside the program', async () => {
      const ledger = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${sudPerson}/ledger` });
      expect(ledger.json()).toEqual({ episodeId: null, weeks: [], services: [] });
      const history = await t.as(org.staff.biller, { method: 'GET', url: `/api/v1/participants/${sudPerson}/attendance` });
      expect(history.json().items).toEqual([]);
      const ownLedger = await t.as(sudStaff.biller, { method: 'GET', url: `/api/v1/participants/${sudPerson}/ledger` });
      expect(ownLedger.json().episodeId).toBe(sudEpisode.id);
      const ownHistory = await t.as(sudStaff.biller, { method: 'GET', url: `/api/v1/participants/${sudPerson}/attendance` });
      expect(ownHistory.json().items.some((i: { status: string }) => i.status === 'present')).toBe(true);
    });

    it('keeps Part 2 episodes off the census and lists of staff outside the program', async () => {
      const ids = async (staff: TestStaff) =>
        (await t.as(staff, { method: 'GET', url: '/api/v1/census?week=2026-11-16' })).json<{ rows: { participantId: string }[] }>().rows.map((r) => r.participantId);
      expect(await ids(org.staff.biller)).not.toContain(sudPerson);
      expect(await ids(org.staff.director)).not.toContain(sudPerson);
      expect(await ids(sudStaff.director)).toContain(sudPerson);

      const listed = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Sol&status=all' });
      expect(listed.json().items).toEqual([expect.objectContaining({ id: sudPerson, activeEpisode: null })]);
      expect(listed.body).not.toContain('SUD');
      const active = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/participants?q=Sol&status=active' });
      expect(active.json().items).toEqual([]);
      const own = await t.as(sudStaff.director, { method: 'GET', url: '/api/v1/participants?q=Sol&status=active' });
      expect(own.json().items[0].activeEpisode.programName).toBe('Adult SUD IOP');
    });

    it('refuses staff outside the program the Part 2 roll and episode changes', async () => {
      const roll = `/api/v1/sessions/${sudSessions.get('2026-11-16')}/roll`;
      expect((await t.as(org.staff.director, { method: 'GET', url: roll })).statusCode).toBe(403);
      expect((await t.as(org.staff.biller, { method: 'GET', url: roll })).statusCode).toBe(403);
      expect((await t.as(org.staff.director, { method: 'PUT', url: roll, payload: { entries: [{ participantId: sudPerson, status: 'absent' }] } })).statusCode).toBe(403);
      expect((await t.as(sudStaff.biller, { method: 'GET', url: roll })).statusCode).toBe(200);
      const discharge = await t.as(org.staff.director, {
        method: 'POST',
        url: `/api/v1/episodes/${sudEpisode.id}/discharge`,
        payload: { version: sudEpisode.version, dischargedOn: '2026-11-18', disposition: 'completed' },
      });
      expect(discharge.statusCode).toBe(403);
    });

    it('lets only the program’s staff admit to a Part 2 program', async () => {
      const person = await register('Pat');
      expect((await admit(org.staff.intake, person, sud, sudTrack, sudStaff.clinician.id)).statusCode).toBe(403);
      expect((await admit(sudStaff.intake, person, sud, sudTrack, sudStaff.clinician.id)).statusCode).toBe(201);
    });

    it('refuses and audits a focus change that would re-flag a program’s episodes', async () => {
      const programs = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' });
      const stored = programs.json().items.find((p: { id: string }) => p.id === sud.id) as { version: number };
      const res = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${sud.id}`,
        payload: { version: stored.version, focus: 'mental_health' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe('body.focus');
      const [refused] = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'program.part2-change-refused')));
      expect(refused).toMatchObject({ entityId: sud.id, outcome: 'denied', actorId: org.staff.director.id });
      // Substance use → co-occurring keeps the flag, so it is allowed.
      const kept = await t.as(org.staff.director, {
        method: 'PATCH',
        url: `/api/v1/programs/${sud.id}`,
        payload: { version: stored.version, focus: 'co_occurring' },
      });
      expect(kept.statusCode).toBe(200);
      expect(kept.json()).toMatchObject({ focus: 'co_occurring', part2: true });
    });
  });
});
