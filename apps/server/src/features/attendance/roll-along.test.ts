/**
 * A roll write made along the session check: with the sign-in and the roll remembered, the write is ONE statement
 * that checks the sign-in and everything the write was decided on; whenever any of it changed, it writes nothing and
 * the request is answered exactly as by the two-statement path.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { countStatements, type StatementCounter } from '../../testing/statements.ts';
import { appUser, attendance, auditEvent, authSession, session as sessionTable } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, buildWeeklySessions, type ProgramFixture } from '../ledger/fixtures.ts';

describe('a roll write along the session check', () => {
  let t: TestApp;
  let org: TestOrg;
  let adult: ProgramFixture;
  let sessions: string[];
  let ana: string;
  let ben: string;
  let counter: StatementCounter;

  const put = (staff: TestStaff, sessionId: string, entries: unknown[], key?: string) =>
    t.as(staff, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/roll`,
      payload: { entries },
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  /** The statements one request costs. */
  const counted = <T>(work: () => Promise<T>) => counter.during(work);

  const marks = async (sessionId: string) =>
    t.database.db
      .select({ participantId: attendance.participantId, status: attendance.status, version: attendance.version })
      .from(attendance)
      .where(and(eq(attendance.orgId, org.orgId), eq(attendance.sessionId, sessionId)));

  const recordEvents = async () =>
    (
      await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'attendance.record')))
    )[0]!.n;

  async function admitted(givenName: string, trackId: string) {
    const p = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Along', dateOfBirth: '1990-01-01' },
    });
    const id = p.json().id as string;
    const e = await t.as(org.staff.intake, {
      method: 'POST',
      url: `/api/v1/participants/${id}/episodes`,
      payload: { programId: adult.id, trackId, admittedOn: '2026-10-19', primaryClinicianId: org.staff.clinician.id },
    });
    expect(e.statusCode).toBe(201);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Along Clinic');
    const site = await buildSite(t.database.db, org.orgId);
    adult = await buildProgram(t.database.db, site, { name: 'Adult IOP' });
    const evening = await buildTrack(t.database.db, adult, 'Evening');
    await assignToProgram(t.database.db, org.orgId, org.staff.clinician.id, adult.id);
    const byDate = await buildWeeklySessions(t.database.db, evening, {
      weekdays: [1, 2, 4],
      startTime: '18:00',
      endTime: '21:00',
      fromMonday: '2026-10-19',
      weeks: 5,
    });
    // Sessions that have taken place by the test clock (2026-11-18 15:00 UTC).
    sessions = [...byDate.entries()].filter(([date]) => date < '2026-11-18').map(([, id]) => id);
    ana = await admitted('Ana', evening.id);
    ben = await admitted('Ben', evening.id);
    counter = countStatements(t.database);
  });
  afterAll(async () => t.close());

  let roll: string;
  let next = 0;
  beforeEach(async () => {
    // Each test takes a roll of its own, written once already (so it is remembered), as the clinician.
    roll = sessions[next++]!;
    const first = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'present' }, { participantId: ben, status: 'present' }]);
    expect(first.statusCode, first.body).toBe(200);
  });

  it('writes a remembered roll in one statement, answering and auditing as the two-statement path does', async () => {
    const before = await recordEvents();
    const key = randomUUID();
    const { result: res, statements: n } = await counted(() => put(org.staff.clinician, roll, [{ participantId: ana, status: 'absent' }], key));
    expect(res.statusCode).toBe(200);
    expect(n).toBe(1);
    expect(res.json()).toEqual({
      session: { id: roll, expectedCount: 2, recordedCount: 2 },
      changed: [{ participantId: ana, status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0, minutesAttended: 0, version: 2 }],
    });
    expect(await recordEvents()).toBe(before + 1);
    // The next write of it is remembered with this one's change: one statement again.
    const again = await counted(() => put(org.staff.clinician, roll, [{ participantId: ana, status: 'excused' }]));
    expect(again.result.json().changed[0]).toMatchObject({ participantId: ana, status: 'excused', version: 3 });
    expect(again.statements).toBe(1);
    // A repeat of the first request replays its answer (the key is taken: the write along it gives way).
    const replay = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'absent' }], key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(res.json());
    expect((await marks(roll)).find((m) => m.participantId === ana)).toMatchObject({ status: 'excused', version: 3 });
  });

  it('answers from the roll as it is when a mark changed since it was remembered', async () => {
    // Someone else marked Ana absent meanwhile; asking for "present" again is a change, not a repeat.
    await t.database.db
      .update(attendance)
      .set({ status: 'absent', minutesAttended: 0, version: sql`${attendance.version} + 1` })
      .where(and(eq(attendance.sessionId, roll), eq(attendance.participantId, ana)));
    const res = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'present' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().changed).toEqual([expect.objectContaining({ participantId: ana, status: 'present', version: 3 })]);
  });

  it('writes a mark it changes only at the version it was decided on: changed meanwhile, it is written from the roll as it is', async () => {
    // Someone else marked Ana late meanwhile; the write asks to change her (remembered present) to absent. Its upsert
    // finds her at another version, writes nothing, and the request is decided again on the roll as it is.
    await t.database.db
      .update(attendance)
      .set({ status: 'late', lateMinutes: 10, minutesAttended: 170, version: sql`${attendance.version} + 1` })
      .where(and(eq(attendance.sessionId, roll), eq(attendance.participantId, ana)));
    const { result: res, statements: n } = await counted(() =>
      put(org.staff.clinician, roll, [{ participantId: ana, status: 'absent' }, { participantId: ben, status: 'present' }]),
    );
    expect(res.statusCode).toBe(200);
    expect(n).toBeGreaterThan(1);
    expect(res.json().changed).toEqual([expect.objectContaining({ participantId: ana, status: 'absent', version: 3 })]);
    expect((await marks(roll)).find((m) => m.participantId === ana)).toMatchObject({ status: 'absent', version: 3 });
  });

  it('refuses a revoked sign-in (401) before anything else, whatever the body, and writes nothing', async () => {
    const staff = { ...org.staff.clinician, cookie: await t.signIn(org.staff.clinician.email) };
    expect((await put(staff, roll, [{ participantId: ana, status: 'absent' }])).statusCode).toBe(200);
    const token = decodeURIComponent(staff.cookie.split('=')[1]!).split('.')[0]!;
    await t.database.db.delete(authSession).where(eq(authSession.token, token));
    const before = await marks(roll);
    expect((await put(staff, roll, [{ participantId: ana, status: 'present' }])).statusCode).toBe(401);
    expect((await put(staff, roll, [{ participantId: ana, status: 'no-such-status' }])).statusCode).toBe(401);
    expect((await put(staff, roll, [{ participantId: ana, status: 'present', lateMinutes: -1 }])).statusCode).toBe(401);
    expect(await marks(roll)).toEqual(before);
  });

  it('refuses a user deactivated or moved to a role without attendance.write (401, 403) and writes nothing', async () => {
    // The director, signed in afresh; put back as they were afterwards.
    const director = org.staff.director;
    const staff: TestStaff = { ...director, cookie: await t.signIn(director.email) };
    expect((await put(staff, roll, [{ participantId: ana, status: 'absent' }])).statusCode).toBe(200);
    const before = await marks(roll);
    await t.database.db.update(appUser).set({ role: 'biller' }).where(eq(appUser.id, staff.id));
    expect((await put(staff, roll, [{ participantId: ana, status: 'present' }])).statusCode).toBe(403);
    await t.database.db.update(appUser).set({ role: 'director', active: false }).where(eq(appUser.id, staff.id));
    expect((await put(staff, roll, [{ participantId: ana, status: 'present' }])).statusCode).toBe(401);
    expect(await marks(roll)).toEqual(before);
    await t.database.db.update(appUser).set({ role: 'director', active: true }).where(eq(appUser.id, staff.id));
  });

  it('answers 422 for a session cancelled since the roll was remembered, and writes nothing', async () => {
    const before = await marks(roll);
    await t.database.db.update(sessionTable).set({ status: 'cancelled', cancelReason: 'snow' }).where(eq(sessionTable.id, roll));
    const res = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'absent' }]);
    expect(res.statusCode).toBe(422);
    expect(await marks(roll)).toEqual(before);
  });

  it('answers 422 for a session moved to later since the roll was remembered (before-start rule), and writes nothing', async () => {
    const before = await marks(roll);
    await t.database.db
      .update(sessionTable)
      .set({ startsAt: '2026-12-01T23:00:00Z', endsAt: '2026-12-02T02:00:00Z' })
      .where(eq(sessionTable.id, roll));
    const res = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'absent' }]);
    expect(res.statusCode).toBe(422);
    expect(await marks(roll)).toEqual(before);
  });

  it('answers 400 naming the field for minutes beyond a session shortened since it was remembered', async () => {
    await t.database.db
      .update(sessionTable)
      .set({ endsAt: sql`${sessionTable.startsAt} + interval '30 minutes'` })
      .where(eq(sessionTable.id, roll));
    const res = await put(org.staff.clinician, roll, [{ participantId: ana, status: 'late', lateMinutes: 45 }]);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('body.entries.0.lateMinutes');
  });

  it('treats another organisation’s session as not found (404)', async () => {
    const other = await t.createOrg('Along Other');
    expect((await put(other.staff.director, roll, [{ participantId: ana, status: 'absent' }])).statusCode).toBe(404);
    // Nothing of the other organisation's is remembered for this roll: still 404 the second time.
    expect((await put(other.staff.director, roll, [{ participantId: ana, status: 'absent' }])).statusCode).toBe(404);
  });

  it('refuses someone no longer expected at the session (422) after the roll was remembered (last: it moves Ben)', async () => {
    const before = await marks(roll);
    await t.database.db.execute(sql`update episode set admitted_on = '2026-12-20' where participant_id = ${ben}`);
    const res = await put(org.staff.clinician, roll, [{ participantId: ben, status: 'absent' }]);
    expect(res.statusCode).toBe(422);
    expect(await marks(roll)).toEqual(before);
  });
});
