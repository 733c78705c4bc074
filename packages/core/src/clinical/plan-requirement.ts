/**
 * The weekly requirement a participant's own plan sets. A signed treatment plan's prescribed schedule (days per week ×
 * hours per day) becomes that participant's weekly hours requirement, kept inside the program's range for the level of
 * care (program-rules.ts, domain.md §1.2), for the weeks from the plan's signing on: the hours a week was judged
 * against are those in force that week, so signing a plan never rewrites a past week.
 */

/** A program's weekly range in minutes, as in force on a week's Monday (program_hours). */
export interface ProgramWeeklyRange {
  minWeeklyMinutes: number;
  maxWeeklyMinutes: number | null;
}

/** One signed plan version's prescription: its weekly minutes and the first day it governs. */
export interface PlanPrescription {
  /** The version's number; a later version replaces an earlier one. */
  number: number;
  /** The later of the day the plan takes effect and the day it was signed (in the site's zone). */
  fromDate: string;
  weeklyMinutes: number;
}

/**
 * The prescribed weekly minutes clamped to the program's range: below the minimum → the minimum, above the maximum →
 * the maximum. A plan is checked against the range when it is saved, but a program may change its range later.
 */
export function clampToProgramRange(prescribedMinutes: number, range: ProgramWeeklyRange): number {
  const atLeast = Math.max(prescribedMinutes, range.minWeeklyMinutes);
  return range.maxWeeklyMinutes === null ? atLeast : Math.min(atLeast, range.maxWeeklyMinutes);
}

/**
 * The plan prescription in force for the program week starting `monday`: of the signed versions governing by that
 * Monday, the newest; null when none does (the week is judged by the program's minimum).
 */
export function prescriptionInForce(plans: readonly PlanPrescription[], monday: string): PlanPrescription | null {
  let found: PlanPrescription | null = null;
  for (const p of plans) if (p.fromDate <= monday && (found === null || p.number > found.number)) found = p;
  return found;
}

/**
 * The minimum weekly minutes a week is judged against: the plan in force that week, clamped to the program's range in
 * force that week; the program's minimum when no plan governs it yet.
 */
export function requiredWeeklyMinutes(range: ProgramWeeklyRange, plans: readonly PlanPrescription[], monday: string): number {
  const plan = prescriptionInForce(plans, monday);
  return plan === null ? range.minWeeklyMinutes : clampToProgramRange(plan.weeklyMinutes, range);
}
