/**
 * Family access: staff record a family member and a written consent, invite them through the outbox, and the member
 * sees exactly what the consent allows — until it ends or is revoked, from the very next request. Every Part 2 record
 * shown is entered in the append-only accounting of disclosures, which the participant and their program's staff read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { appointment, auditEvent, episode, familyConsent, outboxMessage, part2Disclosure } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const WEDNESDAY = '2026-11-18T15:00:00Z';
const PASSWORD = 'a family password 42';

const COMPLETE_CONSENT = {
  categories: ['family_sessions', 'attendance'],
  purpose: 'To support Avery’s treatment at home',
  revocationAcknowledged: true,
  endsOn: '2026-11-30',
  signedBy: 'Avery Family',
  signedOn: '2026-11-16',
};

describe('family access', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let sud: ProgramFixture;
  let mh: ProgramFixture;
  let avery: string;
  let blake: string;
  let jordan: string;
  let jordanCookie: string;

  const asFamily = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const cookieUser = (cookie: string, email: string) => ({ cookie, email, id: 'n/a', role: 'clinician' as const });

  async function admit(givenName: string, program: ProgramFixture, email?: string): Promise<string> {
    const p = await t.as(org.staff.director, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Family', dateOfBirth: '1990-02-03', ...(email ? { email } : {}) },
    });
    expect(p.statusCode).toBe(201);
    const id = p.json().id as string;
    const track = await buildTrack(t.database.db, program, `${givenName} track`);
    const e = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${id}/episodes`,
      payload: {
        programId: program.id,
        trackId: track.id,
        admittedOn: '2026-10-26',
        primaryClinicianId: org.staff.clinician.id,
      },
    });
    expect(e.statusCode).toBe(201);
    return id;
  }

  async function linkToken(email: string, path: string): Promise<string> {
    const rows = await t.database.db
      .select({ link: outboxMessage.link, kind: outboxMessage.kind })
      .from(outboxMessage)
      .where(eq(outboxMessage.toEmail, email));
    expect(rows).toHaveLength(1);
    const url = new URL(rows[0]!.link);
    expect(url.pathname).toBe(path);
    return url.searchParams.get('token')!;
  }

  async function addMember(participantId: string, payload: Record<string, unknown>): Promise<string> {
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/family-members`,
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  const consentUrl = (participantId: string, memberId: string) =>
    `/api/v1/participants/${participantId}/family-members/${memberId}/consent`;

  async function disclosureCount(participantId: string): Promise<number> {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(part2Disclosure)
      .where(eq(part2Disclosure.participantId, participantId));
    return Number(row!.n);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY });
    org = await t.createOrg('Family Clinic');
    other = await t.createOrg('Other Family Clinic');
    const db = t.database.db;
    const ny = await buildSite(db, org.orgId);
    sud = await buildProgram(db, ny, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    mh = await buildProgram(db, ny, { name: 'Adult Mental Health IOP' });
    for (const staff of [org.staff.director, org.staff.clinician]) {
      await assignToProgram(db, org.orgId, staff.id, sud.id);
      await assignToProgram(db, org.orgId, staff.id, mh.id);
    }
    avery = await admit('Avery', sud, 'avery@family.test');
    blake = await admit('Blake', sud);
    const [ep] = await db.select({ id: episode.id }).from(episode).where(eq(episode.participantId, avery));
    // A family session on Friday at 16:00 New York time, and an individual one the family must not see.
    for (const [kind, startsAt, endsAt] of [
      ['family', '2026-11-20T21:00:00Z', '2026-11-20T21:50:00Z'],
      ['individual', '2026-11-19T21:00:00Z', '2026-11-19T21:53:00Z'],
    ] as const) {
      await db.insert(appointment).values({
        orgId: org.orgId,
        kind,
        participantId: avery,
        episodeId: ep!.id,
        clinicianId: org.staff.clinician.id,
        siteId: ny.id,
        startsAt,
        endsAt,
        localDate: startsAt.slice(0, 10),
        bookedBy: org.staff.clinician.id,
      });
    }
    jordan = await addMember(avery, {
      name: 'Jordan Family',
      relationship: 'parent',
      email: 'jordan@family.test',
      isGuardian: false,
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 to anyone not signed in, before reading the body', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/participants/${avery}/family-members`],
      ['POST', `/api/v1/participants/${avery}/family-members`],
      ['GET', '/api/v1/family/me'],
      ['GET', '/api/v1/family/sessions'],
      ['GET', `/api/v1/participants/${avery}/disclosures`],
      ['GET', '/api/v1/portal/disclosures'],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? { nonsense: true } : undefined });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['cache-control']).toContain('no-store');
    }
  });

  it('refuses a family member without a relationship, naming the field', async () => {
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/participants/${avery}/family-members`,
      payload: { name: 'Sam' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.relationship');
  });

  it('hides one organisation’s participants from another’s staff', async () => {
    const res = await t.as(other.staff.director, {
      method: 'GET',
      url: `/api/v1/participants/${avery}/family-members`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a Part 2 consent missing a written element with 422 naming the first one missing', async () => {
    for (const [change, path] of [
      [{ purpose: '' }, 'body.purpose'],
      [{ revocationAcknowledged: false, signedBy: '' }, 'body.revocationAcknowledged'],
      [{ signedBy: '  ' }, 'body.signedBy'],
      [{ categories: [] }, 'body.categories'],
    ] as const) {
      const res = await t.as(org.staff.clinician, {
        method: 'POST',
        url: consentUrl(avery, jordan),
        payload: { ...COMPLETE_CONSENT, programId: sud.id, ...change },
      });
      expect(res.statusCode, path).toBe(422);
      expect(res.json().errors[0].path).toBe(path);
    }
  });

  it('has the database refuse a Part 2 consent without its elements too', async () => {
    const insert = t.database.db.insert(familyConsent).values({
      orgId: org.orgId,
      familyMemberId: jordan,
      participantId: avery,
      programId: sud.id,
      part2: true,
      categories: ['attendance'],
      purpose: '',
      endsOn: '2026-11-30',
      signedOn: '2026-11-16',
      recordedBy: org.staff.clinician.id,
    });
    await expect(insert).rejects.toThrow();
  });

  it('refuses a consent naming a program the participant was never in', async () => {
    const sam = await addMember(avery, { name: 'Sam Family', relationship: 'sibling' });
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: consentUrl(avery, sam),
      payload: { programId: mh.id, categories: ['education'], endsOn: '2026-12-31', signedOn: '2026-11-18' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.programId');
  });

  it('lets a consent for records outside Part 2 leave the purpose and signature out', async () => {
    const casey = await admit('Casey', mh);
    const riley = await addMember(casey, { name: 'Riley Family', relationship: 'spouse_or_partner' });
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: consentUrl(casey, riley),
      payload: { programId: mh.id, categories: ['education'], endsOn: '2026-12-31', signedOn: '2026-11-18' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().consent).toMatchObject({ part2: false, purpose: '', signedBy: '', inForce: true });
  });

  it('invites the family member through the outbox, and they choose a password and sign in', async () => {
    const consent = await t.as(org.staff.clinician, {
      method: 'POST',
      url: consentUrl(avery, jordan),
      payload: { ...COMPLETE_CONSENT, programId: sud.id },
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json().consent).toMatchObject({
      part2: true,
      inForce: true,
      categories: ['family_sessions', 'attendance'],
    });

    const invited = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/participants/${avery}/family-members/${jordan}/invitation`,
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().account).toBe('invited');
    const [message] = await t.database.db
      .select()
      .from(outboxMessage)
      .where(eq(outboxMessage.toEmail, 'jordan@family.test'));
    expect(message!.kind).toBe('family-invitation');
    expect(message!.body).not.toMatch(/substance|treatment|Avery/i);
    const token = await linkToken('jordan@family.test', '/family/set-password');
    const state = await t.app.inject({ method: 'GET', url: `/api/v1/public/portal-invitations/${token}` });
    expect(state.json()).toEqual({ state: 'valid' });
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, newPassword: PASSWORD },
    });
    expect(set.statusCode).toBe(200);
    jordanCookie = await t.signIn('jordan@family.test', PASSWORD);

    const me = await asFamily(jordanCookie, '/api/v1/family/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      name: 'Jordan Family',
      participantName: 'Avery Family',
      allowed: ['family_sessions', 'attendance'],
      consentEndsOn: '2026-11-30',
    });
  });

  it('shows the family-session schedule the consent allows, with the Part 2 notice, and records the disclosure', async () => {
    const before = await disclosureCount(avery);
    const res = await asFamily(jordanCookie, '/api/v1/family/sessions');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const body = res.json();
    expect(body.items).toEqual([expect.objectContaining({ startsAt: '2026-11-20T21:00:00.000Z', status: 'booked' })]);
    expect(body.notice).toMatch(/42 CFR part 2/);
    expect(await disclosureCount(avery)).toBe(before + 1);
    const [row] = await t.database.db
      .select()
      .from(part2Disclosure)
      .where(and(eq(part2Disclosure.participantId, avery), eq(part2Disclosure.category, 'family_sessions')));
    expect(row).toMatchObject({ familyMemberId: jordan, programId: sud.id, recipientName: 'Jordan Family' });
  });

  it('shows the attendance summary and records that disclosure too', async () => {
    const before = await disclosureCount(avery);
    const res = await asFamily(jordanCookie, '/api/v1/family/attendance');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ weekOf: '2026-11-16', attendedHours: 0 });
    expect(await disclosureCount(avery)).toBe(before + 1);
  });

  it('refuses what the consent does not list — education, anything clinical — with 403, audited, and discloses nothing', async () => {
    const before = await disclosureCount(avery);
    for (const url of ['/api/v1/family/education', '/api/v1/family/plan-goals']) {
      const res = await asFamily(jordanCookie, url);
      expect(res.statusCode, url).toBe(403);
    }
    expect(await disclosureCount(avery)).toBe(before);
    const denied = await t.database.db
      .select({ participantId: auditEvent.participantId, actorRole: auditEvent.actorRole })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.actorRole, 'family')));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied.every((d) => d.participantId === avery)).toBe(true);
  });

  it('keeps a family member out of every staff and participant route: no other participant, no clinical record', async () => {
    for (const url of [
      `/api/v1/participants/${blake}`,
      `/api/v1/participants/${avery}`,
      `/api/v1/participants/${avery}/family-members`,
      `/api/v1/participants/${avery}/disclosures`,
      '/api/v1/portal/week',
      '/api/v1/portal/disclosures',
    ]) {
      const res = await asFamily(jordanCookie, url);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('refuses a family member every other route with 403 before reading the request, and audits each refusal', async () => {
    const others = t.routes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.permission !== 'public' && r.permission !== 'family',
    );
    expect(others.length).toBeGreaterThan(40);
    const deniedCount = async () => {
      const [row] = await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvent)
        .where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.actorRole, 'family')));
      return Number(row!.n);
    };
    const before = await deniedCount();
    const answers: string[] = [];
    for (const route of others) {
      const url = route.url.replace(/:[a-zA-Z]+/g, blake);
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie: jordanCookie },
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 403) answers.push(`${route.method} ${route.url} → ${res.statusCode}`);
      expect(res.body).not.toContain('Blake');
    }
    expect(answers).toEqual([]);
    expect(await deniedCount()).toBe(before + others.length);
  });

  it('keeps staff out of the family portal', async () => {
    const res = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/family/me' });
    expect(res.statusCode).toBe(403);
  });

  it('gives the participant and their program’s staff the accounting of disclosures', async () => {
    const staff = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${avery}/disclosures` });
    expect(staff.statusCode).toBe(200);
    const items = staff.json().items as { category: string; recipientName: string; programName: string }[];
    expect(items.map((i) => i.category).sort()).toEqual(['attendance', 'family_sessions']);
    expect(items.every((i) => i.recipientName === 'Jordan Family' && i.programName === 'Adult Substance Use IOP')).toBe(
      true,
    );
    // Staff outside the Part 2 program (an organisation-wide biller) see no rows of it.
    const biller = await t.as(org.staff.biller, { method: 'GET', url: `/api/v1/participants/${avery}/disclosures` });
    expect(biller.statusCode).toBe(200);
    expect(biller.json().items).toEqual([]);

    const invited = await t.as(org.staff.intake, {
      method: 'POST',
      url: `/api/v1/participants/${avery}/portal-invitation`,
      payload: { email: 'avery@family.test' },
    });
    expect(invited.statusCode).toBe(201);
    const token = await linkToken('avery@family.test', '/portal/set-password');
    await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: PASSWORD } });
    const averyCookie = await t.signIn('avery@family.test', PASSWORD);
    const own = await t.as(cookieUser(averyCookie, 'avery@family.test'), {
      method: 'GET',
      url: '/api/v1/portal/disclosures',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(items.length);
  });

  it('keeps the accounting of disclosures append-only', async () => {
    await expect(t.database.db.update(part2Disclosure).set({ description: 'changed' })).rejects.toThrow();
    await expect(t.database.db.delete(part2Disclosure)).rejects.toThrow();
  });

  it('ends access after the end date, in the program site’s zone', async () => {
    t.clock.set('2026-12-01T04:59:00Z'); // 23:59 on 30 November in New York: the last minute
    expect((await asFamily(jordanCookie, '/api/v1/family/attendance')).statusCode).toBe(200);
    t.clock.set('2026-12-01T05:00:00Z');
    expect((await asFamily(jordanCookie, '/api/v1/family/attendance')).statusCode).toBe(403);
    expect((await asFamily(jordanCookie, '/api/v1/family/me')).json().allowed).toEqual([]);
    t.clock.set(WEDNESDAY);
  });

  it('takes a revocation into effect at the very next request', async () => {
    expect((await asFamily(jordanCookie, '/api/v1/family/sessions')).statusCode).toBe(200);
    const revoked = await t.as(org.staff.clinician, { method: 'POST', url: `${consentUrl(avery, jordan)}/revocation` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().consent).toMatchObject({ inForce: false });
    expect(revoked.json().consent.revokedAt).not.toBeNull();
    const before = await disclosureCount(avery);
    expect((await asFamily(jordanCookie, '/api/v1/family/sessions')).statusCode).toBe(403);
    expect(await disclosureCount(avery)).toBe(before);
    const again = await t.as(org.staff.clinician, { method: 'POST', url: `${consentUrl(avery, jordan)}/revocation` });
    expect(again.statusCode).toBe(409);
  });

  it('shows clinical information and education only when a new consent chooses them', async () => {
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: consentUrl(avery, jordan),
      payload: { ...COMPLETE_CONSENT, programId: sud.id, categories: ['education', 'clinical'], endsOn: '2027-05-31' },
    });
    expect(res.statusCode).toBe(201);
    const goals = await asFamily(jordanCookie, '/api/v1/family/plan-goals');
    expect(goals.statusCode).toBe(200);
    expect(goals.json()).toMatchObject({ goals: [], notice: expect.stringMatching(/42 CFR part 2/) });
    const education = await asFamily(jordanCookie, '/api/v1/family/education');
    expect(education.statusCode).toBe(200);
    expect(education.json().items.length).toBeGreaterThan(0);
    expect((await asFamily(jordanCookie, '/api/v1/family/sessions')).statusCode).toBe(403);
  });

  it('lists the members with their consent and sign-in, and edits a member', async () => {
    const list = await t.as(org.staff.clinician, {
      method: 'GET',
      url: `/api/v1/participants/${avery}/family-members`,
    });
    expect(list.statusCode).toBe(200);
    const j = (list.json().items as { id: string; account: string; consent: { categories: string[] } | null }[]).find(
      (m) => m.id === jordan,
    )!;
    expect(j).toMatchObject({ account: 'active', consent: { categories: ['education', 'clinical'] } });
    const edit = await t.as(org.staff.clinician, {
      method: 'PUT',
      url: `/api/v1/participants/${avery}/family-members/${jordan}`,
      payload: {
        name: 'Jordan Family',
        relationship: 'parent',
        email: 'jordan@family.test',
        isGuardian: true,
        version: 1,
      },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ isGuardian: true, version: 2 });
    // An edit made from what was read before that change is refused, not applied over it.
    const stale = await t.as(org.staff.clinician, {
      method: 'PUT',
      url: `/api/v1/participants/${avery}/family-members/${jordan}`,
      payload: {
        name: 'Jordan Family',
        relationship: 'parent',
        email: 'jordan@family.test',
        isGuardian: false,
        version: 1,
      },
    });
    expect(stale.statusCode).toBe(409);
    const otherEmail = await t.as(org.staff.clinician, {
      method: 'PUT',
      url: `/api/v1/participants/${avery}/family-members/${jordan}`,
      payload: { name: 'Jordan Family', relationship: 'parent', email: 'new@family.test', version: 2 },
    });
    expect(otherEmail.statusCode).toBe(422);
    expect(otherEmail.json().errors[0].path).toBe('body.email');
  });

  it('refuses staff outside a Part 2 program a consent for its records', async () => {
    const res = await t.as(org.staff.intake, {
      method: 'POST',
      url: consentUrl(avery, jordan),
      payload: { ...COMPLETE_CONSENT, programId: sud.id },
    });
    expect(res.statusCode).toBe(403);
  });
});
