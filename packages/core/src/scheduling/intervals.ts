/**
 * Interval algebra over instants. An interval is half-open, [start, end), in epoch milliseconds: exact, zone-free and
 * cheap to compare, which the slot finder and the auto-scheduler need when they test thousands of candidate times.
 * Zones enter only where wall-clock rules are turned into instants (weekly-rules.ts), through Temporal.
 *
 * Every operation returns a normalised list: sorted by start, no empty intervals, and no two that overlap or touch
 * (overlapping and adjacent pieces are merged, so a rule entered twice is counted once).
 */
import { Temporal } from '../time.ts';

export interface Interval {
  /** Epoch milliseconds, inclusive. */
  start: number;
  /** Epoch milliseconds, exclusive. */
  end: number;
}

/** An interval from two ISO-8601 instants. */
export function intervalOf(startInstant: string, endInstant: string): Interval {
  return {
    start: Temporal.Instant.from(startInstant).epochMilliseconds,
    end: Temporal.Instant.from(endInstant).epochMilliseconds,
  };
}

/** An interval as two ISO-8601 UTC instants, the form the API and database use. */
export function intervalToInstants(interval: Interval): { start: string; end: string } {
  return {
    start: Temporal.Instant.fromEpochMilliseconds(interval.start).toString(),
    end: Temporal.Instant.fromEpochMilliseconds(interval.end).toString(),
  };
}

/** Sorted, non-empty, with overlapping and adjacent intervals merged into one. */
export function normaliseIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    // `<=` merges touching intervals too: 09:00–10:00 and 10:00–11:00 are one stretch of busy time.
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ start: next.start, end: next.end });
  }
  return merged;
}

/** Every instant in either list. */
export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normaliseIntervals([...a, ...b]);
}

/** Instants in both lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = normaliseIntervals(a);
  const right = normaliseIntervals(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i]!;
    const y = right[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) result.push({ start, end });
    // Drop whichever ends first: it cannot meet anything later in the other list.
    if (x.end <= y.end) i++;
    else j++;
  }
  return result;
}

/** Instants in `from` and not in `minus` (free time = hours − busy). */
export function subtractIntervals(from: readonly Interval[], minus: readonly Interval[]): Interval[] {
  const base = normaliseIntervals(from);
  const cut = normaliseIntervals(minus);
  const result: Interval[] = [];
  let j = 0;
  for (const piece of base) {
    let cursor = piece.start;
    // Cuts ending before this piece cannot touch later pieces either (both lists are sorted).
    while (j < cut.length && cut[j]!.end <= cursor) j++;
    let k = j;
    while (k < cut.length && cut[k]!.start < piece.end) {
      const c = cut[k]!;
      if (c.start > cursor) result.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
      k++;
    }
    if (cursor < piece.end) result.push({ start: cursor, end: piece.end });
  }
  return result;
}

/** Whether `inner` lies wholly within one interval of a normalised list (binary search). */
export function coversInterval(normalised: readonly Interval[], inner: Interval): boolean {
  let lo = 0;
  let hi = normalised.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = normalised[mid]!;
    if (piece.end <= inner.start) lo = mid + 1;
    else if (piece.start > inner.start) hi = mid - 1;
    else return piece.end >= inner.end;
  }
  return false;
}

/** Whether any interval of a normalised list shares an instant with `probe` (binary search). */
export function overlapsAny(normalised: readonly Interval[], probe: Interval): boolean {
  let lo = 0;
  let hi = normalised.length;
  // First interval ending after the probe starts; it overlaps exactly when it starts before the probe ends.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (normalised[mid]!.end <= probe.start) lo = mid + 1;
    else hi = mid;
  }
  const candidate = normalised[lo];
  return candidate !== undefined && candidate.start < probe.end && probe.end > probe.start;
}

/** Total length of a list in minutes, counting overlaps once. */
export function totalMinutes(intervals: readonly Interval[]): number {
  return normaliseIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0) / 60_000;
}
