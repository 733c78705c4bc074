import type { Participant, ParticipantInput } from '../../api/types.ts';
import { todayIn } from '../../app/format.ts';

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
  };
}

const hasEmergency = (v: ProfileValues) => !!(v.emergencyName.trim() || v.emergencyRelationship.trim() || v.emergencyPhone.trim());

/** The same rules the server applies, so most mistakes are caught before a round trip. */
export const profileValidation = {
  givenName: (value: string) => (value.trim() ? null : 'Enter the legal given name'),
  familyName: (value: string) => (value.trim() ? null : 'Enter the legal family name'),
  dateOfBirth: (value: string | null) => {
    if (!value) return 'Enter the date of birth';
    return value > todayIn() ? 'Date of birth cannot be in the future' : null;
  },
  email: (value: string) => (!value.trim() || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter an email address like name@example.org'),
  emergencyName: (value: string, values: ProfileValues) => (hasEmergency(values) && !value.trim() ? 'Enter the contact’s name' : null),
  emergencyRelationship: (value: string, values: ProfileValues) =>
    hasEmergency(values) && !value.trim() ? 'Enter how they are related' : null,
  emergencyPhone: (value: string, values: ProfileValues) => (hasEmergency(values) && !value.trim() ? 'Enter a phone number' : null),
};
