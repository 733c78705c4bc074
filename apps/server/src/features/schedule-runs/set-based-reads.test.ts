import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/access.ts';
import {
  clinicianAvailability,
  clinicianException,
  clinicianHoursRule,
  participantUnavailability,
  participantUnavailabilityException,
  participantUnavailabilityRule,
  room,
  scheduleRun,
} from '../../db/schema.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { countStatements, type StatementCounter } from '../../testing/statements.ts';
import { createStaff } from '../organisations/service.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, buildWeeklySessions, type ProgramFixture, type SiteFixture, type TrackFixture } from '../ledger/fixtures.ts';
import { solveScheduleRun } from './service.ts';

// Wednesday 18 November 2026 in New York: the runs schedule the week of Monday 23 November.
const NOW = '2026-11-18T15:00:00Z';
const NEXT_MONDAY = '2026-11-23';

describe('an auto-schedule run reads the week set-based', () => {
  let t: TestApp;
  let org: TestOrg;
  let site: SiteFixture;
  let program: ProgramFixture;
  let track: TrackFixture;
  let actor: Actor;
  let counter: StatementCounter;

  /** A clinician of the program with weekday hours, a daily limit and an hour of training next Tuesday. */
  async function addClinician(n: number, role: 'clinician' | 'prescriber') {
    const db = t.database.db;
    const id = await createStaff(db, { orgId: org.orgId, name: `Extra ${role} ${n}`, email: `extra-${role}-${n}@reads.test`, role, password: TEST_PASSWORD });
    await assignToProgram(db, org.orgId, id, program.id);
    await db.insert(clinicianAvailability).values({ orgId: org.orgId, userId: id, maxSessionsPerDay: 6 });
    await db.insert(clinicianHoursRule).values([1, 2, 3, 4, 5].map((weekday) => ({ orgId: org.orgId, userId: id, siteId: site.id, weekday, startTime: '09:00', endTime: '17:00' })));
    await db.insert(clinicianException).values({
      orgId: org.orgId,
      userId: id,
      startsAt: '2026-11-24T14:00:00Z',
      endsAt: '2026-11-24T15:00:00Z',
      kind: 'training',
      createdBy: org.staff.director.id,
    });
  }

  /** A participant on the track who works Thursday mornings and has a dentist's appointment next Monday. */
  async function addParticipant() {
    const db = t.database.db;
    const { participantId } = await enrol(t, org.orgId, program.id, track.id, '2026-11-02');
    await db.insert(participantUnavailability).values({ orgId: org.orgId, participantId });
    await db.insert(participantUnavailabilityRule).values({ orgId: org.orgId, participantId, reason: 'work', weekday: 4, startTime: '08:00', endTime: '12:00' });
    await db.insert(participantUnavailabilityException).values({
      orgId: org.orgId,
      participantId,
      startsAt: '2026-11-23T15:00:00Z',
      endsAt: '2026-11-23T16:00:00Z',
    });
  }

  /** Solves a new run of next week for the program: the statements it sent and its proposal. */
  async function run() {
    const [row] = await t.database.db
      .insert(scheduleRun)
      .values({ orgId: org.orgId, programId: program.id, weekMonday: NEXT_MONDAY, requestedBy: actor.userId })
      .returning({ id: scheduleRun.id });
    const { statements } = await counter.during(() => solveScheduleRun({ db: t.database.db, clock: t.clock }, actor, row!.id));
    const [solved] = await t.database.db.select().from(scheduleRun).where(eq(scheduleRun.id, row!.id));
    return { statements, solved: solved! };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Set-based reads');
    // Progress is written as time passes (at most every PROGRESS_WRITE_EVERY_MS), not per row read: not counted.
    counter = countStatements(t.database, (text) => text.includes('set progress ='));
    const db = t.database.db;
    site = await buildSite(db, org.orgId);
    program = await buildProgram(db, site);
    track = await buildTrack(db, program);
    // Groups next week, so calendars hold sessions as well as appointments.
    await buildWeeklySessions(db, track, { fromMonday: NEXT_MONDAY, weekdays: [1, 3, 5], startTime: '18:00', endTime: '21:00', weeks: 1 });
    await db.insert(room).values({ orgId: org.orgId, siteId: site.id, name: 'Cedar', kind: 'physical', capacity: 4 });
    const director = org.staff.director;
    actor = { userId: director.id, orgId: org.orgId, role: 'director', name: 'director', email: director.email };
    await addClinician(1, 'clinician');
    await addClinician(1, 'prescriber');
    for (let i = 0; i < 2; i++) await addParticipant();
  });
  afterAll(async () => t?.close());

  it('issues as many statements for a larger census, care team and room list as for a small one', async () => {
    const small = await run();
    expect(small.solved.status, small.solved.error ?? '').toBe('solved');
    expect(small.solved.proposal!.placements.length).toBeGreaterThan(0);

    const db = t.database.db;
    for (let i = 0; i < 4; i++) await addParticipant();
    await addClinician(2, 'clinician');
    await addClinician(3, 'clinician');
    await addClinician(2, 'prescriber');
    await db.insert(room).values({ orgId: org.orgId, siteId: site.id, name: 'Birch', kind: 'physical', capacity: 4 });

    const large = await run();
    expect(large.solved.status, large.solved.error ?? '').toBe('solved');
    expect(large.solved.proposal!.placements.length).toBeGreaterThan(small.solved.proposal!.placements.length);
    expect(large.statements).toBe(small.statements);
  });
});
