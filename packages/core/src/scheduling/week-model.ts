/**
 * The weekly auto-scheduler's view of a week: its input, the appointment blocks, and the candidate placements with
 * their costs. The solver (auto-scheduler.ts) only sees numbers built here.
 *
 * Time is cut into appointment blocks on the site's clock (hourly by default: a 53-minute session and its note fit
 * an hour). Every appointment starts at the start of a block, and a clinician, a participant or a room holds at most
 * one appointment per block. Blocks never overlap, so "one at a time" becomes a capacity of one per block, which a
 * flow network can express exactly; overlapping 15-minute starts could not be.
 */
import { Temporal, isValidLocalTime, localDateOf } from '../time.ts';
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import { checkGridMinutes, gridStartsWithin } from './grid.ts';
import { coversInterval, normaliseIntervals, overlapsAny, type Interval } from './intervals.ts';

export interface SchedulerParticipant {
  id: string;
  /** Track sessions, work, school, childcare and appointments already booked, as instants. */
  busy: readonly Interval[];
  /**
   * The clinician they usually see; for the kinds that clinician sees, placements with anyone else cost more. (Kinds
   * the primary clinician does not give, such as psychiatry for a therapist's participant, carry neither this
   * preference nor the usual time.)
   */
  primaryClinicianId?: string | null;
  /**
   * When their appointment with the primary clinician usually is, on the site's clock; placements of the kinds that
   * clinician sees (of every kind when there is no primary) cost more the further they are from it.
   */
  usualTime?: { weekday: number; time: string } | null;
  /** The clinicians they may be booked with (their program's care team); omitted: anyone who sees the kind. */
  clinicianIds?: readonly string[] | null;
}

export interface SchedulerClinician {
  id: string;
  /** Kinds they may see participants for (psychiatry and medication management need a prescriber). */
  kinds: readonly AppointmentKind[];
  /** Working hours in the week as instants, leave and training already subtracted. */
  hours: readonly Interval[];
  /** Groups they run, meetings and appointments already booked. */
  busy: readonly Interval[];
  /** Appointments already booked this week: they count toward the daily maximum on their local day. */
  booked: readonly Interval[];
  maxSessionsPerDay: number;
}

export interface SchedulerRoom {
  id: string;
  busy: readonly Interval[];
  /** Appointments it can hold at once; 1 unless given. roomSessionsAtOnce gives it by the room's kind. */
  sessionsAtOnce?: number;
}

/**
 * Whether a room holds any number of appointments at once: a virtual room does (it is a meeting link; only the
 * clinician's and the participant's own clashes keep its appointments apart, as for groups), a physical room holds one.
 * The database's appointment_room_excl holds the same rule.
 */
export function roomIsShared(kind: 'physical' | 'virtual'): boolean {
  return kind === 'virtual';
}

/** A room's sessionsAtOnce in a week of `clinicians` clinicians: 1, or for a shared room one for each clinician. */
export function roomSessionsAtOnce(kind: 'physical' | 'virtual', clinicians: number): number {
  return roomIsShared(kind) ? Math.max(1, clinicians) : 1;
}

/** One participant's need for a kind of appointment this week. */
export interface ServiceRequest {
  participantId: string;
  kind: AppointmentKind;
  count: number;
}

/** Weights of the scheduler's preferences, in cost units per placement. */
export interface SchedulerCosts {
  /** Added when the clinician is not the participant's primary clinician. */
  notPrimaryClinician: number;
  /** Added per hour (rounded) between the block and the participant's usual time on the weekly clock. */
  perHourFromUsualTime: number;
  /** Hours from the usual time beyond which the cost stops growing. */
  usualTimeCapHours: number;
  /**
   * Load spreading, convex: an appointment that is the clinician's n-th of the day (booked ones and those placed in the
   * same run both count, from 0) costs n × dayLoadStep, so new appointments go to lighter days and a day of k costs
   * dayLoadStep × k(k−1)/2 in all. The solver holds this exactly with parallel unit arcs of increasing cost.
   */
  dayLoadStep: number;
}

/**
 * Default weights: a different clinician is worth moving 20 hours for; each appointment already on a clinician's day
 * makes the next one there cost 3 more (as much as moving 3 hours). Preferences of the program, not clinical rules;
 * a run can set its own.
 */
export const DEFAULT_SCHEDULER_COSTS: SchedulerCosts = {
  notPrimaryClinician: 20,
  perHourFromUsualTime: 1,
  usualTimeCapHours: 24,
  dayLoadStep: 3,
};

export interface WeekToSchedule {
  /** The site's IANA zone. */
  zone: string;
  /** The week to fill (normally a program week); only blocks wholly inside it are used. */
  window: Interval;
  /** Block length in minutes on the site's clock: 60 (the default) or 30; every requested kind must fit. */
  blockMinutes?: number;
  participants: readonly SchedulerParticipant[];
  clinicians: readonly SchedulerClinician[];
  rooms: readonly SchedulerRoom[];
  requests: readonly ServiceRequest[];
  costs?: Partial<SchedulerCosts>;
}

export interface AppointmentBlock {
  start: number;
  end: number;
  /** Local date, which decides the clinician day it counts toward. */
  localDate: string;
  /** Minutes since Monday 00:00 on the local clock, for distances to a usual time. */
  weekMinute: number;
  /** Appointments the rooms free for the whole block can hold. */
  roomCapacity: number;
}

/** A request for one participant and kind, with its units merged. */
export interface RequestLine {
  participant: number;
  kind: AppointmentKind;
  count: number;
}

export interface Candidate {
  line: number;
  /** Preference cost of this placement alone: clinician and usual time (the day's load is priced by the solver). */
  clinician: number;
  block: number;
  cost: number;
}

/**
 * The week as the solver sees it, without enumerating placements: per request line the blocks the participant is
 * free for it, per group the clinicians who may see it, and the rules that decide whether a clinician can take a
 * block and what a placement costs. A week of 2,000 participants has hundreds of thousands of candidate placements;
 * the solver never lists them (it pools the clinicians who cost the same), so building them would be most of its time.
 */
export interface WeekShape {
  blocks: AppointmentBlock[];
  lines: RequestLine[];
  /** Per line, its group: the participant's lines whose kinds the same clinicians see share one. */
  lineGroup: number[];
  /** Per group, the clinicians who may see its kinds, ascending. */
  groupClinicians: number[][];
  /** Per group, per block, the longest of its kinds the participant is free for there (0: none). */
  groupLength: Float64Array[];
  /** Per line, the blocks where the participant is free for its kind's length, ascending. */
  lineBlocks: number[][];
  /** Per clinician, per local date: appointments already booked. */
  bookedPerDay: Map<string, number>[];
  /** Local dates of the blocks, in order, and each block's index among them. */
  dates: string[];
  dayOfBlock: Int32Array;
  /** Per clinician × date (clinician × dates + day): places left on the day after what is booked. */
  placesLeft: Int32Array;
  costs: SchedulerCosts;
  /** Why each line might not be placed, decided before solving: null when it has candidates. */
  staticReasons: (UnplacedReason | null)[];
  /** Whether the clinician is working and free for an appointment of `length` ms from the block's start. */
  clinicianFreeAt: (clinician: number, block: number, length: number) => boolean;
  /** Preference cost of one placement alone (clinician and usual time; the day's load is priced by the solver). */
  placementCost: (line: number, clinician: number, block: number) => number;
  /** The clinician the line's preferences favour, if any: every other eligible clinician costs the same. */
  preferredClinician: (line: number) => number | undefined;
}

export interface WeekModel extends WeekShape {
  candidates: Candidate[];
  /**
   * Per line, the (clinician, block) pairs free for participant and an eligible clinician before rooms and daily
   * maxima, each as clinician × blocks + block.
   */
  commonTimeBlocks: number[][];
}

export type UnplacedReason =
  | 'no_eligible_clinician'
  | 'no_common_free_time'
  | 'no_room'
  | 'clinician_at_max'
  | 'taken_by_other_requests';

export const BLOCK_MINUTES = [30, 60] as const;

function weekMinuteOf(epochMs: number, zone: string): number {
  const local = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  return (local.dayOfWeek - 1) * 1440 + local.hour * 60 + local.minute;
}

function usualWeekMinute(usual: { weekday: number; time: string }): number {
  const [hours, minutes] = usual.time.split(':').map(Number) as [number, number];
  return (usual.weekday - 1) * 1440 + hours * 60 + minutes;
}

/** Hours between two points of the weekly clock, going round the week the short way. */
function weeklyDistanceHours(a: number, b: number): number {
  const raw = Math.abs(a - b) % (7 * 1440);
  return Math.round(Math.min(raw, 7 * 1440 - raw) / 60);
}

/** Builds blocks, merged request lines and priced candidates; throws RangeError naming bad input. */
export function buildWeekModel(week: WeekToSchedule): WeekModel {
  const shape = buildWeekShape(week);
  const candidates: Candidate[] = [];
  const commonTimeBlocks = shape.lines.map((_, line) => {
    const { common, placeable } = placementsOfLine(shape, line);
    for (const pair of placeable) {
      const clinician = Math.floor(pair / shape.blocks.length);
      const block = pair % shape.blocks.length;
      candidates.push({ line, clinician, block, cost: shape.placementCost(line, clinician, block) });
    }
    return common;
  });
  return { ...shape, candidates, commonTimeBlocks };
}

/**
 * A line's (clinician, block) pairs as clinician × blocks + block, by clinician then block: `common`, free for the
 * participant and an eligible clinician; `placeable`, those with a room and a place left on the clinician's day.
 */
export function placementsOfLine(shape: WeekShape, line: number): { common: number[]; placeable: number[] } {
  const group = shape.lineGroup[line]!;
  const lengths = shape.groupLength[group]!;
  const B = shape.blocks.length;
  const D = shape.dates.length;
  const common: number[] = [];
  const placeable: number[] = [];
  for (const c of shape.groupClinicians[group]!) {
    for (const b of shape.lineBlocks[line]!) {
      if (!shape.clinicianFreeAt(c, b, lengths[b]!)) continue;
      common.push(c * B + b);
      if (shape.blocks[b]!.roomCapacity > 0 && shape.placesLeft[c * D + shape.dayOfBlock[b]!]! > 0) placeable.push(c * B + b);
    }
  }
  return { common, placeable };
}

/** The week without its candidate placements listed (see WeekShape); throws RangeError naming bad input. */
export function buildWeekShape(week: WeekToSchedule): WeekShape {
  const costs = { ...DEFAULT_SCHEDULER_COSTS, ...week.costs };
  const blockMinutes = week.blockMinutes ?? 60;
  if (!(BLOCK_MINUTES as readonly number[]).includes(blockMinutes)) throw new RangeError('blockMinutes must be 30 or 60');
  checkGridMinutes(blockMinutes);
  const participantIndex = new Map(week.participants.map((p, i) => [p.id, i]));
  if (participantIndex.size !== week.participants.length) throw new RangeError('participants: ids must be unique');
  if (new Set(week.clinicians.map((c) => c.id)).size !== week.clinicians.length) {
    throw new RangeError('clinicians: ids must be unique');
  }
  week.participants.forEach((p, i) => {
    const usual = p.usualTime;
    if (usual && (!Number.isInteger(usual.weekday) || usual.weekday < 1 || usual.weekday > 7 || !isValidLocalTime(usual.time))) {
      throw new RangeError(`participants[${i}].usualTime must be a weekday 1–7 and a time HH:MM`);
    }
  });
  const knownClinicians = new Set(week.clinicians.map((c) => c.id));
  week.participants.forEach((p, i) => {
    if (p.clinicianIds && !p.clinicianIds.every((id) => knownClinicians.has(id))) {
      throw new RangeError(`participants[${i}].clinicianIds must name clinicians of the week`);
    }
  });
  week.clinicians.forEach((c, i) => {
    if (!Number.isInteger(c.maxSessionsPerDay) || c.maxSessionsPerDay < 0) {
      throw new RangeError(`clinicians[${i}].maxSessionsPerDay must be a whole number ≥ 0`);
    }
  });

  const rooms = week.rooms.map((r) => ({ busy: normaliseIntervals(r.busy), size: r.sessionsAtOnce ?? 1 }));
  // Only blocks that start inside someone's working hours can hold an appointment: the rest (nights, weekends) are left
  // out before any per-participant work.
  const allHours = normaliseIntervals(week.clinicians.flatMap((c) => c.hours));
  const starts = gridStartsWithin(week.window, blockMinutes, blockMinutes, week.zone).filter((start) =>
    overlapsAny(allHours, { start, end: start + 1 }),
  );
  const blocks: AppointmentBlock[] = starts.map((start) => {
    const block = { start, end: start + blockMinutes * 60_000 };
    return {
      ...block,
      localDate: localDateOf(Temporal.Instant.fromEpochMilliseconds(start).toString(), week.zone),
      weekMinute: weekMinuteOf(start, week.zone),
      roomCapacity: rooms.reduce((sum, r) => sum + (overlapsAny(r.busy, block) ? 0 : r.size), 0),
    };
  });

  // Merge repeated requests for the same participant and kind, keeping first-seen order.
  const lines: RequestLine[] = [];
  const lineOf = new Map<string, RequestLine>();
  week.requests.forEach((request, i) => {
    const participant = participantIndex.get(request.participantId);
    if (participant === undefined) throw new RangeError(`requests[${i}].participantId is not among the participants`);
    if (!(request.kind in APPOINTMENT_KIND_RULES)) throw new RangeError(`requests[${i}].kind is not an appointment kind`);
    if (!Number.isInteger(request.count) || request.count < 0) throw new RangeError(`requests[${i}].count must be a whole number ≥ 0`);
    const key = `${participant}|${request.kind}`;
    const line = lineOf.get(key);
    if (line) line.count += request.count;
    else {
      const fresh = { participant, kind: request.kind, count: request.count };
      lineOf.set(key, fresh);
      lines.push(fresh);
    }
  });
  for (const line of lines) {
    if (APPOINTMENT_KIND_RULES[line.kind].lengthMinutes > blockMinutes) {
      throw new RangeError(`A ${line.kind} appointment does not fit a ${blockMinutes}-minute block`);
    }
  }

  const clinicians = week.clinicians.map((c) => ({
    hours: normaliseIntervals(c.hours),
    busy: normaliseIntervals(c.busy),
    kinds: new Set(c.kinds),
  }));
  const bookedPerDay = week.clinicians.map((c) => {
    const perDay = new Map<string, number>();
    for (const b of c.booked) {
      const date = localDateOf(Temporal.Instant.fromEpochMilliseconds(b.start).toString(), week.zone);
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
    }
    return perDay;
  });
  const dates = [...new Set(blocks.map((b) => b.localDate))];
  const dayOfBlock = Int32Array.from(blocks, (b) => dates.indexOf(b.localDate));
  const D = dates.length;
  const placesLeft = new Int32Array(week.clinicians.length * D);
  week.clinicians.forEach((c, i) => {
    dates.forEach((date, d) => {
      placesLeft[i * D + d] = Math.max(0, c.maxSessionsPerDay - (bookedPerDay[i]!.get(date) ?? 0));
    });
  });
  const participantBusy = week.participants.map((p) => normaliseIntervals(p.busy));
  const clinicianIndex = new Map(week.clinicians.map((c, i) => [c.id, i]));

  // A participant's kinds that the same clinicians see form one group; the solver keeps a group to one appointment
  // per block inside its network. Within a group, a clinician must be free for the longest of the participant's kinds
  // that fit the block, so that any of them can take the place.
  const teams = week.participants.map((p) => (p.clinicianIds ? new Set(p.clinicianIds.map((id) => clinicianIndex.get(id)!)) : null));
  // Participants of one program share a care team: the eligible clinicians are worked out once per team and kind.
  const teamKeys = week.participants.map((p) => (p.clinicianIds ? [...p.clinicianIds].sort().join('\u0000') : '*'));
  const eligibleCache = new Map<string, number[]>();
  const eligibleOf = (participant: number, kind: AppointmentKind): number[] => {
    const key = `${kind}|${teamKeys[participant]!}`;
    let eligible = eligibleCache.get(key);
    if (!eligible) {
      const team = teams[participant];
      eligible = clinicians.flatMap((c, i) => (c.kinds.has(kind) && (team?.has(i) ?? true) ? [i] : []));
      eligibleCache.set(key, eligible);
    }
    return eligible;
  };
  // Whether the participant's preferences (primary clinician, usual time) apply to a kind: only to the kinds their
  // primary clinician gives, or to every kind when they have none.
  const primaryOf = week.participants.map((p) => (p.primaryClinicianId ? clinicianIndex.get(p.primaryClinicianId) : undefined));
  const prefers = (participant: number, kind: AppointmentKind) => {
    const primary = primaryOf[participant];
    return primary === undefined || clinicians[primary]!.kinds.has(kind);
  };
  // Kinds in one group must also cost the same, so whether the preferences apply is part of the key.
  const groupOfLine = lines.map(
    (line) => `${line.participant}|${eligibleOf(line.participant, line.kind).join(',')}|${prefers(line.participant, line.kind)}`,
  );
  const groupIds = new Map<string, number>();
  const lineGroup = groupOfLine.map((key) => {
    let id = groupIds.get(key);
    if (id === undefined) {
      id = groupIds.size;
      groupIds.set(key, id);
    }
    return id;
  });
  const groupClinicians: number[][] = [];
  lines.forEach((line, l) => {
    groupClinicians[lineGroup[l]!] ??= eligibleOf(line.participant, line.kind);
  });
  // Blocks where the participant is free for the kind's length, per participant and length (lines share them).
  const fitsCache = new Map<string, number[]>();
  const lineBlocks = lines.map((line) => {
    const length = APPOINTMENT_KIND_RULES[line.kind].lengthMinutes * 60_000;
    const key = `${line.participant}|${length}`;
    let fits = fitsCache.get(key);
    if (!fits) {
      const busy = participantBusy[line.participant]!;
      fits = [];
      // Blocks and busy stretches are both in time order: one sweep, instead of a search per block.
      let i = 0;
      for (let b = 0; b < blocks.length; b++) {
        const start = blocks[b]!.start;
        while (i < busy.length && busy[i]!.end <= start) i++;
        if (i === busy.length || busy[i]!.start >= start + length) fits.push(b);
      }
      fitsCache.set(key, fits);
    }
    return fits;
  });
  const groupLength = groupClinicians.map(() => new Float64Array(blocks.length));
  lines.forEach((line, l) => {
    const lengths = groupLength[lineGroup[l]!]!;
    const length = APPOINTMENT_KIND_RULES[line.kind].lengthMinutes * 60_000;
    for (const b of lineBlocks[l]!) lengths[b] = Math.max(lengths[b]!, length);
  });
  // Whether a clinician is working and free for an appointment of a given length from each block's start, computed
  // once per clinician and length.
  const clinicianFree = clinicians.map(() => new Map<number, Uint8Array>());
  const clinicianFreeAt = (c: number, b: number, length: number): boolean => {
    let free = clinicianFree[c]!.get(length);
    if (!free) {
      const { hours, busy } = clinicians[c]!;
      free = Uint8Array.from(blocks, (block) => {
        const appointment = { start: block.start, end: block.start + length };
        return coversInterval(hours, appointment) && !overlapsAny(busy, appointment) ? 1 : 0;
      });
      clinicianFree[c]!.set(length, free);
    }
    return free[b] === 1;
  };
  const usualOfLine = lines.map((line) => {
    const usual = week.participants[line.participant]!.usualTime;
    return usual && prefers(line.participant, line.kind) ? usualWeekMinute(usual) : null;
  });
  const preferredClinician = (line: number): number | undefined => {
    const { participant, kind } = lines[line]!;
    return prefers(participant, kind) ? primaryOf[participant] : undefined;
  };
  // The preferences belong to the appointments with the primary clinician: a kind they do not give has neither.
  const placementCost = (line: number, clinician: number, block: number): number => {
    const primary = preferredClinician(line);
    let cost = primary !== undefined && primary !== clinician ? costs.notPrimaryClinician : 0;
    const usual = usualOfLine[line]!;
    if (usual !== null) {
      cost += Math.min(weeklyDistanceHours(blocks[block]!.weekMinute, usual), costs.usualTimeCapHours) * costs.perHourFromUsualTime;
    }
    return cost;
  };

  const shape: WeekShape = {
    blocks,
    lines,
    lineGroup,
    groupClinicians,
    groupLength,
    lineBlocks,
    bookedPerDay,
    dates,
    dayOfBlock,
    placesLeft,
    costs,
    staticReasons: [],
    clinicianFreeAt,
    placementCost,
    preferredClinician,
  };
  shape.staticReasons = lines.map((_, l) => staticReasonOf(shape, l));
  return shape;
}

/** Why a line cannot be placed whatever the other requests do, or null when it has a candidate placement. */
function staticReasonOf(shape: WeekShape, line: number): UnplacedReason | null {
  const group = shape.lineGroup[line]!;
  const lengths = shape.groupLength[group]!;
  const D = shape.dates.length;
  if (shape.groupClinicians[group]!.length === 0) return 'no_eligible_clinician';
  let common = false;
  let withRoom = false;
  for (const c of shape.groupClinicians[group]!) {
    for (const b of shape.lineBlocks[line]!) {
      if (!shape.clinicianFreeAt(c, b, lengths[b]!)) continue;
      common = true;
      if (shape.blocks[b]!.roomCapacity === 0) continue;
      withRoom = true;
      if (shape.placesLeft[c * D + shape.dayOfBlock[b]!]! > 0) return null;
    }
  }
  return !common ? 'no_common_free_time' : !withRoom ? 'no_room' : 'clinician_at_max';
}
