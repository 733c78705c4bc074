import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { recordAudit } from '../../audit/audit.ts';
import { auditEvent } from '../../db/schema.ts';

describe('audit trail', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Audit Clinic');
    other = await t.createOrg('Other Clinic');
    const actor = { userId: org.staff.clinician.id, role: 'clinician', orgId: org.orgId };
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.database.db, actor, org.orgId, { action: 'participant.read', entityType: 'participant', details: { i } }, t.clock.now());
    }
    await recordAudit(t.database.db, null, other.orgId, { action: 'setup.create', entityType: 'site' }, t.clock.now());
  });
  afterAll(async () => t.close());

  it('lists events newest first for a director, with keyset pages', async () => {
    const first = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/audit?limit=3' });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(3);
    expect(page.items[0].seq).toBeGreaterThan(page.items[1].seq);
    expect(page.nextCursor).toBe(page.items[2].seq);
    const second = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?limit=3&cursor=${page.nextCursor}` });
    expect(second.json().items[0].seq).toBeLessThan(page.nextCursor);
  });

  it('filters by user and never shows another organisation', async () => {
    const res = await t.as(org.staff.admin, { method: 'GET', url: `/api/v1/audit?userId=${org.staff.clinician.id}&limit=200` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { actorId: string; action: string }[];
    expect(items.filter((e) => e.action === 'participant.read')).toHaveLength(5);
    expect(items.map((e) => e.action)).toContain('auth.sign-in');
    expect(items.every((e) => e.actorId === org.staff.clinician.id)).toBe(true);
    const all = await t.as(org.staff.admin, { method: 'GET', url: '/api/v1/audit?limit=200' });
    expect((all.json().items as { action: string }[]).some((e) => e.action === 'setup.create')).toBe(false);
  });

  it('filters by time range', async () => {
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?from=${encodeURIComponent(future)}` });
    expect(res.json().items).toEqual([]);
  });

  it('filters by participant: the events about them and the lists that showed them', async () => {
    const [x, y, z] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const actor = { userId: org.staff.clinician.id, role: 'clinician', orgId: org.orgId };
    await recordAudit(t.database.db, actor, org.orgId, { action: 'ledger.read', entityType: 'episode', participantId: x }, t.clock.now());
    await recordAudit(t.database.db, actor, org.orgId, { action: 'census.read', entityType: 'census', participantIds: [x, y] }, t.clock.now());
    await recordAudit(t.database.db, actor, other.orgId, { action: 'census.read', entityType: 'census', participantIds: [z, y] }, t.clock.now());
    const about = async (id: string) =>
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?participantId=${id}` }))
        .json<{ items: { action: string; participantId: string | null; participantsShown: number | null }[] }>()
        .items.filter((e) => e.action !== 'audit.read');
    expect(await about(x)).toEqual([
      expect.objectContaining({ action: 'census.read', participantId: x, participantsShown: 2 }),
      expect.objectContaining({ action: 'ledger.read', participantId: x, participantsShown: null }),
    ]);
    expect(await about(y)).toEqual([expect.objectContaining({ action: 'census.read', participantId: y, participantsShown: 2 })]);
    expect(await about(z)).toEqual([]);
    const unfiltered = (await t.as(org.staff.director, { method: 'GET', url: '/api/v1/audit?limit=5' })).json<{
      items: { action: string; participantId: string | null; participantsShown: number | null }[];
    }>();
    expect(unfiltered.items.find((e) => e.action === 'census.read')).toMatchObject({ participantId: null, participantsShown: 2 });
  });

  it('refuses roles without audit.read and bad filters', async () => {
    expect((await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    const bad = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/audit?participantId=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('participantId');
  });

  it('audits reading the audit trail', async () => {
    await t.as(org.staff.director, { method: 'GET', url: '/api/v1/audit?limit=1' });
    const [latest] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.orgId, org.orgId))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(latest?.action).toBe('audit.read');
    expect(latest?.actorId).toBe(org.staff.director.id);
  });

  it('refuses to update or delete audit events', async () => {
    await expect(t.database.db.execute(sql`update audit_event set action = 'x' where org_id = ${org.orgId}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_event where org_id = ${org.orgId}`)).rejects.toThrow();
  });
});

describe('refusals in the audit trail', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Refusal Clinic');
  });
  afterAll(async () => t.close());

  it('records a role refused by a route as access.denied', async () => {
    const refused = await t.as(org.staff.biller, { method: 'GET', url: '/api/v1/audit' });
    expect(refused.statusCode).toBe(403);
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?userId=${org.staff.biller.id}` });
    const denied = (res.json().items as { action: string; outcome: string; details: { route: string } }[]).filter((e) => e.action === 'access.denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ outcome: 'denied', details: { route: '/api/v1/audit', method: 'GET' } });
  });
});
