import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { ScheduleRun } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { appointment, auditEvent, program as programTable, room } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture, type TrackFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York: next week opens Monday 23 November.
const NOW = '2026-11-18T15:00:00Z';
const NEXT_MONDAY = '2026-11-23';

describe('schedule runs', () => {
  let t: TestApp;
  let org: TestOrg;
  let program: ProgramFixture;
  let track: TrackFixture;
  let substanceUse: ProgramFixture;
  const people: { participantId: string; episodeId: string }[] = [];
  /** Still missing after the first run was accepted: participant and kind. */
  const stillMissing: string[] = [];

  const as = (who: keyof TestOrg['staff'] | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.as(who ? org.staff[who] : null, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** Polls the run until it leaves the queue (it is solved in-process right after the 202). */
  async function settled(id: string): Promise<ScheduleRun> {
    for (let i = 0; i < 200; i++) {
      const res = await as('director', 'GET', `/api/v1/schedule-runs/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const run = res.json<ScheduleRun>();
      if (run.status !== 'queued') return run;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the run was never solved');
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Auto-schedule');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    program = await buildProgram(db, site);
    substanceUse = await buildProgram(db, site, { focus: 'substance_use' });
    track = await buildTrack(db, program);
    const { clinician, prescriber } = org.staff;
    for (const userId of [clinician.id, prescriber.id]) await assignToProgram(db, org.orgId, userId, program.id);
    await db.insert(room).values({ orgId: org.orgId, siteId: site.id, name: 'Cedar', kind: 'physical', capacity: 4 });
    const hours = (weekdays: number[], startTime: string, endTime: string) => weekdays.map((weekday) => ({ siteId: site.id, weekday, startTime, endTime }));
    const set = async (who: 'clinician' | 'prescriber', rules: unknown[]) => {
      const res = await as('director', 'PUT', `/api/v1/staff/${org.staff[who].id}/availability`, { rules, maxSessionsPerDay: null, version: null });
      expect(res.statusCode, res.body).toBe(200);
    };
    await set('clinician', hours([1, 2, 3, 4, 5], '09:00', '12:00'));
    // Two psychiatry blocks for three participants: one of them cannot be placed.
    await set('prescriber', hours([2], '13:00', '15:00'));
    for (let i = 0; i < 3; i++) people.push(await enrol(t, org.orgId, program.id, track.id, '2026-11-02'));
  });
  afterAll(async () => t?.close());

  it('refuses anonymous callers (401 before validation), roles without the right (403) and bad input naming the field (400)', async () => {
    expect((await as(null, 'POST', '/api/v1/schedule-runs', { programId: 7 })).statusCode).toBe(401);
    expect((await as(null, 'GET', '/api/v1/schedule-runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    expect((await as('clinician', 'POST', '/api/v1/schedule-runs', { programId: program.id })).statusCode).toBe(403);
    expect((await as('biller', 'GET', '/api/v1/schedule-runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(403);
    const malformed = await as('director', 'POST', '/api/v1/schedule-runs', { programId: 'nope' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('body.programId');
    const unknown = await as('director', 'POST', '/api/v1/schedule-runs', { programId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.programId');
    expect((await as('director', 'GET', '/api/v1/schedule-runs/nope')).statusCode).toBe(400);
    expect((await as('director', 'GET', '/api/v1/schedule-runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('keeps a Part 2 program’s week to its own staff (403)', async () => {
    const res = await as('director', 'POST', '/api/v1/schedule-runs', { programId: substanceUse.id });
    expect(res.statusCode).toBe(403);
  });

  it('runs, reviews and accepts next week: placements booked, a clash since the run reported and not booked', async () => {
    const started = await as('intake', 'POST', '/api/v1/schedule-runs', { programId: program.id });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.headers['cache-control']).toContain('no-store');
    const { id, status } = started.json<{ id: string; status: string }>();
    expect(status).toBe('queued');

    const run = await settled(id);
    expect(run.status, run.error ?? '').toBe('solved');
    expect(run.weekMonday).toBe(NEXT_MONDAY);
    // Its progress ends at its last phase, on its one site.
    expect(run.progress).toEqual({ phase: 'done', done: null, total: null, site: 1, sites: 1 });
    const proposal = run.proposal!;
    // The program default: each participant needs an individual, a family and a psychiatry appointment this week.
    expect(proposal.placements.filter((p) => p.kind === 'individual')).toHaveLength(3);
    expect(proposal.placements.filter((p) => p.kind === 'family')).toHaveLength(3);
    expect(proposal.placements.filter((p) => p.kind === 'psychiatry')).toHaveLength(2);
    expect(proposal.unplaced).toHaveLength(1);
    expect(proposal.unplaced[0]).toMatchObject({ kind: 'psychiatry', count: 1 });
    expect(proposal.unplaced[0]!.explanation.length).toBeGreaterThan(10);
    for (const p of proposal.placements) {
      expect(p.startsAt >= '2026-11-23T05:00:00.000Z' && p.startsAt < '2026-11-30T05:00:00.000Z').toBe(true);
      expect(p.roomName).toBe('Cedar');
    }
    // Nobody is placed twice at once, and the room holds one at a time.
    const starts = proposal.placements.map((p) => p.startsAt);
    expect(new Set(starts).size).toBe(starts.length);

    // After the run, someone books the first placement's clinician at that time for a newly admitted participant.
    const clash = proposal.placements[0]!;
    stillMissing.push(`${clash.participantId}|${clash.kind}`, `${proposal.unplaced[0]!.participantId}|psychiatry`);
    const newcomer = await enrol(t, org.orgId, program.id, track.id, '2026-11-18');
    const booked = await as('director', 'POST', '/api/v1/appointments', {
      participantId: newcomer.participantId,
      clinicianId: clash.clinicianId,
      kind: clash.kind,
      startsAt: clash.startsAt,
      roomId: null,
    });
    expect(booked.statusCode, booked.body).toBe(201);

    const accepted = await as('intake', 'POST', `/api/v1/schedule-runs/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const result = accepted.json<ScheduleRun>();
    expect(result.status).toBe('accepted');
    expect(result.result!.conflicts).toHaveLength(1);
    expect(result.result!.conflicts[0]).toMatchObject({ participantId: clash.participantId, startsAt: clash.startsAt });
    expect(result.result!.conflicts[0]!.message).toMatch(/Not free/);
    expect(result.result!.booked).toHaveLength(proposal.placements.length - 1);

    const rows = await t.database.db
      .select({ participantId: appointment.participantId, startsAt: appointment.startsAt, kind: appointment.kind })
      .from(appointment)
      .where(and(eq(appointment.orgId, org.orgId), inArray(appointment.participantId, people.map((p) => p.participantId))));
    expect(rows).toHaveLength(proposal.placements.length - 1);
    expect(rows.some((r) => r.participantId === clash.participantId && new Date(r.startsAt).toISOString() === clash.startsAt)).toBe(false);

    const again = await as('director', 'POST', `/api/v1/schedule-runs/${id}/accept`);
    expect(again.statusCode).toBe(409);
    const reread = await settled(id);
    expect(reread.status).toBe('accepted');
    expect(reread.result!.booked).toHaveLength(proposal.placements.length - 1);

    const events = await t.database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.entityId, id)));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['schedule-run.start', 'schedule-run.read', 'schedule-run.accept']));
    const bookings = await t.database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'appointment.book')));
    // Each booked placement is audited as a booking, plus the clashing booking made by hand.
    expect(bookings).toHaveLength(proposal.placements.length);
  });

  it('does not book again what is already booked: a second run for the same week places nothing new', async () => {
    const started = await as('director', 'POST', '/api/v1/schedule-runs', { programId: null });
    expect(started.statusCode, started.body).toBe(202);
    const run = await settled(started.json<{ id: string }>().id);
    expect(run.status, run.error ?? '').toBe('solved');
    // Of the first participants, only what is still missing is asked for again; the newcomer's week is new.
    const asked = [...run.proposal!.placements, ...run.proposal!.unplaced]
      .filter((p) => people.some((x) => x.participantId === p.participantId))
      .map((p) => `${p.participantId}|${p.kind}`);
    expect(asked.sort()).toEqual([...stillMissing].sort());
  });

  it('asks for what the program’s own setting requires instead of the default', async () => {
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const evening = await buildProgram(db, site);
    await db.update(programTable).set({ requiredServices: [{ kind: 'individual', count: 2, everyWeeks: 1 }] }).where(eq(programTable.id, evening.id));
    const eveningTrack = await buildTrack(db, evening);
    const someone = await enrol(t, org.orgId, evening.id, eveningTrack.id, '2026-11-02');
    const started = await as('director', 'POST', '/api/v1/schedule-runs', { programId: evening.id });
    expect(started.statusCode, started.body).toBe(202);
    const run = await settled(started.json<{ id: string }>().id);
    expect(run.status, run.error ?? '').toBe('solved');
    // Nobody works at this site yet: the two individual sessions are asked for, and explained as unplaced.
    expect(run.proposal!.placements).toEqual([]);
    expect(run.proposal!.unplaced).toEqual([expect.objectContaining({ participantId: someone.participantId, kind: 'individual', count: 2, reason: 'no_eligible_clinician' })]);
  });
});
