/**
 * Program rules: levels of care, populations, foci and the numbers that follow from them.
 * Every clinical or payer number lives here once, with its source (see shared/domain.md).
 */

export const LEVELS_OF_CARE = ['iop', 'php', 'op'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

export const LEVEL_OF_CARE_LABELS: Record<LevelOfCare, string> = {
  iop: 'Intensive outpatient (ASAM 2.1)',
  php: 'Partial hospitalization (ASAM 2.5)',
  op: 'Outpatient (ASAM 1)',
};

export const POPULATIONS = ['adult', 'adolescent'] as const;
export type Population = (typeof POPULATIONS)[number];

export const FOCI = ['mental_health', 'substance_use', 'co_occurring'] as const;
export type Focus = (typeof FOCI)[number];

export const FOCUS_LABELS: Record<Focus, string> = {
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  co_occurring: 'Co-occurring',
};

/**
 * Whether records of a program with this focus fall under 42 CFR Part 2: a program that holds itself out as
 * providing substance use disorder treatment (domain.md §7). Co-occurring programs treat SUD, so they are in scope.
 */
export function isPart2Focus(focus: Focus): boolean {
  return focus === 'substance_use' || focus === 'co_occurring';
}

export interface WeeklyHoursRequirement {
  /** Minimum hours a program week needs; the ledger's `short`/`at-risk` test. */
  minHours: number;
  /** Upper bound of the level of care, or null when there is none. */
  maxHours: number | null;
}

/**
 * Weekly hours by level of care and population.
 * ASAM 3rd ed.: Level 1 adults < 9 h/wk, adolescents < 6 h/wk; Level 2.1 adults 9–19 h/wk, adolescents 6–19 h/wk;
 * Level 2.5 ≥ 20 h/wk (domain.md §1.2; SAMHSA IOP advisory; DC 22-A6329; 42 CFR 410.43(c)(1) for PHP).
 */
export const WEEKLY_HOURS_BY_LEVEL: Record<LevelOfCare, Record<Population, WeeklyHoursRequirement>> = {
  iop: { adult: { minHours: 9, maxHours: 19 }, adolescent: { minHours: 6, maxHours: 19 } },
  php: { adult: { minHours: 20, maxHours: null }, adolescent: { minHours: 20, maxHours: null } },
  op: { adult: { minHours: 0, maxHours: 9 }, adolescent: { minHours: 0, maxHours: 6 } },
};

/** The default weekly hours requirement for a new program. */
export function defaultWeeklyHours(level: LevelOfCare, population: Population): WeeklyHoursRequirement {
  return { ...WEEKLY_HOURS_BY_LEVEL[level][population] };
}

/**
 * Minimum hours attended in a day for it to count as a per-diem day: H0015 requires ≥ 3 h/day; New York IOS bills
 * daily only when ≥ 3 h are attended (domain.md §3.2, §3.3). Programs may change it.
 */
export const DEFAULT_PER_DIEM_MIN_HOURS = 3;

/**
 * Group capacity: SAMHSA describes groups of 6–12; default 12, hard stop 15 (domain.md §9). Payers may set less
 * (AHCCCS caps IOP groups at 8), so capacity is per track block within this hard stop.
 */
export const GROUP_CAPACITY_DEFAULT = 12;
export const GROUP_CAPACITY_HARD_STOP = 15;

export const SESSION_KINDS = ['group_therapy', 'psychoeducation', 'skills', 'family', 'holistic', 'recreational'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  group_therapy: 'Group therapy',
  psychoeducation: 'Psychoeducation',
  skills: 'Skills',
  family: 'Family',
  holistic: 'Holistic (activity therapy)',
  recreational: 'Recreational (does not count)',
};

/**
 * Whether a session kind counts toward weekly hours. Medicare covers therapy, patient education, family counselling and
 * non-recreational activity therapy; recreational or diversionary activities do not count (42 CFR 410.43(a); domain.md
 * §3.1, "Covered components").
 */
export const SESSION_KIND_COUNTS: Record<SessionKind, boolean> = {
  group_therapy: true,
  psychoeducation: true,
  skills: true,
  family: true,
  holistic: true,
  recreational: false,
};

export const EPISODE_STATUSES = ['active', 'discharged'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

export const DISCHARGE_DISPOSITIONS = [
  'completed',
  'stepped_down',
  'stepped_up',
  'left_against_advice',
  'administrative',
  'transferred',
] as const;
export type DischargeDisposition = (typeof DISCHARGE_DISPOSITIONS)[number];

export const DISCHARGE_DISPOSITION_LABELS: Record<DischargeDisposition, string> = {
  completed: 'Completed',
  stepped_down: 'Stepped down',
  stepped_up: 'Stepped up',
  left_against_advice: 'Left against advice',
  administrative: 'Administrative',
  transferred: 'Transferred',
};

/** How far ahead track templates are turned into sessions (the issue asks for at least 8 weeks). */
export const SESSION_HORIZON_WEEKS = 8;
