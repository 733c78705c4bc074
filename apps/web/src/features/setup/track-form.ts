import { createTrackSchema, GROUP_CAPACITY_DEFAULT, updateTrackSchema, type FacilitatorClashCheck, type SessionKind } from '@trellis/core';
import type { Track, TrackBlock } from '../../api/types.ts';
import { coreRequestForm } from '../../app/core-form.ts';

export interface BlockValues {
  /** Kept so the server can tell an edited block from a new one (and keep its sessions). */
  id?: string;
  key: string;
  weekday: string | null;
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind | null;
  /** An unbilled break inside the block, in minutes: it does not count toward weekly hours. */
  breakMinutes: number | string;
  facilitatorId: string | null;
  /** Staff who run the block's groups beside the facilitator. */
  coFacilitatorIds: string[];
  roomId: string | null;
  capacity: number | string;
}

export interface TrackValues {
  programId: string | null;
  name: string;
  active: boolean;
  blocks: BlockValues[];
}

export const WEEKDAYS = [
  { value: '1', label: 'Monday' },
  { value: '2', label: 'Tuesday' },
  { value: '3', label: 'Wednesday' },
  { value: '4', label: 'Thursday' },
  { value: '5', label: 'Friday' },
  { value: '6', label: 'Saturday' },
  { value: '7', label: 'Sunday' },
];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

let keySeq = 0;
export const newKey = () => `block-${++keySeq}`;

export function blockValuesOf(b: TrackBlock): BlockValues {
  return {
    id: b.id,
    key: b.id ?? newKey(),
    weekday: String(b.weekday),
    startTime: b.startTime,
    endTime: b.endTime,
    title: b.title,
    kind: b.kind,
    breakMinutes: b.breakMinutes,
    facilitatorId: b.facilitatorId,
    coFacilitatorIds: b.coFacilitatorIds,
    roomId: b.roomId,
    capacity: b.capacity,
  };
}

export function trackValuesOf(track: Track | undefined, programId: string | null): TrackValues {
  return track
    ? { programId: track.programId, name: track.name, active: track.active, blocks: track.blocks.map(blockValuesOf) }
    : { programId, name: '', active: true, blocks: [] };
}

const FIRST_BLOCK = { weekday: '1', startTime: '09:00', endTime: '10:30' } as const;

function minutesOfTime(time: string): number | null {
  if (!TIME.test(time)) return null;
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

function timeOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function blockLike(last: BlockValues | undefined, when: Pick<BlockValues, 'weekday' | 'startTime' | 'endTime'>): BlockValues {
  return {
    key: newKey(),
    ...when,
    title: last?.title ?? '',
    kind: last?.kind ?? 'group_therapy',
    breakMinutes: last?.breakMinutes ?? 0,
    facilitatorId: last?.facilitatorId ?? null,
    coFacilitatorIds: last?.coFacilitatorIds ?? [],
    roomId: last?.roomId ?? null,
    capacity: last?.capacity ?? GROUP_CAPACITY_DEFAULT,
  };
}

/** A copy of a block on the next day at the same time, so a Mon/Tue/Thu template takes few taps. */
export function blockOnNextDay(block: BlockValues): BlockValues {
  const weekday = block.weekday ? String((Number(block.weekday) % 7) + 1) : FIRST_BLOCK.weekday;
  return blockLike(block, { weekday, startTime: block.startTime, endTime: block.endTime });
}

/**
 * The block "Add block" appends: the same day as the last block, starting when it ends and lasting as long
 * (09:00–10:30 is followed by 10:30–12:00). When that would run past midnight it goes to the next day instead.
 * A track's first block is Monday 09:00–10:30.
 */
export function nextBlock(last: BlockValues | undefined): BlockValues {
  if (!last) return blockLike(undefined, FIRST_BLOCK);
  const start = minutesOfTime(last.startTime);
  const end = minutesOfTime(last.endTime);
  if (!last.weekday || start === null || end === null || end <= start) return blockOnNextDay(last);
  const nextEnd = end + (end - start);
  if (nextEnd >= 24 * 60) return blockOnNextDay(last);
  return blockLike(last, { weekday: last.weekday, startTime: last.endTime, endTime: timeOfMinutes(nextEnd) });
}

/** The blocks as the API reads them, as typed (a day not chosen is null, an empty capacity null). */
function blockRequestsOf(values: TrackValues) {
  return values.blocks.map((b) => ({
    ...(b.id ? { id: b.id } : {}),
    weekday: b.weekday === null ? null : Number(b.weekday),
    startTime: b.startTime,
    endTime: b.endTime,
    title: b.title,
    kind: b.kind,
    breakMinutes: b.breakMinutes === '' ? 0 : b.breakMinutes,
    facilitatorId: b.facilitatorId,
    coFacilitatorIds: b.coFacilitatorIds,
    roomId: b.roomId,
    capacity: b.capacity === '' ? null : b.capacity,
  }));
}

const WHEN_EMPTY = {
  programId: 'Choose the program',
  name: 'Enter the track’s name',
  'blocks.*.weekday': 'Choose a day',
  'blocks.*.startTime': 'Enter a start time',
  'blocks.*.endTime': 'Enter an end time',
  'blocks.*.title': 'Enter a title',
  'blocks.*.kind': 'Choose a kind',
  'blocks.*.capacity': 'Enter the capacity',
};

/** A new track, checked and sent as core's createTrackSchema reads it. */
export const newTrackForm = coreRequestForm(
  createTrackSchema,
  (v: TrackValues) => ({ programId: v.programId ?? '', name: v.name, blocks: blockRequestsOf(v) }),
  { whenEmpty: WHEN_EMPTY },
);

/** An edit of a saved track, sent with the version it was read at. */
export const trackEditForm = (track: Track) =>
  coreRequestForm(
    updateTrackSchema,
    (v: TrackValues) => ({ version: track.version, name: v.name, active: v.active, blocks: blockRequestsOf(v) }),
    { whenEmpty: WHEN_EMPTY },
  );

export function minutesOfBlock(b: Pick<BlockValues, 'startTime' | 'endTime'>): number {
  if (!TIME.test(b.startTime) || !TIME.test(b.endTime)) return 0;
  const [sh = 0, sm = 0] = b.startTime.split(':').map(Number);
  const [eh = 0, em = 0] = b.endTime.split(':').map(Number);
  return Math.max(0, eh * 60 + em - (sh * 60 + sm));
}

export interface FacilitatorCheck {
  check: FacilitatorClashCheck;
  /** The form index of each block sent (blocks nobody runs yet or with unfinished times are left out). */
  indexes: number[];
}

/** What the facilitator check needs to know of the template, or null when there is nothing to check. */
export function facilitatorCheckOf(values: TrackValues, trackId: string | undefined): FacilitatorCheck | null {
  const indexes: number[] = [];
  const blocks: FacilitatorClashCheck['blocks'] = [];
  values.blocks.forEach((b, i) => {
    const nobody = !b.facilitatorId && b.coFacilitatorIds.length === 0;
    if (nobody || !b.weekday || !TIME.test(b.startTime) || !TIME.test(b.endTime) || b.endTime <= b.startTime) return;
    indexes.push(i);
    blocks.push({
      weekday: Number(b.weekday),
      startTime: b.startTime,
      endTime: b.endTime,
      facilitatorId: b.facilitatorId,
      ...(b.coFacilitatorIds.length ? { coFacilitatorIds: b.coFacilitatorIds } : {}),
    });
  });
  if (!values.programId || blocks.length === 0) return null;
  return { check: { programId: values.programId, ...(trackId ? { trackId } : {}), blocks }, indexes };
}
