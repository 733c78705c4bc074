/**
 * One person cannot run two groups at once. Weekly blocks repeat, so two blocks clash when they name the same
 * facilitator on the same weekday with overlapping times in the same zone. This is a warning, not a refusal: a
 * co-facilitated pair of groups or a planned hand-over is the director's call.
 */

/** A weekly block as far as who runs it and when. Times are 'HH:MM' local to `timeZone`, which sort as strings do. */
export interface WeeklyFacilitation {
  weekday: number;
  startTime: string;
  endTime: string;
  facilitatorId: string | null | undefined;
  timeZone: string;
}

export interface WeeklyClash<T> {
  /** Index of the block among `ours`. */
  index: number;
  other: T;
}

const overlaps = (a: WeeklyFacilitation, b: WeeklyFacilitation) =>
  a.facilitatorId != null &&
  a.facilitatorId === b.facilitatorId &&
  a.weekday === b.weekday &&
  a.timeZone === b.timeZone &&
  a.startTime < b.endTime &&
  b.startTime < a.endTime;

/**
 * Each of `ours` whose facilitator is also booked at an overlapping time by one of `others` (blocks of other tracks)
 * or by another of `ours`. Blocks of sites in different zones are not compared: their weekly times do not line up
 * the same way in every week.
 */
export function facilitatorClashes<O extends WeeklyFacilitation, T extends WeeklyFacilitation>(
  ours: readonly O[],
  others: readonly T[],
): WeeklyClash<T | O>[] {
  const clashes: WeeklyClash<T | O>[] = [];
  ours.forEach((block, index) => {
    const other = others.find((o) => overlaps(block, o)) ?? ours.find((o, j) => j !== index && overlaps(block, o));
    if (other) clashes.push({ index, other });
  });
  return clashes;
}
