/**
 * Relapse prevention plans: staff save versions (stale → 409, every version kept as it was), the participant reads
 * only their own in the portal, and every read and save is audited without the plan's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RelapsePlanVersion, RelapsePlanView } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, relapsePlan } from '../../db/schema.ts';
import { portalParticipant, type PortalPerson } from '../portal/fixtures.ts';

const NOW = '2026-11-18T15:00:00Z';
const PLAN = {
  triggers: ['Payday evenings'],
  warningSigns: ['Skipping meetings'],
  copingStrategies: ['Walk round the block', 'Urge surfing'],
  peopleToCall: [{ name: 'Sam (synthetic)', phone: '555 0100' }],
  afterASlip: ['Tell my counsellor the next day'],
};

describe('relapse prevention plans', () => {
  let t: TestApp;
  let org: TestOrg;
  let avery: PortalPerson;
  let blake: PortalPerson;
  const url = () => `/api/v1/participants/${avery.id}/relapse-plan`;
  const save = (basedOnVersion: number, plan: object = PLAN, staff = org.staff.director) =>
    t.as(staff, { method: 'PUT', url: url(), payload: { basedOnVersion, plan } });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Relapse Plan Clinic');
    avery = await portalParticipant(t, org, 'Avery');
    blake = await portalParticipant(t, org, 'Blake');
  }, 60_000);
  afterAll(async () => t?.close());

  it('has no plan before the first save, for staff and in the portal', async () => {
    const res = await t.as(org.staff.director, { method: 'GET', url: url() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RelapsePlanView>()).toEqual({ current: null, versions: [] });
    const own = await t.as(avery.session, { method: 'GET', url: '/api/v1/portal/relapse-plan' });
    expect(own.json<RelapsePlanView>()).toEqual({ current: null, versions: [] });
  });

  it('refuses anonymous with 401, roles without the permission with 403, and a bad section with 400 naming it', async () => {
    expect((await t.as(null, { method: 'PUT', url: url(), payload: {} })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/portal/relapse-plan' })).statusCode).toBe(401);
    expect((await save(0, PLAN, org.staff.biller)).statusCode).toBe(403);
    expect((await t.as(org.staff.intake, { method: 'GET', url: url() })).statusCode).toBe(403);
    const bad = await save(0, { ...PLAN, peopleToCall: [{ name: '' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.plan.peopleToCall.0.name');
    const missing = await save(0, { ...PLAN, afterASlip: undefined });
    expect(missing.json().errors[0].path).toBe('body.plan.afterASlip');
  });

  it('saves versions in order, refuses a stale one with 409, and keeps every version as it was', async () => {
    const first = await save(0);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<RelapsePlanVersion>()).toMatchObject({
      version: 1,
      plan: PLAN,
      savedBy: { id: org.staff.director.id },
    });
    const second = await save(1, { ...PLAN, triggers: ['Payday evenings', 'Old friends from the bar'] });
    expect(second.json<RelapsePlanVersion>().version).toBe(2);
    expect((await save(1)).statusCode).toBe(409);
    const view = (await t.as(org.staff.director, { method: 'GET', url: url() })).json<RelapsePlanView>();
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await t.as(org.staff.director, { method: 'GET', url: `${url()}/versions/1` });
    expect(v1.json<RelapsePlanVersion>().plan.triggers).toEqual(['Payday evenings']);
    expect((await t.as(org.staff.director, { method: 'GET', url: `${url()}/versions/9` })).statusCode).toBe(404);
    await expect(
      t.database.db.update(relapsePlan).set({ version: 5 }).where(eq(relapsePlan.participantId, avery.id)),
    ).rejects.toThrow();
    await expect(t.database.db.delete(relapsePlan).where(eq(relapsePlan.participantId, avery.id))).rejects.toThrow();
  });

  it('shows the participant their own latest plan, and another participant nothing of it', async () => {
    const own = await t.as(avery.session, { method: 'GET', url: '/api/v1/portal/relapse-plan' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<RelapsePlanView>().current).toMatchObject({ version: 2, participantId: avery.id });
    const other = await t.as(blake.session, { method: 'GET', url: '/api/v1/portal/relapse-plan' });
    expect(other.json<RelapsePlanView>()).toEqual({ current: null, versions: [] });
    // A participant reaches no staff route, not even for their own record; staff reach no portal route.
    expect((await t.as(blake.session, { method: 'GET', url: url() })).statusCode).toBe(403);
    expect(
      (await t.as(avery.session, { method: 'PUT', url: url(), payload: { basedOnVersion: 2, plan: PLAN } })).statusCode,
    ).toBe(403);
    expect((await t.as(org.staff.director, { method: 'GET', url: '/api/v1/portal/relapse-plan' })).statusCode).toBe(
      403,
    );
  });

  it('audits reads and saves, by staff and by the participant, without the plan’s words', async () => {
    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.participantId, avery.id));
    const actions = events.map((e) => `${e.action}:${e.actorRole === 'participant' ? 'participant' : 'staff'}`);
    expect(actions).toEqual(
      expect.arrayContaining(['relapse-plan.save:staff', 'relapse-plan.read:staff', 'relapse-plan.read:participant']),
    );
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain('Payday');
  });
});
