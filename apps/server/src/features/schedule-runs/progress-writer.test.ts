import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleRunProgress } from '@trellis/core';
import { PROGRESS_WRITE_EVERY_MS, ProgressWriter } from './progress-writer.ts';

afterEach(() => vi.useRealTimers());

const solving = (done: number): ScheduleRunProgress => ({ phase: 'solving', done, total: 1000, site: 1, sites: 1 });

describe('writing a run’s progress', () => {
  it('writes at most once per interval, the latest report, and nothing after it is stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const written: (number | null)[] = [];
    const writer = new ProgressWriter(async (p) => void written.push(p.done));
    writer.report(solving(4)); // the first report is written at once
    writer.report(solving(8));
    writer.report(solving(12));
    await vi.advanceTimersByTimeAsync(PROGRESS_WRITE_EVERY_MS - 1);
    expect(written).toEqual([4]);
    await vi.advanceTimersByTimeAsync(1); // then the latest, once the interval is up
    expect(written).toEqual([4, 12]);
    writer.report(solving(16)); // within the interval of the last write: waits
    await writer.stop();
    await vi.advanceTimersByTimeAsync(10 * PROGRESS_WRITE_EVERY_MS);
    expect(written).toEqual([4, 12]);
  });

  it('writes one at a time, and stop waits for the write under way', async () => {
    let now = 0;
    const order: string[] = [];
    let release = () => {};
    const writer = new ProgressWriter(
      (p) =>
        new Promise<void>((resolve) => {
          order.push(`start ${p.done}`);
          release = () => {
            order.push(`end ${p.done}`);
            resolve();
          };
        }),
      () => now,
    );
    writer.report(solving(4));
    now += PROGRESS_WRITE_EVERY_MS;
    writer.report(solving(8)); // due, but queued behind the first write
    await Promise.resolve();
    expect(order).toEqual(['start 4']);
    const stopped = writer.stop().then(() => order.push('stopped'));
    release();
    await vi.waitFor(() => expect(order).toContain('start 8'));
    release();
    await stopped;
    expect(order).toEqual(['start 4', 'end 4', 'start 8', 'end 8', 'stopped']);
  });

  it('loses only the report when a write fails', async () => {
    const written: (number | null)[] = [];
    let now = 0;
    const writer = new ProgressWriter(async (p) => {
      if (p.done === 4) throw new Error('connection lost');
      written.push(p.done);
    }, () => now);
    writer.report(solving(4));
    now += PROGRESS_WRITE_EVERY_MS;
    writer.report(solving(8));
    await writer.stop();
    expect(written).toEqual([8]);
  });
});
