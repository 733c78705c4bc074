/**
 * The demo organisation, seeded on first start: two sites in different US time zones, three programs, five tracks
 * with morning, afternoon, evening and weekend options (each offering somewhat more than its program's minimum), staff
 * in every role, and 46 synthetic participants admitted on Mondays with six weeks of attendance history (ATTENDANCE):
 * most attend steadily, a few irregularly, three decline week by week (about 85% of minutes overall); some have left
 * for different reasons, a cancelled group was made up last week and this week's is not yet, and one roll is waiting
 * to be taken. Reproducible: the same pseudo-random seed gives the same people and the same attendance relative to the week it is seeded in, on any database
 * (draws are taken in session and creation order, never by random ids).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  DEFAULT_PER_DIEM_MIN_HOURS,
  EARLIEST_DATE,
  addDays,
  defaultWeeklyHours,
  isPart2Focus,
  minutesAttended,
  minutesBetween,
  programWeekContaining,
  randomInt,
  seededRandom,
  zonedInstant,
  type AttendanceMark,
  type Focus,
  type LevelOfCare,
  type Population,
  type SessionKind,
  type StaffRole,
} from '@trellis/core';
import type { Clock } from '../clock.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/index.ts';
import {
  attendance,
  episode,
  organisation,
  participant,
  inquiry,
  program,
  programHours,
  room,
  sessionRoster,
  session,
  site,
  track,
  trackBlock,
  trackMembership,
} from '../db/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import { createOrganisation, createPortalAccount, createStaff } from '../features/organisations/service.ts';
import { generateSessionsForOrg } from '../features/sessions/generate.ts';
import { seedDemoAvailability } from './demo-availability.ts';
import { seedDemoPortal, type DemoPerson } from './demo-portal.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PRONOUNS } from './names.ts';

export const DEMO_PASSWORD = 'trellis-demo';
export const DEMO_ORG_SLUG = 'demo';

export const DEMO_SIGN_INS: { email: string; role: StaffRole; name: string; credentials: string | null }[] = [
  { email: 'director@demo.test', role: 'director', name: 'Morgan Hale', credentials: 'LCSW' },
  { email: 'clinician@demo.test', role: 'clinician', name: 'Sam Okafor', credentials: 'LPC' },
  { email: 'prescriber@demo.test', role: 'prescriber', name: 'Dr. Priya Anand', credentials: 'MD' },
  { email: 'intake@demo.test', role: 'intake', name: 'Lee Marsh', credentials: null },
  { email: 'biller@demo.test', role: 'biller', name: 'Robin Castillo', credentials: null },
  { email: 'admin@demo.test', role: 'admin', name: 'Alex Winter', credentials: null },
];

/** The demo participant's portal sign-in (password DEMO_PASSWORD). */
export const DEMO_PARTICIPANT_EMAIL = 'participant@demo.test';

interface BlockSpec {
  weekdays: number[];
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind;
  breakMinutes?: number;
}

interface TrackSpec {
  key: string;
  program: string;
  name: string;
  room: string;
  facilitator: 'clinician' | 'clinician2' | 'clinician3';
  blocks: BlockSpec[];
  participants: number;
}

/** What the demo's public program page says about each program (the way in, /p/demo). */
interface PublicProfileSpec {
  audience: string;
  weekDescription: string;
  therapies: string[];
  insuranceAccepted: string[];
  typicalLengthWeeks: [number, number];
}

const DEMO_INSURANCE = ['Medicare', 'Medicaid', 'Blue Cross Blue Shield', 'Aetna', 'Cigna', 'UnitedHealthcare'];

const PROGRAMS: {
  key: string;
  site: 'east' | 'west';
  name: string;
  level: LevelOfCare;
  population: Population;
  focus: Focus;
  profile: PublicProfileSpec;
}[] = [
  {
    key: 'mh',
    site: 'east',
    name: 'Adult Mental Health IOP',
    level: 'iop',
    population: 'adult',
    focus: 'mental_health',
    profile: {
      audience: 'Adults 18 and over whose depression, anxiety or mood swings get in the way of work, home or relationships, and who need more than a weekly appointment.',
      weekDescription: 'Three mornings or three evenings a week: a process group, then a skills group where you practise what you learn. You meet your own clinician every week.',
      therapies: ['Cognitive behavioural therapy (CBT)', 'Dialectical behaviour therapy (DBT) skills', 'Mindfulness and grounding', 'Medication management', 'Family sessions'],
      insuranceAccepted: DEMO_INSURANCE,
      typicalLengthWeeks: [6, 10],
    },
  },
  {
    key: 'sud',
    site: 'east',
    name: 'Adult Substance Use IOP',
    level: 'iop',
    population: 'adult',
    focus: 'substance_use',
    profile: {
      audience: 'Adults 18 and over who want to stop or cut down alcohol or drug use, including people stepping down from residential care or withdrawal management.',
      weekDescription: 'Three sessions a week in groups of six to twelve: recovery skills, relapse prevention and a process group, with individual counselling and support for medication for addiction treatment.',
      therapies: ['Relapse prevention', 'Motivational interviewing', 'Cognitive behavioural therapy (CBT)', 'Medication for addiction treatment', 'Family education'],
      insuranceAccepted: DEMO_INSURANCE,
      typicalLengthWeeks: [8, 12],
    },
  },
  {
    key: 'teen',
    site: 'west',
    name: 'Adolescent IOP',
    level: 'iop',
    population: 'adolescent',
    focus: 'mental_health',
    profile: {
      audience: 'Young people aged 13 to 17 struggling with mood, anxiety or self-harm, and their families. Sessions are after school so they can keep up with classes.',
      weekDescription: 'Three afternoons a week after school: group therapy and skills, a weekly family session, and time with their own clinician.',
      therapies: ['Dialectical behaviour therapy (DBT) skills', 'Cognitive behavioural therapy (CBT)', 'Family therapy', 'Expressive therapy'],
      insuranceAccepted: DEMO_INSURANCE,
      typicalLengthWeeks: [6, 8],
    },
  },
];

/**
 * How the demo's people attend, tuned to what issue 5 §1 asks of a believable demo: about 75–85% of the minutes of the
 * groups that have ended recorded as attended, a minority at risk mid-week, past weeks mostly met, and a few steadily
 * declining attenders. Attendance is decided per day (someone who misses a day misses both of its groups), so the
 * missed days are concentrated in the irregular few; the steady majority lose minutes to lateness and leaving early,
 * which the tracks' hours above the program minimum absorb. demo-believable.test.ts holds the outcome.
 */
const ATTENDANCE = {
  /** Every fourth member of a track (places 3, 7, 11) is irregular; the rest who are not declining are steady. */
  irregularEvery: 4,
  /** Chance a steady participant comes on a given day, from min to max. */
  steadyDay: [0.94, 1],
  /** Chance an irregular participant comes on a given day. */
  irregularDay: [0.5, 0.8],
  /** Of the groups someone comes to, the share they are late to, and how late (a share of the group's length). */
  late: { share: 0.2, ofLength: [0.05, 0.2] },
  /** Of the groups someone comes to, the share they leave early, and how early (a share of the group's length). */
  leftEarly: { share: 0.18, ofLength: [0.15, 0.3] },
  /** Of missed days, the share called in ahead (excused); the rest are absences. */
  excusedShare: 0.25,
  /** Tracks with a steadily declining member (their place 1 on the track, admitted six or seven weeks ago). */
  decliningTracks: ['mh-morning', 'sud-evening', 'teen-afternoon'],
} as const;

/**
 * A declining attender's weeks, counted back from this one (0): how many of the week's last days they miss (this
 * week: its first day), and minutes they leave early from each group of the week's first day. Four weeks back they came
 * to everything, so their hours fall in each of the last three weeks.
 */
const DECLINE: Record<number, { missLastDays: number; missFirstDay?: boolean; leaveFirstDayEarly?: number }> = {
  4: { missLastDays: 0 },
  3: { missLastDays: 1 },
  2: { missLastDays: 1, leaveFirstDayEarly: 30 },
  1: { missLastDays: 2 },
  0: { missLastDays: 0, missFirstDay: true },
};

const TRACKS: TrackSpec[] = [
  {
    key: 'mh-morning',
    program: 'mh',
    name: 'Morning: Mon/Wed/Fri 9:00–13:00',
    room: 'Cedar Room',
    facilitator: 'clinician',
    participants: 9,
    blocks: [
      { weekdays: [1, 3, 5], startTime: '09:00', endTime: '10:45', title: 'Process group', kind: 'group_therapy' },
      { weekdays: [1, 3, 5], startTime: '10:45', endTime: '13:00', title: 'DBT skills', kind: 'skills', breakMinutes: 10 },
    ],
  },
  {
    key: 'mh-evening',
    program: 'mh',
    name: 'Evening: Mon/Tue/Thu 17:00–21:00',
    room: 'Cedar Room',
    facilitator: 'clinician2',
    participants: 9,
    blocks: [
      { weekdays: [1, 2, 4], startTime: '17:00', endTime: '19:00', title: 'Process group', kind: 'group_therapy' },
      { weekdays: [1, 2, 4], startTime: '19:00', endTime: '21:00', title: 'Coping skills and psychoeducation', kind: 'psychoeducation', breakMinutes: 10 },
    ],
  },
  {
    key: 'sud-evening',
    program: 'sud',
    name: 'Evening: Mon/Tue/Thu 17:30–21:30',
    room: 'Birch Room',
    facilitator: 'clinician',
    participants: 8,
    blocks: [
      { weekdays: [1, 2, 4], startTime: '17:30', endTime: '19:30', title: 'Relapse prevention group', kind: 'group_therapy' },
      { weekdays: [1, 2, 4], startTime: '19:30', endTime: '21:30', title: 'Craving management', kind: 'skills', breakMinutes: 10 },
    ],
  },
  {
    key: 'sud-weekend',
    program: 'sud',
    name: 'Weekend: Wed/Sat/Sun 9:00–13:00',
    room: 'Birch Room',
    facilitator: 'clinician',
    participants: 8,
    blocks: [
      { weekdays: [3, 6, 7], startTime: '09:00', endTime: '11:00', title: 'Recovery group', kind: 'group_therapy' },
      { weekdays: [3, 6, 7], startTime: '11:00', endTime: '13:00', title: 'Mindfulness and movement', kind: 'holistic', breakMinutes: 10 },
    ],
  },
  {
    key: 'teen-afternoon',
    program: 'teen',
    name: 'After school: Mon/Wed/Thu 15:00–17:30',
    room: 'Harbor Room',
    facilitator: 'clinician3',
    participants: 12,
    blocks: [
      { weekdays: [1, 3, 4], startTime: '15:00', endTime: '16:15', title: 'Teen process group', kind: 'group_therapy' },
      { weekdays: [1, 3, 4], startTime: '16:15', endTime: '17:30', title: 'Family skills', kind: 'family' },
    ],
  },
];

/** Seeds the demo organisation unless one exists; returns what it made, or null. */
export async function seedDemoIfEmpty(db: Db, clock: Clock): Promise<{ participants: number } | null> {
  const [existing] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.slug, DEMO_ORG_SLUG));
  if (existing) return null;
  return db.transaction(async (tx) => seedDemo(tx, clock));
}

export interface DemoOptions {
  name?: string;
  slug?: string;
  /** Staff emails are role@emailDomain; another domain lets tests seed a second, separate organisation. */
  emailDomain?: string;
  /** Another seed gives other (still synthetic) people. */
  randomSeed?: number;
}

export async function seedDemo(tx: DbOrTx, clock: Clock, options: DemoOptions = {}): Promise<{ participants: number; orgId: string }> {
  const domain = options.emailDomain ?? 'demo.test';
  const email = (address: string) => address.replace('@demo.test', `@${domain}`);
  // Seeded, so the demo is the same every time.
  const random = seededRandom(options.randomSeed ?? 20261123);
  const engagementRandom = seededRandom((options.randomSeed ?? 20261123) + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = clock.now();

  const orgId = await createOrganisation(tx, {
    name: options.name ?? 'Trellis Demo Behavioral Health',
    slug: options.slug ?? DEMO_ORG_SLUG,
  });

  const [east, west] = await tx
    .insert(site)
    .values([
      { orgId, name: 'Riverside Clinic', timeZone: 'America/New_York', address: '100 Example Avenue, Springfield' },
      { orgId, name: 'Harbor Clinic', timeZone: 'America/Los_Angeles', address: '200 Sample Street, Bayview' },
    ])
    .returning();
  if (!east || !west) throw new Error('sites not created');
  const sites = { east, west };

  const roomRows = await tx
    .insert(room)
    .values([
      { orgId, siteId: east.id, name: 'Cedar Room', kind: 'physical' as const, capacity: 14 },
      { orgId, siteId: east.id, name: 'Birch Room', kind: 'physical' as const, capacity: 12 },
      { orgId, siteId: east.id, name: 'Riverside Telehealth', kind: 'virtual' as const, meetingUrl: 'https://meet.example.org/riverside' },
      { orgId, siteId: west.id, name: 'Harbor Room', kind: 'physical' as const, capacity: 12 },
      { orgId, siteId: west.id, name: 'Harbor Telehealth', kind: 'virtual' as const, meetingUrl: 'https://meet.example.org/harbor' },
    ])
    .returning();
  const roomByName = new Map(roomRows.map((r) => [r.name, r]));

  const programByKey = new Map<string, typeof program.$inferSelect>();
  for (const p of PROGRAMS) {
    const hours = defaultWeeklyHours(p.level, p.population);
    const [row] = await tx
      .insert(program)
      .values({
        orgId,
        siteId: sites[p.site].id,
        name: p.name,
        levelOfCare: p.level,
        population: p.population,
        focus: p.focus,
        part2: isPart2Focus(p.focus),
        minWeeklyMinutes: hours.minHours * 60,
        maxWeeklyMinutes: hours.maxHours === null ? null : hours.maxHours * 60,
        perDiemMinMinutes: DEFAULT_PER_DIEM_MIN_HOURS * 60,
        publicListed: true,
        audience: p.profile.audience,
        weekDescription: p.profile.weekDescription,
        therapies: p.profile.therapies,
        insuranceAccepted: p.profile.insuranceAccepted,
        typicalLengthMinWeeks: p.profile.typicalLengthWeeks[0],
        typicalLengthMaxWeeks: p.profile.typicalLengthWeeks[1],
      })
      .returning();
    if (!row) throw new Error('program not created');
    await tx.insert(programHours).values({
      orgId,
      programId: row.id,
      effectiveFrom: EARLIEST_DATE,
      minWeeklyMinutes: row.minWeeklyMinutes,
      maxWeeklyMinutes: row.maxWeeklyMinutes,
      perDiemMinMinutes: row.perDiemMinMinutes,
    });
    programByKey.set(p.key, row);
  }
  const programId = (key: string) => programByKey.get(key)!.id;
  // Who works in which program: the administrator in none (it keeps no records); the director, intake and biller in
  // all, so they are staff of the Part 2 program too; clinicians in theirs.
  const demoProgramsOf = (role: StaffRole): string[] =>
    role === 'admin' ? [] : role === 'clinician' ? ['mh', 'sud'] : PROGRAMS.map((p) => p.key);

  const staffIds = {} as Record<StaffRole | 'clinician2' | 'clinician3', string>;
  for (const s of DEMO_SIGN_INS) {
    staffIds[s.role] = await createStaff(tx, {
      orgId,
      name: s.name,
      email: email(s.email),
      role: s.role,
      password: DEMO_PASSWORD,
      credentials: s.credentials ?? undefined,
      programIds: demoProgramsOf(s.role).map(programId),
    });
  }
  staffIds.clinician2 = await createStaff(tx, {
    orgId,
    name: 'Jo Whitfield',
    email: email('jo.whitfield@demo.test'),
    role: 'clinician',
    password: DEMO_PASSWORD,
    credentials: 'LMFT',
    programIds: [programId('mh')],
  });
  staffIds.clinician3 = await createStaff(tx, {
    orgId,
    name: 'Kit Navarro',
    email: email('kit.navarro@demo.test'),
    role: 'clinician',
    password: DEMO_PASSWORD,
    credentials: 'LCSW',
    programIds: [programId('teen')],
  });

  const trackIdByKey = new Map<string, string>();
  for (const spec of TRACKS) {
    const [row] = await tx.insert(track).values({ orgId, programId: programId(spec.program), name: spec.name }).returning();
    if (!row) throw new Error('track not created');
    trackIdByKey.set(spec.key, row.id);
    await tx.insert(trackBlock).values(
      spec.blocks.flatMap((b) =>
        b.weekdays.map((weekday) => ({
          orgId,
          trackId: row.id,
          weekday,
          startTime: b.startTime,
          endTime: b.endTime,
          title: b.title,
          kind: b.kind,
          breakMinutes: b.breakMinutes ?? 0,
          facilitatorId: staffIds[spec.facilitator],
          roomId: roomByName.get(spec.room)!.id,
          capacity: 12,
        })),
      ),
    );
  }

  // Eight weeks of history and the rolling horizon ahead, from the Monday eight weeks back.
  const thisWeek = programWeekContaining(now.toISOString(), east.timeZone);
  const historyStart = addDays(thisWeek.monday, -8 * 7);
  await generateSessionsForOrg(tx, orgId, historyStart, 8 + 9);

  // Participants: most admitted six to seven weeks ago (six weeks of history); some recently; a few discharged.
  let count = 0;
  const usedNames = new Set<string>();
  // How likely each participant is to come on a given day (ATTENDANCE): most steady, some irregular, a few declining.
  const engagement = new Map<string, { rate: number; declining: boolean }>();
  const DISPOSITIONS = ['completed', 'stepped_down', 'left_against_advice', 'completed', 'administrative'] as const;
  let discharges = 0;
  // The demo participant who signs in to the portal: a steady member of the mental health morning track.
  let portalParticipant: DemoPerson | null = null;
  // An adolescent whose parent is their guardian in the family portal.
  let guardedAdolescent: DemoPerson | null = null;
  const placed: { participantId: string; trackKey: string; place: number }[] = [];
  for (const spec of TRACKS) {
    const trackId = trackIdByKey.get(spec.key)!;
    const programRow = programByKey.get(spec.program)!;
    for (let i = 0; i < spec.participants; i++) {
      // Legal and displayed names are both unique, so nobody in the demo can be mistaken for someone else.
      let given = pick(GIVEN_NAMES);
      let family = pick(FAMILY_NAMES);
      let preferred = random() < 0.2 ? pick(GIVEN_NAMES) : null;
      while (usedNames.has(`${given} ${family}`) || usedNames.has(`${preferred ?? given} ${family}`)) {
        given = pick(GIVEN_NAMES);
        family = pick(FAMILY_NAMES);
        preferred = preferred === null ? null : pick(GIVEN_NAMES);
      }
      usedNames.add(`${given} ${family}`);
      usedNames.add(`${preferred ?? given} ${family}`);
      const adolescent = programRow.population === 'adolescent';
      // Birthdays fall anywhere in the year, so an adolescent is 13–17 on any day of the demo.
      const age = adolescent ? 13 + Math.floor(random() * 4) : 20 + Math.floor(random() * 45);
      const birthYear = now.getUTCFullYear() - age - 1;
      const dateOfBirth = `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const weeksAgo = i < spec.participants - 3 ? 6 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3);
      // Admitted on a Monday, the programs' intake day, so a first week is a whole week on the census. (The draw that
      // once chose a weekday is kept, so the demo's people stay the same.)
      random();
      const admittedOn = addDays(thisWeek.monday, -weeksAgo * 7);
      // One or two early admissions per track have left, for different reasons, one to three weeks ago.
      const discharged = i === 0 || (i === 4 && spec.key !== 'teen-afternoon');
      const [p] = await tx
        .insert(participant)
        .values({
          orgId,
          givenName: given,
          familyName: family,
          preferredName: preferred === given ? null : preferred,
          pronouns: pick(PRONOUNS),
          dateOfBirth,
          phone: `555-01${String(10 + count).padStart(2, '0')}`,
          email: `${given}.${family}@example.org`.toLowerCase(),
          emergencyContactName: `${pick(GIVEN_NAMES)} ${family}`,
          emergencyContactRelationship: adolescent ? 'Parent' : pick(['Partner', 'Sibling', 'Friend', 'Parent']),
          emergencyContactPhone: `555-02${String(10 + count).padStart(2, '0')}`,
        })
        .returning({ id: participant.id });
      if (!p) throw new Error('participant not created');
      const dischargedOn = discharged ? addDays(thisWeek.monday, -9 - 7 * (discharges % 2) + (discharges % 3)) : null;
      const disposition = discharged ? DISPOSITIONS[discharges++ % DISPOSITIONS.length]! : null;
      const [ep] = await tx
        .insert(episode)
        .values({
          orgId,
          participantId: p.id,
          programId: programRow.id,
          part2: programRow.part2,
          admittedOn,
          expectedWeeks: 8,
          primaryClinicianId: staffIds[spec.facilitator],
          status: discharged ? 'discharged' : 'active',
          dischargedOn,
          disposition,
        })
        .returning({ id: episode.id });
      if (!ep) throw new Error('episode not created');
      await tx.insert(trackMembership).values({ orgId, episodeId: ep.id, participantId: p.id, trackId, fromDate: admittedOn, toDate: dischargedOn });
      const person: DemoPerson = {
        participantId: p.id,
        episodeId: ep.id,
        programId: programRow.id,
        name: `${preferred ?? given} ${family}`,
        familyName: family,
        admittedOn,
        clinicianId: staffIds[spec.facilitator],
      };
      placed.push({ participantId: p.id, trackKey: spec.key, place: i });
      if (spec.key === 'mh-morning' && i === 2) portalParticipant = person;
      if (spec.key === 'teen-afternoon' && i === 2) guardedAdolescent = person;
      const declining = !discharged && i === 1 && (ATTENDANCE.decliningTracks as readonly string[]).includes(spec.key);
      // Drawn from a stream of its own, so the people stay the same when these rates are tuned.
      const [low, high] = i % ATTENDANCE.irregularEvery === ATTENDANCE.irregularEvery - 1 ? ATTENDANCE.irregularDay : ATTENDANCE.steadyDay;
      const rate = declining ? ATTENDANCE.steadyDay[0] : low + engagementRandom() * (high - low);
      engagement.set(p.id, { rate, declining });
      count += 1;
    }
  }

  if (!portalParticipant || !guardedAdolescent) throw new Error('demo portal people not chosen');
  await seedDemoAvailability(tx, { orgId, now, sites, staffIds, thisMonday: thisWeek.monday, participants: placed });
  await createPortalAccount(tx, {
    orgId,
    participantId: portalParticipant.participantId,
    name: portalParticipant.name,
    email: email(DEMO_PARTICIPANT_EMAIL),
    password: DEMO_PASSWORD,
  });
  await seedDemoPortal(tx, {
    orgId,
    now,
    timeZone: east.timeZone,
    password: DEMO_PASSWORD,
    email,
    randomSeed: options.randomSeed ?? 20261123,
    programIds: { mh: programId('mh'), sud: programId('sud'), teen: programId('teen') },
    adult: portalParticipant,
    adolescent: guardedAdolescent,
  });

  // Last week the weekend track's first group was cancelled (facilitator out) and made up on the Friday with a chosen
  // roster.
  const weekendTrack = trackIdByKey.get('sud-weekend')!;
  const cancelFirst = async (monday: string, reason: string) => {
    const [first] = await tx
      .select({ id: session.id })
      .from(session)
      .where(and(eq(session.orgId, orgId), eq(session.trackId, weekendTrack), sql`${session.localDate} between ${monday} and ${addDays(monday, 6)}`))
      .orderBy(asc(session.startsAt))
      .limit(1);
    if (first) await tx.update(session).set({ status: 'cancelled', cancelReason: reason }).where(eq(session.id, first.id));
  };
  const lastMonday = addDays(thisWeek.monday, -7);
  await cancelFirst(lastMonday, 'Facilitator out sick; make-up session on Friday');
  const friday = addDays(lastMonday, 4);
  const [makeUp] = await tx
    .insert(session)
    .values({
      orgId,
      trackId: weekendTrack,
      programId: programId('sud'),
      siteId: east.id,
      title: 'Make-up recovery group',
      kind: 'group_therapy',
      localDate: friday,
      startsAt: zonedInstant(friday, '14:00', east.timeZone),
      endsAt: zonedInstant(friday, '16:00', east.timeZone),
      facilitatorId: staffIds.clinician,
      roomId: roomByName.get('Birch Room')!.id,
      capacity: 12,
      oneOff: true,
      chosenRoster: true,
    })
    .returning({ id: session.id });
  const members = await tx
    .select({ participantId: trackMembership.participantId, episodeId: trackMembership.episodeId })
    .from(trackMembership)
    .innerJoin(episode, and(eq(episode.orgId, trackMembership.orgId), eq(episode.id, trackMembership.episodeId)))
    .where(
      and(
        eq(trackMembership.orgId, orgId),
        eq(trackMembership.trackId, weekendTrack),
        sql`${trackMembership.fromDate} <= ${friday}::date and (${trackMembership.toDate} is null or ${trackMembership.toDate} >= ${friday}::date)`,
      ),
    );
  if (makeUp && members.length > 0) {
    await tx.insert(sessionRoster).values(members.map((m) => ({ orgId, sessionId: makeUp.id, ...m })));
  }

  // Attendance for every expected session that has ended (the roster rule's view), except the latest evening roll at
  // the east site, left for a facilitator to take so the census and the schedule show a roll not taken.
  const expected = rowsOf<{ session_id: string; starts_at: string; ends_at: string; local_date: string; track_id: string; participant_id: string; episode_id: string }>(
    await tx.execute(sql`
      select x.session_id, s.starts_at::text as starts_at, s.ends_at::text as ends_at, x.local_date::text as local_date,
             x.track_id, x.participant_id, x.episode_id
        from trellis_expected_attendance x
        join session s on s.org_id = x.org_id and s.id = x.session_id
       where x.org_id = ${orgId} and s.status = 'scheduled' and s.ends_at <= ${now.toISOString()}::timestamptz`),
  );
  // Draws are taken in a stable order (session start, then the order the participants were made), never by their
  // random ids, so every database gives the same history.
  const seedIndex = new Map(placed.map((p, index) => [p.participantId, index]));
  const bySeedOrder = (a: { starts_at: string; participant_id: string }, b: { starts_at: string; participant_id: string }) =>
    Date.parse(a.starts_at) - Date.parse(b.starts_at) || seedIndex.get(a.participant_id)! - seedIndex.get(b.participant_id)!;
  expected.sort(bySeedOrder);
  const eveningTrack = trackIdByKey.get('mh-evening')!;
  const lastEvening = expected.filter((e) => e.track_id === eveningTrack).at(-1)?.session_id;

  const rows: (typeof attendance.$inferInsert)[] = [];
  // Weeks counted back from this one (0 = this week, 1 = last week) and, per participant and week, the days they were
  // expected on, in order: a declining attender's plan (DECLINE) names days by their place in the week.
  const weeksBack = (localDate: string) => Math.max(0, Math.ceil((Date.parse(thisWeek.monday) - Date.parse(localDate)) / (7 * 86_400_000)));
  const daysOf = new Map<string, string[]>();
  for (const e of expected) {
    const key = `${e.participant_id}|${weeksBack(e.local_date)}`;
    const days = daysOf.get(key) ?? [];
    if (!days.includes(e.local_date)) days.push(e.local_date);
    daysOf.set(key, days);
  }
  const partOf = (length: number, [min, max]: readonly [number, number]) => randomInt(random, Math.round(min * length), Math.round(max * length));
  const missed = (): AttendanceMark => ({ status: random() < ATTENDANCE.excusedShare ? 'excused' : 'absent' });
  // Absence is decided per participant and day: someone who misses a day misses both of its groups.
  const dayAbsence = new Map<string, AttendanceMark | null>();
  for (const e of expected) {
    if (e.session_id === lastEvening) continue;
    const startsAt = new Date(e.starts_at).toISOString();
    const length = minutesBetween(startsAt, new Date(e.ends_at).toISOString());
    const who = engagement.get(e.participant_id)!;
    const week = weeksBack(e.local_date);
    const plan = who.declining ? DECLINE[week] : undefined;
    const dayKey = `${e.participant_id}|${e.local_date}`;
    let mark: AttendanceMark;
    if (plan) {
      const days = daysOf.get(`${e.participant_id}|${week}`)!;
      const place = days.indexOf(e.local_date);
      const away = place >= days.length - plan.missLastDays || (plan.missFirstDay === true && place === 0);
      if (away) mark = { status: 'absent' };
      else if (place === 0 && plan.leaveFirstDayEarly) mark = { status: 'left_early', leftEarlyMinutes: plan.leaveFirstDayEarly };
      else mark = { status: 'present' };
    } else {
      if (!dayAbsence.has(dayKey)) dayAbsence.set(dayKey, random() < who.rate ? null : missed());
      const r = random();
      mark =
        dayAbsence.get(dayKey) ??
        (r < ATTENDANCE.late.share
          ? { status: 'late', lateMinutes: partOf(length, ATTENDANCE.late.ofLength) }
          : r < ATTENDANCE.late.share + ATTENDANCE.leftEarly.share
            ? { status: 'left_early', leftEarlyMinutes: partOf(length, ATTENDANCE.leftEarly.ofLength) }
            : { status: 'present' });
    }
    rows.push({
      orgId,
      sessionId: e.session_id,
      participantId: e.participant_id,
      episodeId: e.episode_id,
      status: mark.status,
      lateMinutes: mark.lateMinutes ?? 0,
      leftEarlyMinutes: mark.leftEarlyMinutes ?? 0,
      minutesAttended: minutesAttended(mark, length),
      recordedBy: staffIds.clinician,
    });
  }
  // Two participants told the program ahead that they will miss this week's first day (an excused absence can be
  // recorded before a session starts): the census shows them at risk from Monday on.
  const firstDays = rowsOf<{ session_id: string; track_id: string; participant_id: string; episode_id: string }>(
    await tx.execute(sql`
      with firsts as (
        select x.track_id, min(x.local_date) as local_date
          from trellis_expected_attendance x join session s on s.org_id = x.org_id and s.id = x.session_id
         where x.org_id = ${orgId} and x.local_date between ${thisWeek.monday}::date and ${thisWeek.sunday}::date and s.starts_at > ${now.toISOString()}::timestamptz
         group by x.track_id)
      select x.session_id, x.track_id, x.participant_id, x.episode_id
        from trellis_expected_attendance x
        join firsts f on f.track_id = x.track_id and f.local_date = x.local_date
       where x.org_id = ${orgId} and x.track_id in (${trackIdByKey.get('mh-morning')!}::uuid, ${trackIdByKey.get('sud-evening')!}::uuid)`),
  );
  // On each of the two tracks, the member made last (a recent admission) is the one who called ahead.
  const callerOf = new Map<string, string>();
  for (const e of firstDays) {
    const current = callerOf.get(e.track_id);
    if (current === undefined || seedIndex.get(e.participant_id)! > seedIndex.get(current)!) callerOf.set(e.track_id, e.participant_id);
  }
  const excusedAhead = firstDays.filter((e) => callerOf.get(e.track_id) === e.participant_id);
  for (const e of excusedAhead) {
    rows.push({ orgId, sessionId: e.session_id, participantId: e.participant_id, episodeId: e.episode_id, status: 'excused', minutesAttended: 0, recordedBy: staffIds.clinician });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(attendance).values(rows.slice(i, i + 500));

  // A few people asking about care, spread over the inquiries board (synthetic; 555-01xx numbers are fictional).
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  await tx.insert(inquiry).values([
    { orgId, status: 'new' as const, source: 'web_form' as const, name: 'Jordan Fielding', phone: '555-010-0142', preferredContact: 'text' as const, programId: programId('mh'), payer: 'commercial' as const, message: 'Evenings work best.', consentedToContactAt: hoursAgo(3), createdAt: hoursAgo(3), updatedAt: hoursAgo(3) },
    { orgId, status: 'new' as const, source: 'phone' as const, name: 'Casey Marlow', phone: '555-010-0157', preferredContact: 'phone' as const, payer: 'medicaid' as const, createdAt: hoursAgo(20), updatedAt: hoursAgo(20) },
    { orgId, status: 'contacted' as const, source: 'referral' as const, name: 'Riley Pham', email: 'riley.pham@example.test', preferredContact: 'email' as const, programId: programId('teen'), payer: 'commercial' as const, notes: 'Referred by school counsellor; parent will join the call.', nextStep: 'Call back Thursday after 3 pm', createdAt: hoursAgo(50), updatedAt: hoursAgo(26) },
    { orgId, status: 'assessment_scheduled' as const, source: 'web_form' as const, name: 'Morgan Ellery', phone: '555-010-0163', preferredContact: 'phone' as const, programId: programId('mh'), payer: 'medicare' as const, consentedToContactAt: hoursAgo(90), nextStep: 'Intake assessment booked', createdAt: hoursAgo(90), updatedAt: hoursAgo(30) },
  ]);

  await recordAudit(tx, null, orgId, { action: 'setup.create', entityType: 'organisation', entityId: orgId, details: { seed: 'demo', participants: count, attendance: rows.length } }, now);
  return { participants: count, orgId };
}
