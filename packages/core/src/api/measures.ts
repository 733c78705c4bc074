/**
 * Measures entered by staff, a participant's scores over time, and safety alerts: request and response schemas.
 * A request carries answers only; every score in a response was computed by `scoreMeasure` on the server.
 */
import { z } from 'zod';
import { INSTRUMENT_IDS } from '../measures/instrument.ts';
import { measureResponseSchema } from '../measures/registry.ts';
import { SAFETY_ACTIONS, SAFETY_ALERT_KINDS } from '../measures/safety-alert.ts';
import { MEASURE_SOURCES } from '../measures/administration.ts';

const administeredAt = z.iso
  .datetime({ offset: true, error: 'must be a date and time with a zone offset, e.g. 2026-11-18T10:00:00-05:00' })
  .optional();

/**
 * A measure as staff enter it: the instrument, its answers, and when it was given (default: now). Any other key —
 * `total`, `score`, `band` — is refused, naming the key, because the server computes scores (issue 7).
 */
const ENTRY_KEYS = new Set(['instrument', 'answers', 'administeredAt']);
const [firstEntry, ...otherEntries] = measureResponseSchema.options.map((o) =>
  o
    .extend({ administeredAt })
    .catchall(z.unknown())
    .superRefine((entry, ctx) => {
      for (const key of Object.keys(entry)) {
        if (!ENTRY_KEYS.has(key))
          ctx.addIssue({ code: 'custom', path: [key], message: 'is not accepted: the server computes scores from the answers' });
      }
    }),
);
export const measureEntrySchema = z.discriminatedUnion('instrument', [firstEntry!, ...otherEntries]);
export type MeasureEntry = z.infer<typeof measureEntrySchema>;

/**
 * A measure entry must carry an Idempotency-Key (the web form makes one when it opens): a double submit, or a repeat
 * over a flaky connection, then stores one response and answers both with it.
 */
export const measureEntryHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string({ error: 'is required: send a key made when the form opened, so a repeat stores one response' })
    .min(8, 'must be at least 8 characters')
    .max(200, 'must be at most 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
});

const bandSchema = z.object({ id: z.string(), label: z.string() });
const flagSchema = z.object({ code: z.string(), kind: z.enum(['safety', 'screen']), message: z.string() });

/** One stored response with the scores the server computed. */
export const storedMeasureSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  episodeId: z.uuid(),
  instrument: z.enum(INSTRUMENT_IDS),
  answers: z.record(z.string(), z.number()),
  total: z.number().nullable(),
  band: bandSchema.nullable(),
  subscales: z.record(z.string(), z.number()),
  flags: z.array(flagSchema),
  /** How the score was reached where that depends on the person (AUDIT-C: which cut-off by sex); null otherwise. */
  scoringNote: z.string().nullable(),
  administeredAt: z.string(),
  /** The staff member who entered it; null when the participant answered through a one-time link. */
  enteredBy: z.string().nullable(),
  source: z.enum(MEASURE_SOURCES),
  /** The safety alert this response raised, if any. */
  safetyAlertId: z.uuid().nullable(),
});
export type StoredMeasure = z.infer<typeof storedMeasureSchema>;

const reliableChangeSchema = z.object({
  change: z.number(),
  rci: z.number(),
  reliable: z.boolean(),
  direction: z.enum(['improved', 'deteriorated', 'no-reliable-change']),
  minimumReliablePoints: z.number(),
});

/** One instrument's scores within one episode, oldest first, each compared with the first (admission) score. */
export const measureSeriesSchema = z.object({
  episodeId: z.uuid(),
  instrument: z.enum(INSTRUMENT_IDS),
  shortName: z.string(),
  bands: z.array(z.object({ id: z.string(), label: z.string(), min: z.number().nullable(), max: z.number().nullable() })),
  points: z.array(
    z.object({
      responseId: z.uuid(),
      administeredAt: z.string(),
      total: z.number().nullable(),
      band: bandSchema.nullable(),
      subscales: z.record(z.string(), z.number()),
      flags: z.array(flagSchema),
      scoringNote: z.string().nullable(),
      /** Jacobson–Truax change from the first score; null for the first, and where the instrument has no settings. */
      fromFirst: reliableChangeSchema.nullable(),
    }),
  ),
  /** Response, remission and clinical significance from the first score to the latest; null with one score or no total. */
  outcome: z
    .object({
      response: z.boolean().nullable(),
      remission: z.boolean().nullable(),
      clinicallyMeaningful: z.boolean().nullable(),
      clinicallySignificant: z.boolean().nullable(),
    })
    .nullable(),
});
export type MeasureSeries = z.infer<typeof measureSeriesSchema>;

export const participantMeasuresSchema = z.object({ series: z.array(measureSeriesSchema) });
export type ParticipantMeasures = z.infer<typeof participantMeasuresSchema>;

/** An open safety alert as the list shows it: who, which program, why and since when — never the answers. */
export const safetyAlertSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  episodeId: z.uuid(),
  programName: z.string(),
  responseId: z.uuid().nullable(),
  kind: z.enum(SAFETY_ALERT_KINDS),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  action: z.enum(SAFETY_ACTIONS).nullable(),
  /** Seconds from the alert to its acknowledgement; null while open. */
  secondsToAcknowledge: z.number().nullable(),
});
export type SafetyAlert = z.infer<typeof safetyAlertSchema>;

export const safetyAlertListSchema = z.object({ items: z.array(safetyAlertSchema) });
export type SafetyAlertList = z.infer<typeof safetyAlertListSchema>;

export const safetyAlertParamsSchema = z.object({ id: z.uuid() });

/** What the person acknowledging an alert did; the action is required, the note optional. */
export const safetyAcknowledgementSchema = z.object({
  action: z.enum(SAFETY_ACTIONS, { error: `must be one of ${SAFETY_ACTIONS.join(', ')}` }),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
});
export type SafetyAcknowledgement = z.infer<typeof safetyAcknowledgementSchema>;
