import { describe, expect, it } from 'vitest';
import { COMMON_F_CODES } from './icd10-f-codes.ts';
import { commonFCode, isIcd10CmFormat, normalizeIcd10Code, searchIcd10 } from './icd10.ts';

describe('ICD-10-CM format', () => {
  it.each([
    ['F10.20', true],
    ['F32.A', true],
    ['F29', true],
    ['Z63.0', true],
    ['C4A.10', true],
    ['T40.2X1A', true],
    ['F10.2', true],
    ['F1', false],
    ['F10.', false],
    ['F10.20001', false],
    ['110.20', false],
    ['FF0.20', false],
    ['F10-20', false],
    ['f10.20', false],
    ['', false],
  ])('%s has the shape: %s', (code, ok) => {
    expect(isIcd10CmFormat(code)).toBe(ok);
  });

  it.each([
    ['f1020', 'F10.20'],
    [' f32.a ', 'F32.A'],
    ['F29', 'F29'],
    ['t402x1a', 'T40.2X1A'],
  ])('normalises %j to %s', (input, out) => {
    expect(normalizeIcd10Code(input)).toBe(out);
  });
});

describe('bundled common F-codes', () => {
  it('holds 60–120 distinct, well-formed F-codes with descriptions', () => {
    expect(COMMON_F_CODES.length).toBeGreaterThanOrEqual(60);
    expect(COMMON_F_CODES.length).toBeLessThanOrEqual(120);
    expect(new Set(COMMON_F_CODES.map((c) => c.code)).size).toBe(COMMON_F_CODES.length);
    for (const c of COMMON_F_CODES) {
      expect(isIcd10CmFormat(c.code), c.code).toBe(true);
      expect(c.code.startsWith('F'), c.code).toBe(true);
      expect(c.description.length).toBeGreaterThan(3);
    }
  });

  it('finds an entry by code however it is typed', () => {
    expect(commonFCode('f4312')?.description).toBe('Post-traumatic stress disorder, chronic');
    expect(commonFCode('Z63.0')).toBeUndefined();
  });
});

describe('searchIcd10', () => {
  const codes = (q: string, limit?: number) => searchIcd10(q, limit).map((c) => c.code);

  it('puts the exact code first, then codes starting with it', () => {
    const found = codes('F10.2');
    expect(found[0]).toBe('F10.20');
    expect(found).toEqual(['F10.20', 'F10.21', 'F10.220', 'F10.230', 'F10.239', 'F10.24', 'F10.280']);
  });

  it('ignores the dot and case in code queries', () => {
    expect(codes('f102')).toEqual(codes('F10.2'));
  });

  it('matches every word as the start of a description word', () => {
    expect(codes('alc dep remis')).toEqual(['F10.21']);
    expect(codes('borderline')).toEqual(['F60.3']);
    expect(codes('ptsd')).toEqual([]);
  });

  it('does not match inside a word', () => {
    expect(codes('pressive')).toEqual([]);
  });

  it('answers nothing for a blank query and respects the limit', () => {
    expect(codes('   ')).toEqual([]);
    expect(codes('disorder', 5)).toHaveLength(5);
  });
});
