import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { appUser, auditEvent, outboxMessage } from '../../db/schema.ts';
import { buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';

const ORIGIN = { origin: 'http://localhost:80' };

describe('staff accounts', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let program: ProgramFixture;

  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    [res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string').map((c) => c.split(';')[0]).join('; ');

  const signIn = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

  async function latestOutbox(email: string, kind: 'invitation' | 'password-reset' = 'invitation') {
    const [row] = await t.database.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.toEmail, email), eq(outboxMessage.kind, kind)))
      .orderBy(desc(outboxMessage.createdAt), desc(outboxMessage.link))
      .limit(1);
    return row;
  }

  async function auditOf(userId: string, action: string) {
    return t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, userId), eq(auditEvent.action, action)));
  }

  async function invite(body: Record<string, unknown>) {
    return t.as(org.staff.admin, { method: 'POST', url: '/api/v1/staff-accounts', payload: body });
  }

  /** Invites someone and accepts the invitation with a good password; returns their id and a signed-in cookie. */
  async function newcomer(email: string, role = 'clinician'): Promise<{ id: string; cookie: string; password: string }> {
    const res = await invite({ name: `New ${role}`, email, role });
    expect(res.statusCode).toBe(201);
    const token = new URL((await latestOutbox(email))!.link).searchParams.get('token')!;
    const password = 'lantern-moss-river';
    const set = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: password, token } });
    expect(set.statusCode).toBe(200);
    const signed = await signIn(email, password);
    expect(signed.statusCode).toBe(200);
    return { id: res.json().id, cookie: cookieOf(signed), password };
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Staffing Clinic');
    other = await t.createOrg('Other Staffing Clinic');
    program = await buildProgram(t.database.db, await buildSite(t.database.db, org.orgId), { name: 'Adult MH IOP' });
  });
  afterAll(async () => t.close());

  it('invites a staff member: the account has no password and the link lands in the outbox', async () => {
    const res = await invite({ name: 'Rowan Vale', email: 'Rowan.Vale@staffing.test', role: 'clinician', programIds: [program.id], supervisorId: org.staff.director.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Rowan Vale',
      email: 'rowan.vale@staffing.test',
      role: 'clinician',
      programIds: [program.id],
      supervisorId: org.staff.director.id,
      supervisorName: `director of Staffing Clinic`,
      active: true,
      invitationPending: true,
    });
    const message = await latestOutbox('rowan.vale@staffing.test');
    expect(message).toMatchObject({ kind: 'invitation', orgId: org.orgId });
    expect(message!.link).toMatch(/\/accept-invitation\?token=/);
    expect((await signIn('rowan.vale@staffing.test', TEST_PASSWORD)).statusCode).toBe(401);
    const outbox = await t.as(org.staff.admin, { method: 'GET', url: '/api/v1/outbox' });
    expect(outbox.json().items.some((m: { toEmail: string }) => m.toEmail === 'rowan.vale@staffing.test')).toBe(true);
    expect((await auditOf(res.json().id, 'staff.invite'))[0]).toMatchObject({ actorId: org.staff.admin.id });
  });

  it('keeps staff accounts and the outbox to the administrator', async () => {
    for (const role of ['director', 'clinician', 'intake'] as const) {
      expect((await t.as(org.staff[role], { method: 'GET', url: '/api/v1/outbox' })).statusCode).toBe(403);
      expect((await t.as(org.staff[role], { method: 'POST', url: '/api/v1/staff-accounts', payload: { name: 'X', email: 'x@x.test', role: 'admin' } })).statusCode).toBe(403);
    }
    const foreign = await t.as(other.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${org.staff.biller.id}/deactivate` });
    expect(foreign.statusCode).toBe(404);
    expect((await t.as(other.staff.admin, { method: 'GET', url: '/api/v1/outbox' })).json().items).toEqual([]);
  });

  it('refuses a duplicate email, an unknown program and a supervisor who is the person themselves, naming the field', async () => {
    const dup = await invite({ name: 'Again', email: org.staff.biller.email, role: 'biller' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('body.email');
    const badProgram = await invite({ name: 'P', email: 'p@staffing.test', role: 'clinician', programIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(badProgram.statusCode).toBe(422);
    expect(badProgram.json().errors[0].path).toBe('body.programIds');
    const self = await t.as(org.staff.admin, { method: 'PATCH', url: `/api/v1/staff-accounts/${org.staff.biller.id}`, payload: { supervisorId: org.staff.biller.id } });
    expect(self.statusCode).toBe(422);
    expect(self.json().errors[0].path).toBe('body.supervisorId');
  });

  it('marks a staff member pre-licensed only with a supervisor to co-sign their notes', async () => {
    const alone = await invite({ name: 'Intern One', email: 'intern.one@staffing.test', role: 'clinician', preLicensed: true });
    expect(alone.statusCode).toBe(422);
    expect(alone.json().errors[0]).toMatchObject({ path: 'body.supervisorId', message: expect.stringMatching(/pre-licensed/) });
    const res = await invite({ name: 'Intern Two', email: 'intern.two@staffing.test', role: 'clinician', preLicensed: true, supervisorId: org.staff.clinician.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ preLicensed: true, supervisorId: org.staff.clinician.id });
    const id = res.json<{ id: string }>().id;
    const orphan = await t.as(org.staff.admin, { method: 'PATCH', url: `/api/v1/staff-accounts/${id}`, payload: { supervisorId: null } });
    expect(orphan.statusCode).toBe(422);
    const licensed = await t.as(org.staff.admin, { method: 'PATCH', url: `/api/v1/staff-accounts/${id}`, payload: { preLicensed: false } });
    expect(licensed.json()).toMatchObject({ preLicensed: false });
    const [update] = await auditOf(id, 'staff.update');
    expect(update?.details).toMatchObject({ fields: ['preLicensed'] });
  });

  it('accepts an invitation only with a password that meets the rules', async () => {
    const res = await invite({ name: 'Sage Ito', email: 'sage.ito@staffing.test', role: 'intake' });
    const token = new URL((await latestOutbox('sage.ito@staffing.test'))!.link).searchParams.get('token')!;
    for (const weak of ['short-pass', '1qaz2wsx3edc']) {
      const refused = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: weak, token } });
      expect(refused.statusCode).toBe(400);
    }
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: 'quiet harbour lamp', token } });
    expect(ok.statusCode).toBe(200);
    expect((await signIn('sage.ito@staffing.test', 'quiet harbour lamp')).statusCode).toBe(200);
    expect(await auditOf(res.json().id, 'auth.password-set')).toHaveLength(1);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: 'another good phrase', token } });
    expect(again.statusCode).toBe(400);
  });

  it('changes a password under the rules and ends the other sessions', async () => {
    const person = await newcomer('kai.moss@staffing.test');
    const second = cookieOf(await signIn('kai.moss@staffing.test', person.password));
    const change = (newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { cookie: person.cookie, ...ORIGIN },
        payload: { currentPassword: person.password, newPassword },
      });
    expect((await change('password1234')).statusCode).toBe(400);
    const ok = await change('a much better passphrase');
    expect(ok.statusCode).toBe(200);
    const current = cookieOf(ok) || person.cookie;
    expect((await me(second)).statusCode).toBe(401);
    expect((await me(current)).statusCode).toBe(200);
    expect(await auditOf(person.id, 'auth.password-changed')).toHaveLength(1);
  });

  it('does not let staff rename themselves, and audits the attempt', async () => {
    for (const payload of [{ name: 'Someone Else' }, { email: 'else@staffing.test' }]) {
      const res = await t.as(org.staff.clinician, { method: 'POST', url: '/api/auth/update-user', headers: ORIGIN, payload });
      expect(res.statusCode).toBe(403);
    }
    const [row] = await t.database.db.select({ name: appUser.name }).from(appUser).where(eq(appUser.id, org.staff.clinician.id));
    expect(row?.name).toBe('clinician of Staffing Clinic');
    expect(await auditOf(org.staff.clinician.id, 'auth.profile-change-refused')).toHaveLength(2);
  });

  it('changes role, programs and supervisor, and the audit names the actor as they were at the time', async () => {
    const person = await newcomer('ash.lund@staffing.test', 'intake');
    await me(person.cookie);
    const read = await t.as({ ...org.staff.intake, cookie: person.cookie }, { method: 'GET', url: '/api/v1/participants' });
    expect(read.statusCode).toBe(200);
    t.clock.advanceMinutes(5);
    const res = await t.as(org.staff.admin, {
      method: 'PATCH',
      url: `/api/v1/staff-accounts/${person.id}`,
      payload: { name: 'Ash Lund-Park', role: 'clinician', programIds: [program.id], supervisorId: org.staff.director.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Ash Lund-Park', role: 'clinician', programIds: [program.id], supervisorId: org.staff.director.id });
    const [update] = await auditOf(person.id, 'staff.update');
    expect(update?.details).toMatchObject({ fields: ['name', 'role', 'supervisorId', 'programIds'], role: 'clinician' });
    t.clock.advanceMinutes(5);
    await t.as({ ...org.staff.clinician, cookie: person.cookie }, { method: 'GET', url: '/api/v1/participants' });
    const trail = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?userId=${person.id}&limit=200` });
    const lists = (trail.json().items as { action: string; actorName: string }[]).filter((e) => e.action === 'participant.list');
    expect(lists.map((e) => e.actorName)).toEqual(['Ash Lund-Park', 'New intake']);
  });

  it('stops the administrator changing their own role or deactivating themselves', async () => {
    const role = await t.as(org.staff.admin, { method: 'PATCH', url: `/api/v1/staff-accounts/${org.staff.admin.id}`, payload: { role: 'director' } });
    expect(role.statusCode).toBe(422);
    expect((await t.as(org.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${org.staff.admin.id}/deactivate` })).statusCode).toBe(422);
  });

  it('deactivates: sessions end, sign-in is refused, and no reset link is sent', async () => {
    const person = await newcomer('lee.hart@staffing.test', 'biller');
    expect((await me(person.cookie)).statusCode).toBe(200);
    const res = await t.as(org.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${person.id}/deactivate` });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await me(person.cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: person.cookie } })).json()).toBeNull();
    const refused = await signIn('lee.hart@staffing.test', person.password);
    expect(refused.statusCode).toBe(401);
    await t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', headers: ORIGIN, payload: { email: 'lee.hart@staffing.test' } });
    expect(await latestOutbox('lee.hart@staffing.test', 'password-reset')).toBeUndefined();
    expect((await auditOf(person.id, 'staff.deactivate'))[0]?.details).toMatchObject({ sessionsRevoked: 1 });
    const back = await t.as(org.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${person.id}/reactivate` });
    expect(back.json().active).toBe(true);
    expect((await signIn('lee.hart@staffing.test', person.password)).statusCode).toBe(200);
  });

  it('refuses every /api/auth call made with a session of an account that is no longer active', async () => {
    const person = await newcomer('dale.frost@staffing.test', 'biller');
    // A session that outlived its account's deactivation (e.g. a race with the deactivation's revocation).
    await t.database.db.update(appUser).set({ active: false }).where(eq(appUser.id, person.id));
    const calls = [
      { method: 'GET' as const, url: '/api/auth/get-session' },
      { method: 'GET' as const, url: '/api/auth/list-sessions' },
      { method: 'POST' as const, url: '/api/auth/update-user', payload: { image: null } },
      { method: 'POST' as const, url: '/api/auth/change-password', payload: { currentPassword: person.password, newPassword: 'yet another phrase' } },
    ];
    for (const call of calls) {
      const res = await t.app.inject({ ...call, headers: { cookie: person.cookie, ...ORIGIN } });
      expect(res.statusCode, call.url).toBe(403);
    }
    expect([401, 403]).toContain((await me(person.cookie)).statusCode);
  });

  it('resets a password: the old one stops working, sessions end, and the reset link lets them choose a new one', async () => {
    const person = await newcomer('noor.bay@staffing.test');
    const res = await t.as(org.staff.admin, { method: 'POST', url: `/api/v1/staff-accounts/${person.id}/password-reset` });
    expect(res.statusCode).toBe(202);
    expect((await me(person.cookie)).statusCode).toBe(401);
    expect((await signIn('noor.bay@staffing.test', person.password)).statusCode).toBe(401);
    const message = await latestOutbox('noor.bay@staffing.test', 'password-reset');
    expect(message).toMatchObject({ kind: 'password-reset' });
    const token = new URL(message!.link).searchParams.get('token')!;
    const set = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: 'fresh start lantern', token } });
    expect(set.statusCode).toBe(200);
    expect((await signIn('noor.bay@staffing.test', 'fresh start lantern')).statusCode).toBe(200);
    expect(await auditOf(person.id, 'staff.password-reset')).toHaveLength(1);
  });
});

describe('password rules on accounts made outside the API', () => {
  it('refuses a demo or test account with a weak password', async () => {
    const t: TestApp = await startTestApp();
    try {
      const org = await t.createOrg('Weak Clinic');
      const { createStaff } = await import('../organisations/service.ts');
      await expect(createStaff(t.database.db, { orgId: org.orgId, name: 'W', email: 'w@weak.test', role: 'biller', password: 'password' })).rejects.toThrow(/at least 12/);
    } finally {
      await t.close();
    }
  });
});

export type { TestStaff };
