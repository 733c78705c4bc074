/**
 * Time to acknowledgement of safety alerts, by program and period: how long alerts waited for a person to say what
 * they did, and how many are still waiting. Pure: the server gives each alert's local creation date and its wait.
 */
import { addDays, weekdayOf } from '../time.ts';

export const ACK_PERIODS = ['week', 'month'] as const;
/** A reporting period: a program week (Monday to Sunday) or a calendar month, in the program's site zone. */
export type AckPeriod = (typeof ACK_PERIODS)[number];

/** The first day of the period holding a local date: that week's Monday, or the 1st of the month. */
export function periodStart(date: string, period: AckPeriod): string {
  return period === 'week' ? addDays(date, 1 - weekdayOf(date)) : `${date.slice(0, 7)}-01`;
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between closest ranks — PostgreSQL's percentile_cont, so a
 * figure checked in SQL reads the same; null for no values.
 */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError('a percentile is between 0 and 1');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** One alert as the report counts it: when it was raised (local date) and how long it waited, null while open. */
export interface AlertWait {
  createdOn: string;
  secondsToAcknowledge: number | null;
}

export interface AcknowledgementSummary {
  alerts: number;
  acknowledged: number;
  /** Raised in the period and still open now. */
  unacknowledged: number;
  /** Over acknowledged alerts only; an open alert has no time yet (the open count says how many wait). */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Alert count, acknowledged and open counts, and the median and 90th percentile of the time to acknowledgement. */
export function summariseAcknowledgement(alerts: readonly AlertWait[]): AcknowledgementSummary {
  const waits = alerts.flatMap((a) => (a.secondsToAcknowledge === null ? [] : [a.secondsToAcknowledge]));
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  return {
    alerts: alerts.length,
    acknowledged: waits.length,
    unacknowledged: alerts.length - waits.length,
    medianSeconds: round(percentileCont(waits, 0.5)),
    p90Seconds: round(percentileCont(waits, 0.9)),
  };
}

/** Alerts grouped by the period they were raised in, oldest period first, each summarised. */
export function acknowledgementByPeriod(
  alerts: readonly AlertWait[],
  period: AckPeriod,
): { periodStart: string; summary: AcknowledgementSummary }[] {
  const groups = new Map<string, AlertWait[]>();
  for (const a of alerts) {
    const start = periodStart(a.createdOn, period);
    const list = groups.get(start) ?? [];
    list.push(a);
    groups.set(start, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, list]) => ({ periodStart: start, summary: summariseAcknowledgement(list) }));
}
