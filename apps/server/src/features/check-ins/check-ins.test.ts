import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { CheckInList, SafetyAlertList, StoredCheckIn } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, checkIn, episode, participant } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite } from '../ledger/fixtures.ts';

const NOW = '2026-11-18T15:00:00Z';
const CHECK_IN = { mood: 4, anxiety: 6, craving: 7, sleepHours: 5.25, anyUse: true, substancesUsed: 'Alcohol', selfHarmThoughts: false, note: null };

let keys = 0;
const key = () => `check-in-key-${++keys}-xyz`;

describe('daily check-ins entered by staff', () => {
  let t: TestApp;
  let org: TestOrg;
  let ep: { participantId: string; episodeId: string };

  const enter = (payload: object, k: string | null = key(), staff = org.staff.clinician) =>
    t.as(staff, { method: 'POST', url: `/api/v1/episodes/${ep.episodeId}/check-ins`, payload, headers: k ? { 'idempotency-key': k } : {} });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Check-in Clinic');
    const db = t.database.db;
    const prog = await buildProgram(db, await buildSite(db, org.orgId), { name: 'Adult SUD IOP', focus: 'substance_use' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, prog.id);
    const [p] = await db.insert(participant).values({ orgId: org.orgId, givenName: 'Dee', familyName: 'Checkin', dateOfBirth: '1988-01-01' }).returning();
    const [e] = await db
      .insert(episode)
      .values({ orgId: org.orgId, participantId: p!.id, programId: prog.id, part2: true, admittedOn: '2026-11-09', primaryClinicianId: org.staff.clinician.id })
      .returning();
    ep = { participantId: p!.id, episodeId: e!.id };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses anonymous callers with 401 before the body, and roles without measure.write with 403', async () => {
    const anon = await t.as(null, { method: 'POST', url: `/api/v1/episodes/${ep.episodeId}/check-ins`, payload: { mood: 99 } });
    expect(anon.statusCode).toBe(401);
    expect((await enter(CHECK_IN, key(), org.staff.biller)).statusCode).toBe(403);
  });

  it('stores a check-in, raising no alert without a safety answer', async () => {
    const res = await enter(CHECK_IN);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<StoredCheckIn>()).toMatchObject({ mood: 4, sleepHours: 5.25, substancesUsed: 'Alcohol', source: 'staff', enteredBy: org.staff.clinician.id, safetyAlertId: null });
  });

  it('names each bad field with 400 and stores nothing', async () => {
    const before = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, ep.participantId));
    const res = await enter({ ...CHECK_IN, craving: -1, sleepHours: 7.1, anyUse: false });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.craving', 'body.sleepHours', 'body.substancesUsed']));
    const missing = await enter({ mood: 5 });
    expect(missing.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.anxiety', 'body.selfHarmThoughts']));
    const after = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, ep.participantId));
    expect(after).toHaveLength(before.length);
  });

  it('raises a safety alert for thoughts of self-harm, once for a repeated request', async () => {
    const k = key();
    const payload = { ...CHECK_IN, anyUse: false, substancesUsed: null, selfHarmThoughts: true };
    const [a, b] = [await enter(payload, k), await enter(payload, k)];
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json()).toEqual(a.json());
    const stored = a.json<StoredCheckIn>();
    expect(stored.safetyAlertId).not.toBeNull();
    const alerts = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/safety-alerts' });
    expect(alerts.json<SafetyAlertList>().items).toContainEqual(expect.objectContaining({ id: stored.safetyAlertId, kind: 'checkin', responseId: null }));
  });

  it('lists a participant’s check-ins newest first, audited, for the care team only (Part 2)', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${ep.participantId}/check-ins` });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<CheckInList>().items;
    expect(items).toHaveLength(2);
    expect(items[0]!.selfHarmThoughts).toBe(true);
    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.participantId, ep.participantId));
    expect(events.map((e) => e.action)).toContain('check-in.read');
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/Alcohol|mood/);
    // The director is not staff of this Part 2 program: the episode's check-ins are hidden.
    const director = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${ep.participantId}/check-ins` });
    expect(director.json<CheckInList>().items).toEqual([]);
  });
});
