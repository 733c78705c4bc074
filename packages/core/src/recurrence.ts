/**
 * Weekly recurrence of track blocks. Blocks are wall-clock times in the site's zone, so an 18:00 group stays at 18:00
 * for the people in the room when DST changes, and its UTC instant moves instead.
 */
import { Temporal, addDays, isValidLocalTime, weekdayOf, zonedInstant } from './time.ts';

export interface WeeklyBlock {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local 'HH:MM'. */
  startTime: string;
  /** Local 'HH:MM', after startTime on the same day. */
  endTime: string;
}

export interface Occurrence {
  /** Index of the block in the input array. */
  blockIndex: number;
  localDate: string;
  startsAt: string;
  endsAt: string;
}

function checkBlock(block: WeeklyBlock, index: number): void {
  if (!Number.isInteger(block.weekday) || block.weekday < 1 || block.weekday > 7) {
    throw new RangeError(`Block ${index}: weekday must be 1 (Monday) to 7 (Sunday)`);
  }
  if (!isValidLocalTime(block.startTime)) throw new RangeError(`Block ${index}: start time must be HH:MM`);
  if (!isValidLocalTime(block.endTime)) throw new RangeError(`Block ${index}: end time must be HH:MM`);
  // Zero-padded HH:MM strings sort as times do.
  if (block.endTime <= block.startTime) throw new RangeError(`Block ${index}: end time must be after start time`);
}

/** Occurrences of weekly blocks between two local dates inclusive, in the zone, sorted by startsAt then blockIndex. */
export function occurrencesOfWeeklyBlocks(
  blocks: readonly WeeklyBlock[],
  zone: string,
  fromDate: string,
  toDate: string,
): Occurrence[] {
  blocks.forEach(checkBlock);
  // Validate both ends first: a malformed fromDate would otherwise compare past toDate and return nothing.
  weekdayOf(fromDate);
  weekdayOf(toDate);
  const occurrences: Occurrence[] = [];
  // Step by calendar date, not by 24 hours, so a 23- or 25-hour DST day cannot skip or repeat a date.
  // Validated 'YYYY-MM-DD' strings compare as dates do.
  for (let localDate = fromDate; localDate <= toDate; localDate = addDays(localDate, 1)) {
    const weekday = weekdayOf(localDate);
    blocks.forEach((block, blockIndex) => {
      if (block.weekday !== weekday) return;
      const startsAt = zonedInstant(localDate, block.startTime, zone);
      const endsAt = zonedInstant(localDate, block.endTime, zone);
      // A start inside a spring-forward gap moves an hour later and can pass an end just after the gap
      // (02:45–03:15); such an occurrence has no real time, so it ends when it starts rather than before.
      const ordered = Temporal.Instant.compare(endsAt, startsAt) < 0 ? startsAt : endsAt;
      occurrences.push({ blockIndex, localDate, startsAt, endsAt: ordered });
    });
  }
  return occurrences.sort((a, b) => Temporal.Instant.compare(a.startsAt, b.startsAt) || a.blockIndex - b.blockIndex);
}
