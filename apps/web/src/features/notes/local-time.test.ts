import { describe, expect, it } from 'vitest';
import { fromSiteInput, toSiteInput } from './local-time.ts';

const NY = 'America/New_York';

describe('note times on the site’s clock, whatever the device’s zone', () => {
  it.each([
    // Fall back, Sunday 2026-11-01: 01:30 happens twice; the field shows both as 01:30.
    { instant: '2026-11-01T05:30:00Z', field: '2026-11-01T01:30' },
    { instant: '2026-11-01T06:30:00Z', field: '2026-11-01T01:30' },
    // Spring forward, Sunday 2026-03-08: 03:00 EDT follows 01:59 EST.
    { instant: '2026-03-08T07:00:00Z', field: '2026-03-08T03:00' },
    { instant: '2026-11-18T14:00:00.000Z', field: '2026-11-18T09:00' },
  ])('$instant shows as $field in New York', ({ instant, field }) => {
    expect(toSiteInput(instant, NY)).toBe(field);
  });

  it.each([
    { field: '2026-11-01T01:30', instant: '2026-11-01T05:30:00Z', what: 'the earlier of the two 01:30s' },
    { field: '2026-03-08T02:30', instant: '2026-03-08T07:30:00Z', what: 'a time in the gap moves an hour later' },
    { field: '2026-11-18T09:00', instant: '2026-11-18T14:00:00Z', what: 'a plain morning' },
  ])('$field is $instant: $what', ({ field, instant }) => {
    expect(fromSiteInput(field, NY)).toBe(instant);
  });

  it('gives the schema an empty value for a half-typed field', () => {
    expect(fromSiteInput('2026-11-18', NY)).toBe('');
    expect(fromSiteInput('', NY)).toBe('');
  });
});
