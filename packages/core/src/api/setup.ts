/**
 * Program setup: sites, rooms, programs, tracks with their weekly blocks, and the staff list.
 * The API speaks hours; the server stores minutes.
 */
import { z } from 'zod';
import { serviceRequirementsSchema } from '../scheduling/required-services.ts';
import { saneDateSchema } from './dates.ts';
import {
  FOCI,
  GROUP_CAPACITY_DEFAULT,
  GROUP_CAPACITY_HARD_STOP,
  LEVELS_OF_CARE,
  POPULATIONS,
  SESSION_KINDS,
} from '../program-rules.ts';
import { STAFF_ROLES, type StaffRole } from '../roles.ts';
import { isValidLocalTime, isValidTimeZone } from '../time.ts';

// ---- Field schemas shared with sessions ----

export const setupIdParamsSchema = z.object({ id: z.uuid() });
const versionSchema = z.number().int().positive();
export const setupNameSchema = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');
const nameSchema = setupNameSchema;
export const timeZoneFieldSchema = z
  .string()
  .refine(isValidTimeZone, 'must be an IANA time zone such as America/New_York');
export const localTimeFieldSchema = z.string().refine(isValidLocalTime, 'must be a time HH:MM from 00:00 to 23:59');
export const localDateFieldSchema = saneDateSchema;
export const sessionKindFieldSchema = z.enum(SESSION_KINDS);
/** A staff member's id (the sign-in library's ids are text). */
export const staffIdFieldSchema = z.string().min(1).max(100);
export const groupCapacityFieldSchema = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(GROUP_CAPACITY_HARD_STOP, `must be at most ${GROUP_CAPACITY_HARD_STOP} (the group size hard stop)`);

/** Staff roles who may facilitate a group: they deliver care. */
export const FACILITATOR_ROLES: readonly StaffRole[] = ['director', 'clinician', 'prescriber'];

// ---- Sites ----

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  address: z.string().nullable(),
  version: z.number(),
});
export type Site = z.infer<typeof siteSchema>;

const addressSchema = z.string().trim().max(300, 'must be at most 300 characters');

export const createSiteSchema = z.object({
  name: nameSchema,
  timeZone: timeZoneFieldSchema,
  address: addressSchema.nullish(),
});
export type CreateSite = z.infer<typeof createSiteSchema>;

export const updateSiteSchema = z.object({
  version: versionSchema,
  name: nameSchema.optional(),
  timeZone: timeZoneFieldSchema.optional(),
  address: addressSchema.nullish(),
});
export type UpdateSite = z.infer<typeof updateSiteSchema>;

// ---- Rooms ----

export const ROOM_KINDS = ['physical', 'virtual'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const roomSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  kind: z.enum(ROOM_KINDS),
  capacity: z.number().nullable(),
  meetingUrl: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type Room = z.infer<typeof roomSchema>;

const roomCapacitySchema = z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000');
const meetingUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https:// address' }).max(500);

export const createRoomSchema = z
  .object({
    siteId: z.uuid(),
    name: nameSchema,
    kind: z.enum(ROOM_KINDS),
    capacity: roomCapacitySchema.nullish(),
    meetingUrl: meetingUrlSchema.nullish(),
  })
  .superRefine((room, ctx) => {
    if (room.kind === 'virtual' && !room.meetingUrl) {
      ctx.addIssue({ code: 'custom', path: ['meetingUrl'], message: 'is required for a virtual room' });
    }
  });
export type CreateRoom = z.infer<typeof createRoomSchema>;

export const roomsQuerySchema = z.object({ siteId: z.uuid().optional() });

export const updateRoomSchema = z.object({
  version: versionSchema,
  name: nameSchema.optional(),
  capacity: roomCapacitySchema.nullish(),
  meetingUrl: meetingUrlSchema.nullish(),
  active: z.boolean().optional(),
});
export type UpdateRoom = z.infer<typeof updateRoomSchema>;

// ---- Programs ----

/** Hours in quarter hours, so they convert to whole minutes exactly. */
const hoursSchema = (max: number) =>
  z
    .number()
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max}`)
    .refine((h) => Number.isInteger(h * 4), 'must be in quarter hours');

export const programSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  timeZone: z.string(),
  name: z.string(),
  levelOfCare: z.enum(LEVELS_OF_CARE),
  population: z.enum(POPULATIONS),
  focus: z.enum(FOCI),
  part2: z.boolean(),
  minWeeklyHours: z.number(),
  maxWeeklyHours: z.number().nullable(),
  perDiemMinHours: z.number(),
  /** The program's own required services per week, or null for DEFAULT_REQUIRED_SERVICES; a signed plan overrides both. */
  requiredServices: serviceRequirementsSchema.nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type Program = z.infer<typeof programSchema>;

/** A program's required services as set up: one line per appointment kind at most. */
export const programRequiredServicesSchema = serviceRequirementsSchema.superRefine((lines, ctx) => {
  lines.forEach((line, i) => {
    if (lines.findIndex((other) => other.kind === line.kind) < i) {
      ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: 'is already required above: one line per kind' });
    }
  });
});

const weeklyHoursSchema = hoursSchema(100);
const perDiemHoursSchema = hoursSchema(24);

function minNotAboveMax(
  p: { minWeeklyHours?: number | undefined; maxWeeklyHours?: number | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (
    p.minWeeklyHours !== undefined &&
    p.maxWeeklyHours !== undefined &&
    p.maxWeeklyHours !== null &&
    p.minWeeklyHours > p.maxWeeklyHours
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['minWeeklyHours'],
      message: `must not be more than the maximum (${p.maxWeeklyHours} h)`,
    });
  }
}

export const createProgramSchema = z
  .object({
    siteId: z.uuid(),
    name: nameSchema,
    levelOfCare: z.enum(LEVELS_OF_CARE),
    population: z.enum(POPULATIONS),
    focus: z.enum(FOCI),
    minWeeklyHours: weeklyHoursSchema.optional(),
    maxWeeklyHours: weeklyHoursSchema.nullish(),
    perDiemMinHours: perDiemHoursSchema.optional(),
  })
  .superRefine(minNotAboveMax);
export type CreateProgram = z.infer<typeof createProgramSchema>;

export const updateProgramSchema = z
  .object({
    version: versionSchema,
    siteId: z.uuid().optional(),
    name: nameSchema.optional(),
    levelOfCare: z.enum(LEVELS_OF_CARE).optional(),
    population: z.enum(POPULATIONS).optional(),
    focus: z.enum(FOCI).optional(),
    minWeeklyHours: weeklyHoursSchema.optional(),
    maxWeeklyHours: weeklyHoursSchema.nullish(),
    perDiemMinHours: perDiemHoursSchema.optional(),
    /** null returns the program to the default; [] requires no appointments of it. */
    requiredServices: programRequiredServicesSchema.nullish(),
    active: z.boolean().optional(),
  })
  .superRefine(minNotAboveMax);
export type UpdateProgram = z.infer<typeof updateProgramSchema>;

// ---- Tracks ----

/** The most co-facilitators one session or weekly block may have. */
export const CO_FACILITATORS_MAX = 4;

export const coFacilitatorIdsSchema = z
  .array(staffIdFieldSchema)
  .max(CO_FACILITATORS_MAX, `must be at most ${CO_FACILITATORS_MAX} people`);

/** Co-facilitators are distinct people, none of them the lead facilitator. */
export function distinctCoFacilitators(
  s: { facilitatorId?: string | null; coFacilitatorIds?: readonly string[] },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  const seen = new Set<string>();
  (s.coFacilitatorIds ?? []).forEach((id, i) => {
    if (id === s.facilitatorId)
      ctx.addIssue({ code: 'custom', path: [...path, 'coFacilitatorIds', i], message: 'is already the facilitator' });
    else if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [...path, 'coFacilitatorIds', i], message: 'is named twice' });
    seen.add(id);
  });
}

export const trackBlockSchema = z.object({
  id: z.string(),
  weekday: z.number(),
  startTime: z.string(),
  endTime: z.string(),
  title: z.string(),
  kind: sessionKindFieldSchema,
  /** An unbilled break inside the block, in minutes. */
  breakMinutes: z.number(),
  facilitatorId: z.string().nullable(),
  /** Staff who run the block's groups beside its facilitator; its sessions carry them. */
  coFacilitatorIds: z.array(z.string()),
  roomId: z.string().nullable(),
  capacity: z.number(),
});
export type TrackBlock = z.infer<typeof trackBlockSchema>;

/**
 * The longest unbilled break a block may hold, in minutes (a lunch hour inside a PHP day is the common case; four
 * hours is Trellis's sanity bound, not a payer rule). The break must also be shorter than the block.
 */
export const BLOCK_BREAK_MAX_MINUTES = 240;

export const trackBlockInputSchema = z.object({
  /** Sent back for an existing block so it keeps its id (and its sessions' history). */
  id: z.uuid().optional(),
  weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  startTime: localTimeFieldSchema,
  endTime: localTimeFieldSchema,
  title: nameSchema,
  kind: sessionKindFieldSchema,
  breakMinutes: z
    .number()
    .int('must be whole minutes')
    .min(0, 'must not be negative')
    .max(BLOCK_BREAK_MAX_MINUTES, `must be at most ${BLOCK_BREAK_MAX_MINUTES} minutes`)
    .default(0),
  facilitatorId: staffIdFieldSchema.nullish(),
  /** Staff who run the block's groups beside its facilitator (a clash is warned about, as the facilitator's is). */
  coFacilitatorIds: coFacilitatorIdsSchema.default([]),
  roomId: z.uuid().nullish(),
  capacity: groupCapacityFieldSchema.default(GROUP_CAPACITY_DEFAULT),
});
/** A block as the client sends it (capacity may be left out). */
export type TrackBlockInput = z.input<typeof trackBlockInputSchema>;
/** A block as the server reads it, defaults applied. */
export type TrackBlockBody = z.output<typeof trackBlockInputSchema>;

/** Same-day times 'HH:MM' sort as strings do. */
export function endAfterStart(
  value: { startTime: string; endTime: string },
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  if (isValidLocalTime(value.startTime) && isValidLocalTime(value.endTime) && value.endTime <= value.startTime) {
    ctx.addIssue({ code: 'custom', path: [...path, 'endTime'], message: 'must be after the start time' });
  }
}

const blocksSchema = z
  .array(trackBlockInputSchema)
  .max(60, 'a track has at most 60 weekly blocks')
  .superRefine((blocks, ctx) => {
    const seen = new Set<string>();
    blocks.forEach((block, i) => {
      endAfterStart(block, ctx, [i]);
      distinctCoFacilitators(block, ctx, [i]);
      const length =
        isValidLocalTime(block.startTime) && isValidLocalTime(block.endTime)
          ? Number(block.endTime.slice(0, 2)) * 60 +
            Number(block.endTime.slice(3)) -
            Number(block.startTime.slice(0, 2)) * 60 -
            Number(block.startTime.slice(3))
          : Infinity;
      if (block.breakMinutes >= length) {
        ctx.addIssue({ code: 'custom', path: [i, 'breakMinutes'], message: 'must be shorter than the block' });
      }
      if (block.id) {
        if (seen.has(block.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'appears twice' });
        seen.add(block.id);
      }
    });
  });

export const createTrackSchema = z.object({
  programId: z.uuid(),
  name: nameSchema,
  blocks: blocksSchema,
});
export type CreateTrack = z.input<typeof createTrackSchema>;
export type CreateTrackBody = z.output<typeof createTrackSchema>;

export const updateTrackSchema = z.object({
  version: versionSchema,
  name: nameSchema,
  active: z.boolean(),
  blocks: blocksSchema,
});
export type UpdateTrack = z.input<typeof updateTrackSchema>;
export type UpdateTrackBody = z.output<typeof updateTrackSchema>;

export const trackSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
  blocks: z.array(trackBlockSchema),
  summary: z.string(),
  /** Why this template cannot meet its program (below the weekly minimum, too few days for per diem); saved anyway. */
  warnings: z.array(z.string()),
});
export type Track = z.infer<typeof trackSchema>;

export const tracksQuerySchema = z.object({ programId: z.uuid().optional() });

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * A track's timetable in a few words: "Mon, Tue, Thu 18:00–21:00", or "Mon, Wed 09:00–12:00; Fri 09:00–10:30"
 * when the days differ. Each day shows its first start and last end.
 */
export function trackSummary(blocks: readonly { weekday: number; startTime: string; endTime: string }[]): string {
  const spans = new Map<number, { start: string; end: string }>();
  for (const b of blocks) {
    const span = spans.get(b.weekday);
    if (!span) spans.set(b.weekday, { start: b.startTime, end: b.endTime });
    else {
      if (b.startTime < span.start) span.start = b.startTime;
      if (b.endTime > span.end) span.end = b.endTime;
    }
  }
  if (spans.size === 0) return 'No weekly sessions';
  const groups = new Map<string, number[]>();
  for (const weekday of [...spans.keys()].sort((a, b) => a - b)) {
    const span = spans.get(weekday)!;
    const key = `${span.start}–${span.end}`;
    groups.set(key, [...(groups.get(key) ?? []), weekday]);
  }
  return [...groups.entries()]
    .map(([times, days]) => `${days.map((d) => WEEKDAY_SHORT[d - 1] ?? String(d)).join(', ')} ${times}`)
    .join('; ');
}

// ---- Staff ----

export const staffQuerySchema = z.object({ role: z.enum(STAFF_ROLES).optional() });

export const staffMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  credentials: z.string().nullable(),
  programIds: z.array(z.string()),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

// ---- Lists ----

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const siteListSchema = listOf(siteSchema);
export const roomListSchema = listOf(roomSchema);
export const programListSchema = listOf(programSchema);
export const trackListSchema = listOf(trackSchema);
export const staffListSchema = listOf(staffMemberSchema);

// ---- Closures ----

export const closureSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  reason: z.string(),
  /** Sessions this closure cancelled that are still cancelled by it: deleting the closure schedules them again. */
  cancelledSessions: z.number(),
});
export type Closure = z.infer<typeof closureSchema>;

export const createClosureSchema = z
  .object({
    siteId: z.uuid(),
    fromDate: localDateFieldSchema,
    toDate: localDateFieldSchema,
    reason: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  })
  .superRefine((c, ctx) => {
    if (c.toDate < c.fromDate)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'must not be before the first day' });
  });
export type CreateClosure = z.infer<typeof createClosureSchema>;

export const closureCreatedSchema = z.object({
  closure: closureSchema,
  /** Scheduled sessions the closure cancelled. */
  cancelledSessions: z.number(),
  /** Sessions it covers that already have attendance, left as they are. */
  keptSessions: z.number(),
});
export type ClosureCreated = z.infer<typeof closureCreatedSchema>;

export const closureDeletedSchema = z.object({
  /** Sessions the closure had cancelled, scheduled again (those still inside another closure stay cancelled by it). */
  restoredSessions: z.number(),
  /** Sessions it had cancelled that another closure of the site still covers: they stay cancelled, now by that one. */
  stillClosedSessions: z.number(),
});
export type ClosureDeleted = z.infer<typeof closureDeletedSchema>;

export const closuresQuerySchema = z.object({ siteId: z.uuid().optional() });
export const closureListSchema = z.object({ items: z.array(closureSchema) });
