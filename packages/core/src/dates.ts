/**
 * Date windows every date input and filter is held to, and the episode date rules (birth, admission, track move,
 * discharge) that used to live in the server's services. Dates are 'YYYY-MM-DD' strings, which compare as dates do.
 */
import { addDays } from './time.ts';
import type { Population } from './program-rules.ts';
import type { DateSpan } from './roster.ts';

/**
 * The window any date the API accepts must fall in: no one alive was born before 1900, and nothing is scheduled past
 * 2100. Outside it a date is a typing slip (year 0026, 20266), not a fact.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** Admissions are recorded within a year of today either way: later ones are plans, earlier ones data entry slips. */
export const ADMISSION_WINDOW_DAYS = 365;

export function isWithinDateWindow(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** Whether two date spans (inclusive, open-ended when `to` is null) share at least one day. */
export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || b.from <= a.to);
}

/** Whole years of age on `date` for someone born on `dateOfBirth` (a 29 February birthday turns on 1 March). */
export function ageOn(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Ages each population serves on admission. Adolescent programs serve 12–17 (SAMHSA's adolescent treatment
 * population; ASAM's adolescent criteria), adults 18 and over (the age of majority in every US state but AL, NE, MS —
 * general knowledge, verify per state). A program wanting young adults in an adolescent track sets that up explicitly.
 */
export const POPULATION_AGES: Record<Population, { min: number; max: number | null }> = {
  adult: { min: 18, max: null },
  adolescent: { min: 12, max: 17 },
};

/** A date rule a request broke: 400 for a malformed or impossible value, 422 for one the domain refuses. */
export interface DateProblem {
  field: string;
  message: string;
  status: 400 | 422;
}

export function birthDateProblems(dateOfBirth: string, today: string): DateProblem[] {
  if (dateOfBirth > today) return [{ field: 'dateOfBirth', message: 'cannot be in the future', status: 400 }];
  if (dateOfBirth < EARLIEST_DATE) return [{ field: 'dateOfBirth', message: `must be ${EARLIEST_DATE} or later`, status: 400 }];
  return [];
}

export function admissionProblems(a: {
  admittedOn: string;
  dateOfBirth: string;
  today: string;
  population: Population;
}): DateProblem[] {
  if (a.admittedOn < addDays(a.today, -ADMISSION_WINDOW_DAYS) || a.admittedOn > addDays(a.today, ADMISSION_WINDOW_DAYS)) {
    return [{ field: 'admittedOn', message: 'must be within a year of today', status: 400 }];
  }
  if (a.admittedOn < a.dateOfBirth) return [{ field: 'admittedOn', message: 'is before the date of birth', status: 422 }];
  const age = ageOn(a.dateOfBirth, a.admittedOn);
  const { min, max } = POPULATION_AGES[a.population];
  if (age < min || (max !== null && age > max)) {
    const range = max === null ? `${min} or over` : `${min}–${max}`;
    return [{ field: 'admittedOn', message: `the participant is ${age} then; this ${a.population} program serves ages ${range}`, status: 422 }];
  }
  return [];
}

export function trackMoveProblems(m: {
  fromDate: string;
  admittedOn: string;
  /** When the current membership began. */
  currentFrom: string;
  /** The last local date a mark was recorded on the current track on or after `fromDate`, or null. */
  lastMarkedFrom: string | null;
}): DateProblem[] {
  if (m.fromDate < m.admittedOn) return [{ field: 'fromDate', message: `is before the admission on ${m.admittedOn}`, status: 422 }];
  // Earlier memberships are history; rewriting them would move attendance already taken.
  if (m.fromDate < m.currentFrom) {
    return [{ field: 'fromDate', message: `is before the current track began on ${m.currentFrom}`, status: 422 }];
  }
  if (m.lastMarkedFrom !== null) {
    return [{ field: 'fromDate', message: `attendance is recorded on the current track on ${m.lastMarkedFrom}; move from ${addDays(m.lastMarkedFrom, 1)} or later`, status: 422 }];
  }
  return [];
}

export function dischargeProblems(d: {
  dischargedOn: string;
  admittedOn: string;
  today: string;
  currentFrom: string | null;
  /** The last local date a mark was recorded after `dischargedOn` in this episode, or null. */
  lastMarkedAfter: string | null;
}): DateProblem[] {
  if (d.dischargedOn < d.admittedOn) return [{ field: 'dischargedOn', message: `is before the admission on ${d.admittedOn}`, status: 422 }];
  if (d.dischargedOn > d.today) return [{ field: 'dischargedOn', message: 'cannot be in the future', status: 422 }];
  if (d.currentFrom !== null && d.dischargedOn < d.currentFrom) {
    return [{ field: 'dischargedOn', message: `is before the current track began on ${d.currentFrom}`, status: 422 }];
  }
  if (d.lastMarkedAfter !== null) {
    return [{ field: 'dischargedOn', message: `attendance is recorded on ${d.lastMarkedAfter}; discharge on that day or later`, status: 422 }];
  }
  return [];
}
