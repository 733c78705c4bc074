/**
 * Date and mark rules through the API: sane date windows on inputs and filters, admissions within a year and within
 * the program's ages, recorded attendance never lost to a backdated move or discharge, late and left early together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import {
  assignToProgram,
  buildProgram,
  buildSite,
  buildTrack,
  buildWeeklySessions,
  type ProgramFixture,
  type TrackFixture,
} from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

describe('date and mark rules', () => {
  let t: TestApp;
  let org: TestOrg;
  let adults: ProgramFixture;
  let teens: ProgramFixture;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let teenTrack: TrackFixture;
  let sessions: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Date rules');
    const db = t.database.db;
    const at = await buildSite(db, org.orgId);
    adults = await buildProgram(db, at);
    teens = await buildProgram(db, at, { population: 'adolescent', minWeeklyMinutes: 360 });
    for (const p of [adults, teens]) await assignToProgram(db, org.orgId, org.staff.clinician.id, p.id);
    evening = await buildTrack(db, adults);
    morning = await buildTrack(db, adults);
    teenTrack = await buildTrack(db, teens);
    sessions = await buildWeeklySessions(db, evening, { weekdays: [1, 2, 3, 4], startTime: '07:00', endTime: '10:00', fromMonday: '2026-11-16', weeks: 1 });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  async function person(dateOfBirth = '1988-06-01') {
    const res = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: 'Dana', familyName: 'Rules', dateOfBirth },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  const admit = (participantId: string, programId: string, trackId: string, admittedOn: string) =>
    t.as(org.staff.director, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId, trackId, admittedOn, primaryClinicianId: org.staff.clinician.id },
    });

  const fieldOf = (res: { json: () => unknown }) => (res.json() as { errors?: { path: string }[] }).errors?.[0]?.path;

  it('refuses dates outside 1900–2100 in inputs and filters with 400 naming the field', async () => {
    const p = await t.as(org.staff.intake, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: 'Old', familyName: 'Rules', dateOfBirth: '1899-12-31' },
    });
    expect(p.statusCode).toBe(400);
    expect(fieldOf(p)).toContain('dateOfBirth');
    const list = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/sessions?from=0026-11-16&to=0026-11-20' });
    expect(list.statusCode).toBe(400);
    expect(fieldOf(list)).toContain('from');
    const census = await t.as(org.staff.director, { method: 'GET', url: '/api/v1/census?week=2101-01-03' });
    expect(census.statusCode).toBe(400);
    expect(fieldOf(census)).toContain('week');
  });

  it('admits only within a year of today', async () => {
    const id = await person();
    for (const admittedOn of ['2027-11-19', '2025-11-17', '0026-11-18']) {
      const res = await admit(id, adults.id, evening.id, admittedOn);
      expect(res.statusCode, admittedOn).toBe(400);
      expect(fieldOf(res)).toBe('body.admittedOn');
    }
    expect((await admit(id, adults.id, evening.id, '2026-11-16')).statusCode).toBe(201);
  });

  it("checks the participant's age against the program's population", async () => {
    const adult = await person('1990-01-01');
    const refused = await admit(adult, teens.id, teenTrack.id, '2026-11-16');
    expect(refused.statusCode).toBe(422);
    expect(fieldOf(refused)).toBe('body.admittedOn');
    const teen = await person('2011-05-05');
    expect((await admit(teen, adults.id, evening.id, '2026-11-16')).statusCode).toBe(422);
    expect((await admit(teen, teens.id, teenTrack.id, '2026-11-16')).statusCode).toBe(201);
  });

  it('never loses recorded attendance: a move or discharge dated over recorded marks is refused', async () => {
    const id = await person();
    const admitted = await admit(id, adults.id, evening.id, '2026-11-16');
    expect(admitted.statusCode).toBe(201);
    const episode = admitted.json<{ id: string; version: number }>();
    const roll = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessions.get('2026-11-17')}/roll`,
      payload: { entries: [{ participantId: id, status: 'present' }] },
    });
    expect(roll.statusCode).toBe(200);

    const move = (fromDate: string, version: number) =>
      t.as(org.staff.clinician, {
        method: 'POST',
        url: `/api/v1/episodes/${episode.id}/track-moves`,
        payload: { trackId: morning.id, fromDate, version },
      });
    const backdated = await move('2026-11-17', episode.version);
    expect(backdated.statusCode).toBe(422);
    expect(fieldOf(backdated)).toBe('body.fromDate');
    const discharge = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/discharge`,
      payload: { dischargedOn: '2026-11-16', disposition: 'completed', version: episode.version },
    });
    expect(discharge.statusCode).toBe(422);
    expect(fieldOf(discharge)).toBe('body.dischargedOn');

    // The hours stay on the ledger; a move from the next day is fine.
    const ledger = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${id}/ledger` });
    expect(ledger.json<{ weeks: { attendedMinutes: number }[] }>().weeks.at(-1)!.attendedMinutes).toBe(180);
    expect((await move('2026-11-18', episode.version)).statusCode).toBe(200);
    const after = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${id}/ledger` });
    expect(after.json<{ weeks: { attendedMinutes: number }[] }>().weeks.at(-1)!.attendedMinutes).toBe(180);
  });

  it('takes late and left early together, and refuses them when they cover the session', async () => {
    const id = await person();
    expect((await admit(id, adults.id, evening.id, '2026-11-16')).statusCode).toBe(201);
    const url = `/api/v1/sessions/${sessions.get('2026-11-16')}/roll`;
    const both = await t.as(org.staff.director, {
      method: 'PUT',
      url,
      payload: { entries: [{ participantId: id, status: 'left_early', lateMinutes: 20, leftEarlyMinutes: 40 }] },
    });
    expect(both.statusCode).toBe(200);
    const entry = both.json<{ changed: { participantId: string; minutesAttended: number }[] }>().changed.find((e) => e.participantId === id);
    expect(entry?.minutesAttended).toBe(120);
    const covering = await t.as(org.staff.director, {
      method: 'PUT',
      url,
      payload: { entries: [{ participantId: id, status: 'late', lateMinutes: 100, leftEarlyMinutes: 80 }] },
    });
    expect(covering.statusCode).toBe(400);
    expect(fieldOf(covering)).toBe('body.entries.0.leftEarlyMinutes');
  });
});
