/**
 * The demo's portals are filled in: the demo participant finds a plan signed by their clinician waiting for their own
 * signature, a relapse prevention plan, published skills with homework; the partner signs in to the family portal and
 * sees what the consent allows; the adolescent's guardian signs in and may manage the adolescent's family and consents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilyMe, PortalSkills, PortalTreatmentPlans, RelapsePlanView } from '@trellis/core';
import { startTestApp, type TestApp, type TestStaff } from '../testing/harness.ts';
import { DEMO_PASSWORD, DEMO_PARTICIPANT_EMAIL, seedDemo } from './demo.ts';
import { DEMO_FAMILY_EMAIL, DEMO_GUARDIAN_EMAIL } from './demo-portal.ts';

const NOW = '2026-11-18T15:00:00Z';
const at = (address: string) => address.replace('@demo.test', '@demo-portal.test');

describe('the demo’s portals', () => {
  let t: TestApp;
  const session = async (email: string): Promise<TestStaff> => ({
    cookie: await t.signIn(at(email), DEMO_PASSWORD),
    email: at(email),
    id: email,
    role: 'clinician',
  });
  const get = async <T>(who: TestStaff, url: string) => {
    const res = await t.as(who, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'demo-portal', emailDomain: 'demo-portal.test', name: 'Demo Portal' }));
  }, 300_000);
  afterAll(async () => t?.close());

  it('gives the demo participant a plan to sign, a relapse prevention plan, and skills with homework', async () => {
    const me = await session(DEMO_PARTICIPANT_EMAIL);
    const { plans } = await get<PortalTreatmentPlans>(me, '/api/v1/portal/treatment-plans');
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ programName: 'Adult Mental Health IOP', number: 1, participantSignature: null });
    expect(plans[0]!.words.goals[0]!.steps).toHaveLength(2);
    const relapse = await get<RelapsePlanView>(me, '/api/v1/portal/relapse-plan');
    expect(JSON.stringify(relapse)).toContain('Long days alone at home');
    const skills = await get<PortalSkills>(me, '/api/v1/portal/skills');
    expect(skills.topics.find((s) => s.topic === 'mindfulness_grounding')).toMatchObject({ readAt: null });
    expect(skills.topics.find((s) => s.topic === 'mindfulness_grounding')!.assignedAt).not.toBeNull();
    expect(skills.topics.map((s) => s.topic)).toContain('stress_management');
  });

  it('lets the partner see what the consent allows, and the adolescent’s guardian sign in as a guardian', async () => {
    const partner = await session(DEMO_FAMILY_EMAIL);
    const me = await get<FamilyMe>(partner, '/api/v1/family/me');
    expect(me.allowed).toEqual(['family_sessions', 'education', 'attendance']);
    const guardian = await session(DEMO_GUARDIAN_EMAIL);
    const gm = await get<FamilyMe>(guardian, '/api/v1/family/me');
    expect(gm.allowed).toContain('clinical');
    expect(gm.guardian.status).toBe('guardian');
  });
});
