/**
 * Program rules: levels of care, populations, foci and the numbers that follow from them.
 * Every clinical or payer number lives here once, with its source (see shared/domain.md).
 */

export const LEVELS_OF_CARE = ['iop', 'php', 'op'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

/** Levels of care by their plain names; a mental-health program is not placed on the ASAM scale (domain.md §1.2). */
export const LEVEL_OF_CARE_LABELS: Record<LevelOfCare, string> = {
  iop: 'Intensive outpatient',
  php: 'Partial hospitalization',
  op: 'Outpatient',
};

/**
 * The ASAM level a substance-use or co-occurring program of this level of care sits at (ASAM 3rd edition numbering; the
 * 4th edition keeps 2.1 and renames 2.5 "High-Intensity Outpatient"; domain.md §1.2).
 */
const ASAM_LEVEL_TEXT: Record<LevelOfCare, string> = {
  iop: 'ASAM 2.1',
  php: 'ASAM 2.5, “High-Intensity Outpatient” in the 4th edition',
  op: 'ASAM 1',
};

/** A program's level of care as a label: with its ASAM level for SUD and co-occurring programs, plain for mental health. */
export function levelOfCareLabel(level: LevelOfCare, focus: Focus): string {
  return focus === 'mental_health' ? LEVEL_OF_CARE_LABELS[level] : `${LEVEL_OF_CARE_LABELS[level]} (${ASAM_LEVEL_TEXT[level]})`;
}

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

/**
 * The notice that must accompany every disclosure of a Part 2 record: 42 CFR §2.32(a)(1), "Statement 1", as amended by
 * the 2024 final rule (89 FR 12472). Printed on every page of an export from a Part 2 program's record.
 */
export const PART2_REDISCLOSURE_NOTICE =
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). These rules ' +
  'prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
  'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the ' +
  'patient, unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a ' +
  'court in accordance with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or ' +
  'disclosure of this record unless at least one of the following applies: A. Further use or disclosure is expressly ' +
  'permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise ' +
  'permitted by 42 CFR part 2. B. You are a covered entity or business associate and have received the record for ' +
  'treatment, payment, or health care operations, or C. You have received the record from a covered entity or business ' +
  'associate as permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of medical or ' +
  'other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the ' +
  'record (see 42 CFR 2.31).';

/** §2.32(a)(2), the short form of the notice (2024 wording), for where the full statement does not fit. */
export const PART2_REDISCLOSURE_NOTICE_SHORT = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

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

/** Days a week a per-diem program must offer: H0015 requires ≥ 3 h/day on ≥ 3 days a week (domain.md §3.2, §9). */
export const PER_DIEM_MIN_DAYS_PER_WEEK = 3;

/** A weekly template block, as far as the hours it offers go. */
export interface TemplateBlockHours {
  weekday: number;
  startTime: string;
  endTime: string;
  kind: SessionKind;
  breakMinutes?: number;
}

function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes a week a track template offers toward weekly hours: counting kinds only, breaks left out. */
export function templateWeeklyMinutes(blocks: readonly TemplateBlockHours[]): number {
  let total = 0;
  for (const b of blocks) {
    if (!SESSION_KIND_COUNTS[b.kind]) continue;
    total += Math.max(0, clockMinutes(b.endTime) - clockMinutes(b.startTime) - (b.breakMinutes ?? 0));
  }
  return total;
}

/**
 * Warnings for a track template that cannot meet its program: fewer weekly hours than the minimum, or fewer than
 * PER_DIEM_MIN_DAYS_PER_WEEK days for a program billed per diem (one with a per-diem minimum). Saved all the same.
 */
export function trackTemplateWarnings(
  blocks: readonly TemplateBlockHours[],
  program: { minWeeklyMinutes: number; perDiemMinMinutes: number },
): string[] {
  if (blocks.length === 0) return [];
  const warnings: string[] = [];
  const offered = templateWeeklyMinutes(blocks);
  if (offered < program.minWeeklyMinutes) {
    const h = (m: number) => `${Math.round(m / 6) / 10} h`;
    warnings.push(`Offers ${h(offered)} a week that count, below the program minimum of ${h(program.minWeeklyMinutes)}.`);
  }
  const days = new Set(blocks.filter((b) => SESSION_KIND_COUNTS[b.kind]).map((b) => b.weekday)).size;
  if (program.perDiemMinMinutes > 0 && days < PER_DIEM_MIN_DAYS_PER_WEEK) {
    warnings.push(`Meets on ${days} day${days === 1 ? '' : 's'} a week; a per-diem program needs at least ${PER_DIEM_MIN_DAYS_PER_WEEK}.`);
  }
  return warnings;
}

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
