import { describe, expect, it } from 'vitest';
import { diagnosisCreateSchema, diagnosisProblems, isCurrentDiagnosis } from './diagnosis.ts';

describe('diagnosis input', () => {
  it('normalises a common code and takes its description from the list', () => {
    expect(diagnosisCreateSchema.parse({ code: 'f1020' })).toEqual({
      code: 'F10.20',
      description: 'Alcohol dependence, uncomplicated',
      isPrimary: false,
      onsetOn: null,
      status: 'active',
    });
  });

  it('keeps a description the clinician wrote', () => {
    expect(diagnosisCreateSchema.parse({ code: 'F10.20', description: 'Alcohol use disorder, moderate' }).description).toBe(
      'Alcohol use disorder, moderate',
    );
  });

  it('accepts a well-formed code outside the list with a description', () => {
    expect(diagnosisCreateSchema.parse({ code: 'Z63.0', description: 'Relationship distress with spouse' }).code).toBe('Z63.0');
  });

  it.each([
    ['a malformed code', { code: 'F1' }, 'code'],
    ['a code with a bad character', { code: 'F10.2!' }, 'code'],
    ['a code outside the list without a description', { code: 'Z63.0' }, 'description'],
    ['an unknown status', { code: 'F10.20', status: 'cured' }, 'status'],
    ['an impossible onset', { code: 'F10.20', onsetOn: '2026-13-01' }, 'onsetOn'],
  ])('refuses %s, naming %s', (_name, input, path) => {
    const r = diagnosisCreateSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it.each([
    ['2026-03-02', []],
    ['2026-03-03', [{ field: 'onsetOn', message: 'cannot be in the future', status: 400 }]],
  ] as const)('onset %s on 2026-03-02', (onsetOn, problems) => {
    expect(diagnosisProblems({ onsetOn, isPrimary: false, status: 'active' }, '2026-03-02')).toEqual(problems);
  });

  it.each([
    ['active', true],
    ['in_remission', true],
    ['resolved', false],
    ['ruled_out', false],
  ] as const)('a primary diagnosis that is %s is allowed: %s', (status, ok) => {
    const problems = diagnosisProblems({ isPrimary: true, status }, '2026-03-02');
    expect(problems.map((p) => p.field)).toEqual(ok ? [] : ['isPrimary']);
  });

  it.each([
    ['active', true],
    ['provisional', true],
    ['in_remission', true],
    ['resolved', false],
    ['ruled_out', false],
  ] as const)('%s is current: %s', (status, current) => {
    expect(isCurrentDiagnosis(status)).toBe(current);
  });
});
