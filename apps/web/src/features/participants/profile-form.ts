import type { Participant, ParticipantInput } from '../../api/types.ts';
import type { SexForScoring } from '@trellis/core';
import { z } from 'zod';
import { participantCreateSchema } from '@trellis/core';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { formatDate, todayIn } from '../../app/format.ts';

export interface ProfileValues {
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string | null;
  phone: string;
  email: string;
  emergencyName: string;
  emergencyRelationship: string;
  emergencyPhone: string;
  sexForScoring: SexForScoring;
}

export const PROFILE_FIELDS = Object.keys({
  givenName: 0,
  familyName: 0,
  preferredName: 0,
  pronouns: 0,
  dateOfBirth: 0,
  phone: 0,
  email: 0,
  emergencyName: 0,
  emergencyRelationship: 0,
  emergencyPhone: 0,
  sexForScoring: 0,
} satisfies Record<keyof ProfileValues, 0>);

/** Server paths of nested fields, as the form's flat field names. */
export const PROFILE_ALIASES: Record<string, string> = {
  'emergencyContact.name': 'emergencyName',
  'emergencyContact.relationship': 'emergencyRelationship',
  'emergencyContact.phone': 'emergencyPhone',
  emergencyContact: 'emergencyName',
};

export const EMPTY_PROFILE: ProfileValues = {
  givenName: '',
  familyName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: null,
  phone: '',
  email: '',
  emergencyName: '',
  emergencyRelationship: '',
  emergencyPhone: '',
  sexForScoring: 'unknown',
};

export function profileValuesOf(p: Participant): ProfileValues {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    preferredName: p.preferredName ?? '',
    pronouns: p.pronouns ?? '',
    dateOfBirth: p.dateOfBirth,
    phone: p.phone ?? '',
    email: p.email ?? '',
    emergencyName: p.emergencyContact?.name ?? '',
    emergencyRelationship: p.emergencyContact?.relationship ?? '',
    emergencyPhone: p.emergencyContact?.phone ?? '',
    sexForScoring: p.sexForScoring,
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export function profileInputOf(v: ProfileValues): ParticipantInput {
  const hasEmergency = !!(v.emergencyName.trim() || v.emergencyRelationship.trim() || v.emergencyPhone.trim());
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    preferredName: orNull(v.preferredName),
    pronouns: orNull(v.pronouns),
    dateOfBirth: v.dateOfBirth ?? '',
    phone: orNull(v.phone),
    email: orNull(v.email),
    emergencyContact: hasEmergency
      ? { name: v.emergencyName.trim(), relationship: v.emergencyRelationship.trim(), phone: v.emergencyPhone.trim() }
      : null,
    sexForScoring: v.sexForScoring,
  };
}

const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Core's participant rules on the form's values (blanks are "not given"), plus the birth date's sane range. */
const profileSchema = z.preprocess(
  (values) => profileInputOf(values as ProfileValues),
  participantCreateSchema.superRefine((p, ctx) => {
    if (!p.dateOfBirth) return;
    if (p.dateOfBirth > todayIn()) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'cannot be in the future' });
    else if (p.dateOfBirth < EARLIEST_BIRTH_DATE)
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: `must be ${formatDate(EARLIEST_BIRTH_DATE)} or later` });
  }),
);

/** Validates the profile form with the same schema the server applies, each problem on its field. */
export const profileValidation = coreSchemaResolver<ProfileValues>(profileSchema, {
  aliases: PROFILE_ALIASES,
  whenEmpty: {
    givenName: 'Enter the legal given name',
    familyName: 'Enter the legal family name',
    dateOfBirth: 'Enter the date of birth',
    emergencyName: 'Enter the contact’s name',
    emergencyRelationship: 'Enter how they are related',
    emergencyPhone: 'Enter a phone number',
  },
});
