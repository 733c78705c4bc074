import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { censusSchema } from '@trellis/core';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import {
  assignToProgram,
  buildProgram,
  buildSite,
  buildTrack,
  buildWeeklySessions,
  type ProgramFixture,
  type TrackFixture,
} from './fixtures.ts';

interface Ledger {
  weekMonday: string;
  attendedMinutes: number;
  scheduledMinutes: number;
  unrecordedMinutes: number;
  requiredMinutes: number;
  partialWeek: boolean;
  status: string;
  reason: string | null;
}
interface CensusBody {
  week: { monday: string; sunday: string };
  rows: {
    participantId: string;
    displayName: string;
    programName: string;
    trackName: string | null;
    primaryClinicianId: string;
    ledger: Ledger;
  }[];
  counts: { met: number; onTrack: number; atRisk: number; short: number };
}

// Wednesday 18 November 2026, 10:00 in New York: Monday's and Tuesday's evening groups are over, Thursday's is ahead.
const WEDNESDAY = '2026-11-18T15:00:00Z';

describe('weekly hours ledger and census', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let iop: ProgramFixture;
  let op: ProgramFixture;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let opTrack: TrackFixture;
  let opClinician: TestStaff;
  const sessions = new Map<string, Map<string, string>>();
  const who: Record<string, string> = {};

  async function admit(
    staff: TestStaff,
    name: string,
    program: ProgramFixture,
    trackId: string,
    clinicianId: string,
    admittedOn = '2026-11-02',
  ) {
    const p = await t.as(staff, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: name, familyName: 'Ledger', dateOfBirth: '1988-06-01' },
    });
    const id = p.json().id as string;
    const e = await t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${id}/episodes`,
      payload: { programId: program.id, trackId, admittedOn, primaryClinicianId: clinicianId },
    });
    expect(e.statusCode).toBe(201);
    return { id, episode: e.json<{ id: string; version: number }>() };
  }

  async function mark(track: TrackFixture, date: string, entries: { participantId: string; status: string }[]) {
    const sessionId = sessions.get(track.id)?.get(date);
    if (!sessionId) throw new Error(`no session on ${date}`);
    const res = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/roll`,
      payload: { entries },
    });
    expect(res.statusCode).toBe(200);
  }

  async function census(staff: TestStaff, query = '') {
    const res = await t.as(staff, { method: 'GET', url: `/api/v1/census${query}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<CensusBody>();
    // The answer is sent as built (no zod pass on the way out): it must already be exactly what the schema describes.
    expect(censusSchema.parse(body)).toEqual(body);
    return body;
  }

  const rowOf = (body: CensusBody, name: string) => body.rows.find((r) => r.participantId === who[name]);

  beforeAll(async () => {
    t = await startTestApp({ now: WEDNESDAY });
    org = await t.createOrg('Ledger Clinic');
    other = await t.createOrg('Other Ledger Clinic');
    const db = t.database.db;
    const ny = await buildSite(db, org.orgId);
    iop = await buildProgram(db, ny, { name: 'Adult IOP', minWeeklyMinutes: 540, maxWeeklyMinutes: 1140 });
    op = await buildProgram(db, ny, {
      name: 'Adult OP',
      levelOfCare: 'op',
      minWeeklyMinutes: 180,
      maxWeeklyMinutes: 540,
    });
    evening = await buildTrack(db, iop, 'Evening');
    morning = await buildTrack(db, iop, 'Morning');
    opTrack = await buildTrack(db, op, 'OP Monday');
    const weekly = { fromMonday: '2026-11-02', weeks: 3 };
    sessions.set(
      evening.id,
      await buildWeeklySessions(db, evening, { ...weekly, weekdays: [1, 2, 4], startTime: '18:00', endTime: '21:00' }),
    );
    sessions.set(
      morning.id,
      await buildWeeklySessions(db, morning, { ...weekly, weekdays: [1, 3, 5], startTime: '09:00', endTime: '12:00' }),
    );
    sessions.set(
      opTrack.id,
      await buildWeeklySessions(db, opTrack, { ...weekly, weekdays: [1], startTime: '10:00', endTime: '13:00' }),
    );
    await assignToProgram(db, org.orgId, org.staff.clinician.id, iop.id);
    const email = 'op-clinician@ledger.test';
    const opClinicianId = await createStaff(db, {
      orgId: org.orgId,
      name: 'OP clinician',
      email,
      role: 'clinician',
      password: TEST_PASSWORD,
      programIds: [op.id],
    });
    opClinician = { id: opClinicianId, email, role: 'clinician', cookie: await t.signIn(email) };

    const clinician = org.staff.clinician.id;
    who.met = (await admit(org.staff.intake, 'Met', op, opTrack.id, opClinician.id)).id;
    who.onTrack = (await admit(org.staff.intake, 'Ontrack', iop, evening.id, clinician)).id;
    who.atRisk = (await admit(org.staff.intake, 'Atrisk', iop, evening.id, opClinician.id)).id;
    const mover = await admit(org.staff.intake, 'Mover', iop, evening.id, clinician);
    who.mover = mover.id;
    who.partial = (await admit(org.staff.intake, 'Partial', iop, evening.id, clinician, '2026-11-18')).id;
    const leaver = await admit(org.staff.intake, 'Leaver', iop, evening.id, clinician);
    who.leaver = leaver.id;

    await mark(opTrack, '2026-11-16', [{ participantId: who.met, status: 'present' }]);
    await mark(evening, '2026-11-16', [
      { participantId: who.onTrack, status: 'present' },
      { participantId: who.atRisk, status: 'absent' },
      { participantId: who.mover, status: 'present' },
    ]);
    await mark(evening, '2026-11-17', [
      { participantId: who.onTrack, status: 'present' },
      { participantId: who.atRisk, status: 'present' },
      { participantId: who.mover, status: 'present' },
    ]);
    const moved = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${mover.episode.id}/track-moves`,
      payload: { trackId: morning.id, fromDate: '2026-11-18', version: 1 },
    });
    expect(moved.statusCode).toBe(200);
    const discharged = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${leaver.episode.id}/discharge`,
      payload: { dischargedOn: '2026-11-10', disposition: 'left_against_advice', version: 1 },
    });
    expect(discharged.statusCode).toBe(200);

    // Another organisation with its own participant on the same kind of timetable.
    const foreignSite = await buildSite(db, other.orgId);
    const foreignProgram = await buildProgram(db, foreignSite, { name: 'Adult IOP' });
    const foreignTrack = await buildTrack(db, foreignProgram, 'Evening');
    await buildWeeklySessions(db, foreignTrack, {
      ...weekly,
      weekdays: [1, 2, 4],
      startTime: '18:00',
      endTime: '21:00',
    });
    who.foreign = (
      await admit(other.staff.intake, 'Foreign', foreignProgram, foreignTrack.id, other.staff.clinician.id)
    ).id;
  });
  afterAll(async () => t.close());

  it('gives every active participant this week’s status with a fixed clock', async () => {
    const body = await census(org.staff.director);
    expect(body.week).toMatchObject({ monday: '2026-11-16', sunday: '2026-11-22', tense: 'current' });
    expect(body.rows.map((r) => r.displayName).sort()).toEqual([
      'Atrisk Ledger',
      'Met Ledger',
      'Mover Ledger',
      'Ontrack Ledger',
      'Partial Ledger',
    ]);
    expect(rowOf(body, 'met')?.ledger).toMatchObject({ attendedMinutes: 180, requiredMinutes: 180, status: 'met' });
    expect(rowOf(body, 'onTrack')?.ledger).toMatchObject({
      attendedMinutes: 360,
      scheduledMinutes: 180,
      requiredMinutes: 540,
      status: 'on-track',
    });
    expect(rowOf(body, 'atRisk')?.ledger).toMatchObject({
      attendedMinutes: 180,
      scheduledMinutes: 180,
      status: 'at-risk',
    });
    // Admitted on Wednesday: the evening track offers only Thursday's 3 h from then, so 3 h are required (not 5/7 of 9 h).
    expect(rowOf(body, 'partial')?.ledger).toMatchObject({
      attendedMinutes: 0,
      scheduledMinutes: 180,
      offeredMinutes: 180,
      requiredMinutes: 180,
      partialWeek: true,
      status: 'on-track',
    });
    expect(rowOf(body, 'atRisk')?.ledger.reason).toBe('absent Mon; 1 session left, 6 h at most');
    expect(body.counts).toEqual({ met: 1, onTrack: 3, atRisk: 1, short: 0, rollsNotTaken: 0 });
  });

  it('counts sessions of both tracks on the right days after a mid-week move', async () => {
    const body = await census(org.staff.director);
    const mover = rowOf(body, 'mover');
    expect(mover?.trackName).toBe('Morning');
    // Evening Monday and Tuesday (attended), Morning Wednesday (in progress) and Friday; not Morning Monday nor Evening Thursday.
    expect(mover?.ledger).toMatchObject({
      attendedMinutes: 360,
      scheduledMinutes: 360,
      unrecordedMinutes: 0,
      status: 'on-track',
    });
    const evenings = await census(org.staff.director, `?trackId=${evening.id}`);
    expect(evenings.rows.map((r) => r.displayName).sort()).toEqual([
      'Atrisk Ledger',
      'Mover Ledger',
      'Ontrack Ledger',
      'Partial Ledger',
    ]);
    const mornings = await census(org.staff.director, `?trackId=${morning.id}`);
    expect(mornings.rows.map((r) => r.displayName)).toEqual(['Mover Ledger']);
  });

  it('shows the track a participant is on today, not a move booked for later in the week', async () => {
    t.clock.set('2026-11-17T15:00:00Z'); // Tuesday: the move to Morning starts tomorrow
    try {
      expect(rowOf(await census(org.staff.director), 'mover')?.trackName).toBe('Evening');
    } finally {
      t.clock.set(WEDNESDAY);
    }
    expect(rowOf(await census(org.staff.director), 'mover')?.trackName).toBe('Morning');
  });

  it('marks a week that ended below the minimum as short', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    try {
      const body = await census(org.staff.director, '?week=2026-11-16');
      expect(rowOf(body, 'met')?.ledger.status).toBe('met');
      expect(rowOf(body, 'onTrack')?.ledger).toMatchObject({
        attendedMinutes: 360,
        unrecordedMinutes: 180,
        status: 'short',
      });
      // Thursday's evening group ended with no roll taken: it is missing, not absent, and the census counts it once.
      expect(rowOf(body, 'onTrack')?.ledger).toMatchObject({ rollsNotTaken: 1, reason: 'roll not taken Thu; 6 h of 9 h' });
      expect(body.counts).toEqual({ met: 1, onTrack: 0, atRisk: 0, short: 4, rollsNotTaken: 3 });
      const current = await census(org.staff.director);
      expect(current.week.monday).toBe('2026-11-23');
    } finally {
      t.clock.set(WEDNESDAY);
    }
  });

  it('leaves out episodes admitted after the week asked for, and keeps those discharged since', async () => {
    const body = await census(org.staff.director, '?week=2026-11-09');
    expect(body.rows.map((r) => r.displayName)).not.toContain('Partial Ledger');
    // The leaver was discharged on Tuesday of that week: they were in the program then, so the week shows them.
    expect(body.rows.map((r) => r.displayName)).toContain('Leaver Ledger');
    expect(body.rows).toHaveLength(5);
    const later = await census(org.staff.director, '?week=2026-11-16');
    expect(later.rows.map((r) => r.displayName)).not.toContain('Leaver Ledger');
  });

  it('filters by program and primary clinician', async () => {
    const programRows = await census(org.staff.director, `?programId=${op.id}`);
    expect(programRows.rows.map((r) => r.displayName)).toEqual(['Met Ledger']);
    const clinicianRows = await census(org.staff.director, `?clinicianId=${opClinician.id}`);
    expect(clinicianRows.rows.map((r) => r.displayName).sort()).toEqual(['Atrisk Ledger', 'Met Ledger']);
  });

  it('shows a clinician only their programs and their own caseload', async () => {
    const mine = await census(opClinician);
    // Met is in the OP program; Atrisk is in IOP but has this clinician as primary clinician.
    expect(mine.rows.map((r) => r.displayName).sort()).toEqual(['Atrisk Ledger', 'Met Ledger']);
    expect(mine.counts).toEqual({ met: 1, onTrack: 0, atRisk: 1, short: 0, rollsNotTaken: 0 });
    expect((await t.as(opClinician, { method: 'GET', url: `/api/v1/participants/${who.onTrack}` })).statusCode).toBe(
      403,
    );
    expect(
      (await t.as(opClinician, { method: 'GET', url: `/api/v1/participants/${who.onTrack}/ledger` })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(opClinician, { method: 'GET', url: `/api/v1/participants/${who.atRisk}/ledger` })).statusCode,
    ).toBe(200);
    const iopClinician = await census(org.staff.clinician);
    expect(iopClinician.rows.map((r) => r.displayName).sort()).toEqual([
      'Atrisk Ledger',
      'Mover Ledger',
      'Ontrack Ledger',
      'Partial Ledger',
    ]);
  });

  it('never lists or counts another organisation’s participants', async () => {
    const mine = await census(org.staff.director);
    expect(mine.rows.map((r) => r.participantId)).not.toContain(who.foreign);
    const theirs = await census(other.staff.director);
    expect(theirs.rows.map((r) => r.participantId)).toEqual([who.foreign]);
    expect(theirs.counts.atRisk + theirs.counts.onTrack + theirs.counts.met + theirs.counts.short).toBe(1);
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${who.foreign}/ledger` })).statusCode,
    ).toBe(404);
    expect((await census(org.staff.director, `?clinicianId=${other.staff.clinician.id}`)).rows).toEqual([]);
  });

  it('audits a census read in one event recording every participant shown, with counts only', async () => {
    const censusReads = async () =>
      (
        await t.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvent)
          .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'census.read')))
      )[0]!.n;
    const before = await censusReads();
    const shown = (await census(org.staff.biller)).rows.map((r) => r.participantId);
    expect(await censusReads()).toBe(before + 1);
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.orgId, org.orgId))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event).toMatchObject({ action: 'census.read', actorId: org.staff.biller.id, participantId: null });
    expect(event?.participantIds).toEqual(shown);
    expect(event?.details).toMatchObject({ week: '2026-11-16', rows: 5, met: 1, onTrack: 3, atRisk: 1, short: 0 });
    expect(JSON.stringify(event?.details)).not.toContain('Ledger');

    // Who saw a participant: the audit trail asked about one of them finds this census read, shown against them.
    const trail = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?participantId=${shown[2]}&limit=200` });
    const found = trail.json<{ items: { seq: number; participantId: string; participantsShown: number }[] }>().items;
    expect(found.find((e) => e.seq === event?.seq)).toMatchObject({ participantId: shown[2], participantsShown: 5 });
  });

  it('refuses a week that is not a Monday and a role without census.read', async () => {
    const bad = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/census?week=2026-11-18' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.week');
    expect((await t.as(org.staff.admin, { method: 'GET', url: '/api/v1/census' })).statusCode).toBe(403);
  });

  it('gives a participant’s ledger for every week of the episode, audited', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${who.onTrack}/ledger` });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ episodeId: string; weeks: Ledger[] }>();
    expect(body.weeks.map((w) => w.weekMonday)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(body.weeks[0]).toMatchObject({ attendedMinutes: 0, unrecordedMinutes: 540, status: 'short' });
    expect(body.weeks[2]).toMatchObject({ attendedMinutes: 360, status: 'on-track' });
    const [event] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.participantId, who.onTrack!)))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event).toMatchObject({ action: 'ledger.read', entityId: body.episodeId, actorId: org.staff.clinician.id });

    // A discharged episode runs to its discharge week; its last week is prorated to the discharge day.
    const leaver = (
      await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${who.leaver}/ledger` })
    ).json<{ weeks: Ledger[] }>();
    expect(leaver.weeks.map((w) => [w.weekMonday, w.requiredMinutes, w.partialWeek])).toEqual([
      ['2026-11-02', 540, false],
      // Discharged Tuesday: Monday's and Tuesday's evening groups were what the track offered.
      ['2026-11-09', 360, true],
    ]);

    const never = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: 'New', familyName: 'Person', dateOfBirth: '1999-09-09' },
    });
    const empty = await t.as(org.staff.director, {
      method: 'GET',
      url: `/api/v1/participants/${never.json().id}/ledger`,
    });
    expect(empty.json()).toEqual({ episodeId: null, weeks: [], services: [] });
  });
});
