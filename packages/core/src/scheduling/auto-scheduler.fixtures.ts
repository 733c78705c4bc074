/**
 * Synthetic weeks for the auto-scheduler's tests and timings: small random ones a brute force can check, and a
 * realistic clinic week. Seeded, so a failing case can be replayed. Synthetic people only.
 */
import { localDateOf, zonedInstant } from '../time.ts';
import { APPOINTMENT_KIND_RULES, type AppointmentKind } from './appointment-kinds.ts';
import type { WeekProposal } from './auto-scheduler.ts';
import { intervalOf, overlapsAny, coversInterval, normaliseIntervals, type Interval } from './intervals.ts';
import { randomInt } from '../seeded-random.ts';
import { expandWeeklyRules, type WeeklyTimeRule } from './weekly-rules.ts';
import type { SchedulerClinician, SchedulerParticipant, SchedulerRoom, ServiceRequest, WeekToSchedule } from './week-model.ts';

export const NY = 'America/New_York';

export const localInterval = (date: string, from: string, to: string, zone = NY): Interval =>
  intervalOf(zonedInstant(date, from, zone), zonedInstant(date, to, zone));

const pick = <T>(random: () => number, items: readonly T[]): T => items[randomInt(random, 0, items.length - 1)]!;

/** A busy stretch of 0–3 hours starting on a random quarter hour of one of the days. */
function randomBusy(random: () => number, days: readonly string[], count: number): Interval[] {
  return Array.from({ length: count }, () => {
    const startQuarter = randomInt(random, 32, 50); // 08:00 … 12:30
    const lengthQuarters = randomInt(random, 1, 8);
    const time = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
    return localInterval(pick(random, days), time(startQuarter), time(Math.min(startQuarter + lengthQuarters, 95)));
  });
}

/**
 * A small week a brute force can enumerate: two days (Sunday 8 March 2026, spring-forward day in New York, and
 * Monday 9 March) with clinicians working 09:00–12:00, at most four appointments wanted.
 */
export function smallRandomWeek(random: () => number): WeekToSchedule {
  const days = ['2026-03-08', '2026-03-09'];
  const kinds: AppointmentKind[] = ['individual', 'family', 'psychiatry'];
  const clinicianCount = randomInt(random, 1, 3);
  const clinicians: SchedulerClinician[] = Array.from({ length: clinicianCount }, (_, i) => {
    const booked = random() < 0.3 ? [localInterval(pick(random, days), '10:00', '10:53')] : [];
    return {
      id: `clin-${i}`,
      kinds: i === 0 ? ['psychiatry', 'individual'] : random() < 0.5 ? ['individual', 'family'] : ['individual'],
      hours: days.map((d) => localInterval(d, pick(random, ['09:00', '10:00']), pick(random, ['11:00', '12:00']))),
      busy: [...randomBusy(random, days, randomInt(random, 0, 1)), ...booked],
      booked,
      maxSessionsPerDay: randomInt(random, 1, 3),
    };
  });
  const rooms: SchedulerRoom[] = Array.from({ length: randomInt(random, 1, 2) }, (_, i) => ({
    id: `room-${i}`,
    busy: randomBusy(random, days, randomInt(random, 0, 2)),
    sessionsAtOnce: random() < 0.2 ? 2 : 1,
  }));
  const participants: SchedulerParticipant[] = Array.from({ length: randomInt(random, 1, 4) }, (_, i) => ({
    id: `part-${i}`,
    busy: randomBusy(random, days, randomInt(random, 0, 2)),
    primaryClinicianId: random() < 0.7 ? pick(random, clinicians).id : null,
    usualTime: random() < 0.7 ? { weekday: pick(random, [7, 1]), time: pick(random, ['09:00', '10:00', '11:00']) } : null,
    // Sometimes a care team: only some of the clinicians may be booked for them.
    clinicianIds: random() < 0.3 ? clinicians.filter(() => random() < 0.6).map((c) => c.id) : null,
  }));
  const requests: ServiceRequest[] = [];
  let units = 0;
  for (const participant of participants) {
    for (const kind of kinds) {
      if (units >= 4 || random() < 0.55) continue;
      const count = Math.min(randomInt(random, 1, 2), 4 - units);
      units += count;
      requests.push({ participantId: participant.id, kind, count });
    }
  }
  return {
    zone: NY,
    window: intervalOf(zonedInstant('2026-03-08', '00:00', NY), zonedInstant('2026-03-10', '00:00', NY)),
    participants,
    clinicians,
    rooms,
    requests,
    costs: { notPrimaryClinician: randomInt(random, 0, 20), dayLoadStep: randomInt(random, 0, 5) },
  };
}

const weekdays = (days: number[], startTime: string, endTime: string): WeeklyTimeRule[] =>
  days.map((weekday) => ({ weekday, startTime, endTime }));

/**
 * A realistic week in the DST week of 2 March 2026 (New York): participants in a morning or evening track, a third of
 * them at work 09:00–17:00; therapists on day or late shifts, two prescribers; individual weekly, family for half,
 * psychiatry for a quarter.
 */
export function realisticWeek(random: () => number, sizes: { participants: number; clinicians: number; rooms: number }): WeekToSchedule {
  const window = intervalOf(zonedInstant('2026-03-02', '00:00', NY), zonedInstant('2026-03-09', '00:00', NY));
  const expand = (rules: WeeklyTimeRule[]) => expandWeeklyRules(rules, NY, window);
  const prescribers = Math.max(1, Math.round(sizes.clinicians / 4));
  const clinicians: SchedulerClinician[] = Array.from({ length: sizes.clinicians }, (_, i) => {
    const prescriber = i < prescribers;
    const lateShift = i % 2 === 1;
    const hours = prescriber
      ? expand(weekdays(lateShift ? [1, 3, 5] : [2, 4], lateShift ? '12:00' : '09:00', lateShift ? '20:00' : '17:00'))
      : expand(weekdays([1, 2, 3, 4, 5], lateShift ? '12:00' : '09:00', lateShift ? '20:00' : '17:00'));
    const meetings = expand(weekdays([randomInt(random, 1, 5)], '13:00', '14:00'));
    return {
      id: `clin-${i}`,
      kinds: prescriber ? ['psychiatry', 'medication_management'] : ['individual', 'family'],
      hours,
      busy: meetings,
      booked: [],
      maxSessionsPerDay: 6,
    };
  });
  const therapists = clinicians.slice(prescribers);
  const rooms: SchedulerRoom[] = Array.from({ length: sizes.rooms }, (_, i) => ({
    id: `room-${i}`,
    // One room hosts a group on Wednesday mornings.
    busy: i === 0 ? expand(weekdays([3], '09:00', '12:00')) : [],
  }));
  const participants: SchedulerParticipant[] = [];
  const requests: ServiceRequest[] = [];
  for (let i = 0; i < sizes.participants; i++) {
    const evening = random() < 0.5;
    const track = evening ? weekdays([1, 2, 4], '18:00', '21:00') : weekdays([1, 2, 4], '09:00', '12:00');
    const works = evening && random() < 0.66;
    const busy = expand([...track, ...(works ? weekdays([1, 2, 3, 4, 5], '09:00', '17:00') : [])]);
    const primary = therapists[i % therapists.length]!;
    participants.push({
      id: `part-${i}`,
      busy,
      primaryClinicianId: primary.id,
      usualTime: { weekday: randomInt(random, 1, 5), time: works ? '17:00' : pick(random, ['10:00', '13:00', '15:00']) },
    });
    requests.push({ participantId: `part-${i}`, kind: 'individual', count: 1 });
    if (random() < 0.5) requests.push({ participantId: `part-${i}`, kind: 'family', count: 1 });
    if (random() < 0.25) requests.push({ participantId: `part-${i}`, kind: 'psychiatry', count: 1 });
  }
  return { zone: NY, window, participants, clinicians, rooms, requests };
}

/** Every rule a proposal breaks, checked from the raw input (not from the solver's model). */
export function proposalViolations(week: WeekToSchedule, proposal: WeekProposal): string[] {
  const problems: string[] = [];
  const overlap = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;
  const placed = new Map<string, number>();
  proposal.placements.forEach((p, i) => {
    const participant = week.participants.find((x) => x.id === p.participantId);
    const clinician = week.clinicians.find((x) => x.id === p.clinicianId);
    const room = week.rooms.find((x) => x.id === p.roomId);
    if (!participant || !clinician || !room) return problems.push(`${i}: unknown participant, clinician or room`);
    const slot = { start: p.start, end: p.end };
    if (p.end - p.start !== APPOINTMENT_KIND_RULES[p.kind].lengthMinutes * 60_000) problems.push(`${i}: wrong length`);
    if (!clinician.kinds.includes(p.kind)) problems.push(`${i}: clinician does not see ${p.kind}`);
    if (participant.clinicianIds && !participant.clinicianIds.includes(clinician.id)) problems.push(`${i}: clinician not in the care team`);
    if (!coversInterval(normaliseIntervals(clinician.hours), slot)) problems.push(`${i}: outside clinician hours`);
    if (overlapsAny(normaliseIntervals(clinician.busy), slot)) problems.push(`${i}: clinician busy`);
    if (overlapsAny(normaliseIntervals(participant.busy), slot)) problems.push(`${i}: participant busy`);
    if (overlapsAny(normaliseIntervals(room.busy), slot)) problems.push(`${i}: room busy`);
    if (slot.start < week.window.start || slot.end > week.window.end) problems.push(`${i}: outside the week`);
    proposal.placements.forEach((q, j) => {
      if (j <= i || !overlap(slot, q)) return;
      if (q.clinicianId === p.clinicianId) problems.push(`${i}/${j}: clinician double-booked`);
      if (q.participantId === p.participantId) problems.push(`${i}/${j}: participant double-booked`);
    });
    const sharing = proposal.placements.filter((q) => q.roomId === p.roomId && overlap(slot, q)).length;
    if (sharing > (room.sessionsAtOnce ?? 1)) problems.push(`${i}: room over capacity`);
    const key = `${p.participantId}|${p.kind}`;
    placed.set(key, (placed.get(key) ?? 0) + 1);
  });
  for (const clinician of week.clinicians) {
    const perDay = new Map<string, number>();
    const isoOf = (ms: number) => new Date(ms).toISOString();
    for (const b of clinician.booked) perDay.set(localDateOf(isoOf(b.start), week.zone), (perDay.get(localDateOf(isoOf(b.start), week.zone)) ?? 0) + 1);
    for (const p of proposal.placements.filter((x) => x.clinicianId === clinician.id)) {
      const date = localDateOf(isoOf(p.start), week.zone);
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
    }
    for (const [date, n] of perDay) {
      if (n > clinician.maxSessionsPerDay && proposal.placements.some((p) => p.clinicianId === clinician.id && localDateOf(isoOf(p.start), week.zone) === date)) {
        problems.push(`${clinician.id} over daily maximum on ${date}`);
      }
    }
  }
  const wanted = new Map<string, number>();
  for (const r of week.requests) wanted.set(`${r.participantId}|${r.kind}`, (wanted.get(`${r.participantId}|${r.kind}`) ?? 0) + r.count);
  for (const [key, n] of wanted) {
    const missing = proposal.unplaced.filter((u) => `${u.participantId}|${u.kind}` === key).reduce((s, u) => s + u.count, 0);
    if ((placed.get(key) ?? 0) + missing !== n) problems.push(`${key}: placed + unplaced ≠ requested`);
  }
  return problems;
}
