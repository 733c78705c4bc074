/**
 * The census counts each participant's required appointments for the week: how many the week calls for, how many are
 * booked, and how many are still due (the week runs) or missing (it has ended) — the ledger's services, as counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusSchema, type Census, type CensusRow } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from './fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York: this program week opened Monday 16 November.
const NOW = '2026-11-18T15:00:00Z';

describe('required appointments on the census', () => {
  let t: TestApp;
  let org: TestOrg;
  let program: ProgramFixture;
  const who = { none: '', some: '', cancelled: '' };

  const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.as(org.staff.director, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  async function census(query = ''): Promise<Census> {
    const res = await as('GET', `/api/v1/census?programId=${program.id}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return censusSchema.parse(res.json());
  }
  const rowOf = (c: Census, participantId: string): CensusRow => c.rows.find((r) => r.participantId === participantId)!;
  async function book(participantId: string, kind: 'individual' | 'psychiatry', startsAt: string): Promise<{ id: string; version: number }> {
    const clinicianId = kind === 'psychiatry' ? org.staff.prescriber.id : org.staff.clinician.id;
    const res = await as('POST', '/api/v1/appointments', { participantId, clinicianId, kind, startsAt, roomId: null });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Census services');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    program = await buildProgram(db, site);
    const track = await buildTrack(db, program);
    for (const who of ['clinician', 'prescriber'] as const) {
      await assignToProgram(db, org.orgId, org.staff[who].id, program.id);
      const rules = [1, 2, 3, 4, 5].map((weekday) => ({ siteId: site.id, weekday, startTime: '09:00', endTime: '17:00' }));
      const res = await as('PUT', `/api/v1/staff/${org.staff[who].id}/availability`, { rules, maxSessionsPerDay: null, version: null });
      expect(res.statusCode, res.body).toBe(200);
    }
    who.none = (await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId;
    who.some = (await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId;
    who.cancelled = (await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId;
    // Thursday and Friday of this week, in New York.
    await book(who.some, 'individual', '2026-11-19T15:00:00Z');
    await book(who.some, 'psychiatry', '2026-11-20T16:00:00Z');
    const dropped = await book(who.cancelled, 'individual', '2026-11-19T16:00:00Z');
    const cancel = await as('POST', `/api/v1/appointments/${dropped.id}/cancel`, { version: dropped.version, reason: 'Participant asked to move it' });
    expect(cancel.statusCode, cancel.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('counts what this week calls for, what is booked and what is still due', async () => {
    const body = await census();
    // The program default: an individual, a family and a psychiatry appointment in a first week of care.
    expect(rowOf(body, who.none).services).toEqual({ required: 3, booked: 0, due: 3, missing: 0 });
    expect(rowOf(body, who.some).services).toEqual({ required: 3, booked: 2, due: 1, missing: 0 });
    // A cancelled appointment holds nothing.
    expect(rowOf(body, who.cancelled).services).toEqual({ required: 3, booked: 0, due: 3, missing: 0 });
  });

  it('counts what an ended week lacked as missing', async () => {
    const body = await census('&week=2026-11-09');
    expect(rowOf(body, who.none).services).toEqual({ required: 3, booked: 0, due: 0, missing: 3 });
  });

  it('follows each service’s cadence into next week: psychiatry every four weeks, family every two', async () => {
    const body = await census('&week=2026-11-23');
    // Psychiatry was booked this week: next week asks for the individual and the family session not held this week.
    expect(rowOf(body, who.some).services).toEqual({ required: 2, booked: 0, due: 2, missing: 0 });
    expect(rowOf(body, who.none).services).toEqual({ required: 3, booked: 0, due: 3, missing: 0 });
  });
});
