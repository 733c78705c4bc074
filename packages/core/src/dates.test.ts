import { describe, expect, it } from 'vitest';
import {
  admissionProblems,
  ageOn,
  birthDateProblems,
  dischargeProblems,
  isWithinDateWindow,
  spansOverlap,
  trackMoveProblems,
} from './dates.ts';

const fields = (ps: { field: string; status: number }[]) => ps.map((p) => `${p.field}:${p.status}`);

describe('isWithinDateWindow', () => {
  it.each([
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['0026-11-18', false],
  ])('%s → %s', (date, ok) => expect(isWithinDateWindow(date)).toBe(ok));
});

describe('spansOverlap', () => {
  it.each([
    [{ from: '2026-03-01', to: '2026-03-05' }, { from: '2026-03-05', to: null }, true],
    [{ from: '2026-03-01', to: '2026-03-04' }, { from: '2026-03-05', to: null }, false],
    [{ from: '2026-03-06', to: null }, { from: '2026-03-01', to: '2026-03-05' }, false],
    [{ from: '2026-03-01', to: null }, { from: '2030-01-01', to: null }, true],
    [{ from: '2026-03-03', to: '2026-03-03' }, { from: '2026-03-01', to: '2026-03-09' }, true],
  ])('%o and %o → %s', (a, b, overlap) => {
    expect(spansOverlap(a, b)).toBe(overlap);
    expect(spansOverlap(b, a)).toBe(overlap);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-11-18', '2026-11-17', 17],
    ['2008-11-18', '2026-11-18', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s → %i', (dob, date, age) => expect(ageOn(dob, date)).toBe(age));
});

describe('birthDateProblems', () => {
  it.each([
    ['1988-06-01', []],
    ['2026-11-18', []],
    ['2026-11-19', ['dateOfBirth:400']],
    ['1899-12-31', ['dateOfBirth:400']],
  ])('%s → %o', (dob, want) => expect(fields(birthDateProblems(dob, '2026-11-18'))).toEqual(want));
});

describe('admissionProblems', () => {
  const today = '2026-11-18';
  it.each([
    { admittedOn: today, dateOfBirth: '1988-06-01', population: 'adult' as const, want: [] },
    { admittedOn: '2027-11-18', dateOfBirth: '1988-06-01', population: 'adult' as const, want: [] },
    { admittedOn: '2027-11-19', dateOfBirth: '1988-06-01', population: 'adult' as const, want: ['admittedOn:400'] },
    { admittedOn: '2025-11-17', dateOfBirth: '1988-06-01', population: 'adult' as const, want: ['admittedOn:400'] },
    { admittedOn: today, dateOfBirth: '2026-11-19', population: 'adult' as const, want: ['admittedOn:422'] },
    { admittedOn: today, dateOfBirth: '2010-01-01', population: 'adult' as const, want: ['admittedOn:422'] },
    { admittedOn: today, dateOfBirth: '2010-01-01', population: 'adolescent' as const, want: [] },
    { admittedOn: today, dateOfBirth: '2008-11-18', population: 'adolescent' as const, want: ['admittedOn:422'] },
    { admittedOn: today, dateOfBirth: '2008-11-19', population: 'adolescent' as const, want: [] },
    { admittedOn: today, dateOfBirth: '2015-01-01', population: 'adolescent' as const, want: ['admittedOn:422'] },
  ])('$population admitted $admittedOn, born $dateOfBirth → $want', ({ want, ...a }) => {
    expect(fields(admissionProblems({ ...a, today }))).toEqual(want);
  });
});

describe('trackMoveProblems', () => {
  const base = { admittedOn: '2026-11-02', currentFrom: '2026-11-09', lastMarkedFrom: null };
  it.each([
    { fromDate: '2026-11-18', over: {}, want: [] },
    { fromDate: '2026-11-01', over: {}, want: ['fromDate:422'] },
    { fromDate: '2026-11-08', over: {}, want: ['fromDate:422'] },
    { fromDate: '2026-11-09', over: {}, want: [] },
    { fromDate: '2026-11-11', over: { lastMarkedFrom: '2026-11-16' }, want: ['fromDate:422'] },
  ])('from $fromDate ($over) → $want', ({ fromDate, over, want }) => {
    expect(fields(trackMoveProblems({ ...base, ...over, fromDate }))).toEqual(want);
  });
});

describe('dischargeProblems', () => {
  const base = { admittedOn: '2026-11-02', today: '2026-11-18', currentFrom: '2026-11-09', lastMarkedAfter: null };
  it.each([
    { dischargedOn: '2026-11-18', over: {}, want: [] },
    { dischargedOn: '2026-11-02', over: { currentFrom: '2026-11-02' }, want: [] },
    { dischargedOn: '2026-11-01', over: {}, want: ['dischargedOn:422'] },
    { dischargedOn: '2026-11-19', over: {}, want: ['dischargedOn:422'] },
    { dischargedOn: '2026-11-08', over: {}, want: ['dischargedOn:422'] },
    { dischargedOn: '2026-11-10', over: { lastMarkedAfter: '2026-11-12' }, want: ['dischargedOn:422'] },
  ])('on $dischargedOn ($over) → $want', ({ dischargedOn, over, want }) => {
    expect(fields(dischargeProblems({ ...base, ...over, dischargedOn }))).toEqual(want);
  });
});
