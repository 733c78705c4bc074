import type { AdmissionInput } from '../../api/types.ts';
import { z } from 'zod';
import { addDays, admissionSchema } from '@trellis/core';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { todayIn } from '../../app/format.ts';

export interface AdmissionValues {
  programId: string | null;
  trackId: string | null;
  admittedOn: string | null;
  primaryClinicianId: string | null;
  expectedWeeks: number | string;
}

export const ADMISSION_FIELDS = ['programId', 'trackId', 'admittedOn', 'primaryClinicianId', 'expectedWeeks'];

export function emptyAdmission(): AdmissionValues {
  return { programId: null, trackId: null, admittedOn: todayIn(), primaryClinicianId: null, expectedWeeks: 8 };
}

/** Admissions are dated within a year either side of today (a later one is a typo, an earlier one a backlog). */
const ADMISSION_WINDOW_DAYS = 366;

/** Core's admission rules on the form's values, plus the date window. */
const admissionFormSchema = z.preprocess(
  (values) => admissionInputOf(values as AdmissionValues),
  admissionSchema.superRefine((a, ctx) => {
    const today = todayIn();
    if (a.admittedOn > addDays(today, ADMISSION_WINDOW_DAYS))
      ctx.addIssue({ code: 'custom', path: ['admittedOn'], message: 'must be within a year from today' });
    else if (a.admittedOn < addDays(today, -ADMISSION_WINDOW_DAYS))
      ctx.addIssue({ code: 'custom', path: ['admittedOn'], message: 'must be within the last year' });
  }),
);

export const admissionValidation = coreSchemaResolver<AdmissionValues>(admissionFormSchema, {
  whenEmpty: {
    programId: 'Choose a program',
    trackId: 'Choose a track',
    admittedOn: 'Enter the admission date',
    primaryClinicianId: 'Choose the primary clinician',
  },
});

export function admissionInputOf(v: AdmissionValues): AdmissionInput {
  return {
    programId: v.programId ?? '',
    trackId: v.trackId ?? '',
    admittedOn: v.admittedOn ?? '',
    primaryClinicianId: v.primaryClinicianId ?? '',
    ...(typeof v.expectedWeeks === 'number' ? { expectedWeeks: v.expectedWeeks } : {}),
  };
}
