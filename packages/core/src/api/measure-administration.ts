/**
 * Administering measures (issue 7): one-time links a participant answers on their phone, daily check-ins, program
 * measurement schedules, the due list, and versioned safety plans. Request and response schemas only.
 */
import { z } from 'zod';
import { FOCI } from '../program-rules.ts';
import { INSTRUMENT_IDS } from '../measures/instrument.ts';
import { MEASURE_LINK_KINDS, MEASURE_LINK_TOKEN_PATTERN, MEASURE_SOURCES } from '../measures/administration.ts';
import { checkInSchema } from '../measures/check-in.ts';
import { safetyPlanSchema } from '../measures/safety-plan.ts';
import { keptPlanVersionParamsSchema, planVersionSchemaOf, planViewSchemaOf } from '../measures/plan-versions.ts';

const kind = z.enum(MEASURE_LINK_KINDS, { error: `must be one of ${MEASURE_LINK_KINDS.join(', ')}` });

/** Make a one-time link for an episode: one instrument, or a daily check-in. */
export const measureLinkRequestSchema = z.object({ instrument: kind });
export type MeasureLinkRequest = z.infer<typeof measureLinkRequestSchema>;

/** A link as made: the token appears here once and is stored only as a hash. */
export const measureLinkCreatedSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  instrument: kind,
  token: z.string(),
  /** The page to open, relative to the app's address: `/m/<token>`. */
  path: z.string(),
  expiresAt: z.string(),
});
export type MeasureLinkCreated = z.infer<typeof measureLinkCreatedSchema>;

export const measureLinkTokenParamsSchema = z.object({
  token: z.string().regex(MEASURE_LINK_TOKEN_PATTERN, 'is not a link token'),
});

const publicItem = z.object({
  id: z.string(),
  number: z.string(),
  text: z.string(),
  options: z.array(z.object({ value: z.number(), label: z.string() })),
  enableWhen: z.object({ item: z.string(), values: z.array(z.number()) }).nullable(),
});

/** A questionnaire as a participant answers it (core's `publicQuestionnaire`): items and options, no scoring. */
export const publicQuestionnaireSchema = z.object({
  id: z.enum(INSTRUMENT_IDS),
  shortName: z.string(),
  title: z.string(),
  recall: z.string(),
  items: z.array(publicItem),
});

/** What a link's page shows: the questionnaire only — no name, no record, no scores. */
export const publicMeasureLinkSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('instrument'),
    organisationName: z.string(),
    expiresAt: z.string(),
    questionnaire: publicQuestionnaireSchema,
  }),
  z.object({ kind: z.literal('check-in'), organisationName: z.string(), expiresAt: z.string() }),
]);
export type PublicMeasureLink = z.infer<typeof publicMeasureLinkSchema>;

/**
 * A participant's answers through a link: `{ answers }` for an instrument (item id → chosen value), or the check-in's
 * fields. Which one applies depends on the link, so the server checks it against the link's instrument and names any
 * item at fault (`body.answers.q9`, `body.mood`).
 */
export const publicMeasureAnswerSchema = z.record(z.string(), z.unknown());

/** What the participant is told after answering: received, and whether to show the crisis resources first. */
export const publicMeasureReceiptSchema = z.object({
  status: z.literal('received'),
  showCrisisResources: z.boolean(),
});
export type PublicMeasureReceipt = z.infer<typeof publicMeasureReceiptSchema>;

/** A check-in as staff enter it (the participant's report, taken in session or by phone). */
export const checkInEntrySchema = checkInSchema;

export const storedCheckInSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  episodeId: z.uuid(),
  mood: z.number(),
  anxiety: z.number(),
  craving: z.number(),
  sleepHours: z.number(),
  anyUse: z.boolean(),
  substancesUsed: z.string().nullable(),
  selfHarmThoughts: z.boolean(),
  note: z.string().nullable(),
  source: z.enum(MEASURE_SOURCES),
  enteredBy: z.string().nullable(),
  checkedInAt: z.string(),
  safetyAlertId: z.uuid().nullable(),
});
export type StoredCheckIn = z.infer<typeof storedCheckInSchema>;
export const checkInListSchema = z.object({ items: z.array(storedCheckInSchema) });
export type CheckInList = z.infer<typeof checkInListSchema>;

const scheduleRuleView = z.object({
  instrument: z.enum(INSTRUMENT_IDS),
  shortName: z.string(),
  atAdmission: z.boolean(),
  everyDays: z.number().nullable(),
  atDischarge: z.boolean(),
});

/** A program's schedule: its own rules, or the defaults for its focus (`isDefault`). */
export const measurementScheduleViewSchema = z.object({
  programId: z.uuid(),
  programName: z.string(),
  focus: z.enum(FOCI),
  isDefault: z.boolean(),
  rules: z.array(scheduleRuleView),
});
export type MeasurementScheduleView = z.infer<typeof measurementScheduleViewSchema>;

export const dueListQuerySchema = z.object({
  /** Whose caseload (primary clinician); default the caller. Clinicians and prescribers see only their own. */
  clinicianId: z.string().min(1).max(100).optional(),
});

const openLinkView = z.object({ id: z.uuid(), expiresAt: z.string() });

export const DUE_REASONS = ['admission', 'interval', 'discharge'] as const;

export const dueItemSchema = z.object({
  episodeId: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  programName: z.string(),
  instrument: z.enum(INSTRUMENT_IDS),
  shortName: z.string(),
  reason: z.enum(DUE_REASONS),
  dueOn: z.string(),
  /** Positive when overdue, 0 today, negative when it falls due later this week. */
  daysFromToday: z.number(),
  /** A link already sent for it that is neither used nor expired. */
  openLink: openLinkView.nullable(),
});
export type DueItem = z.infer<typeof dueItemSchema>;

/** Everyone on a clinician's caseload with a measure due by the end of this program week. */
export const dueListSchema = z.object({
  clinicianId: z.string(),
  clinicianName: z.string(),
  today: z.string(),
  weekEndsOn: z.string(),
  items: z.array(dueItemSchema),
});
export type DueList = z.infer<typeof dueListSchema>;

/** Links for everyone due this week who has no open link yet, made in one action. */
export const dueLinksRequestSchema = z.object({ clinicianId: z.string().min(1).max(100).optional() });
export const dueLinksCreatedSchema = z.object({ links: z.array(measureLinkCreatedSchema) });
export type DueLinksCreated = z.infer<typeof dueLinksCreatedSchema>;

/** One saved version of a participant's safety plan. */
export const safetyPlanVersionSchema = planVersionSchemaOf(safetyPlanSchema);
export type SafetyPlanVersion = z.infer<typeof safetyPlanVersionSchema>;

/** The plan's latest version (null before the first save) and the list of earlier ones. */
export const safetyPlanViewSchema = planViewSchemaOf(safetyPlanSchema);
export type SafetyPlanView = z.infer<typeof safetyPlanViewSchema>;

export const safetyPlanVersionParamsSchema = keptPlanVersionParamsSchema;

// ---- The participant's own questionnaires and check-ins, in the portal ----

/** A questionnaire due for one of the participant's episodes, to answer in the portal. */
export const portalDueMeasureSchema = z.object({
  episodeId: z.uuid(),
  programName: z.string(),
  reason: z.enum(DUE_REASONS),
  dueOn: z.string(),
  questionnaire: publicQuestionnaireSchema,
});
export type PortalDueMeasure = z.infer<typeof portalDueMeasureSchema>;

/** GET /api/v1/portal/measures: what is due, and the episodes a daily check-in goes to (with the last one's time). */
export const portalMeasuresSchema = z.object({
  due: z.array(portalDueMeasureSchema),
  checkIn: z.array(z.object({ episodeId: z.uuid(), programName: z.string(), lastCheckedInAt: z.string().nullable() })),
});
export type PortalMeasures = z.infer<typeof portalMeasuresSchema>;

/** POST /api/v1/portal/episodes/:episodeId/measures/:kind — which episode, and the questionnaire or 'check-in'. */
export const portalMeasureParamsSchema = z.object({ episodeId: z.uuid(), kind });
