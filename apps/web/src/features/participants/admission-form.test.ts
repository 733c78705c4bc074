import { afterAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '@trellis/core';
import { todayIn } from '../../app/format.ts';
import { admissionValidation, emptyAdmission, type AdmissionValues } from './admission-form.ts';

// "Today" comes from the clock: stand on a fixed instant, never the wall clock.
// Set at load, so the tables below (built when the file is collected) see the same day as the tests.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(new Date('2026-11-18T15:00:00Z'));
afterAll(() => vi.useRealTimers());

const PROGRAM = '44444444-4444-4444-8444-444444444444';
const TRACK = '33333333-3333-4333-8333-333333333333';
const valid = (): AdmissionValues => ({ ...emptyAdmission(), programId: PROGRAM, trackId: TRACK, primaryClinicianId: 'user-1' });

describe('the admission form checks each field with core’s rules', () => {
  it('accepts a complete admission dated today', () => {
    expect(admissionValidation(valid())).toEqual({});
  });

  it('asks for what is missing', () => {
    expect(admissionValidation({ ...emptyAdmission(), admittedOn: null })).toEqual({
      programId: 'Choose a program',
      trackId: 'Choose a track',
      admittedOn: 'Enter the admission date',
      primaryClinicianId: 'Choose the primary clinician',
    });
  });

  it.each([
    [{ admittedOn: addDays(todayIn(), 400) }, 'admittedOn', 'Must be within a year from today'],
    [{ admittedOn: addDays(todayIn(), -400) }, 'admittedOn', 'Must be within the last year'],
    [{ expectedWeeks: 0 }, 'expectedWeeks', 'Must be at least 1 week'],
    [{ expectedWeeks: 2.5 }, 'expectedWeeks', 'Must be a whole number of weeks'],
  ])('%j → %s', (overrides, field, message) => {
    const errors = admissionValidation({ ...valid(), ...overrides });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });
});
