import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SafetyPlanVersion, SafetyPlanView } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, participant, safetyPlan } from '../../db/schema.ts';

const NOW = '2026-11-18T15:00:00Z';
const PLAN = {
  warningSigns: ['Not sleeping'],
  internalCoping: ['Walk the dog'],
  distractions: { people: [{ name: 'Sam (synthetic)', phone: '555 0100' }], places: ['The library'] },
  helpers: [{ name: 'Alex (synthetic)', phone: '555 0101' }],
  professionals: [{ name: 'Dr Example', phone: '555 0102' }],
  safeEnvironment: ['Medicines locked away'],
  reasonsForLiving: ['My daughter'],
};

describe('safety plans, versioned', () => {
  let t: TestApp;
  let org: TestOrg;
  let participantId: string;
  const url = () => `/api/v1/participants/${participantId}/safety-plan`;
  const save = (basedOnVersion: number, plan: object = PLAN, staff = org.staff.director) =>
    t.as(staff, { method: 'PUT', url: url(), payload: { basedOnVersion, plan } });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Plan Clinic');
    const [p] = await t.database.db.insert(participant).values({ orgId: org.orgId, givenName: 'Eve', familyName: 'Planner', dateOfBirth: '1992-05-05' }).returning();
    participantId = p!.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('has no plan before the first save', async () => {
    const res = await t.as(org.staff.director, { method: 'GET', url: url() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SafetyPlanView>()).toEqual({ current: null, versions: [] });
  });

  it('refuses anonymous with 401, roles without the permission with 403, and a bad section with 400 naming it', async () => {
    expect((await t.as(null, { method: 'PUT', url: url(), payload: {} })).statusCode).toBe(401);
    expect((await save(0, PLAN, org.staff.biller)).statusCode).toBe(403);
    expect((await t.as(org.staff.intake, { method: 'GET', url: url() })).statusCode).toBe(403);
    const bad = await save(0, { ...PLAN, helpers: [{ name: '' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.plan.helpers.0.name');
  });

  it('saves versions in order, refuses a stale one with 409, and keeps every version as it was', async () => {
    const first = await save(0);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<SafetyPlanVersion>()).toMatchObject({ version: 1, plan: PLAN, savedBy: { id: org.staff.director.id } });
    const second = await save(1, { ...PLAN, reasonsForLiving: ['My daughter', 'Music'] });
    expect(second.json<SafetyPlanVersion>().version).toBe(2);
    const stale = await save(1);
    expect(stale.statusCode).toBe(409);
    const view = (await t.as(org.staff.director, { method: 'GET', url: url() })).json<SafetyPlanView>();
    expect(view.current!.version).toBe(2);
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await t.as(org.staff.director, { method: 'GET', url: `${url()}/versions/1` });
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json<SafetyPlanVersion>().plan.reasonsForLiving).toEqual(['My daughter']);
    expect((await t.as(org.staff.director, { method: 'GET', url: `${url()}/versions/9` })).statusCode).toBe(404);
    await expect(t.database.db.update(safetyPlan).set({ version: 5 }).where(eq(safetyPlan.participantId, participantId))).rejects.toThrow();
    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.participantId, participantId));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['safety-plan.save', 'safety-plan.read']));
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain('daughter');
  });
});
