/** Request and response shapes of the clinical record: diagnoses and level-of-care assessments per episode. */
import { z } from 'zod';
import { ASAM_EDITIONS } from '../clinical/asam.ts';
import { DIAGNOSIS_STATUSES } from '../clinical/diagnosis.ts';
import { ICD10_F_CODE_GROUPS } from '../clinical/icd10-f-codes.ts';
import { ICD10_SEARCH_DEFAULT_LIMIT } from '../clinical/icd10.ts';
import { LEVEL_OF_CARE_FLAGS, PLACEMENT_LEVELS, VARIANCE_REASONS } from '../clinical/level-of-care.ts';

export const diagnosisParamsSchema = z.object({ id: z.uuid(), diagnosisId: z.uuid() });
export const levelOfCareAssessmentParamsSchema = z.object({ id: z.uuid(), assessmentId: z.uuid() });

export const icd10SearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required').max(100),
  limit: z.coerce.number().int().min(1).max(100).default(ICD10_SEARCH_DEFAULT_LIMIT),
});

export const icd10CodeViewSchema = z.object({ code: z.string(), description: z.string(), group: z.enum(ICD10_F_CODE_GROUPS) });
export const icd10SearchResultSchema = z.object({ codes: z.array(icd10CodeViewSchema) });

const staffRef = z.object({ id: z.string(), name: z.string() });

export const diagnosisViewSchema = z.object({
  id: z.string(),
  episodeId: z.string(),
  code: z.string(),
  description: z.string(),
  isPrimary: z.boolean(),
  onsetOn: z.string().nullable(),
  status: z.enum(DIAGNOSIS_STATUSES),
  recordedBy: staffRef,
  createdAt: z.string(),
  version: z.number(),
});
export type DiagnosisView = z.infer<typeof diagnosisViewSchema>;
export const diagnosisListSchema = z.object({ diagnoses: z.array(diagnosisViewSchema) });

export const levelOfCareAssessmentViewSchema = z.object({
  id: z.string(),
  episodeId: z.string(),
  assessedOn: z.string(),
  edition: z.enum(ASAM_EDITIONS),
  ratings: z.array(
    z.object({ dimension: z.number(), dimensionName: z.string(), rating: z.number(), rationale: z.string() }),
  ),
  flags: z.array(z.enum(LEVEL_OF_CARE_FLAGS)),
  recommendedLevel: z.enum(PLACEMENT_LEVELS),
  chosenLevel: z.enum(PLACEMENT_LEVELS),
  varianceReason: z.enum(VARIANCE_REASONS).nullable(),
  varianceNote: z.string().nullable(),
  /** What Trellis's guidance suggested from these ratings and flags (not the ASAM algorithm). */
  guidance: z.object({
    floor: z.enum(PLACEMENT_LEVELS),
    suggested: z.enum(PLACEMENT_LEVELS),
    floorDimensions: z.array(z.number()),
    againstIop: z.boolean(),
    notice: z.string(),
  }),
  assessedBy: staffRef,
  createdAt: z.string(),
});
export type LevelOfCareAssessmentView = z.infer<typeof levelOfCareAssessmentViewSchema>;
/** An episode's level-of-care history, newest first. */
export const levelOfCareHistorySchema = z.object({ assessments: z.array(levelOfCareAssessmentViewSchema) });
