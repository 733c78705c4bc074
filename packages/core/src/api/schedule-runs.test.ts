import { describe, expect, it } from 'vitest';
import {
  SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES,
  SCHEDULE_RUN_PHASES,
  scheduleRunInterrupted,
  scheduleRunPercent,
  type ScheduleRunPhase,
  type ScheduleRunStatus,
} from './schedule-runs.ts';

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

describe('scheduleRunPercent', () => {
  const at = (phase: ScheduleRunPhase, site: number, sites: number, done: number | null = null) => ({ phase, site, sites, done, total: done === null ? null : 1000 });

  it.each<[ReturnType<typeof at>, number]>([
    [at('loading', 1, 1), 0],
    [at('building-network', 1, 1), 23], // one of four per-site phases of 90
    [at('solving', 1, 1, 0), 45],
    [at('solving', 1, 1, 999), 45], // the count is a limit, not a total: not read
    [at('explaining-unplaced', 1, 1), 68],
    [at('loading', 2, 2), 45], // the first of two sites done
    [at('explaining-unplaced', 2, 2), 79],
    [at('saving', 2, 2), 90],
    [at('done', 2, 2), 100],
    [at('solving', 0, 0), 45], // no sites reported: read as one
  ])('%o is %i %%', (progress, percent) => expect(scheduleRunPercent(progress)).toBe(percent));

  it('only moves forward through the phases of every site', () => {
    const order = [1, 2, 3].flatMap((site) => SCHEDULE_RUN_PHASES.filter((p) => p !== 'saving' && p !== 'done').map((p) => at(p, site, 3)));
    const percents = [...order, at('saving', 3, 3), at('done', 3, 3)].map(scheduleRunPercent);
    percents.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(percents[i]!));
  });
});
