/**
 * A minor's guardian in the family portal: a family member the staff recorded as the legal guardian, invited through
 * the outbox like any family member, manages that adolescent's family members and consents, and nobody else's. A
 * member who is not a guardian is refused (403, audited under the participant); once the participant is an adult the
 * guardian's rights are refused with the reason (422). A guardian never widens their own consent, nor touches a Part 2
 * program's consents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { FamilyMe, FamilyMember, GuardianFamily } from '@trellis/core';
import { auditEvent, episode, familyMember, outboxMessage } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const PASSWORD = 'a guardian password 42';
const CONSENT = { categories: ['family_sessions', 'education'], endsOn: '2027-01-31', signedOn: '2026-11-18', signedBy: 'Robin Guardian' };

describe('a guardian in the family portal', () => {
  let t: TestApp;
  let org: TestOrg;
  let teen: ProgramFixture;
  let teenSud: ProgramFixture;
  let casey: string;
  let drew: string;
  let ellis: string;
  let caseysGuardian: { id: string; cookie: string };
  let caseysParent: { id: string; cookie: string };
  let drewsGuardian: { id: string; cookie: string };
  let ellisGuardian: { id: string; cookie: string };
  let drewsSibling: string;

  const as = (cookie: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1/family/guardian${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  async function admit(givenName: string, dateOfBirth: string, programs: ProgramFixture[]): Promise<string> {
    const p = await t.as(org.staff.director, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Guarded', dateOfBirth },
    });
    expect(p.statusCode, p.body).toBe(201);
    const id = p.json().id as string;
    for (const program of programs) {
      const track = await buildTrack(t.database.db, program, `${givenName} ${program.name} track`);
      const e = await t.as(org.staff.director, {
        method: 'POST',
        url: `/api/v1/participants/${id}/episodes`,
        payload: { programId: program.id, trackId: track.id, admittedOn: '2026-10-26', primaryClinicianId: org.staff.clinician.id },
      });
      expect(e.statusCode, e.body).toBe(201);
    }
    return id;
  }

  async function addMember(participantId: string, payload: Record<string, unknown>): Promise<string> {
    const res = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/participants/${participantId}/family-members`, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  /** Records a member with an email, invites them through the outbox, sets the password from the link and signs in. */
  async function signedInMember(participantId: string, name: string, isGuardian: boolean): Promise<{ id: string; cookie: string }> {
    const email = `${name.toLowerCase().replace(/ /g, '.')}@guardian.test`;
    const id = await addMember(participantId, { name, relationship: 'parent', email, isGuardian });
    const invited = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/participants/${participantId}/family-members/${id}/invitation` });
    expect(invited.statusCode, invited.body).toBe(201);
    const [message] = await t.database.db.select({ link: outboxMessage.link }).from(outboxMessage).where(eq(outboxMessage.toEmail, email));
    const token = new URL(message!.link).searchParams.get('token')!;
    const set = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: PASSWORD } });
    expect(set.statusCode, set.body).toBe(200);
    return { id, cookie: await t.signIn(email, PASSWORD) };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Guardian Clinic');
    const db = t.database.db;
    const ny = await buildSite(db, org.orgId);
    teen = await buildProgram(db, ny, { name: 'Adolescent IOP', population: 'adolescent' });
    teenSud = await buildProgram(db, ny, { name: 'Adolescent Substance Use IOP', population: 'adolescent', focus: 'substance_use' });
    const adult = await buildProgram(db, ny, { name: 'Adult Mental Health IOP' });
    for (const staff of [org.staff.director, org.staff.clinician]) {
      for (const p of [teen, teenSud, adult]) await assignToProgram(db, org.orgId, staff.id, p.id);
    }
    casey = await admit('Casey', '2011-05-01', [teen]);
    // An earlier stay in the adolescent substance use program (Part 2), now ended.
    await db.insert(episode).values({
      orgId: org.orgId,
      participantId: casey,
      programId: teenSud.id,
      part2: true,
      admittedOn: '2026-08-03',
      primaryClinicianId: org.staff.clinician.id,
      status: 'discharged',
      dischargedOn: '2026-09-25',
      disposition: 'completed',
    });
    drew = await admit('Drew', '2012-02-10', [teen]);
    // Turned 18 on 1 October.
    ellis = await admit('Ellis', '2008-10-01', [adult]);
    caseysGuardian = await signedInMember(casey, 'Robin Guardian', true);
    caseysParent = await signedInMember(casey, 'Quinn Parent', false);
    drewsGuardian = await signedInMember(drew, 'Sage Guardian', true);
    ellisGuardian = await signedInMember(ellis, 'Rowan Guardian', true);
    drewsSibling = await addMember(drew, { name: 'Drew’s Sibling', relationship: 'sibling' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers 401 to anyone not signed in before reading the body, and never lets a response be stored', async () => {
    for (const [method, url] of [
      ['GET', '/family-members'],
      ['POST', '/family-members'],
      ['POST', `/family-members/${drewsSibling}/consent`],
      ['POST', `/family-members/${drewsSibling}/consent/revocation`],
    ] as const) {
      const res = await as(null, method, url, method === 'POST' ? { nonsense: true } : undefined);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['cache-control']).toContain('no-store');
    }
  });

  it('tells the guardian what they may do, and the guardian of an adult why they may not', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/family/me', headers: { cookie: caseysGuardian.cookie } })).json<FamilyMe>();
    expect(me.guardian).toMatchObject({ status: 'guardian', reason: null });
    expect(me.guardian.may.join(' ')).toMatch(/consent/);
    const parent = (await t.app.inject({ method: 'GET', url: '/api/v1/family/me', headers: { cookie: caseysParent.cookie } })).json<FamilyMe>();
    expect(parent.guardian).toEqual({ status: 'not_guardian', reason: null, may: [], mayNot: [] });
    const adults = (await t.app.inject({ method: 'GET', url: '/api/v1/family/me', headers: { cookie: ellisGuardian.cookie } })).json<FamilyMe>();
    expect(adults.guardian.status).toBe('refused');
    expect(adults.guardian.reason).toMatch(/turns 18/);
    const refused = await as(ellisGuardian.cookie, 'GET', '/family-members');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/turns 18/);
    expect(refused.headers['cache-control']).toContain('no-store');
    const add = await as(ellisGuardian.cookie, 'POST', '/family-members', { name: 'Someone', relationship: 'friend' });
    expect(add.statusCode).toBe(422);
  });

  it('lists only the adolescent’s own family and programs (not a Part 2 program)', async () => {
    const res = await as(caseysGuardian.cookie, 'GET', '/family-members');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const family = res.json<GuardianFamily>();
    expect(family.participantName).toBe('Casey Guarded');
    expect(family.items.map((m) => m.name).sort()).toEqual(['Quinn Parent', 'Robin Guardian']);
    expect(family.programs).toEqual([{ id: teen.id, name: 'Adolescent IOP' }]);
    expect(res.body).not.toContain('Sage Guardian');
    expect(res.body).not.toContain('Drew');
  });

  it('adds a family member (never a guardian), names a missing field with 400, and records and revokes a consent', async () => {
    const bad = await as(caseysGuardian.cookie, 'POST', '/family-members', { name: 'Taylor Sibling' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.relationship');
    const added = await as(caseysGuardian.cookie, 'POST', '/family-members', { name: 'Taylor Sibling', relationship: 'sibling', isGuardian: true });
    expect(added.statusCode, added.body).toBe(201);
    const sibling = added.json<FamilyMember>();
    expect(sibling).toMatchObject({ name: 'Taylor Sibling', isGuardian: false, consent: null });

    const missing = await as(caseysGuardian.cookie, 'POST', `/family-members/${sibling.id}/consent`, { ...CONSENT });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.programId');
    const consented = await as(caseysGuardian.cookie, 'POST', `/family-members/${sibling.id}/consent`, { ...CONSENT, programId: teen.id });
    expect(consented.statusCode, consented.body).toBe(201);
    expect(consented.json<FamilyMember>().consent).toMatchObject({ categories: ['family_sessions', 'education'], inForce: true, programName: 'Adolescent IOP' });
    const revoked = await as(caseysGuardian.cookie, 'POST', `/family-members/${sibling.id}/consent/revocation`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<FamilyMember>().consent).toMatchObject({ inForce: false, revokedAt: NOW.replace('Z', '.000Z') });

    const audited = await t.database.db
      .select({ action: auditEvent.action, actorRole: auditEvent.actorRole })
      .from(auditEvent)
      .where(and(eq(auditEvent.participantId, casey), eq(auditEvent.actorId, (await userOf(caseysGuardian.id))!)));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['family.create', 'family-consent.record', 'family-consent.revoke']));
  });

  it('refuses the guardian’s own consent and a Part 2 program’s with 422 naming the field', async () => {
    const own = await as(caseysGuardian.cookie, 'POST', `/family-members/${caseysGuardian.id}/consent`, { ...CONSENT, programId: teen.id, categories: ['clinical'] });
    expect(own.statusCode).toBe(422);
    expect(own.json().errors[0].path).toBe('params.id');
    const part2 = await as(caseysGuardian.cookie, 'POST', `/family-members/${caseysParent.id}/consent`, {
      ...CONSENT,
      programId: teenSud.id,
      purpose: 'Support at home',
      revocationAcknowledged: true,
    });
    expect(part2.statusCode).toBe(422);
    expect(part2.json().errors[0].path).toBe('body.programId');
  });

  it('treats another adolescent’s family member as unknown (404), changing nothing', async () => {
    const consent = await as(caseysGuardian.cookie, 'POST', `/family-members/${drewsSibling}/consent`, { ...CONSENT, programId: teen.id });
    expect(consent.statusCode).toBe(404);
    const revoke = await as(caseysGuardian.cookie, 'POST', `/family-members/${drewsGuardian.id}/consent/revocation`);
    expect(revoke.statusCode).toBe(404);
    // Drew's guardian sees Drew's family, not Casey's.
    const drews = (await as(drewsGuardian.cookie, 'GET', '/family-members')).json<GuardianFamily>();
    expect(drews.items.map((m) => m.name).sort()).toEqual(['Drew’s Sibling', 'Sage Guardian']);
    const [sibling] = await t.database.db.select().from(familyMember).where(eq(familyMember.id, drewsSibling));
    expect(sibling!.participantId).toBe(drew);
  });

  it('refuses a family member who is not a guardian with 403, and audits each refusal under the participant', async () => {
    const attempts = [
      await as(caseysParent.cookie, 'GET', '/family-members'),
      await as(caseysParent.cookie, 'POST', '/family-members', { name: 'Another', relationship: 'friend' }),
      await as(caseysParent.cookie, 'POST', `/family-members/${caseysParent.id}/consent`, { ...CONSENT, programId: teen.id, categories: ['clinical'] }),
      await as(caseysParent.cookie, 'POST', `/family-members/${caseysGuardian.id}/consent/revocation`),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['cache-control']).toContain('no-store');
    }
    const denied = await t.database.db
      .select({ details: auditEvent.details })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.participantId, casey), eq(auditEvent.actorId, (await userOf(caseysParent.id))!)));
    expect(denied).toHaveLength(4);
    expect(denied.map((d) => (d.details as { route: string }).route)).toContain('/api/v1/family/guardian/family-members/:id/consent');
  });

  async function userOf(memberId: string): Promise<string | null> {
    const [row] = await t.database.db.select({ userId: familyMember.userId }).from(familyMember).where(eq(familyMember.id, memberId));
    return row?.userId ?? null;
  }
});
