import { expect } from 'vitest';
import type { ScheduleRun } from '@trellis/core';
import type { TestApp, TestStaff } from '../../testing/harness.ts';

/** Starts a run of next week (one program, or the whole organisation for null) and polls it until it leaves the queue. */
export async function runToEnd(t: TestApp, staff: TestStaff, programId: string | null): Promise<ScheduleRun> {
  const started = await t.as(staff, { method: 'POST', url: '/api/v1/schedule-runs', payload: { programId } });
  expect(started.statusCode, started.body).toBe(202);
  const { id } = started.json<{ id: string }>();
  for (let i = 0; i < 200; i++) {
    const run = (await t.as(staff, { method: 'GET', url: `/api/v1/schedule-runs/${id}` })).json<ScheduleRun>();
    if (run.status !== 'queued') return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the run was never solved');
}
