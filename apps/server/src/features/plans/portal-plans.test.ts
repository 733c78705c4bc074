/**
 * The participant's treatment plan in the portal: the plan in force in plain words, signed by the participant
 * (method portal) and tied to the hash of the content they read; nobody else's plan, and never a revised one unread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { PlanVersionView, PortalTreatmentPlan, PortalTreatmentPlans, TreatmentPlanOverview } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack } from '../ledger/fixtures.ts';
import { portalParticipant, type PortalPerson } from '../portal/fixtures.ts';
import { planContent, signedPlan } from './fixtures.ts';

const NOW = '2026-11-18T15:00:00Z';
const OBJ = '7c1e0a52-3c0e-4d7e-9a51-1f1f7f0c0b01';

describe('treatment plans in the portal', () => {
  let t: TestApp;
  let org: TestOrg;
  let episodeId: string;
  let avery: PortalPerson;
  let blake: PortalPerson;
  const plans = (who: PortalPerson) => t.as(who.session, { method: 'GET', url: '/api/v1/portal/treatment-plans' });
  const sign = (who: PortalPerson, payload: object) =>
    t.as(who.session, { method: 'POST', url: '/api/v1/portal/treatment-plans/signature', payload });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Portal Plans Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const program = await buildProgram(db, site, {
      name: 'Adult Mental Health IOP',
      focus: 'mental_health',
      minWeeklyMinutes: 540,
      maxWeeklyMinutes: 1140,
    });
    const track = await buildTrack(db, program);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, program.id);
    const p = await t.as(org.staff.director, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: 'Avery', familyName: 'Synthetic', dateOfBirth: '1988-02-03' },
    });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: {
        programId: program.id,
        trackId: track.id,
        admittedOn: '2026-11-02',
        primaryClinicianId: org.staff.clinician.id,
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    episodeId = e.json<{ id: string }>().id;
    await signedPlan(
      t,
      org.staff.clinician,
      episodeId,
      planContent(org.staff.clinician.id, [{ id: OBJ, description: 'Walk three mornings a week' }]),
    );
    avery = await portalParticipant(t, org, 'Avery', participantId);
    blake = await portalParticipant(t, org, 'Blake');
  }, 90_000);
  afterAll(async () => t?.close());

  it('shows the participant their plan in force in plain words, and another participant none', async () => {
    const res = await plans(avery);
    expect(res.statusCode, res.body).toBe(200);
    const [plan] = res.json<PortalTreatmentPlans>().plans;
    expect(plan).toMatchObject({ programName: 'Adult Mental Health IOP', number: 1, participantSignature: null });
    expect(plan!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan!.words.goals[0]!.steps[0]).toMatchObject({
      step: 'Walk three mornings a week',
      support: [expect.stringMatching(/twice a week$/)],
    });
    expect(plan!.words.schedule).toBe('4 days a week, 3 hours a day, for about 8 weeks');
    expect(res.body).not.toContain(org.staff.clinician.id);
    expect((await plans(blake)).json<PortalTreatmentPlans>().plans).toEqual([]);
  });

  it('refuses anonymous with 401, staff with 403, and bad input with 400 naming the field', async () => {
    expect(
      (await t.as(null, { method: 'POST', url: '/api/v1/portal/treatment-plans/signature', payload: {} })).statusCode,
    ).toBe(401);
    expect((await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/portal/treatment-plans' })).statusCode).toBe(
      403,
    );
    const hash = (await plans(avery)).json<PortalTreatmentPlans>().plans[0]!.contentHash;
    const blank = await sign(avery, { contentHash: hash, signedName: ' ', agreed: true });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].path).toBe('body.signedName');
    const unticked = await sign(avery, { contentHash: hash, signedName: 'Avery Synthetic', agreed: false });
    expect(unticked.json().errors[0].path).toBe('body.agreed');
    const badHash = await sign(avery, { contentHash: 'abc', signedName: 'Avery Synthetic', agreed: true });
    expect(badHash.json().errors[0].path).toBe('body.contentHash');
  });

  it('does not let another participant sign someone else’s plan, even knowing its hash', async () => {
    const hash = (await plans(avery)).json<PortalTreatmentPlans>().plans[0]!.contentHash;
    const res = await sign(blake, { contentHash: hash, signedName: 'Blake', agreed: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('body.contentHash');
    expect(res.body).not.toContain('Walk three');
  });

  it('records the participant’s signature tied to the hash with method portal; signing again answers the same', async () => {
    const hash = (await plans(avery)).json<PortalTreatmentPlans>().plans[0]!.contentHash;
    const first = await sign(avery, { contentHash: hash, signedName: 'Avery Synthetic', agreed: true });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<PortalTreatmentPlan>().participantSignature).toEqual({
      signedName: 'Avery Synthetic',
      signedAt: NOW.replace('Z', '.000Z'),
      method: 'portal',
    });
    const again = await sign(avery, { contentHash: hash, signedName: 'Avery Synthetic', agreed: true });
    expect(again.statusCode).toBe(200);
    expect(again.json<PortalTreatmentPlan>().participantSignature).toEqual(
      first.json<PortalTreatmentPlan>().participantSignature,
    );
    // The staff side sees it as the participant's signature, taken in the portal, and no longer missing.
    const staff = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${episodeId}/treatment-plan` })
    ).json<TreatmentPlanOverview>();
    const current = staff.current as PlanVersionView;
    expect(current.signatures.find((s) => s.signer === 'participant')).toMatchObject({
      method: 'portal',
      signedName: 'Avery Synthetic',
    });
    expect(current.missingSignatures).not.toContain('participant');
    const events = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'treatment-plan.signature'), eq(auditEvent.participantId, avery.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorRole: 'participant',
      details: expect.objectContaining({ method: 'portal' }),
    });
  });

  it('refuses a signature on a plan revised since it was read (409: read it again)', async () => {
    const old = (await plans(avery)).json<PortalTreatmentPlans>().plans[0]!.contentHash;
    await signedPlan(
      t,
      org.staff.clinician,
      episodeId,
      planContent(org.staff.clinician.id, [{ id: OBJ, description: 'Walk five mornings a week' }]),
    );
    const res = await sign(avery, { contentHash: old, signedName: 'Avery Synthetic', agreed: true });
    expect(res.statusCode).toBe(409);
    const [plan] = (await plans(avery)).json<PortalTreatmentPlans>().plans;
    expect(plan).toMatchObject({ number: 2, participantSignature: null });
    expect(plan!.contentHash).not.toBe(old);
  });
});
