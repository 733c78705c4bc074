/**
 * The demo organisation, seeded on first start: two sites in different US time zones, three programs, five tracks
 * with morning, afternoon, evening and weekend options, staff in every role, and 46 synthetic participants with six
 * weeks of attendance history — a few of them at risk of missing this week's hours. Reproducible: the same
 * pseudo-random seed gives the same people and the same attendance relative to the week it is seeded in.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  DEFAULT_PER_DIEM_MIN_HOURS,
  addDays,
  defaultWeeklyHours,
  isPart2Focus,
  minutesAttended,
  minutesBetween,
  programWeekContaining,
  type AttendanceMark,
  type Focus,
  type LevelOfCare,
  type Population,
  type SessionKind,
  type StaffRole,
} from '@trellis/core';
import type { Clock } from '../clock.ts';
import type { Db, DbOrTx } from '../db/index.ts';
import {
  attendance,
  episode,
  organisation,
  participant,
  program,
  room,
  session,
  site,
  track,
  trackBlock,
  trackMembership,
} from '../db/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import { createOrganisation, createStaff } from '../features/organisations/service.ts';
import { generateSessionsForOrg } from '../features/sessions/generate.ts';
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

/** A small deterministic PRNG (mulberry32) so the demo is the same every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BlockSpec {
  weekdays: number[];
  startTime: string;
  endTime: string;
  title: string;
  kind: SessionKind;
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

const PROGRAMS: { key: string; site: 'east' | 'west'; name: string; level: LevelOfCare; population: Population; focus: Focus }[] = [
  { key: 'mh', site: 'east', name: 'Adult Mental Health IOP', level: 'iop', population: 'adult', focus: 'mental_health' },
  { key: 'sud', site: 'east', name: 'Adult Substance Use IOP', level: 'iop', population: 'adult', focus: 'substance_use' },
  { key: 'teen', site: 'west', name: 'Adolescent IOP', level: 'iop', population: 'adolescent', focus: 'mental_health' },
];

const TRACKS: TrackSpec[] = [
  {
    key: 'mh-morning',
    program: 'mh',
    name: 'Morning: Mon/Wed/Fri 9:00–12:00',
    room: 'Cedar Room',
    facilitator: 'clinician',
    participants: 9,
    blocks: [
      { weekdays: [1, 3, 5], startTime: '09:00', endTime: '10:30', title: 'Process group', kind: 'group_therapy' },
      { weekdays: [1, 3, 5], startTime: '10:30', endTime: '12:00', title: 'DBT skills', kind: 'skills' },
    ],
  },
  {
    key: 'mh-evening',
    program: 'mh',
    name: 'Evening: Mon/Tue/Thu 18:00–21:00',
    room: 'Cedar Room',
    facilitator: 'clinician2',
    participants: 9,
    blocks: [
      { weekdays: [1, 2, 4], startTime: '18:00', endTime: '19:30', title: 'Process group', kind: 'group_therapy' },
      { weekdays: [1, 2, 4], startTime: '19:30', endTime: '21:00', title: 'Coping skills and psychoeducation', kind: 'psychoeducation' },
    ],
  },
  {
    key: 'sud-evening',
    program: 'sud',
    name: 'Evening: Mon/Tue/Thu 18:00–21:00',
    room: 'Birch Room',
    facilitator: 'clinician',
    participants: 8,
    blocks: [
      { weekdays: [1, 2, 4], startTime: '18:00', endTime: '19:30', title: 'Relapse prevention group', kind: 'group_therapy' },
      { weekdays: [1, 2, 4], startTime: '19:30', endTime: '21:00', title: 'Craving management', kind: 'skills' },
    ],
  },
  {
    key: 'sud-weekend',
    program: 'sud',
    name: 'Weekend: Wed/Sat/Sun 9:00–12:00',
    room: 'Birch Room',
    facilitator: 'clinician',
    participants: 8,
    blocks: [
      { weekdays: [3, 6, 7], startTime: '09:00', endTime: '10:30', title: 'Recovery group', kind: 'group_therapy' },
      { weekdays: [3, 6, 7], startTime: '10:30', endTime: '12:00', title: 'Mindfulness and movement', kind: 'holistic' },
    ],
  },
  {
    key: 'teen-afternoon',
    program: 'teen',
    name: 'After school: Mon/Wed/Thu 15:30–17:30',
    room: 'Harbor Room',
    facilitator: 'clinician3',
    participants: 12,
    blocks: [
      { weekdays: [1, 3, 4], startTime: '15:30', endTime: '16:30', title: 'Teen process group', kind: 'group_therapy' },
      { weekdays: [1, 3, 4], startTime: '16:30', endTime: '17:30', title: 'Family skills', kind: 'family' },
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
  const random = prng(options.randomSeed ?? 20261123);
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
        perDiemMinMinutes: p.population === 'adolescent' ? 2 * 60 : DEFAULT_PER_DIEM_MIN_HOURS * 60,
      })
      .returning();
    if (!row) throw new Error('program not created');
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
  const atRiskThisWeek = new Set<string>();
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
      const age = adolescent ? 14 + Math.floor(random() * 4) : 20 + Math.floor(random() * 45);
      const birthYear = now.getUTCFullYear() - age - 1;
      const dateOfBirth = `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const weeksAgo = i < spec.participants - 3 ? 6 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3);
      const admittedOn = addDays(thisWeek.monday, -weeksAgo * 7 + Math.floor(random() * 3));
      const discharged = i === 0 && spec.key !== 'teen-afternoon';
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
      const dischargedOn = discharged ? addDays(thisWeek.monday, -9) : null;
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
          disposition: discharged ? 'completed' : null,
        })
        .returning({ id: episode.id });
      if (!ep) throw new Error('episode not created');
      await tx.insert(trackMembership).values({ orgId, episodeId: ep.id, participantId: p.id, trackId, fromDate: admittedOn, toDate: dischargedOn });
      if (!discharged && (i === 1 || i === 2) && spec.key !== 'sud-weekend') atRiskThisWeek.add(p.id);
      count += 1;
    }
  }

  // One session of the weekend track this week is cancelled (facilitator out), so its members fall short unless a
  // make-up session is added: the census shows them at risk whatever day the demo is opened.
  const weekendTrack = trackIdByKey.get('sud-weekend')!;
  const [toCancel] = await tx
    .select({ id: session.id })
    .from(session)
    .where(and(eq(session.orgId, orgId), eq(session.trackId, weekendTrack), sql`${session.localDate} between ${thisWeek.monday} and ${thisWeek.sunday}`))
    .orderBy(asc(session.startsAt))
    .limit(1);
  if (toCancel) {
    await tx.update(session).set({ status: 'cancelled', cancelReason: 'Facilitator out sick; make-up session to be scheduled' }).where(eq(session.id, toCancel.id));
  }

  // Attendance for every expected session that has ended.
  const expected = await tx
    .select({
      sessionId: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      localDate: session.localDate,
      status: session.status,
      participantId: trackMembership.participantId,
      episodeId: trackMembership.episodeId,
    })
    .from(trackMembership)
    .innerJoin(
      session,
      and(
        eq(session.orgId, trackMembership.orgId),
        eq(session.trackId, trackMembership.trackId),
        sql`${session.localDate} >= ${trackMembership.fromDate}`,
        sql`(${trackMembership.toDate} is null or ${session.localDate} <= ${trackMembership.toDate})`,
      ),
    )
    .where(and(eq(trackMembership.orgId, orgId), sql`${session.endsAt} <= ${now.toISOString()}`, eq(session.status, 'scheduled')))
    .orderBy(asc(session.startsAt));

  const rows: (typeof attendance.$inferInsert)[] = [];
  for (const e of expected) {
    const startsAt = new Date(e.startsAt).toISOString();
    const length = minutesBetween(startsAt, new Date(e.endsAt).toISOString());
    const inThisWeek = e.localDate >= thisWeek.monday;
    let mark: AttendanceMark;
    const r = random();
    if (inThisWeek && atRiskThisWeek.has(e.participantId)) mark = { status: r < 0.5 ? 'absent' : 'excused' };
    else if (r < 0.8) mark = { status: 'present' };
    else if (r < 0.87) mark = { status: 'late', lateMinutes: 10 + Math.floor(random() * 25) };
    else if (r < 0.92) mark = { status: 'left_early', leftEarlyMinutes: 15 + Math.floor(random() * 30) };
    else if (r < 0.97) mark = { status: 'absent' };
    else mark = { status: 'excused' };
    rows.push({
      orgId,
      sessionId: e.sessionId,
      participantId: e.participantId,
      episodeId: e.episodeId,
      status: mark.status,
      lateMinutes: mark.lateMinutes ?? 0,
      leftEarlyMinutes: mark.leftEarlyMinutes ?? 0,
      minutesAttended: minutesAttended(mark, length),
      recordedBy: staffIds.clinician,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(attendance).values(rows.slice(i, i + 500));

  await recordAudit(tx, null, orgId, { action: 'setup.create', entityType: 'organisation', entityId: orgId, details: { seed: 'demo', participants: count, attendance: rows.length } }, now);
  return { participants: count, orgId };
}
