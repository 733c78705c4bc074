/**
 * Availability and appointments: a clinician's weekly hours per site with leave and a daily limit, a participant's
 * weekly unavailability with one-off exceptions, the slot finder, and booking, rescheduling, cancelling and marking
 * individual, family and prescriber appointments.
 */
import { z } from 'zod';
import { APPOINTMENT_KINDS } from '../scheduling/appointment-kinds.ts';
import { APPOINTMENT_STATUSES } from '../scheduling/availability.ts';
import { weeklyTimeRuleProblem } from '../scheduling/weekly-rules.ts';
import { saneDateSchema } from './dates.ts';

const instantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset, e.g. 2026-11-18T15:00:00Z' });
const versionSchema = z.number().int().positive();
const reasonSchema = z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters');

/** A weekly rule's fields; the rule as a whole is checked by core's weeklyTimeRuleProblem. */
const weeklyRuleFields = {
  weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  endTime: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM or 24:00'),
};

function soundRule<T extends z.ZodObject>(schema: T) {
  return schema.superRefine((rule, ctx) => {
    const problem = weeklyTimeRuleProblem(rule as unknown as Parameters<typeof weeklyTimeRuleProblem>[0]);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
}

/** A span of time with its end after its start. */
function orderedSpan<T extends z.ZodObject<{ startsAt: typeof instantSchema; endsAt: typeof instantSchema }>>(schema: T) {
  return schema.refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    path: ['endsAt'],
    message: 'must be after the start',
  });
}

// ---- Clinician availability ----

export const CLINICIAN_EXCEPTION_KINDS = ['leave', 'training', 'other'] as const;
export type ClinicianExceptionKind = (typeof CLINICIAN_EXCEPTION_KINDS)[number];
export const CLINICIAN_EXCEPTION_KIND_LABELS: Record<ClinicianExceptionKind, string> = { leave: 'Leave', training: 'Training', other: 'Other' };

/** The most appointments and groups a day anyone can be asked to hold (a sanity bound, not a clinical rule). */
export const MAX_SESSIONS_PER_DAY_LIMIT = 24;

export const workingHoursRuleSchema = soundRule(z.object({ siteId: z.uuid('must be a site id'), ...weeklyRuleFields }));
export type WorkingHoursRule = z.infer<typeof workingHoursRuleSchema>;

export const clinicianAvailabilityUpdateSchema = z.object({
  /** Every weekly rule; overlapping ones are merged per site, so the stored rules may be fewer. */
  rules: z.array(workingHoursRuleSchema).max(100, 'at most 100 rules'),
  maxSessionsPerDay: z.number().int().min(1, 'must be at least 1').max(MAX_SESSIONS_PER_DAY_LIMIT).nullable(),
  /** The version read, or null the first time hours are set. */
  version: versionSchema.nullable(),
});
export type ClinicianAvailabilityUpdate = z.infer<typeof clinicianAvailabilityUpdateSchema>;

export const clinicianExceptionCreateSchema = orderedSpan(
  z.object({
    startsAt: instantSchema,
    endsAt: instantSchema,
    kind: z.enum(CLINICIAN_EXCEPTION_KINDS, 'must be leave, training or other'),
    note: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  }),
);
export type ClinicianExceptionCreate = z.infer<typeof clinicianExceptionCreateSchema>;

export const clinicianExceptionSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  kind: z.enum(CLINICIAN_EXCEPTION_KINDS),
  note: z.string().nullable(),
});

export const clinicianAvailabilitySchema = z.object({
  staffId: z.string(),
  staffName: z.string(),
  rules: z.array(z.object({ siteId: z.string(), weekday: z.number(), startTime: z.string(), endTime: z.string() })),
  maxSessionsPerDay: z.number().nullable(),
  exceptions: z.array(clinicianExceptionSchema),
  /** null until hours are first set. */
  version: z.number().nullable(),
});
export type ClinicianAvailability = z.infer<typeof clinicianAvailabilitySchema>;

export const staffIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const staffExceptionParamsSchema = z.object({ id: z.string().min(1).max(100), exceptionId: z.uuid() });

// ---- Participant unavailability ----

export const UNAVAILABILITY_REASONS = ['work', 'school', 'childcare', 'other'] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];
export const UNAVAILABILITY_REASON_LABELS: Record<UnavailabilityReason, string> = {
  work: 'Work',
  school: 'School',
  childcare: 'Childcare',
  other: 'Other',
};

export const unavailabilityRuleSchema = soundRule(
  z.object({ reason: z.enum(UNAVAILABILITY_REASONS, 'must be work, school, childcare or other'), ...weeklyRuleFields }),
);
export type UnavailabilityRule = z.infer<typeof unavailabilityRuleSchema>;

export const participantUnavailabilityUpdateSchema = z.object({
  rules: z.array(unavailabilityRuleSchema).max(100, 'at most 100 rules'),
  version: versionSchema.nullable(),
});
export type ParticipantUnavailabilityUpdate = z.infer<typeof participantUnavailabilityUpdateSchema>;

export const participantExceptionCreateSchema = orderedSpan(
  z.object({
    startsAt: instantSchema,
    endsAt: instantSchema,
    note: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  }),
);
export type ParticipantExceptionCreate = z.infer<typeof participantExceptionCreateSchema>;

export const participantUnavailabilitySchema = z.object({
  participantId: z.string(),
  rules: z.array(z.object({ reason: z.enum(UNAVAILABILITY_REASONS), weekday: z.number(), startTime: z.string(), endTime: z.string() })),
  exceptions: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), note: z.string().nullable() })),
  version: z.number().nullable(),
});
export type ParticipantUnavailability = z.infer<typeof participantUnavailabilitySchema>;

export const participantExceptionParamsSchema = z.object({ id: z.uuid(), exceptionId: z.uuid() });

// ---- Slots and appointments ----

export const SLOT_COUNT_MAX = 50;
/** How far ahead the slot finder looks. */
export const SLOT_SEARCH_DAYS = 28;

export const slotQuerySchema = z.object({
  participantId: z.uuid('must be a participant id'),
  clinicianId: z.string().min(1).max(100),
  kind: z.enum(APPOINTMENT_KINDS, `must be one of ${APPOINTMENT_KINDS.join(', ')}`),
  /** The site whose hours and rooms are searched; the participant's program's site when left out. */
  siteId: z.uuid('must be a site id').optional(),
  /** Search from this instant (now when left out, never earlier than now). */
  from: instantSchema.optional(),
  count: z.coerce.number().int().min(1).max(SLOT_COUNT_MAX).default(5),
  /** A telehealth appointment: search the site's virtual rooms instead of its physical ones. */
  virtual: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type SlotQuery = z.infer<typeof slotQuerySchema>;

export const slotListSchema = z.object({
  timeZone: z.string(),
  siteId: z.string(),
  lengthMinutes: z.number(),
  slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), roomId: z.string().nullable(), roomName: z.string().nullable() })),
});
export type SlotList = z.infer<typeof slotListSchema>;

export const appointmentCreateSchema = z.object({
  participantId: z.uuid('must be a participant id'),
  clinicianId: z.string().min(1, 'is required').max(100),
  kind: z.enum(APPOINTMENT_KINDS, `must be one of ${APPOINTMENT_KINDS.join(', ')}`),
  startsAt: instantSchema,
  /** A room of the site; null for a call that needs none. */
  roomId: z.uuid('must be a room id').nullable(),
  /** The site the appointment is at; the participant's program's site when left out. */
  siteId: z.uuid('must be a site id').optional(),
});
export type AppointmentCreate = z.infer<typeof appointmentCreateSchema>;

export const appointmentRescheduleSchema = z.object({
  version: versionSchema,
  startsAt: instantSchema,
  roomId: z.uuid('must be a room id').nullable(),
  reason: reasonSchema,
});
export type AppointmentReschedule = z.infer<typeof appointmentRescheduleSchema>;

export const appointmentCancelSchema = z.object({
  version: versionSchema,
  reason: reasonSchema,
  /** Cancelled by or for the participant inside the notice period: recorded as a late cancel. */
  late: z.boolean().default(false),
});
export type AppointmentCancel = z.infer<typeof appointmentCancelSchema>;

export const appointmentMarkSchema = z.object({
  version: versionSchema,
  status: z.enum(['attended', 'no_show'], 'must be attended or no_show'),
});
export type AppointmentMark = z.infer<typeof appointmentMarkSchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  participantId: z.string(),
  participantName: z.string(),
  episodeId: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  siteId: z.string(),
  timeZone: z.string(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  localDate: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  reason: z.string().nullable(),
  version: z.number(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListSchema = z.object({ appointments: z.array(appointmentSchema) });
export type AppointmentList = z.infer<typeof appointmentListSchema>;

export const appointmentIdParamsSchema = z.object({ id: z.uuid() });

export const staffDayQuerySchema = z.object({ date: saneDateSchema.optional() });

export const staffDaySchema = z.object({
  staffId: z.string(),
  staffName: z.string(),
  date: z.string(),
  timeZone: z.string(),
  appointments: z.array(appointmentSchema),
  /** Groups the person runs that day. */
  sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), roomName: z.string().nullable() })),
});
export type StaffDay = z.infer<typeof staffDaySchema>;
