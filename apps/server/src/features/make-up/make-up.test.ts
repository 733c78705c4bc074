/**
 * Make-up sessions through the API: the options an at-risk week has (full, clashing and started sessions left out),
 * booking one as a guest moving the ledger, the census and the roll, cancelling it, and two bookings racing for the
 * last place. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL (where the race is a real one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { makeUpBookingResultSchema, makeUpOptionsSchema } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, episode, session } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSession, buildSite, buildTrack, type TrackFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York: Monday's and Tuesday's sessions are over, Wednesday's morning is under way.
const WEDNESDAY = '2026-11-18T15:00:00Z';

describe('make-up sessions', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let director: TestStaff;
  let clinician: TestStaff;
  let day: TrackFixture;
  let evening: TrackFixture;
  let afternoon: TrackFixture;
  const s: Record<string, string> = {};
  let ana: { participantId: string; episodeId: string };
  const racers: { participantId: string; episodeId: string }[] = [];

  const as = (staff: TestStaff | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.as(staff, { method, url, ...(payload ? { payload } : {}) });
  const options = async (staff: TestStaff = director) => {
    const res = await as(staff, 'GET', `/api/v1/participants/${ana.participantId}/make-up-options`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return makeUpOptionsSchema.parse(res.json());
  };
  const book = (sessionId: string, participantId: string, staff: TestStaff = clinician) =>
    as(staff, 'POST', `/api/v1/sessions/${sessionId}/guests`, { participantId });
  const cancel = (sessionId: string, participantId: string, staff: TestStaff = clinician) =>
    as(staff, 'POST', `/api/v1/sessions/${sessionId}/guests/${participantId}/cancel`);

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY });
    org = await t.createOrg('Make-up');
    other = await t.createOrg('Make-up elsewhere');
    ({ director, clinician } = org.staff);
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const program = await buildProgram(db, site, { minWeeklyMinutes: 540 });
    await assignToProgram(db, org.orgId, clinician.id, program.id);
    day = await buildTrack(db, program, 'Day');
    evening = await buildTrack(db, program, 'Evening');
    afternoon = await buildTrack(db, program, 'Afternoon');
    // Ana's track: Monday, Wednesday and Friday mornings, 3 h each.
    for (const date of ['2026-11-16', '2026-11-18', '2026-11-20']) s[`day ${date}`] = await buildSession(db, day, { localDate: date, startTime: '09:00', endTime: '12:00' });
    // The evening track, Monday to Thursday.
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      s[`evening ${date}`] = await buildSession(db, evening, { localDate: date, startTime: '18:00', endTime: '21:00', title: 'Evening group' });
    }
    // The afternoon track's Thursday: a full hour, an open hour in the morning, and one with a single place left.
    s.full = await buildSession(db, afternoon, { localDate: '2026-11-19', startTime: '13:00', endTime: '14:00', title: 'Full group' });
    s.open = await buildSession(db, afternoon, { localDate: '2026-11-19', startTime: '10:00', endTime: '11:00', title: 'Open hour' });
    s.last = await buildSession(db, afternoon, { localDate: '2026-11-19', startTime: '14:30', endTime: '15:30', title: 'Last place' });
    s.overlap = await buildSession(db, afternoon, { localDate: '2026-11-20', startTime: '11:30', endTime: '12:30', title: 'Friday overlap' });
    s.cancelled = await buildSession(db, afternoon, { localDate: '2026-11-19', startTime: '16:00', endTime: '17:00', title: 'Called off', status: 'cancelled' });
    for (let i = 0; i < 2; i++) await enrol(t, org.orgId, program.id, afternoon.id, '2026-11-02');
    await db.update(session).set({ capacity: 2 }).where(eq(session.id, s.full));
    await db.update(session).set({ capacity: 3 }).where(eq(session.id, s.last));

    ana = await enrol(t, org.orgId, program.id, day.id, '2026-11-02');
    for (let i = 0; i < 2; i++) racers.push(await enrol(t, org.orgId, program.id, day.id, '2026-11-02'));
    const roll = await as(director, 'PUT', `/api/v1/sessions/${s['day 2026-11-16']}/roll`, {
      entries: [ana, ...racers].map((p) => ({ participantId: p.participantId, status: p === ana ? 'absent' : 'present' })),
    });
    expect(roll.statusCode, roll.body).toBe(200);
    // Ana works Thursday evenings.
    const work = await as(director, 'PUT', `/api/v1/participants/${ana.participantId}/unavailability`, {
      rules: [{ reason: 'work', weekday: 4, startTime: '16:00', endTime: '22:00' }],
      version: null,
    });
    expect(work.statusCode, work.body).toBe(200);
  }, 180_000);
  afterAll(async () => t?.close());

  describe('the options of an at-risk week', () => {
    it('lists the sessions that fit, most hours recovered first', async () => {
      const body = await options();
      expect(body.ledger).toMatchObject({ status: 'at-risk', requiredMinutes: 540, projectedMinutes: 360 });
      expect(body.shortfallMinutes).toBe(180);
      expect(body.trackId).toBe(day.id);
      expect(body.options.map((o) => [o.title, o.localDate, o.recoveredMinutes])).toEqual([
        ['Evening group', '2026-11-18', 180],
        ['Open hour', '2026-11-19', 60],
        ['Last place', '2026-11-19', 60],
      ]);
      expect(body.options[0]).toMatchObject({ trackName: 'Evening', recoveredHours: 3, placesLeft: 12 });
    });

    it('leaves out full, clashing, started and cancelled sessions, and the participant’s own', async () => {
      const ids = (await options()).options.map((o) => o.sessionId);
      for (const left of [s.full, s.overlap, s['evening 2026-11-19'], s['evening 2026-11-16'], s['evening 2026-11-17'], s.cancelled, s['day 2026-11-20']]) {
        expect(ids).not.toContain(left);
      }
    });

    it('is audited as a disclosure of the participant', async () => {
      await options();
      const [event] = await t.database.db
        .select({ participantId: auditEvent.participantId })
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'make-up.options')))
        .limit(1);
      expect(event?.participantId).toBe(ana.participantId);
    });
  });

  describe('refusals', () => {
    it('401 before validation, 400 naming the field, 403 outside the care team, 404 for another organisation', async () => {
      expect((await book(s.open!, 'not-a-uuid', null as unknown as TestStaff)).statusCode).toBe(401);
      const bad = await book(s.open!, 'not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'body.participantId' })]);
      // The prescriber is in nobody's care team here, and may not book sessions at all.
      expect((await as(org.staff.prescriber, 'GET', `/api/v1/participants/${ana.participantId}/make-up-options`)).statusCode).toBe(403);
      expect((await book(s.open!, ana.participantId, org.staff.prescriber)).statusCode).toBe(403);
      expect((await book(s.open!, ana.participantId, other.staff.director)).statusCode).toBe(404);
      expect((await as(other.staff.director, 'GET', `/api/v1/participants/${ana.participantId}/make-up-options`)).statusCode).toBe(404);
    });

    it.each([
      { what: 'full', session: () => s.full!, status: 422, path: 'params.id', message: /full/ },
      { what: 'started', session: () => s['evening 2026-11-17']!, status: 422, path: 'params.id', message: /started/ },
      { what: 'cancelled', session: () => s.cancelled!, status: 422, path: 'params.id', message: /cancelled/ },
      { what: 'her own track’s', session: () => s['day 2026-11-20']!, status: 409, path: 'body.participantId', message: /already expected/ },
      { what: 'at work', session: () => s['evening 2026-11-19']!, status: 409, path: 'body.participantId', message: /unavailable/ },
      { what: 'during her own group', session: () => s.overlap!, status: 409, path: 'body.participantId', message: /“Group therapy” on Friday 2026-11-20, 09:00–12:00/ },
    ])('refuses a session that is $what, naming why', async ({ session: sessionId, status, path, message }) => {
      const res = await book(sessionId(), ana.participantId);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    });
  });

  describe('42 CFR Part 2', () => {
    it('keeps a Part 2 participant’s options and bookings to the program’s own staff, and audits the refusal', async () => {
      const db = t.database.db;
      const site = await buildSite(db, org.orgId);
      const sud = await buildProgram(db, site, { focus: 'substance_use' });
      const sudTrack = await buildTrack(db, sud, 'Recovery');
      const groupId = await buildSession(db, sudTrack, { localDate: '2026-11-19', startTime: '18:00', endTime: '20:00', title: 'Recovery group' });
      const dana = await enrol(t, org.orgId, sud.id, sudTrack.id, '2026-11-02');
      await db.update(episode).set({ part2: true }).where(eq(episode.id, dana.episodeId));
      // The director reaches every participant of the organisation, but is not staff of this Part 2 program.
      expect((await as(director, 'GET', `/api/v1/participants/${dana.participantId}/make-up-options`)).statusCode).toBe(403);
      expect((await book(groupId, dana.participantId, director)).statusCode).toBe(403);
      const denied = await db
        .select({ participantId: auditEvent.participantId })
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'access.denied'), eq(auditEvent.participantId, dana.participantId)));
      expect(denied.length).toBeGreaterThanOrEqual(2);
      await assignToProgram(db, org.orgId, director.id, sud.id);
      expect((await as(director, 'GET', `/api/v1/participants/${dana.participantId}/make-up-options`)).statusCode).toBe(200);
    });
  });

  describe('booking and cancelling', () => {
    it('books a make-up in one action: the ledger, census, roll and session list all count it', async () => {
      const res = await book(s['evening 2026-11-18']!, ana.participantId);
      expect(res.statusCode, res.body).toBe(201);
      const booked = makeUpBookingResultSchema.parse(res.json());
      expect(booked.ledger).toMatchObject({ projectedMinutes: 540, requiredMinutes: 540, status: 'on-track' });

      const census = await as(director, 'GET', '/api/v1/census?week=2026-11-16');
      const row = census.json<{ rows: { participantId: string; ledger: { status: string } }[] }>().rows.find((r) => r.participantId === ana.participantId);
      expect(row?.ledger.status).toBe('on-track');
      const roll = await as(director, 'GET', `/api/v1/sessions/${s['evening 2026-11-18']}/roll`);
      expect(roll.json<{ entries: { participantId: string }[] }>().entries.map((e) => e.participantId)).toContain(ana.participantId);
      const list = await as(director, 'GET', '/api/v1/sessions?from=2026-11-18&to=2026-11-18');
      expect(list.json<{ items: { id: string; expectedCount: number }[] }>().items.find((i) => i.id === s['evening 2026-11-18'])?.expectedCount).toBe(1);

      // Booked, the session holds her time: it is no longer an option, and a booking at that time would clash.
      const after = await options();
      expect(after.shortfallMinutes).toBe(0);
      expect(after.options.map((o) => o.sessionId)).not.toContain(s['evening 2026-11-18']);
      expect((await book(s['evening 2026-11-18']!, ana.participantId)).statusCode).toBe(409);
      const [event] = await t.database.db
        .select({ entityId: auditEvent.entityId })
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'make-up.book'), eq(auditEvent.participantId, ana.participantId)));
      expect(event?.entityId).toBe(s['evening 2026-11-18']);
    });

    it('cancels the booking, and the week is at risk again', async () => {
      const res = await cancel(s['evening 2026-11-18']!, ana.participantId);
      expect(res.statusCode, res.body).toBe(200);
      expect(makeUpBookingResultSchema.parse(res.json()).ledger).toMatchObject({ projectedMinutes: 360, status: 'at-risk' });
      expect((await options()).shortfallMinutes).toBe(180);
      expect((await cancel(s['evening 2026-11-18']!, ana.participantId)).statusCode).toBe(404);
      // A member of the track is no guest: there is no booking of hers to cancel.
      expect((await cancel(s['day 2026-11-20']!, ana.participantId)).statusCode).toBe(404);
    });
  });

  describe('two bookings racing for the last place', () => {
    it('gives the place to one of them, the other 422', async () => {
      const results = await Promise.all(racers.map((r) => book(s.last!, r.participantId)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      const refused = results.find((r) => r.statusCode === 422)!;
      expect(refused.json().errors).toEqual([{ path: 'params.id', message: expect.stringMatching(/full/) }]);
      const list = await as(director, 'GET', '/api/v1/sessions?from=2026-11-19&to=2026-11-19');
      expect(list.json<{ items: { id: string; expectedCount: number }[] }>().items.find((i) => i.id === s.last)?.expectedCount).toBe(3);
    });
  });
});
