import { describe, expect, it } from 'vitest';
import {
  consentAllows,
  missingPart2Element,
  PART2_CONSENT_ELEMENTS,
  type ConsentTerms,
  type ConsentWriting,
} from './family-consent.ts';
import { familyConsentInputSchema } from './api/family.ts';

const NY = 'America/New_York';
const consent: ConsentTerms = {
  categories: ['family_sessions', 'attendance'],
  signedOn: '2026-11-02',
  endsOn: '2026-11-30',
  revokedAt: null,
  timeZone: NY,
};

describe('consentAllows', () => {
  it.each<[string, Partial<ConsentTerms>, Parameters<typeof consentAllows>[1], string, boolean]>([
    ['a listed category within the dates', {}, 'attendance', '2026-11-18T15:00:00Z', true],
    ['a category not listed', {}, 'education', '2026-11-18T15:00:00Z', false],
    [
      'clinical, never implied',
      { categories: ['family_sessions', 'education', 'attendance'] },
      'clinical',
      '2026-11-18T15:00:00Z',
      false,
    ],
    ['clinical when chosen', { categories: ['clinical'] }, 'clinical', '2026-11-18T15:00:00Z', true],
    // The end date is inclusive, in the site's zone: 23:59 on the 30th in New York is 04:59Z on 1 December.
    ['the last minute of the end date (site zone)', {}, 'attendance', '2026-12-01T04:59:00Z', true],
    ['the first minute after the end date (site zone)', {}, 'attendance', '2026-12-01T05:00:00Z', false],
    ['the day it was signed, at its first minute', {}, 'attendance', '2026-11-02T05:00:00Z', true],
    ['the evening before it was signed', {}, 'attendance', '2026-11-02T04:59:00Z', false],
    ['revoked a minute ago', { revokedAt: '2026-11-18T14:59:00Z' }, 'attendance', '2026-11-18T15:00:00Z', false],
    ['revoked at this instant', { revokedAt: '2026-11-18T15:00:00Z' }, 'attendance', '2026-11-18T15:00:00Z', false],
    [
      'revocation recorded for later (not yet)',
      { revokedAt: '2026-11-18T15:00:01Z' },
      'attendance',
      '2026-11-18T15:00:00Z',
      true,
    ],
    ['no categories at all', { categories: [] }, 'family_sessions', '2026-11-18T15:00:00Z', false],
  ])('%s', (_name, change, category, now, allowed) => {
    expect(consentAllows({ ...consent, ...change }, category, now)).toBe(allowed);
  });

  it('allows nothing without a consent', () => {
    expect(consentAllows(null, 'education', '2026-11-18T15:00:00Z')).toBe(false);
  });
});

describe('missingPart2Element (42 CFR 2.31(a))', () => {
  const complete: ConsentWriting = {
    patientName: 'Avery Family',
    disclosingProgram: 'Adult Substance Use IOP',
    categories: ['attendance'],
    recipientName: 'Jordan Family',
    purpose: 'To support Avery’s attendance',
    revocationAcknowledged: true,
    endsOn: '2026-12-31',
    signedBy: 'Avery Family',
    signedOn: '2026-11-02',
  };

  it('finds nothing missing in a complete consent', () => {
    expect(missingPart2Element(complete)).toBeNull();
  });

  it.each<[Partial<ConsentWriting>, string]>([
    [{ patientName: ' ' }, 'patientName'],
    [{ disclosingProgram: null }, 'disclosingProgram'],
    [{ categories: [] }, 'information'],
    [{ recipientName: '' }, 'recipientName'],
    [{ purpose: '   ' }, 'purpose'],
    [{ revocationAcknowledged: false }, 'revocationStatement'],
    [{ endsOn: null }, 'expiry'],
    [{ signedBy: '' }, 'signature'],
    [{ signedOn: null }, 'signedOn'],
    // Several missing: the first in the form's order is named.
    [{ purpose: '', signedBy: '', revocationAcknowledged: false }, 'purpose'],
  ])('names %j as missing %s', (change, element) => {
    expect(missingPart2Element({ ...complete, ...change })).toBe(element);
  });

  it('checks every element', () => {
    expect(PART2_CONSENT_ELEMENTS).toHaveLength(9);
  });
});

describe('familyConsentInputSchema', () => {
  const base = {
    programId: '5f4a8c2e-1d3b-4a6f-9e7c-2b8d0f1a3c5e',
    categories: ['attendance'],
    endsOn: '2026-12-31',
    signedOn: '2026-11-02',
  };
  it('defaults the optional writing to empty', () => {
    expect(familyConsentInputSchema.parse(base)).toMatchObject({
      purpose: '',
      signedBy: '',
      revocationAcknowledged: false,
    });
  });
  it.each([
    [{ categories: ['attendance', 'attendance'] }, 'categories'],
    [{ categories: ['diagnoses'] }, 'categories'],
    [{ endsOn: '2026-02-30' }, 'endsOn'],
  ])('refuses %j naming %s', (change, path) => {
    const result = familyConsentInputSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(path);
  });
});
