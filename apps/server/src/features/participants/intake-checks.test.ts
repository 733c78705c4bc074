import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, trackBlock } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture, type TrackFixture } from '../ledger/fixtures.ts';

describe('checks before registering someone', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let adult: ProgramFixture;
  let small: TrackFixture;
  let avery: string;

  const duplicates = (body: Record<string, unknown>, as = org.staff.intake) =>
    t.as(as, { method: 'POST', url: '/api/v1/participants/possible-duplicates', payload: body });
  const places = (trackId: string, on = '2026-11-23', as = org.staff.intake) =>
    t.as(as, { method: 'GET', url: `/api/v1/tracks/${trackId}/places?on=${on}` });

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Intake Clinic');
    other = await t.createOrg('Other Intake Clinic');
    const site = await buildSite(t.database.db, org.orgId);
    adult = await buildProgram(t.database.db, site, { name: 'Adult MH IOP' });
    small = await buildTrack(t.database.db, adult, 'Small group');
    await t.database.db.insert(trackBlock).values({
      orgId: org.orgId,
      trackId: small.id,
      weekday: 1,
      startTime: '09:00',
      endTime: '12:00',
      title: 'Process group',
      kind: 'group_therapy',
      capacity: 1,
    });
    const created = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: 'Avery', familyName: 'Quill', preferredName: 'Ave', dateOfBirth: '1991-04-12' },
    });
    expect(created.statusCode, created.body).toBe(201);
    avery = created.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('finds a record with the same names and birth date, whatever the case and spaces, and audits the ids shown', async () => {
    const res = await duplicates({ givenName: ' avery ', familyName: 'QUILL', dateOfBirth: '1991-04-12' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([{ id: avery, displayName: 'Ave Quill', dateOfBirth: '1991-04-12', active: false }]);
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'participant.list')))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event?.actorId).toBe(org.staff.intake.id);
    expect(event?.details).toMatchObject({ purpose: 'duplicate-check', count: 1, participantIds: [avery] });
  });

  it('finds nothing for another birth date, another name, or in another organisation', async () => {
    expect((await duplicates({ givenName: 'Avery', familyName: 'Quill', dateOfBirth: '1991-04-13' })).json().items).toEqual([]);
    expect((await duplicates({ givenName: 'Avery', familyName: 'Quilt', dateOfBirth: '1991-04-12' })).json().items).toEqual([]);
    const elsewhere = await duplicates({ givenName: 'Avery', familyName: 'Quill', dateOfBirth: '1991-04-12' }, other.staff.intake);
    expect(elsewhere.json().items).toEqual([]);
  });

  it('needs permission to register people, and names bad fields', async () => {
    expect((await duplicates({ givenName: 'Avery', familyName: 'Quill', dateOfBirth: '1991-04-12' }, org.staff.biller)).statusCode).toBe(403);
    const bad = await duplicates({ givenName: 'Avery', familyName: '', dateOfBirth: '1991-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.dateOfBirth', 'body.familyName']);
  });

  it('a clinician sees only matches in their own care team', async () => {
    const res = await duplicates({ givenName: 'Avery', familyName: 'Quill', dateOfBirth: '1991-04-12' }, org.staff.clinician);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('refuses a phone number that is not one, naming the field (400)', async () => {
    const res = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: {
        givenName: 'Rowan',
        familyName: 'Vale',
        dateOfBirth: '1988-02-03',
        phone: 'ask reception',
        emergencyContact: { name: 'Sam Vale', relationship: 'partner', phone: '12' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.emergencyContact.phone', 'body.phone']);
  });

  it('says how many places a track has left, and when it is full', async () => {
    const before = await places(small.id);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toEqual({ trackId: small.id, trackName: 'Small group', capacity: 1, taken: 0, full: false });
    await assignToProgram(t.database.db, org.orgId, org.staff.clinician.id, adult.id);
    const admitted = await t.as(org.staff.intake, {
      method: 'POST',
      url: `/api/v1/participants/${avery}/episodes`,
      payload: { programId: adult.id, trackId: small.id, admittedOn: '2026-11-16', primaryClinicianId: org.staff.clinician.id },
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    expect((await places(small.id)).json()).toMatchObject({ taken: 1, full: true });
    expect((await places(small.id, 'not-a-date')).statusCode).toBe(400);
    expect((await places(small.id, '2026-11-23', org.staff.biller)).statusCode).toBe(403);
    expect((await places(small.id, '2026-11-23', other.staff.intake)).statusCode).toBe(404);
  });
});
