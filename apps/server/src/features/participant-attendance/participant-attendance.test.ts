import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { AttendanceHistoryItem, ParticipantAttendancePage } from '@trellis/core';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import {
  assignToProgram,
  buildProgram,
  buildSession,
  buildSite,
  buildTrack,
  buildWeeklySessions,
  type ProgramFixture,
  type TrackFixture,
} from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York: the Morning group began at 09:00; Thursday's Evening group is ahead.
const WEDNESDAY = '2026-11-18T15:00:00Z';

/** A history row as `date track HH:MM status`, to compare whole histories at a glance. */
function line(item: AttendanceHistoryItem): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: item.timeZone,
  }).format(new Date(item.startsAt));
  const status = item.sessionStatus === 'cancelled' ? 'cancelled' : (item.status ?? 'none');
  return `${item.localDate} ${item.trackName} ${time} ${status}`;
}

describe('participant attendance history', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let iop: ProgramFixture;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let outsider: TestStaff;
  const sessions = new Map<string, Map<string, string>>();
  const who: Record<string, string> = {};

  async function admit(staff: TestStaff, participantId: string, program: ProgramFixture, trackId: string, admittedOn: string) {
    const e = await t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: program.id, trackId, admittedOn, primaryClinicianId: org.staff.clinician.id },
    });
    expect(e.statusCode).toBe(201);
    return e.json<{ id: string; version: number }>();
  }

  async function newParticipant(staff: TestStaff, name: string): Promise<string> {
    const p = await t.as(staff, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: name, familyName: 'History', dateOfBirth: '1990-02-03' },
    });
    expect(p.statusCode).toBe(201);
    return p.json<{ id: string }>().id;
  }

  function sessionOn(track: TrackFixture, date: string): string {
    const id = sessions.get(track.id)?.get(date);
    if (!id) throw new Error(`no session on ${date}`);
    return id;
  }

  async function mark(track: TrackFixture, date: string, entries: Record<string, unknown>[]) {
    const res = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessionOn(track, date)}/roll`,
      payload: { entries },
    });
    expect(res.statusCode).toBe(200);
  }

  async function move(episode: { id: string; version: number }, trackId: string, fromDate: string) {
    const res = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/track-moves`,
      payload: { trackId, fromDate, version: episode.version },
    });
    expect(res.statusCode).toBe(200);
  }

  async function page(staff: TestStaff, participantId: string, query = '') {
    return t.as(staff, { method: 'GET', url: `/api/v1/participants/${participantId}/attendance${query}` });
  }

  async function everything(participantId: string): Promise<AttendanceHistoryItem[]> {
    const res = await page(org.staff.director, participantId, '?limit=100');
    expect(res.statusCode).toBe(200);
    const body = res.json<ParticipantAttendancePage>();
    expect(body.nextCursor).toBeNull();
    return body.items;
  }

  async function auditCount(participantId: string): Promise<number> {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.participantId, participantId)));
    return Number(row?.n ?? 0);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY });
    org = await t.createOrg('History Clinic');
    other = await t.createOrg('Other History Clinic');
    const db = t.database.db;
    const ny = await buildSite(db, org.orgId);
    iop = await buildProgram(db, ny, { name: 'Adult IOP' });
    evening = await buildTrack(db, iop, 'Evening');
    morning = await buildTrack(db, iop, 'Morning');
    const weekly = { fromMonday: '2026-11-02', weeks: 3 };
    sessions.set(
      evening.id,
      await buildWeeklySessions(db, evening, { ...weekly, weekdays: [1, 2, 4], startTime: '18:00', endTime: '21:00' }),
    );
    sessions.set(
      morning.id,
      await buildWeeklySessions(db, morning, { ...weekly, weekdays: [1, 3, 5], startTime: '09:00', endTime: '12:00' }),
    );
    // A one-off family group starting with Tuesday 10 November's evening group: two sessions on the same instant.
    await buildSession(db, evening, { localDate: '2026-11-10', startTime: '18:00', endTime: '19:00', title: 'Family group' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, iop.id);
    const email = 'outsider@history.test';
    const outsiderId = await createStaff(db, {
      orgId: org.orgId,
      name: 'Outside clinician',
      email,
      role: 'clinician',
      password: TEST_PASSWORD,
    });
    outsider = { id: outsiderId, email, role: 'clinician', cookie: await t.signIn(email) };

    // Mover: Evening from 2 November, marked on 16 and 17 November, then Morning from Wednesday 18 November.
    who.mover = await newParticipant(org.staff.intake, 'Mover');
    const moverEpisode = await admit(org.staff.intake, who.mover, iop, evening.id, '2026-11-02');
    await mark(evening, '2026-11-16', [{ participantId: who.mover, status: 'present' }]);
    await mark(evening, '2026-11-17', [{ participantId: who.mover, status: 'late', lateMinutes: 15 }]);
    await move(moverEpisode, morning.id, '2026-11-18');
    const cancelled = await t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/sessions/${sessionOn(evening, '2026-11-12')}/cancel`,
      payload: { reason: 'Facilitator unwell' },
    });
    expect(cancelled.statusCode).toBe(200);

    // Returner: admitted Wednesday 4 November, discharged 10 November, readmitted to Morning on 17 November.
    who.returner = await newParticipant(org.staff.intake, 'Returner');
    const first = await admit(org.staff.intake, who.returner, iop, evening.id, '2026-11-04');
    const discharged = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${first.id}/discharge`,
      payload: { dischargedOn: '2026-11-10', disposition: 'administrative', version: first.version },
    });
    expect(discharged.statusCode).toBe(200);
    await admit(org.staff.intake, who.returner, iop, morning.id, '2026-11-17');

    // Backdated: marked at Monday 16 November's evening group; a move to Morning from that same Monday is refused
    // (recorded attendance is never lost), so the move takes effect the day after.
    who.backdated = await newParticipant(org.staff.intake, 'Backdated');
    const backdated = await admit(org.staff.intake, who.backdated, iop, evening.id, '2026-11-09');
    await mark(evening, '2026-11-16', [{ participantId: who.backdated, status: 'absent' }]);
    const refused = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${backdated.id}/track-moves`,
      payload: { trackId: morning.id, fromDate: '2026-11-16', version: backdated.version },
    });
    expect(refused.statusCode).toBe(422);
    await move(backdated, morning.id, '2026-11-17');

    who.never = await newParticipant(org.staff.intake, 'Never');

    const foreignSite = await buildSite(db, other.orgId);
    const foreignProgram = await buildProgram(db, foreignSite, { name: 'Adult IOP' });
    const foreignTrack = await buildTrack(db, foreignProgram, 'Evening');
    await buildWeeklySessions(db, foreignTrack, { ...weekly, weekdays: [1], startTime: '18:00', endTime: '21:00' });
    who.foreign = await newParticipant(other.staff.intake, 'Foreign');
    const e = await t.as(other.staff.intake, {
      method: 'POST',
      url: `/api/v1/participants/${who.foreign}/episodes`,
      payload: {
        programId: foreignProgram.id,
        trackId: foreignTrack.id,
        admittedOn: '2026-11-02',
        primaryClinicianId: other.staff.clinician.id,
      },
    });
    expect(e.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it('lists every session that has begun, newest first, with sessions of both tracks around a move', async () => {
    const items = await everything(who.mover!);
    expect(items.map(line)).toEqual([
      '2026-11-18 Morning 09:00 none',
      '2026-11-17 Evening 18:00 late',
      '2026-11-16 Evening 18:00 present',
      '2026-11-12 Evening 18:00 cancelled',
      '2026-11-10 Evening 18:00 none',
      '2026-11-10 Evening 18:00 none',
      '2026-11-09 Evening 18:00 none',
      '2026-11-05 Evening 18:00 none',
      '2026-11-03 Evening 18:00 none',
      '2026-11-02 Evening 18:00 none',
    ]);
    const starts = items.map((i) => i.startsAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(items[0]).toMatchObject({
      title: 'Group therapy',
      kind: 'group_therapy',
      programName: 'Adult IOP',
      timeZone: 'America/New_York',
      sessionStatus: 'scheduled',
      startsAt: '2026-11-18T14:00:00.000Z',
      endsAt: '2026-11-18T17:00:00.000Z',
    });
    expect(items.filter((i) => i.localDate === '2026-11-10').map((i) => i.title).sort()).toEqual([
      'Family group',
      'Group therapy',
    ]);
  });

  it('gives marks with their minutes, and null with zero minutes where no roll was taken', async () => {
    const items = await everything(who.mover!);
    const byDate = (date: string) => items.find((i) => i.localDate === date);
    expect(byDate('2026-11-17')).toMatchObject({ status: 'late', lateMinutes: 15, leftEarlyMinutes: 0, minutesAttended: 165 });
    expect(byDate('2026-11-16')).toMatchObject({ status: 'present', minutesAttended: 180 });
    expect(byDate('2026-11-09')).toMatchObject({ status: null, minutesAttended: 0, lateMinutes: 0 });
    expect(byDate('2026-11-12')).toMatchObject({ sessionStatus: 'cancelled', status: null });
  });

  it('leaves out sessions that have not begun', async () => {
    const items = await everything(who.mover!);
    expect(items.every((i) => i.startsAt <= WEDNESDAY)).toBe(true);
    expect(items.map((i) => i.sessionId)).not.toContain(sessionOn(morning, '2026-11-20'));
    expect(items.map((i) => i.sessionId)).not.toContain(sessionOn(evening, '2026-11-19'));

    // Once Friday morning's group has begun it joins the history.
    t.clock.set('2026-11-20T14:30:00Z');
    try {
      const later = await everything(who.mover!);
      expect(later.map(line).slice(0, 2)).toEqual(['2026-11-20 Morning 09:00 none', '2026-11-18 Morning 09:00 none']);
    } finally {
      t.clock.set(WEDNESDAY);
    }
  });

  it('follows every episode within its admission and discharge', async () => {
    const items = await everything(who.returner!);
    expect(items.map(line)).toEqual([
      '2026-11-18 Morning 09:00 none',
      '2026-11-10 Evening 18:00 none',
      '2026-11-10 Evening 18:00 none',
      '2026-11-09 Evening 18:00 none',
      '2026-11-05 Evening 18:00 none',
    ]);
  });

  it('keeps the mark taken before a move, on the track it was taken on', async () => {
    const items = await everything(who.backdated!);
    expect(items.map(line)).toEqual([
      '2026-11-18 Morning 09:00 none',
      '2026-11-16 Evening 18:00 absent',
      '2026-11-12 Evening 18:00 cancelled',
      '2026-11-10 Evening 18:00 none',
      '2026-11-10 Evening 18:00 none',
      '2026-11-09 Evening 18:00 none',
    ]);
  });

  it('pages through the history by cursor without gaps or repeats, ties included', async () => {
    const all = (await everything(who.mover!)).map((i) => i.sessionId);
    for (const limit of [1, 2, 3, 4, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await page(org.staff.clinician, who.mover!, query);
        expect(res.statusCode).toBe(200);
        const body = res.json<ParticipantAttendancePage>();
        expect(body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...body.items.map((i) => i.sessionId));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  it('writes one audit event per read, naming the participant', async () => {
    const before = await auditCount(who.mover!);
    const res = await page(org.staff.clinician, who.mover!, '?limit=3');
    expect(res.statusCode).toBe(200);
    expect(await auditCount(who.mover!)).toBe(before + 1);
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.orgId, org.orgId))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event).toMatchObject({
      action: 'attendance.read',
      outcome: 'success',
      entityType: 'attendance',
      actorId: org.staff.clinician.id,
      participantId: who.mover,
    });
    expect(event?.details).toEqual({ view: 'attendance-history', count: 3, paged: false });
  });

  it('answers an empty page for a participant never admitted', async () => {
    const res = await page(org.staff.biller, who.never!);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a clinician outside the care team, and audits the refusal', async () => {
    const before = await auditCount(who.mover!);
    const res = await page(outsider, who.mover!);
    expect(res.statusCode).toBe(403);
    expect(JSON.stringify(res.json())).not.toContain('Mover');
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.orgId, org.orgId))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event).toMatchObject({ action: 'access.denied', outcome: 'denied', actorId: outsider.id, participantId: who.mover });
    expect(event?.details).toEqual({ attempted: 'attendance.read' });
    expect(await auditCount(who.mover!)).toBe(before + 1);
    // The administrator configures; it does not read records.
    expect((await page(org.staff.admin, who.mover!)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown participant and for another organisation’s', async () => {
    expect((await page(org.staff.director, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await page(org.staff.director, who.foreign!)).statusCode).toBe(404);
    const theirs = await page(other.staff.director, who.foreign!);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json<ParticipantAttendancePage>().items).toHaveLength(3);
  });

  it('refuses a cursor it did not give out and a limit out of range, naming the field', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('["2026-11-18", "x"]').toString('base64url')]) {
      const res = await page(org.staff.director, who.mover!, `?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('querystring.cursor');
    }
    const tooMany = await page(org.staff.director, who.mover!, '?limit=500');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('querystring.limit');
    expect((await page(org.staff.director, 'not-a-uuid')).statusCode).toBe(400);
  });
});
