import { describe, expect, it } from 'vitest';
import { inquiryRequestSchema } from './public.ts';

const valid = {
  name: 'Avery Example',
  phone: '(555) 010-0199',
  email: '',
  preferredContact: 'phone',
  programId: null,
  payer: 'unsure',
  message: '',
  consentToContact: true,
  formToken: 'token',
  website: '',
};

const firstPath = (input: unknown) => {
  const result = inquiryRequestSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.path.join('.');
};

describe('inquiryRequestSchema', () => {
  it('accepts a person who leaves the optional fields empty, storing nulls', () => {
    const parsed = inquiryRequestSchema.parse(valid);
    expect(parsed).toMatchObject({ email: null, message: null, programId: null });
  });

  it.each([
    { what: 'no name', change: { name: '  ' }, path: 'name' },
    { what: 'email preferred without an email', change: { preferredContact: 'email' }, path: 'email' },
    { what: 'text preferred without a phone', change: { preferredContact: 'text', phone: '', email: 'a@example.test' }, path: 'phone' },
    { what: 'a phone of six digits', change: { phone: '555-010' }, path: 'phone' },
    { what: 'a phone of sixteen digits', change: { phone: '+1234567890123456' }, path: 'phone' },
    { what: 'letters for a phone', change: { phone: 'call me maybe' }, path: 'phone' },
    { what: 'a bad email', change: { email: 'not-an-email', preferredContact: 'email' }, path: 'email' },
    { what: 'no consent', change: { consentToContact: false }, path: 'consentToContact' },
    { what: 'an unknown payer', change: { payer: 'lottery' }, path: 'payer' },
    { what: 'a program that is not an id', change: { programId: 'iop' }, path: 'programId' },
    { what: 'a message over 1000 characters', change: { message: 'x'.repeat(1001) }, path: 'message' },
    { what: 'no form token', change: { formToken: '' }, path: 'formToken' },
  ])('$what → names $path', ({ change, path }) => {
    expect(firstPath({ ...valid, ...change })).toBe(path);
  });

  it.each([
    { what: 'a phone of seven digits', change: { phone: '555-0100' } },
    { what: 'a phone of fifteen digits', change: { phone: '+123456789012345' } },
    { what: 'a message of exactly 1000 characters', change: { message: 'x'.repeat(1000) } },
    { what: 'email only, preferring email', change: { phone: '', email: 'avery@example.test', preferredContact: 'email' } },
  ])('accepts $what', ({ change }) => {
    expect(firstPath({ ...valid, ...change })).toBeNull();
  });
});
