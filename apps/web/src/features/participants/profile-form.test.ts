import { afterAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '@trellis/core';
import { todayIn } from '../../app/format.ts';
import { EMPTY_PROFILE, profileInputOf, profileValidation, type ProfileValues } from './profile-form.ts';

// "Today" comes from the clock: stand on a fixed instant, never the wall clock.
// Set at load, so the tables below (built when the file is collected) see the same day as the tests.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-11-18T15:00:00Z'));
afterAll(() => vi.useRealTimers());

const valid: ProfileValues = { ...EMPTY_PROFILE, givenName: 'Avery', familyName: 'Quill', dateOfBirth: '1991-04-12' };
const errorsOf = (overrides: Partial<ProfileValues>) => profileValidation({ ...valid, ...overrides });

describe('the profile form checks each field with core’s rules', () => {
  it('accepts a complete profile, blanks for what is not known', () => {
    expect(errorsOf({})).toEqual({});
    expect(errorsOf({ phone: '+1 (212) 555-0100', email: 'avery@example.org' })).toEqual({});
  });

  it('asks for what is required, in words for the field', () => {
    expect(profileValidation(EMPTY_PROFILE)).toEqual({
      givenName: 'Enter the legal given name',
      familyName: 'Enter the legal family name',
      dateOfBirth: 'Enter the date of birth',
    });
  });

  it.each([
    [{ phone: 'call me' }, 'phone', /^Must be a phone number/],
    [{ phone: '555' }, 'phone', /^Must be a phone number/],
    [{ email: 'avery@' }, 'email', /^Must be an email address/],
    [{ dateOfBirth: addDays(todayIn(), 1) }, 'dateOfBirth', /^Cannot be in the future/],
    [{ dateOfBirth: '1899-12-31' }, 'dateOfBirth', /^Must be between 1900-01-01 and/],
    [{ emergencyName: 'Jordan Quill', emergencyRelationship: 'sibling', emergencyPhone: '12' }, 'emergencyPhone', /^Must be a phone number/],
  ])('%j → %s', (overrides, field, message) => {
    const errors = errorsOf(overrides);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('asks for the rest of an emergency contact once part of it is given', () => {
    expect(errorsOf({ emergencyName: 'Jordan Quill' })).toEqual({
      emergencyRelationship: 'Enter how they are related',
      emergencyPhone: 'Enter a phone number',
    });
  });

  it('sends the sex for scoring, "not recorded" unless chosen, and refuses a value the record does not hold', () => {
    expect(EMPTY_PROFILE.sexForScoring).toBe('unknown');
    expect(profileInputOf({ ...valid, sexForScoring: 'female' }).sexForScoring).toBe('female');
    expect(Object.keys(errorsOf({ sexForScoring: 'F' as ProfileValues['sexForScoring'] }))).toEqual(['sexForScoring']);
  });
});
