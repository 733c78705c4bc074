import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, inquiry } from '../../db/schema.ts';
import { insertInquiry } from '../way-in/queries.ts';

describe('the inquiries board', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let theirs: string;

  const add = (orgId: string, name: string, minutesAgo = 0) => {
    const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
    return insertInquiry(t.database.db, {
      orgId,
      source: 'phone',
      name,
      phone: '555-010-0100',
      preferredContact: 'phone',
      payer: 'unsure',
      createdAt: at,
      updatedAt: at,
    });
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Board Clinic');
    other = await t.createOrg('Other Board Clinic');
    theirs = await add(other.orgId, 'Their Asker');
    // 52 new inquiries, a minute apart, so the column needs two pages.
    for (let i = 0; i < 52; i++) await add(org.orgId, `Asker ${String(i).padStart(2, '0')}`, i);
  });
  afterAll(async () => t.close());

  const board = (staff: TestOrg['staff'][keyof TestOrg['staff']] | null, query: string) =>
    t.as(staff, { method: 'GET', url: `/api/v1/inquiries?${query}` });

  it('lists a column newest first with every column’s count, in pages, and audits the list', async () => {
    const first = await board(org.staff.intake, 'status=new');
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.counts).toMatchObject({ new: 52, contacted: 0, closed: 0 });
    expect(page.items).toHaveLength(50);
    expect(page.items[0].name).toBe('Asker 00');
    expect(page.items.map((i: { name: string }) => i.name)).not.toContain('Their Asker');
    const second = await board(org.staff.intake, `status=new&cursor=${page.nextCursor}`);
    expect(second.json().items.map((i: { name: string }) => i.name)).toEqual(['Asker 50', 'Asker 51']);
    expect(second.json().nextCursor).toBeNull();
    const [audit] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'inquiry.list')))
      .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
      .limit(1);
    expect(audit).toMatchObject({ actorId: org.staff.intake.id, details: { status: 'new' } });
  });

  it.each(['clinician', 'prescriber', 'biller', 'admin'] as const)('refuses the %s (403)', async (role) => {
    expect((await board(org.staff[role], 'status=new')).statusCode).toBe(403);
  });

  it('asks for sign-in first, and names a bad column or cursor', async () => {
    expect((await board(null, 'status=nonsense')).statusCode).toBe(401);
    const badStatus = await board(org.staff.director, 'status=nonsense');
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().errors[0].path).toBe('querystring.status');
    const badCursor = await board(org.staff.director, 'status=new&cursor=abc');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].path).toBe('querystring.cursor');
  });

  it('moves an inquiry along with notes and a next step, audited without their words', async () => {
    const id = await add(org.orgId, 'Moving Asker', 100);
    const res = await t.as(org.staff.intake, {
      method: 'PATCH',
      url: `/api/v1/inquiries/${id}`,
      payload: { version: 1, status: 'contacted', notes: 'Prefers evenings.', nextStep: 'Book intake assessment' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'contacted', notes: 'Prefers evenings.', nextStep: 'Book intake assessment', version: 2 });
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, id), eq(auditEvent.action, 'inquiry.update')));
    expect(audit!.details).toEqual({ fields: ['status', 'notes', 'nextStep'], from: 'new', to: 'contacted' });
    expect(JSON.stringify(audit!.details)).not.toContain('evenings');

    const stale = await t.as(org.staff.director, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 1, status: 'screening' } });
    expect(stale.statusCode).toBe(409);
    const bad = await t.as(org.staff.director, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 2, status: 'lost' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.status');
    const tooLong = await t.as(org.staff.director, { method: 'PATCH', url: `/api/v1/inquiries/${id}`, payload: { version: 2, nextStep: 'x'.repeat(501) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toBe('body.nextStep');
  });

  it('does not reach another organisation’s inquiry, nor let roles without the board change one', async () => {
    const mine = await add(org.orgId, 'Guarded Asker', 200);
    expect((await t.as(org.staff.intake, { method: 'PATCH', url: `/api/v1/inquiries/${theirs}`, payload: { version: 1, status: 'closed' } })).statusCode).toBe(404);
    expect((await t.as(org.staff.clinician, { method: 'PATCH', url: `/api/v1/inquiries/${mine}`, payload: { version: 1, status: 'closed' } })).statusCode).toBe(403);
    const [row] = await t.database.db.select({ status: inquiry.status }).from(inquiry).where(eq(inquiry.id, theirs));
    expect(row!.status).toBe('new');
  });

  it('holds the database to the board’s statuses and to a contact detail for the chosen way', async () => {
    await expect(t.database.db.update(inquiry).set({ status: 'lost' as never }).where(eq(inquiry.id, theirs))).rejects.toThrow();
    await expect(t.database.db.update(inquiry).set({ preferredContact: 'email' }).where(eq(inquiry.id, theirs))).rejects.toThrow();
  });
});
