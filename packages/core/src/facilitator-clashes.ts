/**
 * One person cannot run two groups at once. Weekly blocks repeat, so two blocks clash when they need the same
 * person — as facilitator or co-facilitator — on the same weekday with overlapping times in the same zone. This is
 * a warning, not a refusal: a planned hand-over is the director's call.
 */

/** A weekly block as far as who runs it and when. Times are 'HH:MM' local to `timeZone`, which sort as strings do. */
export interface WeeklyFacilitation {
  weekday: number;
  startTime: string;
  endTime: string;
  facilitatorId: string | null | undefined;
  /** Staff who run the block beside its facilitator; they are as booked as the facilitator is. */
  coFacilitatorIds?: readonly string[] | null | undefined;
  timeZone: string;
}

export interface WeeklyClash<T> {
  /** Index of the block among `ours`. */
  index: number;
  /** The person needed in both places. */
  facilitatorId: string;
  other: T;
}

/** Everyone a block needs: its facilitator and its co-facilitators. */
export function facilitatorsOf(block: Partial<Pick<WeeklyFacilitation, 'facilitatorId' | 'coFacilitatorIds'>>): string[] {
  return [...(block.facilitatorId ? [block.facilitatorId] : []), ...(block.coFacilitatorIds ?? [])];
}

/** The first person both blocks need when they overlap in time, or undefined. */
const sharedPerson = (a: WeeklyFacilitation, b: WeeklyFacilitation): string | undefined => {
  if (a.weekday !== b.weekday || a.timeZone !== b.timeZone || !(a.startTime < b.endTime && b.startTime < a.endTime)) return undefined;
  const theirs = new Set(facilitatorsOf(b));
  return facilitatorsOf(a).find((id) => theirs.has(id));
};

/**
 * Each of `ours` that needs someone also booked at an overlapping time by one of `others` (blocks of other tracks)
 * or by another of `ours`. Blocks of sites in different zones are not compared: their weekly times do not line up
 * the same way in every week.
 */
export function facilitatorClashes<O extends WeeklyFacilitation, T extends WeeklyFacilitation>(
  ours: readonly O[],
  others: readonly T[],
): WeeklyClash<T | O>[] {
  const clashes: WeeklyClash<T | O>[] = [];
  ours.forEach((block, index) => {
    const candidates: (T | O)[] = [...others, ...ours.filter((_, j) => j !== index)];
    for (const other of candidates) {
      const facilitatorId = sharedPerson(block, other);
      if (facilitatorId) {
        clashes.push({ index, facilitatorId, other });
        return;
      }
    }
  });
  return clashes;
}
