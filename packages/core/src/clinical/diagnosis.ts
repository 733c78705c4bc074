/**
 * A diagnosis on an episode: an ICD-10-CM code with its description, a primary flag, onset and status. Codes from the
 * bundled common F-codes take their description from the list; any other code is checked by format and needs one.
 */
import { z } from 'zod';
import { saneDateSchema } from '../api/dates.ts';
import { commonFCode, isIcd10CmFormat, normalizeIcd10Code } from './icd10.ts';

/** Where a diagnosis stands (after FHIR Condition.clinicalStatus, with "provisional" from verificationStatus). */
export const DIAGNOSIS_STATUSES = ['provisional', 'active', 'in_remission', 'resolved', 'ruled_out'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

export const DIAGNOSIS_STATUS_LABELS: Record<DiagnosisStatus, string> = {
  provisional: 'Provisional',
  active: 'Active',
  in_remission: 'In remission',
  resolved: 'Resolved',
  ruled_out: 'Ruled out',
};

export const DIAGNOSIS_DESCRIPTION_MAX_LENGTH = 250;

export const icd10CodeSchema = z
  .string()
  .trim()
  .max(10, 'must be an ICD-10-CM code such as F10.20')
  .transform(normalizeIcd10Code)
  .refine(isIcd10CmFormat, 'must be an ICD-10-CM code such as F10.20 (letter, two characters, then optionally a dot and up to four more)');

export const diagnosisCreateSchema = z
  .object({
    code: icd10CodeSchema,
    description: z.string().trim().max(DIAGNOSIS_DESCRIPTION_MAX_LENGTH).nullable().optional(),
    isPrimary: z.boolean().default(false),
    onsetOn: saneDateSchema.nullable().optional(),
    status: z.enum(DIAGNOSIS_STATUSES).default('active'),
  })
  .transform((d, ctx) => {
    const description = d.description || commonFCode(d.code)?.description;
    if (!description) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'is required for a code outside the common list' });
      return z.NEVER;
    }
    return { ...d, description, onsetOn: d.onsetOn ?? null };
  });
export type DiagnosisCreate = z.infer<typeof diagnosisCreateSchema>;

export const diagnosisUpdateSchema = z.object({
  version: z.number().int().positive(),
  isPrimary: z.boolean().optional(),
  onsetOn: saneDateSchema.nullable().optional(),
  status: z.enum(DIAGNOSIS_STATUSES).optional(),
});
export type DiagnosisUpdate = z.infer<typeof diagnosisUpdateSchema>;

/**
 * Problems with a diagnosis as it would be saved: onset cannot be in the future, and only a current diagnosis
 * (provisional, active, in remission) can be the primary one.
 */
export function diagnosisProblems(
  d: { onsetOn?: string | null; isPrimary: boolean; status: DiagnosisStatus },
  today: string,
): { field: string; message: string; status: 400 }[] {
  const problems: { field: string; message: string; status: 400 }[] = [];
  if (d.onsetOn && d.onsetOn > today) problems.push({ field: 'onsetOn', message: 'cannot be in the future', status: 400 });
  if (d.isPrimary && !isCurrentDiagnosis(d.status)) {
    problems.push({ field: 'isPrimary', message: `cannot be set on a diagnosis that is ${DIAGNOSIS_STATUS_LABELS[d.status].toLowerCase()}`, status: 400 });
  }
  return problems;
}

/** Whether a status counts toward the episode's current diagnoses (and so may be primary). */
export function isCurrentDiagnosis(status: DiagnosisStatus): boolean {
  return status === 'provisional' || status === 'active' || status === 'in_remission';
}
