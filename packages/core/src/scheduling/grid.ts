/**
 * Start times on a wall-clock grid (every 15 minutes past the local hour). The grid follows the site's clock, not UTC:
 * in a zone 5:30 ahead of UTC an hourly grid starts at :30 UTC, and after a DST change the grid moves with the clock.
 */
import { Temporal } from '../time.ts';
import type { Interval } from './intervals.ts';

/** Grid steps that divide an hour, so that every hour of the local day starts on the grid. */
export const GRID_MINUTES = [5, 10, 15, 20, 30, 60] as const;

const MINUTE = 60_000;

function offsetMs(epochMs: number, zone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
}

function alignUp(epochMs: number, offset: number, step: number): number {
  return Math.ceil((epochMs + offset) / step) * step - offset;
}

/** Throws RangeError unless the grid step divides an hour. */
export function checkGridMinutes(gridMinutes: number): void {
  if (!(GRID_MINUTES as readonly number[]).includes(gridMinutes)) {
    throw new RangeError(`gridMinutes must be one of ${GRID_MINUTES.join(', ')}`);
  }
}

/**
 * Every start on the local grid at which an appointment of `lengthMinutes` fits wholly inside `free`, earliest
 * first. Lengths are real elapsed minutes, so a 25-minute visit at 01:45 on spring-forward night ends at 03:10.
 */
export function gridStartsWithin(free: Interval, lengthMinutes: number, gridMinutes: number, zone: string): number[] {
  checkGridMinutes(gridMinutes);
  const step = gridMinutes * MINUTE;
  const length = lengthMinutes * MINUTE;
  const starts: number[] = [];
  const lastStart = free.end - length;
  if (lastStart < free.start) return starts;
  const offsetAtStart = offsetMs(free.start, zone);
  if (offsetAtStart === offsetMs(lastStart, zone)) {
    // No offset change inside: one alignment holds throughout (the common case, and the fast one).
    for (let t = alignUp(free.start, offsetAtStart, step); t <= lastStart; t += step) starts.push(t);
    return starts;
  }
  for (let t = alignUp(free.start, offsetAtStart, step); t <= lastStart; ) {
    const aligned = alignUp(t, offsetMs(t, zone), step);
    if (aligned > lastStart) break;
    if (aligned === t) {
      starts.push(t);
      t += step;
    } else t = aligned;
  }
  return starts;
}
