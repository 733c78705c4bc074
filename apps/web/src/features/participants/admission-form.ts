import type { AdmissionInput } from '../../api/types.ts';
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

export const admissionValidation = {
  programId: (v: string | null) => (v ? null : 'Choose a program'),
  trackId: (v: string | null) => (v ? null : 'Choose a track'),
  admittedOn: (v: string | null) => (v ? null : 'Enter the admission date'),
  primaryClinicianId: (v: string | null) => (v ? null : 'Choose the primary clinician'),
  expectedWeeks: (v: number | string) =>
    v === '' || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 104) ? null : 'Expected weeks must be a whole number from 1 to 104',
};

export function admissionInputOf(v: AdmissionValues): AdmissionInput {
  return {
    programId: v.programId ?? '',
    trackId: v.trackId ?? '',
    admittedOn: v.admittedOn ?? '',
    primaryClinicianId: v.primaryClinicianId ?? '',
    ...(typeof v.expectedWeeks === 'number' ? { expectedWeeks: v.expectedWeeks } : {}),
  };
}
