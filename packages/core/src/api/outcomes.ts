/**
 * Program outcomes and the time-to-acknowledgement report: aggregate figures with the number of episodes behind each,
 * never a participant's name or id.
 */
import { z } from 'zod';
import { INSTRUMENT_IDS } from '../measures/instrument.ts';
import { ACK_PERIODS } from '../measures/outcomes-acknowledgement.ts';
import { saneDateSchema } from './dates.ts';

export const OUTCOME_GROUPINGS = ['program', 'track', 'clinician'] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];

export const OUTCOME_EPISODE_STATUSES = ['discharged', 'active'] as const;
export type OutcomeEpisodeStatus = (typeof OUTCOME_EPISODE_STATUSES)[number];

/** How long a period the reports accept: five years of a program's history in one request. */
export const MAX_REPORT_DAYS = 5 * 366;

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** A period `from`..`to` (local dates, inclusive): from not after to, and at most MAX_REPORT_DAYS long. */
function periodRefinement(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (q.from !== undefined && q.to !== undefined) {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (daysBetween(q.from, q.to) > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${MAX_REPORT_DAYS} days before to` });
  }
}

/**
 * `status=discharged` (default): episodes discharged between `from` and `to` (default: the year to today).
 * `status=active`: episodes active today, with their latest score so far; a period does not apply to them.
 */
export const outcomesQuerySchema = z
  .object({
    programId: z.uuid().optional(),
    from: saneDateSchema.optional(),
    to: saneDateSchema.optional(),
    groupBy: z.enum(OUTCOME_GROUPINGS, { error: `must be one of ${OUTCOME_GROUPINGS.join(', ')}` }).default('program'),
    status: z.enum(OUTCOME_EPISODE_STATUSES, { error: `must be one of ${OUTCOME_EPISODE_STATUSES.join(', ')}` }).default('discharged'),
  })
  .superRefine((q, ctx) => {
    if (q.status === 'active') {
      for (const key of ['from', 'to'] as const) {
        if (q[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'applies to discharged episodes only' });
      }
    }
    periodRefinement(q, ctx);
  });
export type OutcomesQuery = z.infer<typeof outcomesQuerySchema>;

const shareSchema = z.object({ count: z.number().int(), of: z.number().int() }).nullable();

export const instrumentOutcomesSchema = z.object({
  instrument: z.enum(INSTRUMENT_IDS),
  shortName: z.string(),
  scored: z.number().int(),
  noBaseline: z.number().int(),
  singleScore: z.number().int(),
  measured: z.number().int(),
  reliableImprovement: shareSchema,
  reliableDeterioration: shareSchema,
  response: shareSchema,
  remission: shareSchema,
  meanChange: z.number().nullable(),
  meanBaseline: z.number().nullable(),
  meanLatest: z.number().nullable(),
});
export type InstrumentOutcomesView = z.infer<typeof instrumentOutcomesSchema>;

export const outcomeGroupSchema = z.object({
  /** The program, track or clinician; null for episodes with no track or no primary clinician. */
  id: z.string().nullable(),
  name: z.string(),
  /** The track's program, when grouped by track. */
  programName: z.string().nullable(),
  /** Episodes in the group, scored or not. */
  episodes: z.number().int(),
  instruments: z.array(instrumentOutcomesSchema),
});
export type OutcomeGroup = z.infer<typeof outcomeGroupSchema>;

export const outcomesReportSchema = z.object({
  status: z.enum(OUTCOME_EPISODE_STATUSES),
  groupBy: z.enum(OUTCOME_GROUPINGS),
  /** The discharge dates covered; null for active episodes. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** Today in the zone the period was read in (the program's site, else the organisation's first site). */
  today: z.string(),
  baselineWindowDays: z.number().int(),
  groups: z.array(outcomeGroupSchema),
  /** Every episode in scope together. */
  total: z.object({ episodes: z.number().int(), instruments: z.array(instrumentOutcomesSchema) }),
});
export type OutcomesReport = z.infer<typeof outcomesReportSchema>;

/** Safety alerts raised between `from` and `to` (default: the 12 weeks to today), by program and week or month. */
export const acknowledgementQuerySchema = z
  .object({
    programId: z.uuid().optional(),
    from: saneDateSchema.optional(),
    to: saneDateSchema.optional(),
    period: z.enum(ACK_PERIODS, { error: `must be one of ${ACK_PERIODS.join(', ')}` }).default('week'),
  })
  .superRefine(periodRefinement);
export type AcknowledgementQuery = z.infer<typeof acknowledgementQuerySchema>;

const ackSummarySchema = z.object({
  alerts: z.number().int(),
  acknowledged: z.number().int(),
  unacknowledged: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const acknowledgementReportSchema = z.object({
  period: z.enum(ACK_PERIODS),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  programs: z.array(
    z.object({
      programId: z.uuid(),
      programName: z.string(),
      periods: z.array(ackSummarySchema.extend({ periodStart: z.string() })),
      total: ackSummarySchema,
    }),
  ),
  total: ackSummarySchema,
});
export type AcknowledgementReport = z.infer<typeof acknowledgementReportSchema>;
