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
  /** Appointments it can hold at once: 1 for an office; more for a virtual room. */
  sessionsAtOnce?: number;
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

export interface WeekModel {
  blocks: AppointmentBlock[];
  lines: RequestLine[];
  /** Per line, its group: the participant's lines whose kinds the same clinicians see share one. */
  lineGroup: number[];
  candidates: Candidate[];
  /** Per clinician, per local date: appointments already booked. */
  bookedPerDay: Map<string, number>[];
  costs: SchedulerCosts;
  /** Why each line might not be placed, decided before solving: null when it has candidates. */
  staticReasons: (UnplacedReason | null)[];
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
  const participantBusy = week.participants.map((p) => normaliseIntervals(p.busy));
  const clinicianIndex = new Map(week.clinicians.map((c, i) => [c.id, i]));

  // A participant's kinds that the same clinicians see form one group; the solver keeps a group to one appointment
  // per block inside its network. Within a group, a clinician must be free for the longest of the participant's kinds
  // that fit the block, so that any of them can take the place.
  const teams = week.participants.map((p) => (p.clinicianIds ? new Set(p.clinicianIds.map((id) => clinicianIndex.get(id)!)) : null));
  const mayBook = (participant: number, clinician: number, kind: AppointmentKind) =>
    clinicians[clinician]!.kinds.has(kind) && (teams[participant]?.has(clinician) ?? true);
  const eligibleKey = (participant: number, kind: AppointmentKind) =>
    clinicians.flatMap((_, i) => (mayBook(participant, i, kind) ? [i] : [])).join(',');
  // Whether the participant's preferences (primary clinician, usual time) apply to a kind: only to the kinds their
  // primary clinician gives, or to every kind when they have none.
  const primaryOf = week.participants.map((p) => (p.primaryClinicianId ? clinicianIndex.get(p.primaryClinicianId) : undefined));
  const prefers = (participant: number, kind: AppointmentKind) => {
    const primary = primaryOf[participant];
    return primary === undefined || clinicians[primary]!.kinds.has(kind);
  };
  // Kinds in one group must also cost the same, so whether the preferences apply is part of the key.
  const groupOfLine = lines.map(
    (line) => `${line.participant}|${eligibleKey(line.participant, line.kind)}|${prefers(line.participant, line.kind)}`,
  );
  // Blocks where the participant is free for the kind's length, per participant and length (lines share them).
  const fitsCache = new Map<string, number[]>();
  const fittingBlocks = lines.map((line) => {
    const length = APPOINTMENT_KIND_RULES[line.kind].lengthMinutes * 60_000;
    const key = `${line.participant}|${length}`;
    let fits = fitsCache.get(key);
    if (!fits) {
      const busy = participantBusy[line.participant]!;
      fits = blocks.flatMap((block, b) => (overlapsAny(busy, { start: block.start, end: block.start + length }) ? [] : [b]));
      fitsCache.set(key, fits);
    }
    return fits;
  });
  const groupLength = new Map<string, Float64Array>();
  lines.forEach((line, l) => {
    let lengths = groupLength.get(groupOfLine[l]!);
    if (!lengths) groupLength.set(groupOfLine[l]!, (lengths = new Float64Array(blocks.length)));
    const length = APPOINTMENT_KIND_RULES[line.kind].lengthMinutes * 60_000;
    for (const b of fittingBlocks[l]!) lengths[b] = Math.max(lengths[b]!, length);
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

  const candidates: Candidate[] = [];
  const staticReasons: (UnplacedReason | null)[] = [];
  const commonTimeBlocks: number[][] = [];
  const blockCount = blocks.length;
  lines.forEach((line, lineNumber) => {
    const participant = week.participants[line.participant]!;
    const primary = primaryOf[line.participant];
    // The preferences belong to the appointments with the primary clinician: a kind they do not give has neither.
    const preferred = prefers(line.participant, line.kind);
    const usual = participant.usualTime && preferred ? usualWeekMinute(participant.usualTime) : null;
    const common: number[] = [];
    const lengths = groupLength.get(groupOfLine[lineNumber]!)!;
    let eligible = false;
    let withRoom = false;
    clinicians.forEach((_, c) => {
      if (!mayBook(line.participant, c, line.kind)) return;
      eligible = true;
      for (const b of fittingBlocks[lineNumber]!) {
        const block = blocks[b]!;
        if (!clinicianFreeAt(c, b, lengths[b]!)) continue;
        common.push(c * blockCount + b);
        if (block.roomCapacity === 0) continue;
        withRoom = true;
        const booked = bookedPerDay[c]!.get(block.localDate) ?? 0;
        if (booked >= week.clinicians[c]!.maxSessionsPerDay) continue;
        // The day's load is priced by the solver (it depends on the other placements); this is the placement's own cost.
        let cost = preferred && primary !== undefined && primary !== c ? costs.notPrimaryClinician : 0;
        if (usual !== null) {
          cost += Math.min(weeklyDistanceHours(block.weekMinute, usual), costs.usualTimeCapHours) * costs.perHourFromUsualTime;
        }
        candidates.push({ line: lineNumber, clinician: c, block: b, cost });
      }
    });
    commonTimeBlocks.push(common);
    const hasCandidate = candidates.length > 0 && candidates[candidates.length - 1]!.line === lineNumber;
    staticReasons.push(
      !eligible
        ? 'no_eligible_clinician'
        : common.length === 0
          ? 'no_common_free_time'
          : !withRoom
            ? 'no_room'
            : !hasCandidate
              ? 'clinician_at_max'
              : null,
    );
  });
  const groupIds = new Map<string, number>();
  const lineGroup = groupOfLine.map((key) => {
    let id = groupIds.get(key);
    if (id === undefined) {
      id = groupIds.size;
      groupIds.set(key, id);
    }
    return id;
  });
  return { blocks, lines, lineGroup, candidates, bookedPerDay, costs, staticReasons, commonTimeBlocks };
}
