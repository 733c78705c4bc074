/**
 * The demo's working hours and unavailability, so the slot finder and the weekly auto-scheduler have a believable week
 * to fill: every clinician and the prescriber work set hours at their site (the prescriber also sees Harbor's
 * adolescents by telehealth two afternoons a week, hours that never overlap her Riverside day), one clinician is on
 * leave next Friday, adolescents are at school on weekdays, and some adults on the evening and weekend tracks work
 * days. Deterministic: who works is decided by a participant's place on their track, never by the wall clock.
 */
import { addDays, zonedInstant, type UnavailabilityReason } from '@trellis/core';
import type { DbOrTx } from '../db/index.ts';
import {
  clinicianAvailability,
  clinicianException,
  clinicianHoursRule,
  participantUnavailability,
  participantUnavailabilityRule,
} from '../db/schema.ts';

type Site = 'east' | 'west';
export type DemoClinician = 'clinician' | 'clinician2' | 'clinician3' | 'prescriber';

interface Hours {
  site: Site;
  weekdays: number[];
  startTime: string;
  endTime: string;
}

const MON_TO_FRI = [1, 2, 3, 4, 5];

/**
 * Weekly hours at each site, wall clock of the site. The clinicians' days follow their groups: Sam Okafor runs the
 * morning mental health and the weekend and evening substance use groups, Jo Whitfield the evening mental health
 * groups, Kit Navarro Harbor's after-school groups.
 */
const HOURS: Record<DemoClinician, { maxSessionsPerDay: number; hours: Hours[] }> = {
  clinician: {
    maxSessionsPerDay: 8,
    hours: [
      { site: 'east', weekdays: [1, 3, 5], startTime: '08:00', endTime: '17:00' },
      { site: 'east', weekdays: [2, 4], startTime: '12:00', endTime: '21:30' },
    ],
  },
  clinician2: {
    maxSessionsPerDay: 7,
    hours: [
      { site: 'east', weekdays: [1, 2, 4], startTime: '12:00', endTime: '21:00' },
      { site: 'east', weekdays: [3], startTime: '11:00', endTime: '20:00' },
      { site: 'east', weekdays: [5], startTime: '09:00', endTime: '14:00' },
    ],
  },
  clinician3: {
    maxSessionsPerDay: 8,
    hours: [
      { site: 'west', weekdays: [1, 3, 4], startTime: '12:00', endTime: '20:00' },
      { site: 'west', weekdays: [2, 5], startTime: '12:00', endTime: '20:00' },
    ],
  },
  prescriber: {
    maxSessionsPerDay: 10,
    hours: [
      { site: 'east', weekdays: [1, 3, 4], startTime: '08:00', endTime: '16:00' },
      { site: 'east', weekdays: [2, 5], startTime: '08:00', endTime: '12:00' },
      // Telehealth for Harbor's adolescents after school: 13:00–19:00 in Los Angeles is 16:00–22:00 in New York, after
      // a break from her Riverside morning.
      { site: 'west', weekdays: [2, 5], startTime: '13:00', endTime: '19:00' },
    ],
  },
};

interface Unavailable {
  reason: UnavailabilityReason;
  weekdays: number[];
  startTime: string;
  endTime: string;
}

/** A participant's weekly unavailability by their track and place on it (every third evening member works 9–5, …). */
function unavailabilityOf(trackKey: string, place: number): Unavailable | null {
  if (trackKey === 'teen-afternoon') return { reason: 'school', weekdays: MON_TO_FRI, startTime: '08:00', endTime: '15:00' };
  if (trackKey === 'mh-evening' || trackKey === 'sud-evening') {
    if (place % 3 === 0) return { reason: 'work', weekdays: MON_TO_FRI, startTime: '09:00', endTime: '17:00' };
    if (place % 3 === 1) return { reason: 'work', weekdays: [1, 3, 5], startTime: '07:00', endTime: '15:30' };
    return null;
  }
  // The weekend track meets Wednesday mornings too; these members work the other weekdays.
  if (trackKey === 'sud-weekend' && place % 2 === 0) return { reason: 'work', weekdays: [1, 2, 4, 5], startTime: '09:00', endTime: '17:00' };
  if (trackKey === 'mh-morning' && place % 4 === 3) return { reason: 'childcare', weekdays: [2, 4], startTime: '15:00', endTime: '18:00' };
  return null;
}

export interface DemoAvailabilityInput {
  orgId: string;
  now: Date;
  sites: Record<Site, { id: string; timeZone: string }>;
  staffIds: Record<DemoClinician | 'director', string>;
  /** The Monday of the week the demo is seeded in. */
  thisMonday: string;
  /** Every demo participant with their track and place on it. */
  participants: readonly { participantId: string; trackKey: string; place: number }[];
}

export async function seedDemoAvailability(tx: DbOrTx, input: DemoAvailabilityInput): Promise<void> {
  const { orgId, now, sites, staffIds } = input;
  const clinicians = Object.keys(HOURS) as DemoClinician[];
  await tx.insert(clinicianAvailability).values(clinicians.map((c) => ({ orgId, userId: staffIds[c], maxSessionsPerDay: HOURS[c].maxSessionsPerDay, updatedAt: now })));
  await tx.insert(clinicianHoursRule).values(
    clinicians.flatMap((c) =>
      HOURS[c].hours.flatMap((h) => h.weekdays.map((weekday) => ({ orgId, userId: staffIds[c], siteId: sites[h.site].id, weekday, startTime: h.startTime, endTime: h.endTime }))),
    ),
  );
  // Jo Whitfield is on leave next Friday (the week the auto-scheduler fills), so the run works around a day off.
  const nextFriday = addDays(input.thisMonday, 7 + 4);
  await tx.insert(clinicianException).values({
    orgId,
    userId: staffIds.clinician2,
    startsAt: zonedInstant(nextFriday, '00:00', sites.east.timeZone),
    endsAt: zonedInstant(addDays(nextFriday, 1), '00:00', sites.east.timeZone),
    kind: 'leave',
    note: 'Annual leave',
    createdBy: staffIds.director,
    createdAt: now,
  });

  const unavailable = input.participants.flatMap((p) => {
    const rule = unavailabilityOf(p.trackKey, p.place);
    return rule ? [{ participantId: p.participantId, rule }] : [];
  });
  if (unavailable.length === 0) return;
  await tx.insert(participantUnavailability).values(unavailable.map((u) => ({ orgId, participantId: u.participantId, updatedAt: now })));
  await tx.insert(participantUnavailabilityRule).values(
    unavailable.flatMap(({ participantId, rule }) =>
      rule.weekdays.map((weekday) => ({ orgId, participantId, reason: rule.reason, weekday, startTime: rule.startTime, endTime: rule.endTime })),
    ),
  );
}
