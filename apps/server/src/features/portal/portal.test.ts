/**
 * The participant portal: staff invite a participant through the outbox, the participant chooses a password and signs
 * in, sees their own week and hours, and subscribes to a private calendar feed. Every role boundary is tried: a
 * participant reaches no staff route (403, audited), staff reach no portal route, and one participant never sees
 * another's sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { rowsOf } from '../../db/index.ts';
import { auditEvent, outboxMessage, room, session } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { assignToProgram, buildProgram, buildSession, buildSite, buildTrack, buildWeeklySessions, type TrackFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York: Monday's and Tuesday's evening groups are over, Thursday's is ahead.
const WEDNESDAY = '2026-11-18T15:00:00Z';
const PORTAL_PASSWORD = 'a portal password 42';

interface Person {
  id: string;
  name: string;
  email: string;
  cookie: string;
}

describe('participant portal', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let todaySession: string;
  let a: Person;
  let b: Person;
  let otherOrgParticipant: string;

  const participantCookie = (p: Person) => ({ cookie: p.cookie, email: p.email, id: p.id, role: 'clinician' as const });
  const asParticipant = (p: Person, options: Parameters<TestApp['as']>[1]) => t.as(participantCookie(p), options);

  async function admit(staffOrg: TestOrg, givenName: string, track: TrackFixture, email: string | null): Promise<string> {
    const p = await t.as(staffOrg.staff.director, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Portal', dateOfBirth: '1990-02-03', ...(email ? { email } : {}) },
    });
    expect(p.statusCode).toBe(201);
    const id = p.json().id as string;
    const e = await t.as(staffOrg.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${id}/episodes`,
      payload: { programId: track.programId, trackId: track.id, admittedOn: '2026-10-26', primaryClinicianId: staffOrg.staff.clinician.id },
    });
    expect(e.statusCode).toBe(201);
    return id;
  }

  /** The link tokens of every portal message in the outbox for an address (the fixed clock dates them all alike). */
  async function linkTokens(email: string): Promise<string[]> {
    const rows = await t.database.db.select({ link: outboxMessage.link }).from(outboxMessage).where(eq(outboxMessage.toEmail, email));
    return rows.map((row) => {
      const url = new URL(row.link);
      expect(url.pathname).toBe('/portal/set-password');
      return url.searchParams.get('token')!;
    });
  }

  /** The token of the one message to an address that is not among `known`. */
  async function newLinkToken(email: string, known: string[] = []): Promise<string> {
    const fresh = (await linkTokens(email)).filter((tk) => !known.includes(tk));
    expect(fresh).toHaveLength(1);
    return fresh[0]!;
  }

  async function inviteAndAccept(participantId: string, name: string, email: string): Promise<Person> {
    const invited = await t.as(org.staff.intake, { method: 'POST', url: `/api/v1/participants/${participantId}/portal-invitation`, payload: { email } });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ state: 'invited', email });
    const token = await newLinkToken(email);
    const set = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: PORTAL_PASSWORD } });
    expect(set.statusCode).toBe(200);
    return { id: participantId, name, email, cookie: await t.signIn(email, PORTAL_PASSWORD) };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY, config: { publicReadsPerMinute: 40 } });
    org = await t.createOrg('Portal Clinic');
    other = await t.createOrg('Other Portal Clinic');
    const db = t.database.db;
    const ny = await buildSite(db, org.orgId);
    const sud = await buildProgram(db, ny, { name: 'Adult Substance Use IOP', focus: 'substance_use', minWeeklyMinutes: 540 });
    // A Part 2 program: only its own staff admit to it.
    for (const staff of [org.staff.director, org.staff.clinician]) await assignToProgram(db, org.orgId, staff.id, sud.id);
    evening = await buildTrack(db, sud, 'Evening Recovery Group');
    morning = await buildTrack(db, sud, 'Morning');
    // Around both US clock changes: 1 November 2026 (fall back) and 14 March 2027 (spring forward).
    await buildWeeklySessions(db, evening, { weekdays: [1, 2, 4], startTime: '18:00', endTime: '21:00', fromMonday: '2026-10-26', weeks: 4 });
    await buildWeeklySessions(db, evening, { weekdays: [1, 2, 4], startTime: '18:00', endTime: '21:00', fromMonday: '2027-03-08', weeks: 2 });
    await buildWeeklySessions(db, morning, { weekdays: [1, 3, 5], startTime: '09:00', endTime: '12:00', fromMonday: '2026-11-16', weeks: 1 });
    // Today's extra session in a virtual room, with its telehealth link.
    const [virtual] = await db
      .insert(room)
      .values({ orgId: org.orgId, siteId: ny.id, name: 'Video room 1', kind: 'virtual', meetingUrl: 'https://meet.example.test/room-1' })
      .returning({ id: room.id });
    todaySession = await buildSession(db, evening, { localDate: '2026-11-18', startTime: '12:00', endTime: '13:00', title: 'Relapse prevention skills' });
    await db.update(session).set({ roomId: virtual!.id }).where(eq(session.id, todaySession));

    const aId = await admit(org, 'Avery', evening, 'avery@portal.test');
    const bId = await admit(org, 'Blake', morning, null);
    const otherSite = await buildSite(db, other.orgId);
    const otherProgram = await buildProgram(db, otherSite);
    await assignToProgram(db, other.orgId, other.staff.director.id, otherProgram.id);
    const otherTrack = await buildTrack(db, otherProgram, 'Other Track');
    otherOrgParticipant = await admit(other, 'Casey', otherTrack, null);

    // Avery came on Monday and Tuesday evenings: 6 of the 9 hours so far.
    for (const date of ['2026-11-16', '2026-11-17']) {
      const [s] = await db.select({ id: session.id }).from(session).where(and(eq(session.trackId, evening.id), eq(session.localDate, date)));
      const roll = await t.as(org.staff.director, { method: 'PUT', url: `/api/v1/sessions/${s!.id}/roll`, payload: { entries: [{ participantId: aId, status: 'present' }] } });
      expect(roll.statusCode).toBe(200);
    }
    a = await inviteAndAccept(aId, 'Avery Portal', 'avery@portal.test');
    b = await inviteAndAccept(bId, 'Blake Portal', 'blake@portal.test');
  }, 120_000);
  afterAll(async () => t.close());

  const deniedCount = async (userId: string) =>
    (
      await t.database.db
        .select({ id: auditEvent.id })
        .from(auditEvent)
        .where(and(eq(auditEvent.actorId, userId), eq(auditEvent.action, 'access.denied')))
    ).length;

  const userIdOf = async (email: string) =>
    rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from app_user where email = ${email}`))[0]!.id;

  describe('invitations', () => {
    it('sends the invitation through the outbox with a portal link and no word about treatment', async () => {
      const [message] = await t.database.db.select().from(outboxMessage).where(and(eq(outboxMessage.toEmail, a.email), eq(outboxMessage.kind, 'portal-invitation')));
      expect(message?.link).toMatch(/^http:\/\/localhost:\d+\/portal\/set-password\?token=/);
      expect(message?.body).not.toMatch(/substance|recovery|IOP|Portal Clinic/i);
      const outbox = await t.as(org.staff.admin, { method: 'GET', url: '/api/v1/outbox' });
      expect(outbox.json().items.map((m: { kind: string }) => m.kind)).toContain('portal-invitation');
    });

    it('shows staff whether the participant uses the portal, and refuses a second invitation once they do', async () => {
      const account = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${a.id}/portal-account` });
      expect(account.statusCode).toBe(200);
      expect(account.json()).toMatchObject({ state: 'active', email: a.email });
      const again = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${a.id}/portal-invitation`, payload: {} });
      expect(again.statusCode).toBe(409);
    });

    it('lets only roles that write participants invite, and names a missing or bad email', async () => {
      const id = await admit(org, 'Dana', evening, null);
      const biller = await t.as(org.staff.biller, { method: 'POST', url: `/api/v1/participants/${id}/portal-invitation`, payload: {} });
      expect(biller.statusCode).toBe(403);
      const none = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${id}/portal-invitation`, payload: {} });
      expect(none.statusCode).toBe(422);
      expect(none.json().errors[0].path).toBe('body.email');
      const bad = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${id}/portal-invitation`, payload: { email: 'not-an-email' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('body.email');
      const taken = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${id}/portal-invitation`, payload: { email: org.staff.clinician.email } });
      expect(taken.statusCode).toBe(409);
      const elsewhere = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${otherOrgParticipant}/portal-invitation`, payload: { email: 'x@portal.test' } });
      expect(elsewhere.statusCode).toBe(404);
    });

    it('says an expired invitation has expired, and sends a new one to the address on file when asked', async () => {
      const id = await admit(org, 'Emery', evening, 'emery@portal.test');
      expect((await t.as(org.staff.director, { method: 'POST', url: `/api/v1/participants/${id}/portal-invitation`, payload: {} })).statusCode).toBe(201);
      const token = await newLinkToken('emery@portal.test');
      const state = async (tk: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/public/portal-invitations/${tk}` })).json().state;
      expect(await state(token)).toBe('valid');
      await t.database.db.execute(sql`update auth_verification set expires_at = '2026-01-01T00:00:00Z' where identifier = ${`reset-password:${token}`}`);
      expect(await state(token)).toBe('expired');
      const refused = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: PORTAL_PASSWORD } });
      expect(refused.statusCode).toBe(400);

      const renewal = await t.app.inject({ method: 'POST', url: `/api/v1/public/portal-invitations/${token}/renewal`, headers: { origin: 'http://localhost:80' } });
      expect(renewal.statusCode).toBe(202);
      const fresh = await newLinkToken('emery@portal.test', [token]);
      expect(await state(fresh)).toBe('valid');
      expect(await state('a-token-nobody-was-given')).toBe('unknown');
      // An unknown link gets the same answer, and no email goes anywhere.
      const before = (await t.database.db.select({ id: outboxMessage.id }).from(outboxMessage)).length;
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/public/portal-invitations/a-token-nobody-was-given/renewal' });
      expect(unknown.json()).toEqual({ sent: true });
      expect((await t.database.db.select({ id: outboxMessage.id }).from(outboxMessage)).length).toBe(before);
      const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/public/portal-invitations/bad!token' });
      expect(malformed.statusCode).toBe(400);
    });

    it('keeps portal accounts out of every staff list and account page', async () => {
      const staff = await t.as(org.staff.admin, { method: 'GET', url: '/api/v1/staff-accounts' });
      expect(staff.body).not.toContain(a.email);
      const pickers = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/staff' });
      expect(pickers.body).not.toContain(a.email);
      const promote = await t.as(org.staff.admin, { method: 'PATCH', url: `/api/v1/staff-accounts/${await userIdOf(a.email)}`, payload: { role: 'director' } });
      expect(promote.statusCode).toBe(404);
    });
  });

  describe('role boundaries', () => {
    it('answers 401 to the portal without a session', async () => {
      for (const url of ['/api/v1/portal/me', '/api/v1/portal/week', '/api/v1/portal/calendar-feed']) {
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      }
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/portal/calendar-feed', headers: { origin: 'http://localhost:80' } })).statusCode).toBe(401);
    });

    it('refuses a participant every staff route with 403, before reading the request, and audits each refusal', async () => {
      const staffRoutes = t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.permission !== 'public' && r.permission !== 'participant');
      expect(staffRoutes.length).toBeGreaterThan(40);
      const userId = await userIdOf(a.email);
      const before = await deniedCount(userId);
      const answers: string[] = [];
      for (const route of staffRoutes) {
        const url = route.url.replace(/:[a-zA-Z]+/g, b.id);
        const res = await asParticipant(a, { method: route.method, url, ...(route.method === 'GET' ? {} : { payload: {} }) });
        if (res.statusCode !== 403) answers.push(`${route.method} ${route.url} → ${res.statusCode}`);
        expect(res.body).not.toContain('Blake');
      }
      expect(answers).toEqual([]);
      expect(await deniedCount(userId)).toBe(before + staffRoutes.length);
      const [denial] = rowsOf<{ participant_id: string; actor_role: string }>(
        await t.database.db.execute(sql`select participant_id, actor_role from audit_event where actor_id = ${userId} and action = 'access.denied' limit 1`),
      );
      expect(denial).toEqual({ participant_id: a.id, actor_role: 'participant' });
    });

    it('refuses every staff role the portal with 403, audited', async () => {
      for (const staff of Object.values(org.staff)) {
        const before = await deniedCount(staff.id);
        for (const [method, url] of [['GET', '/api/v1/portal/week'], ['GET', '/api/v1/portal/me'], ['POST', '/api/v1/portal/calendar-feed']] as const) {
          expect((await t.as(staff, { method, url })).statusCode, `${staff.role} ${url}`).toBe(403);
        }
        expect(await deniedCount(staff.id)).toBe(before + 3);
      }
    });

    it('shows each participant only their own sessions', async () => {
      const weekOf = async (p: Person) => (await asParticipant(p, { method: 'GET', url: '/api/v1/portal/week' })).json<{ sessions: { id: string; title: string }[] }>();
      const ofA = await weekOf(a);
      const ofB = await weekOf(b);
      const trackOf = async (ids: string[]) =>
        new Set(rowsOf<{ track_id: string }>(await t.database.db.execute(sql`select distinct track_id from session where id = any(${sql.raw(`array[${ids.map((i) => `'${i}'`).join(',')}]::uuid[]`)})`)).map((r) => r.track_id));
      expect(await trackOf(ofA.sessions.map((s) => s.id))).toEqual(new Set([evening.id]));
      expect(await trackOf(ofB.sessions.map((s) => s.id))).toEqual(new Set([morning.id]));
      expect(ofA.sessions.some((s) => ofB.sessions.find((x) => x.id === s.id))).toBe(false);
    });

    it('takes no participant id from the request: a query string naming another participant changes nothing', async () => {
      const plain = await asParticipant(a, { method: 'GET', url: '/api/v1/portal/week' });
      const sneaky = await asParticipant(a, { method: 'GET', url: `/api/v1/portal/week?participantId=${b.id}` });
      expect(sneaky.json()).toEqual(plain.json());
    });
  });

  describe('today and this week', () => {
    it('lists today’s and this week’s sessions in the site’s zone, with the room’s telehealth link', async () => {
      const res = await asParticipant(a, { method: 'GET', url: '/api/v1/portal/week' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const week = res.json();
      expect(week).toMatchObject({ timeZone: 'America/New_York', today: '2026-11-18', monday: '2026-11-16', sunday: '2026-11-22' });
      const today = week.sessions.filter((s: { localDate: string }) => s.localDate === '2026-11-18');
      expect(today).toEqual([
        expect.objectContaining({
          id: todaySession,
          title: 'Relapse prevention skills',
          startsAt: '2026-11-18T17:00:00.000Z',
          room: { name: 'Video room 1', kind: 'virtual', meetingUrl: 'https://meet.example.test/room-1' },
        }),
      ]);
      expect(week.sessions.map((s: { localDate: string }) => s.localDate)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']);
    });

    it('gives the hours so far against the week’s requirement, as the staff ledger does', async () => {
      const week = (await asParticipant(a, { method: 'GET', url: '/api/v1/portal/week' })).json();
      const staffLedger = (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${a.id}/ledger` })).json();
      const thisWeek = staffLedger.weeks.find((w: { weekMonday: string }) => w.weekMonday === '2026-11-16');
      expect(week.hours).toEqual({
        attendedHours: 6,
        scheduledHours: thisWeek.scheduledHours,
        projectedHours: thisWeek.projectedHours,
        requiredHours: 9,
        status: thisWeek.status,
      });
    });

    it('audits each read under the participant’s own record', async () => {
      const userId = await userIdOf(a.email);
      await asParticipant(a, { method: 'GET', url: '/api/v1/portal/week' });
      const [event] = rowsOf<{ participant_id: string; actor_role: string }>(
        await t.database.db.execute(sql`select participant_id, actor_role from audit_event where actor_id = ${userId} and action = 'portal.read' order by seq desc limit 1`),
      );
      expect(event).toEqual({ participant_id: a.id, actor_role: 'participant' });
    });
  });

  describe('calendar feed', () => {
    async function newFeed(p: Person): Promise<string> {
      const res = await asParticipant(p, { method: 'POST', url: '/api/v1/portal/calendar-feed' });
      expect(res.statusCode).toBe(201);
      return new URL(res.json().url).pathname;
    }

    function eventsOf(text: string) {
      const calendar = new ICAL.Component(ICAL.parse(text));
      return calendar.getAllSubcomponents('vevent').map((v) => {
        const e = new ICAL.Event(v);
        return { start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), summary: e.summary, location: e.location, status: v.getFirstPropertyValue('status') };
      });
    }

    it('serves the participant’s sessions as iCalendar with neutral summaries, no-store, and CRLF lines of at most 75 octets', async () => {
      const path = await newFeed(a);
      expect(path).toMatch(/^\/api\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
      expect(res.body).not.toMatch(/Relapse|Recovery|Substance|Portal Clinic|meet\.example/);
      const events = eventsOf(res.body);
      expect(events.length).toBeGreaterThan(3);
      expect(new Set(events.map((e) => e.summary))).toEqual(new Set(['Group session']));
      expect(events.find((e) => e.start === '2026-11-18T17:00:00.000Z')?.location).toBe('Online (the link is in your portal)');
    });

    it('keeps each session at its local time across the autumn clock change', async () => {
      t.clock.set('2026-11-04T15:00:00Z');
      try {
        const events = eventsOf((await t.app.inject({ method: 'GET', url: await newFeed(a) })).body);
        // 18:00 in New York: 22:00Z while daylight time lasts (to 1 November), 23:00Z after.
        expect(events.find((e) => e.start.startsWith('2026-10-29'))).toMatchObject({ start: '2026-10-29T22:00:00.000Z', end: '2026-10-30T01:00:00.000Z' });
        expect(events.find((e) => e.start.startsWith('2026-11-02'))).toMatchObject({ start: '2026-11-02T23:00:00.000Z', end: '2026-11-03T02:00:00.000Z' });
      } finally {
        t.clock.set(WEDNESDAY);
      }
    });

    it('keeps each session at its local time across the spring clock change', async () => {
      t.clock.set('2027-03-10T15:00:00Z');
      try {
        const events = eventsOf((await t.app.inject({ method: 'GET', url: await newFeed(a) })).body);
        expect(events.find((e) => e.start.startsWith('2027-03-11'))).toMatchObject({ start: '2027-03-11T23:00:00.000Z' });
        expect(events.find((e) => e.start.startsWith('2027-03-15'))).toMatchObject({ start: '2027-03-15T22:00:00.000Z' });
        const local = (iso: string) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
        expect(new Set(events.map((e) => local(e.start)))).toEqual(new Set(['18:00']));
      } finally {
        t.clock.set(WEDNESDAY);
      }
    });

    it('stops answering the old address once the feed is reset, and answers 404 to a token it never gave', async () => {
      const old = await newFeed(a);
      expect((await t.app.inject({ method: 'GET', url: old })).statusCode).toBe(200);
      const fresh = await newFeed(a);
      expect((await t.app.inject({ method: 'GET', url: old })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: fresh })).statusCode).toBe(200);
      const status = await asParticipant(a, { method: 'GET', url: '/api/v1/portal/calendar-feed' });
      expect(status.json()).toMatchObject({ active: true });
      const stored = rowsOf<{ token_hash: string }>(await t.database.db.execute(sql`select token_hash from calendar_feed where participant_id = ${a.id}`));
      expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(fresh).not.toContain(stored[0]!.token_hash);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/calendar-feeds/${'A'.repeat(43)}/calendar.ics` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/calendar-feeds/short/calendar.ics' })).statusCode).toBe(400);
    });

    it('gives each participant a feed of their own sessions only', async () => {
      const ofB = eventsOf((await t.app.inject({ method: 'GET', url: await newFeed(b) })).body);
      expect(ofB.map((e) => e.start)).toEqual(['2026-11-16T14:00:00.000Z', '2026-11-18T14:00:00.000Z', '2026-11-20T14:00:00.000Z']);
    });

    it('rate limits feed requests per address', async () => {
      const path = await newFeed(b);
      const codes: number[] = [];
      for (let i = 0; i < 42; i++) codes.push((await t.app.inject({ method: 'GET', url: path, remoteAddress: '10.9.9.9' })).statusCode);
      expect(codes.slice(0, 40).every((c) => c === 200)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    });
  });
});
