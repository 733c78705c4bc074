import { z } from 'zod';
import { APPOINTMENT_KINDS } from '../scheduling/appointment-kinds.ts';
import { SERVICE_WEEK_STATUSES } from '../scheduling/required-services.ts';
import { saneDateSchema } from './dates.ts';
import { LEDGER_STATUSES } from '../ledger.ts';
import { WEEK_TENSES } from '../time.ts';

export const weeklyHoursLedgerSchema = z.object({
  weekMonday: z.string(),
  attendedMinutes: z.number(),
  scheduledMinutes: z.number(),
  unrecordedMinutes: z.number(),
  projectedMinutes: z.number(),
  requiredMinutes: z.number(),
  attendedHours: z.number(),
  scheduledHours: z.number(),
  unrecordedHours: z.number(),
  projectedHours: z.number(),
  requiredHours: z.number(),
  maxHours: z.number().nullable(),
  daysMeetingPerDiem: z.number(),
  offeredMinutes: z.number(),
  cancelledMinutes: z.number(),
  rollsNotTaken: z.number(),
  partialWeek: z.boolean(),
  programCaused: z.boolean(),
  reason: z.string().nullable(),
  overMax: z.boolean(),
  status: z.enum(LEDGER_STATUSES),
});

export const serviceInWeekSchema = z.object({
  kind: z.enum(APPOINTMENT_KINDS),
  required: z.number(),
  booked: z.number(),
  attended: z.number(),
  status: z.enum(SERVICE_WEEK_STATUSES),
});

export const participantLedgerSchema = z.object({
  /** The current (or latest) episode; null when the participant was never admitted. */
  episodeId: z.string().nullable(),
  weeks: z.array(weeklyHoursLedgerSchema),
  /** Per week (same order as weeks): each required appointment as not due, booked, due or missing (serviceStatusInWeek). */
  services: z.array(z.object({ weekMonday: z.string(), items: z.array(serviceInWeekSchema) })).default([]),
});
export type ParticipantLedger = z.infer<typeof participantLedgerSchema>;

const monday = saneDateSchema.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, {
    message: 'must be a Monday (program weeks run Monday to Sunday)',
  });

export const censusQuerySchema = z.object({
  programId: z.uuid().optional(),
  trackId: z.uuid().optional(),
  clinicianId: z.string().min(1).max(100).optional(),
  week: monday.optional(),
});
export type CensusQuery = z.infer<typeof censusQuerySchema>;

/** A week's required appointments as counts (serviceCountsInWeek): called for, booked, still due, and missing. */
export const serviceCountsSchema = z.object({
  required: z.number(),
  booked: z.number(),
  due: z.number(),
  missing: z.number(),
});

export const censusRowSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  episodeId: z.string(),
  programId: z.string(),
  programName: z.string(),
  trackId: z.string().nullable(),
  trackName: z.string().nullable(),
  primaryClinicianId: z.string().nullable(),
  primaryClinicianName: z.string().nullable(),
  ledger: weeklyHoursLedgerSchema,
  /** The week's required appointments (individual, family, psychiatry) as counts: the ledger's services in brief. */
  services: serviceCountsSchema,
});
export type CensusRow = z.infer<typeof censusRowSchema>;

/** Where the server's clock stands against a week, in the zone the week was read in: pages choose their tense by it. */
export const weekTenseSchema = z.enum(WEEK_TENSES);

export const censusSchema = z.object({
  week: z.object({
    monday: z.string(),
    sunday: z.string(),
    /** The zone the default week and its tense are read in: the program's site, else the organisation's first site. */
    timeZone: z.string(),
    /** Today's date in that zone, on the server's clock. */
    today: z.string(),
    tense: weekTenseSchema,
  }),
  rows: z.array(censusRowSchema),
  counts: z.object({
    met: z.number(),
    onTrack: z.number(),
    atRisk: z.number(),
    short: z.number(),
    /** Sessions of the week that have ended with someone expected and unmarked. */
    rollsNotTaken: z.number(),
  }),
});
export type Census = z.infer<typeof censusSchema>;
