/**
 * The demo's next week can be auto-scheduled: every clinician and the prescriber have working hours at their sites, so
 * a run over the whole organisation places most of the week, keeps to each site's hours and to leave, and explains
 * whatever it could not place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal, type ScheduleRun } from '@trellis/core';
import { eq } from 'drizzle-orm';
import { site } from '../db/schema.ts';
import { startTestApp, type TestApp, type TestStaff } from '../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';

// Wednesday 18 November 2026, 10:00 in New York: the run fills the week of Monday 23 November.
const NOW = '2026-11-18T15:00:00Z';
const DOMAIN = 'demo-schedule.test';

describe('the demo’s auto-schedule', () => {
  let t: TestApp;
  let director: TestStaff;
  let run: ScheduleRun;
  let zoneOf: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const { orgId } = await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'demo-schedule', emailDomain: DOMAIN, name: 'Demo Schedule' }));
    const sites = await t.database.db.select({ id: site.id, timeZone: site.timeZone }).from(site).where(eq(site.orgId, orgId));
    zoneOf = new Map(sites.map((s) => [s.id, s.timeZone]));
    const email = `director@${DOMAIN}`;
    director = { id: email, email, role: 'director', cookie: await t.signIn(email, DEMO_PASSWORD) };
    const started = await t.as(director, { method: 'POST', url: '/api/v1/schedule-runs', payload: { programId: null } });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json<{ id: string }>();
    for (let i = 0; i < 400; i++) {
      run = (await t.as(director, { method: 'GET', url: `/api/v1/schedule-runs/${id}` })).json<ScheduleRun>();
      if (run.status !== 'queued') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the run was never solved');
  }, 300_000);
  afterAll(async () => t?.close());

  it('places most of next week, with every clinician and the prescriber, and explains each appointment it could not place', () => {
    expect(run.status, run.error ?? '').toBe('solved');
    const { placements, unplaced } = run.proposal!;
    const asked = placements.length + unplaced.reduce((n, u) => n + u.count, 0);
    expect(placements.length / asked).toBeGreaterThanOrEqual(0.8);
    expect(new Set(placements.map((p) => p.clinicianName))).toEqual(new Set(['Sam Okafor', 'Jo Whitfield', 'Kit Navarro', 'Dr. Priya Anand']));
    // Each program's participants are seen, the adolescents at Harbor too.
    expect(new Set(placements.map((p) => p.programId)).size).toBe(3);
    for (const u of unplaced) expect(u.explanation.length).toBeGreaterThan(10);
  });

  it('keeps each placement to its site’s working day and to Jo Whitfield’s leave next Friday', () => {
    for (const p of run.proposal!.placements) {
      const local = Temporal.Instant.from(p.startsAt).toZonedDateTimeISO(zoneOf.get(p.siteId)!);
      const time = local.toPlainTime().toString().slice(0, 5);
      expect(time >= '08:00' && time <= '19:00', `${p.clinicianName} at ${time}`).toBe(true);
      if (p.clinicianName === 'Jo Whitfield') expect(local.toPlainDate().toString()).not.toBe('2026-11-27');
    }
  });
});
