/**
 * Request and response shapes of treatment plans (versions, signatures, reviews), their program settings, and
 * physician certification of PHP/IOP.
 */
import { z } from 'zod';
import { NOTE_DEADLINE_HOURS_MAX } from '../clinical/notes.ts';
import { CERTIFIED_LEVELS } from '../clinical/certification.ts';
import { DUE_STATES } from '../clinical/due.ts';
import { PLAN_SIGNATURE_METHODS, PLAN_SIGNERS, PLAN_VERSION_STATUSES } from '../clinical/plan-signatures.ts';
import {
  OBJECTIVE_PROGRESS,
  PLAN_REVIEW_INTERVAL_DAYS_MAX,
  planReviewSchema,
  treatmentPlanSchema,
} from '../clinical/treatment-plan.ts';

const staffRef = z.object({ id: z.string(), name: z.string() });
const version = z.number().int('must be a whole number').min(1);

export const planVersionParamsSchema = z.object({
  id: z.uuid(),
  number: z.coerce.number().int('must be a whole number').min(1).max(10_000),
});

/** A new draft: its content in full (a copy of the signed plan, changed, or a first plan). */
export const planDraftCreateSchema = z.object({ content: treatmentPlanSchema });
export type PlanDraftCreate = z.infer<typeof planDraftCreateSchema>;

/** Saving a draft: the version the editor loaded (stale → 409) and the content in full. */
export const planDraftSaveSchema = z.object({ version, content: treatmentPlanSchema });
export type PlanDraftSave = z.infer<typeof planDraftSaveSchema>;

/** The clinician signs the draft they have on screen. */
export const planSignSchema = z.object({ version });
export type PlanSign = z.infer<typeof planSignSchema>;

/** A further signature on a signed version: the participant's, taken in person, or the supervisor's sign-off. */
export const planSignatureCreateSchema = z.discriminatedUnion('signer', [
  z.object({
    signer: z.literal('participant'),
    /** The name the participant typed on the staff member's device. */
    signedName: z.string().trim().min(1, 'is required').max(200),
  }),
  z.object({ signer: z.literal('supervisor') }),
]);
export type PlanSignatureCreate = z.infer<typeof planSignatureCreateSchema>;

export const planSignatureViewSchema = z.object({
  signer: z.enum(PLAN_SIGNERS),
  signedName: z.string(),
  /** The staff member who signed, or for the participant the one who took the signature in person (or the participant). */
  recordedBy: staffRef,
  signedAt: z.string(),
  method: z.enum(PLAN_SIGNATURE_METHODS).default('in_person'),
});
export type PlanSignatureView = z.infer<typeof planSignatureViewSchema>;

export const planVersionViewSchema = z.object({
  episodeId: z.string(),
  number: z.number(),
  status: z.enum(PLAN_VERSION_STATUSES),
  content: treatmentPlanSchema,
  weeklyHours: z.number(),
  /** SHA-256 of the content as signed; null for a draft. */
  contentHash: z.string().nullable(),
  /** Optimistic concurrency for a draft's saves. */
  version: z.number(),
  createdBy: staffRef,
  createdAt: z.string(),
  updatedBy: staffRef,
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  signatures: z.array(planSignatureViewSchema),
  missingSignatures: z.array(z.enum(PLAN_SIGNERS)),
});
export type PlanVersionView = z.infer<typeof planVersionViewSchema>;

export const planVersionSummarySchema = planVersionViewSchema.pick({
  number: true,
  status: true,
  weeklyHours: true,
  createdAt: true,
  signedAt: true,
  missingSignatures: true,
}).extend({ effectiveOn: z.string() });
export type PlanVersionSummary = z.infer<typeof planVersionSummarySchema>;

export const planReviewCreateSchema = planReviewSchema;
export type PlanReviewCreate = z.infer<typeof planReviewCreateSchema>;

export const planReviewViewSchema = z.object({
  id: z.string(),
  planVersion: z.number(),
  reviewedOn: z.string(),
  nextReviewOn: z.string(),
  narrative: z.string(),
  progress: z.array(z.object({ objectiveId: z.string(), progress: z.enum(OBJECTIVE_PROGRESS), note: z.string().nullable() })),
  reviewedBy: staffRef,
  createdAt: z.string(),
});
export type PlanReviewView = z.infer<typeof planReviewViewSchema>;

export const planSettingsSchema = z.object({
  reviewIntervalDays: z.number().int('must be a whole number').min(1).max(PLAN_REVIEW_INTERVAL_DAYS_MAX),
  supervisorSignOff: z.boolean(),
  /** The program bills Medicare, so PHP/IOP episodes need a physician's certification (domain.md §3.1). */
  certificationRequired: z.boolean(),
});
export type PlanSettings = z.infer<typeof planSettingsSchema>;
/** Hours after a contact ends by which its note should be signed: the supervisor view's deadline, late entries. */
const noteDeadlineHours = z
  .number({ error: 'is required' })
  .int('must be a whole number')
  .min(1, 'must be at least 1 hour')
  .max(NOTE_DEADLINE_HOURS_MAX, `must be at most ${NOTE_DEADLINE_HOURS_MAX} hours (two weeks)`);
/** The program's documentation settings: the plan settings and the note deadline (left out: unchanged). */
export const planSettingsUpdateSchema = planSettingsSchema.extend({ version, noteDeadlineHours: noteDeadlineHours.optional() });
export type PlanSettingsUpdate = z.infer<typeof planSettingsUpdateSchema>;
export const planSettingsViewSchema = planSettingsSchema.extend({ programId: z.string(), version: z.number(), noteDeadlineHours: z.number() });
export type PlanSettingsView = z.infer<typeof planSettingsViewSchema>;

export const treatmentPlanOverviewSchema = z.object({
  episodeId: z.string(),
  today: z.string(),
  settings: planSettingsSchema,
  /** The program's weekly range in hours, which the prescribed schedule must sit inside. */
  programRange: z.object({ minHours: z.number(), maxHours: z.number().nullable() }),
  versions: z.array(planVersionSummarySchema),
  /** The newest signed version: the plan in force. */
  current: planVersionViewSchema.nullable(),
  draft: planVersionViewSchema.nullable(),
  reviews: z.array(planReviewViewSchema),
  nextReview: z.object({ dueOn: z.string(), reason: z.enum(['cycle', 'level_of_care_change']), state: z.enum(DUE_STATES) }).nullable(),
});
export type TreatmentPlanOverview = z.infer<typeof treatmentPlanOverviewSchema>;

/** Certify now the certification that is due: the sequence the prescriber saw, so a repeated click is refused. */
export const certificationCreateSchema = z.object({ sequence: z.number().int('must be a whole number').min(1).max(1000) });
export type CertificationCreate = z.infer<typeof certificationCreateSchema>;

const certificationDueSchema = z.object({
  kind: z.enum(['certification', 'recertification']),
  sequence: z.number(),
  dueOn: z.string(),
  state: z.enum(DUE_STATES),
});

export const certificationViewSchema = z.object({
  id: z.string(),
  episodeId: z.string(),
  kind: z.enum(['certification', 'recertification']),
  sequence: z.number(),
  level: z.enum(CERTIFIED_LEVELS),
  certifiedOn: z.string(),
  dueOn: z.string(),
  planVersion: z.number(),
  statement: z.string(),
  certifiedBy: staffRef,
  createdAt: z.string(),
});
export type CertificationView = z.infer<typeof certificationViewSchema>;

export const episodeCertificationsSchema = z.object({
  episodeId: z.string(),
  required: z.boolean(),
  certifications: z.array(certificationViewSchema),
  next: certificationDueSchema.nullable(),
});
export type EpisodeCertifications = z.infer<typeof episodeCertificationsSchema>;

export const certificationQueueQuerySchema = z.object({ programId: z.uuid().optional() });

export const certificationQueueRowSchema = z.object({
  episodeId: z.string(),
  participantId: z.string(),
  displayName: z.string(),
  programId: z.string(),
  programName: z.string(),
  level: z.enum(CERTIFIED_LEVELS),
  admittedOn: z.string(),
  due: certificationDueSchema,
  /** The signed plan of care the certification would reference; null when none is signed yet (certifying waits). */
  planVersion: z.number().nullable(),
  statement: z.string(),
});
export type CertificationQueueRow = z.infer<typeof certificationQueueRowSchema>;

export const certificationQueueSchema = z.object({
  today: z.string(),
  rows: z.array(certificationQueueRowSchema),
  counts: z.object({ overdue: z.number(), due: z.number(), upcoming: z.number() }),
});
export type CertificationQueue = z.infer<typeof certificationQueueSchema>;

/** A plan review due within DUE_SOON_DAYS or overdue, for the supervisor view. */
export const planReviewDueRowSchema = z.object({
  episodeId: z.string(),
  participantId: z.string(),
  displayName: z.string(),
  programName: z.string(),
  planVersion: z.number(),
  primaryClinician: z.object({ id: z.string(), name: z.string() }).nullable(),
  dueOn: z.string(),
  reason: z.enum(['cycle', 'level_of_care_change']),
  state: z.enum(['due', 'overdue']),
});
export type PlanReviewDueRow = z.infer<typeof planReviewDueRowSchema>;
export const planReviewsDueSchema = z.object({
  /** The reader's local date the states are judged on. */
  today: z.string(),
  rows: z.array(planReviewDueRowSchema),
});
export type PlanReviewsDue = z.infer<typeof planReviewsDueSchema>;
