/**
 * The next free slots for one participant and one clinician: times inside the clinician's working hours, clear of
 * everyone's busy time, with a room free for the whole appointment. Pure and deterministic: the same calendars give
 * the same slots in the same order.
 */
import { appointmentLengthMinutes, type AppointmentKind } from './appointment-kinds.ts';
import { gridStartsWithin } from './grid.ts';
import { intersectIntervals, normaliseIntervals, overlapsAny, subtractIntervals, unionIntervals, type Interval } from './intervals.ts';

export interface RoomCalendar {
  id: string;
  /** Bookings and closures of the room. */
  busy: readonly Interval[];
  /** A shared room (roomIsShared: a virtual room) holds any number at once: free whatever its busy time. */
  shared?: boolean;
}

export interface SlotSearch {
  kind: AppointmentKind;
  /** The site's IANA zone: the grid follows its clock. */
  zone: string;
  /** Only slots wholly inside this window (typically now until two weeks ahead). */
  window: Interval;
  /** The clinician's working hours as instants, leave and training already subtracted. */
  clinicianHours: readonly Interval[];
  /** Busy time of the participant (track sessions, work, school, bookings) and of the clinician, in any order. */
  busy: readonly (readonly Interval[])[];
  /** Rooms to try, in order of preference; leave out for a telehealth appointment that needs none. */
  rooms?: readonly RoomCalendar[];
  /** Grid step in minutes; 15 unless given. */
  gridMinutes?: number;
  /** How many slots to return at most. */
  count: number;
}

export interface FreeSlot {
  start: number;
  end: number;
  /** The first room in the caller's order free for the whole slot; null when no room was asked for. */
  roomId: string | null;
}

/** Free time shared by everyone in a search: the clinician's hours inside the window, minus all busy time. */
export function commonFreeTime(window: Interval, clinicianHours: readonly Interval[], busy: readonly (readonly Interval[])[]): Interval[] {
  const allBusy = busy.reduce<Interval[]>((acc, list) => unionIntervals(acc, list), []);
  return subtractIntervals(intersectIntervals([window], clinicianHours), allBusy);
}

/** The earliest `count` free slots of the kind's set length on the local grid, earliest first. */
export function findFreeSlots(search: SlotSearch): FreeSlot[] {
  const length = appointmentLengthMinutes(search.kind);
  const grid = search.gridMinutes ?? 15;
  const rooms = search.rooms?.map((room) => ({ id: room.id, busy: room.shared ? [] : normaliseIntervals(room.busy) }));
  const slots: FreeSlot[] = [];
  if (search.count <= 0) return slots;
  for (const free of commonFreeTime(search.window, search.clinicianHours, search.busy)) {
    for (const start of gridStartsWithin(free, length, grid, search.zone)) {
      const slot = { start, end: start + length * 60_000 };
      let roomId: string | null = null;
      if (rooms) {
        const room = rooms.find((r) => !overlapsAny(r.busy, slot));
        if (!room) continue;
        roomId = room.id;
      }
      slots.push({ ...slot, roomId });
      if (slots.length === search.count) return slots;
    }
  }
  return slots;
}
