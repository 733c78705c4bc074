/** Requests and answers of the intake assessment API (the assessment's own rules are in clinical/intake-assessment.ts). */
import { z } from 'zod';
import { LEVEL_OF_CARE_FLAGS } from '../clinical/level-of-care.ts';
import { INTAKE_ASSESSMENT_STATUSES, intakeAssessmentDraftSchema } from '../clinical/intake-assessment.ts';
import { addendumCreateSchema, addendumViewSchema, unsignedAssessmentRowSchema } from './notes.ts';

export const intakeAssessmentIdParamsSchema = z.object({ id: z.uuid() });

export const intakeAssessmentCreateSchema = z.object({ content: intakeAssessmentDraftSchema.default({}) });
export type IntakeAssessmentCreate = z.infer<typeof intakeAssessmentCreateSchema>;

/** An autosave: the whole draft content as the form holds it, and the version it was loaded at (stale → 409). */
export const intakeAssessmentSaveSchema = z.object({ version: z.number().int().min(1), content: intakeAssessmentDraftSchema });
export type IntakeAssessmentSave = z.infer<typeof intakeAssessmentSaveSchema>;

export const intakeAssessmentSignSchema = z.object({ version: z.number().int().min(1) });
export const intakeAssessmentAddendumSchema = addendumCreateSchema;

const staffRef = z.object({ id: z.string(), name: z.string() });

export const intakeAssessmentSummarySchema = z.object({
  id: z.string(),
  /** Set once the person is admitted (an inquiry's assessment is attached to the episode then). */
  episodeId: z.string().nullable(),
  participantId: z.string().nullable(),
  /** The inquiry it was started for, if it was started before admission. */
  inquiryId: z.string().nullable(),
  status: z.enum(INTAKE_ASSESSMENT_STATUSES),
  author: staffRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  addendumCount: z.number(),
  version: z.number(),
  /** Level-of-care flags the answers point to, each with the answer that raised it: guidance, not a placement. */
  flags: z.array(z.object({ flag: z.enum(LEVEL_OF_CARE_FLAGS), because: z.string() })),
});
export type IntakeAssessmentSummary = z.infer<typeof intakeAssessmentSummarySchema>;

export const intakeAssessmentViewSchema = intakeAssessmentSummarySchema.extend({
  /** Who the assessment is about: the participant's or the inquirer's name. */
  displayName: z.string(),
  content: intakeAssessmentDraftSchema,
  contentHash: z.string().nullable(),
  /** Whether the stored content still gives the stored hash (null for a draft). */
  intact: z.boolean().nullable(),
  addenda: z.array(addendumViewSchema),
});
export type IntakeAssessmentView = z.infer<typeof intakeAssessmentViewSchema>;

export const intakeAssessmentListSchema = z.object({ assessments: z.array(intakeAssessmentSummarySchema) });
export type IntakeAssessmentList = z.infer<typeof intakeAssessmentListSchema>;

export const unsignedAssessmentListSchema = z.object({ rows: z.array(unsignedAssessmentRowSchema) });
export type UnsignedAssessmentList = z.infer<typeof unsignedAssessmentListSchema>;
