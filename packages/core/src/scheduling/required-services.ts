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
