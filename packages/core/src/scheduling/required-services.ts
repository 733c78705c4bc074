/**
 * Required services per week: how many individual, family and prescriber appointments a participant needs in a program
 * week, from their signed treatment plan's interventions where the plan says a frequency, else from the program's
 * setting (DEFAULT_REQUIRED_SERVICES until a program sets its own). Also the participant's usual time, read from their
 * most recent appointments, which the auto-scheduler prefers (week-model.ts `usualTime`).
 */
import { z } from 'zod';
import type { Intervention, InterventionModality } from '../clinical/treatment-plan.ts';
import { Temporal, addDays } from '../time.ts';
import { APPOINTMENT_KINDS, type AppointmentKind } from './appointment-kinds.ts';
import { APPOINTMENT_HOLDING_STATUSES, type AppointmentStatus } from './availability.ts';

/** One kind of appointment, `count` of them every `everyWeeks` weeks. */
export interface ServiceRequirement {
  kind: AppointmentKind;
  count: number;
  everyWeeks: number;
}

export const serviceRequirementSchema = z.object({
  kind: z.enum(APPOINTMENT_KINDS),
  count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(7, 'must be at most 7'),
  everyWeeks: z.number().int('must be a whole number').min(1, 'must be at least 1').max(12, 'must be at most 12'),
});
export const serviceRequirementsSchema = z.array(serviceRequirementSchema).max(APPOINTMENT_KINDS.length);

/**
 * The program default until a program sets its own (issue 9): one individual session a week, a psychiatry visit every
 * four weeks, a family session every two weeks. AHCCCS asks for 1–3 individual sessions and a weekly prescriber visit
 * (domain.md §3.3), so programs bound by it set their own.
 */
export const DEFAULT_REQUIRED_SERVICES: readonly ServiceRequirement[] = [
  { kind: 'individual', count: 1, everyWeeks: 1 },
  { kind: 'psychiatry', count: 1, everyWeeks: 4 },
  { kind: 'family', count: 1, everyWeeks: 2 },
];

/**
 * The appointment kind an intervention is delivered in, or null for those delivered in groups. The therapy modalities
 * (CBT, DBT, motivational interviewing, trauma-informed care, relapse prevention) are given in the individual session;
 * psychoeducation, mindfulness and holistic work are group content in an IOP.
 */
const KIND_OF_MODALITY: Record<InterventionModality, AppointmentKind | null> = {
  cbt: 'individual',
  dbt: 'individual',
  motivational_interviewing: 'individual',
  trauma_informed: 'individual',
  relapse_prevention: 'individual',
  family_therapy: 'family',
  medication_management: 'psychiatry',
  psychoeducation: null,
  mindfulness: null,
  holistic: null,
};

/** A plan frequency as a requirement: per week as is; per month as every 4 weeks; per day on the plan's days a week. */
function requirementOf(kind: AppointmentKind, frequency: Intervention['frequency'], daysPerWeek: number): ServiceRequirement {
  switch (frequency.per) {
    case 'week':
      return { kind, count: Math.min(frequency.times, 7), everyWeeks: 1 };
    case 'day':
      return { kind, count: Math.min(frequency.times * daysPerWeek, 7), everyWeeks: 1 };
    case 'month':
      // 1 a month → one every 4 weeks; 2 → every 2; 4 or more → weekly, rounded to whole appointments.
      return frequency.times >= 4
        ? { kind, count: Math.min(Math.round(frequency.times / 4), 7), everyWeeks: 1 }
        : { kind, count: 1, everyWeeks: Math.round(4 / frequency.times) };
  }
}

/** A signed plan's stored content as requiredServices reads it: every intervention, and the days a week (5 unless set). */
export function servicePlanOf(content: unknown): { interventions: Pick<Intervention, 'modality' | 'frequency'>[]; daysPerWeek: number } | null {
  if (content === null || typeof content !== 'object') return null;
  const c = content as { problems?: { goals: { objectives: { interventions: Intervention[] }[] }[] }[]; schedule?: { daysPerWeek: number } };
  const interventions = c.problems?.flatMap((p) => p.goals.flatMap((g) => g.objectives.flatMap((o) => o.interventions))) ?? [];
  return { interventions, daysPerWeek: c.schedule?.daysPerWeek ?? 5 };
}

/**
 * The requirements a signed plan sets, by kind; kinds the plan does not speak to fall back to the program's setting.
 * Several interventions of one kind (CBT and relapse prevention, each weekly) share the sessions: the most frequent
 * one sets the kind's requirement, since one individual session delivers both.
 */
export function requiredServices(
  plan: { interventions: readonly Pick<Intervention, 'modality' | 'frequency'>[]; daysPerWeek: number } | null,
  programSetting: readonly ServiceRequirement[] | null,
): ServiceRequirement[] {
  const byKind = new Map<AppointmentKind, ServiceRequirement>();
  for (const r of programSetting ?? DEFAULT_REQUIRED_SERVICES) byKind.set(r.kind, { ...r });
  const fromPlan = new Map<AppointmentKind, ServiceRequirement>();
  for (const intervention of plan?.interventions ?? []) {
    const kind = KIND_OF_MODALITY[intervention.modality];
    if (!kind) continue;
    const next = requirementOf(kind, intervention.frequency, plan!.daysPerWeek);
    const had = fromPlan.get(kind);
    if (!had || next.count / next.everyWeeks > had.count / had.everyWeeks) fromPlan.set(kind, next);
  }
  for (const [kind, r] of fromPlan) byKind.set(kind, r);
  return APPOINTMENT_KINDS.flatMap((kind) => (byKind.has(kind) ? [byKind.get(kind)!] : []));
}

/**
 * What is still due in the week opening on `monday`: per requirement, `count` less those already held or booked in the
 * week; a requirement every n weeks is due only when none of its kind fell in the n − 1 weeks before.
 */
export function servicesDueInWeek(
  requirements: readonly ServiceRequirement[],
  monday: string,
  appointments: readonly { kind: AppointmentKind; localDate: string }[],
): { kind: AppointmentKind; count: number }[] {
  const nextMonday = addDays(monday, 7);
  return requirements.flatMap((r) => {
    const sinceDate = addDays(monday, -7 * (r.everyWeeks - 1));
    const ofKind = appointments.filter((a) => a.kind === r.kind);
    if (ofKind.some((a) => a.localDate >= sinceDate && a.localDate < monday)) return [];
    const inWeek = ofKind.filter((a) => a.localDate >= monday && a.localDate < nextMonday).length;
    const count = r.count - inWeek;
    return count > 0 ? [{ kind: r.kind, count }] : [];
  });
}

/**
 * A participant's usual time on the site's clock: the weekday and start of their most recent appointment of the kinds
 * given (the ones with their primary clinician), or null when they have none.
 */
export function usualTimeOf(
  appointments: readonly { kind: AppointmentKind; startsAt: string }[],
  kinds: readonly AppointmentKind[],
  zone: string,
): { weekday: number; time: string } | null {
  let latest: string | null = null;
  for (const a of appointments) {
    if (kinds.includes(a.kind) && (latest === null || Date.parse(a.startsAt) > Date.parse(latest))) latest = a.startsAt;
  }
  if (latest === null) return null;
  const local = Temporal.Instant.from(latest).toZonedDateTimeISO(zone);
  return { weekday: local.dayOfWeek, time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}` };
}

/** Where a required service stands in a week: not called for, booked (or held), still to book, or missed. */
export const SERVICE_WEEK_STATUSES = ['not_due', 'booked', 'due', 'missing'] as const;
export type ServiceWeekStatus = (typeof SERVICE_WEEK_STATUSES)[number];

export interface ServiceInWeek {
  kind: AppointmentKind;
  /** How many the week calls for: the requirement's count, or 0 when the cadence does not call for it this week. */
  required: number;
  /** Appointments of the kind in the week that hold time: booked or attended. */
  booked: number;
  attended: number;
  status: ServiceWeekStatus;
}

/**
 * Each required service in one program week, for the ledger. The cadence runs from the last visit: a service every
 * n weeks is called for unless one of its kind was held (booked or attended) in the n − 1 weeks before, so a first
 * episode week always calls for everything, and a late visit moves the next one later rather than leaving a gap.
 * Visits before admission do not count (a new episode starts due), and weeks before the admission week call for
 * nothing. Cancelled, late-cancelled and no-show appointments hold nothing: they neither book the week nor cover the
 * weeks after. Short of the count, a service is `due` while the week runs and `missing` once it has ended.
 */
export function serviceStatusInWeek(
  requirements: readonly ServiceRequirement[],
  week: { monday: string; ended: boolean },
  admittedOn: string,
  appointments: readonly { kind: AppointmentKind; localDate: string; status: AppointmentStatus }[],
): ServiceInWeek[] {
  const nextMonday = addDays(week.monday, 7);
  const held = appointments.filter((a) => APPOINTMENT_HOLDING_STATUSES.includes(a.status) && a.localDate >= admittedOn);
  const admitted = admittedOn < nextMonday;
  return requirements.map((r) => {
    const ofKind = held.filter((a) => a.kind === r.kind);
    const since = addDays(week.monday, -7 * (r.everyWeeks - 1));
    const covered = ofKind.some((a) => a.localDate >= since && a.localDate < week.monday);
    const inWeek = ofKind.filter((a) => a.localDate >= week.monday && a.localDate < nextMonday);
    const booked = inWeek.length;
    const attended = inWeek.filter((a) => a.status === 'attended').length;
    const required = admitted && !covered ? r.count : 0;
    // An extra visit in a week that did not call for one still shows as booked.
    const status: ServiceWeekStatus =
      required === 0 ? (booked > 0 ? 'booked' : 'not_due') : booked >= required ? 'booked' : week.ended ? 'missing' : 'due';
    return { kind: r.kind, required, booked, attended, status };
  });
}

/** How many appointments a week's required services call for, how many of those are booked, and how many are still due or missing. */
export interface ServiceCounts {
  required: number;
  booked: number;
  due: number;
  missing: number;
}

/**
 * A week's required services as counts of appointments (the census's column): booked counts only up to what each
 * service requires, and what is short counts as due while the week runs and missing once it has ended.
 */
export function serviceCountsInWeek(items: readonly ServiceInWeek[]): ServiceCounts {
  const counts: ServiceCounts = { required: 0, booked: 0, due: 0, missing: 0 };
  for (const i of items) {
    const booked = Math.min(i.booked, i.required);
    counts.required += i.required;
    counts.booked += booked;
    if (i.status === 'due') counts.due += i.required - booked;
    if (i.status === 'missing') counts.missing += i.required - booked;
  }
  return counts;
}
