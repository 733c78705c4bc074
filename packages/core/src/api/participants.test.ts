import { describe, expect, it } from 'vitest';
import { participantCreateSchema, phoneSchema } from './participants.ts';

describe('phone numbers', () => {
  it.each([
    ['555-0100', true],
    ['+1 (212) 555-0100', true],
    ['020 7946 0958', true],
    ['212.555.0100', true],
    ['call me', false],
    ['555', false],
    ['+1 212 555 0100 ext 4', false],
    ['1234567890123456', false],
    ['', false],
  ])('%j is a phone number: %s', (phone, ok) => {
    expect(phoneSchema.safeParse(phone).success).toBe(ok);
  });

  it('names the field of a bad phone, for the participant and for the emergency contact', () => {
    const result = participantCreateSchema.safeParse({
      givenName: 'Avery',
      familyName: 'Quill',
      dateOfBirth: '1991-04-12',
      phone: 'n/a',
      emergencyContact: { name: 'Jordan Quill', relationship: 'sibling', phone: '12' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['emergencyContact.phone', 'phone']);
  });
});
