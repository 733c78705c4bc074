/**
 * A run whose process stopped while solving stays queued in the table; read long enough after it started it is failed
 * with a reason that says to start it again, so the coordinator's page stops waiting. A run still within the limit is
 * left queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES, SCHEDULE_RUN_INTERRUPTED_TEXT, type ScheduleRun } from '@trellis/core';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { scheduleRun } from '../../db/schema.ts';

const NOW = '2026-11-18T15:00:00Z';

describe('a run interrupted while solving', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Interrupted runs');
  });
  afterAll(async () => t?.close());

  /** A queued run as a process that stopped mid-solve leaves it (nothing in this process will solve it). */
  async function leftQueued(minutesAgo: number) {
    const createdAt = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
    const [row] = await t.database.db
      .insert(scheduleRun)
      .values({ orgId: org.orgId, programId: null, weekMonday: '2026-11-23', requestedBy: org.staff.director.id, createdAt, updatedAt: createdAt })
      .returning({ id: scheduleRun.id });
    return row!.id;
  }
  const read = async (id: string) => {
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/schedule-runs/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ScheduleRun>();
  };

  it('stays queued within the limit, and is failed with the reason once past it', async () => {
    const id = await leftQueued(SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES - 1);
    expect((await read(id)).status).toBe('queued');

    t.clock.advanceMinutes(1);
    const run = await read(id);
    expect(run).toMatchObject({ status: 'failed', error: SCHEDULE_RUN_INTERRUPTED_TEXT });
    const [stored] = await t.database.db.select({ status: scheduleRun.status, error: scheduleRun.error }).from(scheduleRun).where(eq(scheduleRun.id, id));
    expect(stored).toEqual({ status: 'failed', error: SCHEDULE_RUN_INTERRUPTED_TEXT });
  });

  it('cannot be accepted once failed', async () => {
    const id = await leftQueued(SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES * 3);
    expect((await read(id)).status).toBe('failed');
    const res = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/schedule-runs/${id}/accept`, payload: {} });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
