import { describe, expect, it } from 'vitest';
import { SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES, scheduleRunInterrupted, type ScheduleRunStatus } from './schedule-runs.ts';

describe('scheduleRunInterrupted', () => {
  const started = '2026-11-18T15:00:00.000Z';
  const after = (minutes: number) => new Date(Date.parse(started) + minutes * 60_000);
  const limit = SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES;

  it.each<[ScheduleRunStatus, number, boolean]>([
    ['queued', 0, false],
    ['queued', limit - 1 / 60_000, false], // a millisecond short of the limit
    ['queued', limit, true],
    ['queued', 24 * 60, true],
    ['solved', 24 * 60, false],
    ['failed', 24 * 60, false],
    ['accepted', 24 * 60, false],
  ])('a %s run %f minutes after it started: interrupted %s', (status, minutes, expected) => {
    expect(scheduleRunInterrupted({ status, createdAt: started }, after(minutes))).toBe(expected);
  });
});
