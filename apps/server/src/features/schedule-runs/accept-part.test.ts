import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { ScheduleRun } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { appointment, room } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack } from '../ledger/fixtures.ts';
import { runToEnd } from './run-to-end.ts';

// Wednesday 18 November 2026 in New York: the run schedules the week of Monday 23 November.
const NOW = '2026-11-18T15:00:00Z';

describe('accepting part of a schedule run', () => {
  let t: TestApp;
  let org: TestOrg;
  let run: ScheduleRun;
  const people: string[] = [];

  const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.as(org.staff.director, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const accept = (placementIds?: unknown) => as('POST', `/api/v1/schedule-runs/${run.id}/accept`, placementIds === undefined ? undefined : { placementIds });
  const bookedFor = async () =>
    t.database.db
      .select({ participantId: appointment.participantId, kind: appointment.kind, startsAt: appointment.startsAt })
      .from(appointment)
      .where(and(eq(appointment.orgId, org.orgId), inArray(appointment.participantId, people)));

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Accept part');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const program = await buildProgram(db, site);
    const track = await buildTrack(db, program);
    for (const userId of [org.staff.clinician.id, org.staff.prescriber.id]) await assignToProgram(db, org.orgId, userId, program.id);
    await db.insert(room).values({ orgId: org.orgId, siteId: site.id, name: 'Cedar', kind: 'physical', capacity: 4 });
    const hours = (weekdays: number[], startTime: string, endTime: string) => weekdays.map((weekday) => ({ siteId: site.id, weekday, startTime, endTime }));
    for (const [who, rules] of [
      ['clinician', hours([1, 2, 3, 4, 5], '09:00', '12:00')],
      ['prescriber', hours([2], '13:00', '15:00')],
    ] as const) {
      const res = await as('PUT', `/api/v1/staff/${org.staff[who].id}/availability`, { rules, maxSessionsPerDay: null, version: null });
      expect(res.statusCode, res.body).toBe(200);
    }
    for (let i = 0; i < 2; i++) people.push((await enrol(t, org.orgId, program.id, track.id, '2026-11-02')).participantId);
    run = await runToEnd(t, org.staff.director, program.id);
    expect(run.status, run.error ?? '').toBe('solved');
  });
  afterAll(async () => t?.close());

  it('gives every placement a distinct id', () => {
    const ids = run.proposal!.placements.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses ids that are not this run’s placements with 400 naming each, and books nothing', async () => {
    const first = run.proposal!.placements[0]!.id;
    const res = await accept([first, 'nope', `${first}x`]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.placementIds.1', message: 'nope is not a placement of this run' },
      { path: 'body.placementIds.2', message: `${first}x is not a placement of this run` },
    ]);
    expect((await accept([])).statusCode).toBe(400);
    expect(await bookedFor()).toEqual([]);
  });

  it('books only the placements chosen, then the rest; 409 names those accepted already', async () => {
    const placements = run.proposal!.placements;
    const mine = placements.filter((p) => p.participantId === people[0]);
    const first = await accept(mine.map((p) => p.id));
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = first.json<ScheduleRun>();
    expect(afterFirst.status).toBe('accepted');
    expect(afterFirst.result!.booked.map((b) => b.participantId)).toEqual(mine.map(() => people[0]));
    const booked = await bookedFor();
    expect(booked).toHaveLength(mine.length);
    expect(booked.every((b) => b.participantId === people[0])).toBe(true);

    const rest = placements.filter((p) => p.participantId !== people[0]);
    const twice = await accept([rest[0]!.id, mine[0]!.id]);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors).toEqual([{ path: 'body.placementIds.1', message: `${mine[0]!.id} was accepted already` }]);
    // The refusal is whole: the other id named was not booked either.
    expect(await bookedFor()).toHaveLength(mine.length);

    const second = await accept(rest.map((p) => p.id));
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<ScheduleRun>().result!.booked).toHaveLength(placements.length);
    expect(await bookedFor()).toHaveLength(placements.length);
    // Without ids, an accepted run has nothing left to accept.
    const whole = await accept();
    expect(whole.statusCode, whole.body).toBe(409);
  });

  it('shows on the participant’s ledger each required service as missing in weeks gone, due or booked in the week under way', async () => {
    // Thursday 19 November, 09:00 in New York, inside the clinician's hours.
    const booked = await as('POST', '/api/v1/appointments', { participantId: people[0], clinicianId: org.staff.clinician.id, kind: 'individual', startsAt: '2026-11-19T14:00:00Z', roomId: null });
    expect(booked.statusCode, booked.body).toBe(201);
    const res = await as('GET', `/api/v1/participants/${people[0]}/ledger`);
    expect(res.statusCode, res.body).toBe(200);
    const services = res.json<{ services: { weekMonday: string; items: { kind: string; status: string; booked: number }[] }[] }>().services;
    const byWeek = Object.fromEntries(services.map((w) => [w.weekMonday, Object.fromEntries(w.items.map((i) => [i.kind, i.status]))]));
    // Admitted Monday 2 November with nothing booked: the ended weeks miss everything the default asks for.
    expect(byWeek['2026-11-02']).toEqual({ individual: 'missing', family: 'missing', psychiatry: 'missing' });
    expect(byWeek['2026-11-16']).toEqual({ individual: 'booked', family: 'due', psychiatry: 'due' });
  });
});
