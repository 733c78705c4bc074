import { describe, expect, it } from 'vitest';
import { acknowledgementByPeriod, percentileCont, periodStart, summariseAcknowledgement } from './outcomes-acknowledgement.ts';

describe('percentiles as PostgreSQL computes them (percentile_cont)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 91],
    [[300, 60, 120], 0.5, 120],
    [[0, 100], 0.9, 90],
  ])('%j at %f → %s', (values, p, expected) => {
    expect(percentileCont(values, p)).toBe(expected);
  });

  it('refuses a percentile outside 0..1', () => {
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
  });
});

describe('periods', () => {
  it.each([
    ['2026-11-18', 'week', '2026-11-16'], // a Wednesday
    ['2026-11-16', 'week', '2026-11-16'], // a Monday
    ['2026-11-22', 'week', '2026-11-16'], // a Sunday ends the program week
    ['2026-03-01', 'week', '2026-02-23'], // across a month end
    ['2026-11-30', 'month', '2026-11-01'],
    ['2026-01-01', 'month', '2026-01-01'],
  ] as const)('%s in its %s starts %s', (date, period, start) => {
    expect(periodStart(date, period)).toBe(start);
  });
});

describe('time to acknowledgement', () => {
  it('takes median and 90th percentile over acknowledged alerts and counts the open ones apart', () => {
    const summary = summariseAcknowledgement([
      { createdOn: '2026-11-02', secondsToAcknowledge: 600 },
      { createdOn: '2026-11-03', secondsToAcknowledge: 60 },
      { createdOn: '2026-11-04', secondsToAcknowledge: 3600 },
      { createdOn: '2026-11-05', secondsToAcknowledge: null },
    ]);
    // 60, 600, 3600: median 600; p90 at rank 1.8 → 600 + 0.8 × 3000
    expect(summary).toEqual({ alerts: 4, acknowledged: 3, unacknowledged: 1, medianSeconds: 600, p90Seconds: 3000 });
  });

  it('has no times when nothing was acknowledged', () => {
    expect(summariseAcknowledgement([{ createdOn: '2026-11-02', secondsToAcknowledge: null }])).toEqual({
      alerts: 1,
      acknowledged: 0,
      unacknowledged: 1,
      medianSeconds: null,
      p90Seconds: null,
    });
  });

  it('groups by the week an alert was raised in, oldest first', () => {
    const rows = acknowledgementByPeriod(
      [
        { createdOn: '2026-11-18', secondsToAcknowledge: 100 },
        { createdOn: '2026-11-09', secondsToAcknowledge: 50 },
        { createdOn: '2026-11-22', secondsToAcknowledge: null },
      ],
      'week',
    );
    expect(rows.map((r) => [r.periodStart, r.summary.alerts, r.summary.unacknowledged])).toEqual([
      ['2026-11-09', 1, 0],
      ['2026-11-16', 2, 1],
    ]);
  });
});
