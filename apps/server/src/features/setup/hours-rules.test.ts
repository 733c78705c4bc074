/**
 * The weekly hours rules that live in setup and sessions, through the API: program hours history and defaults on a
 * level change, track template warnings, closures, one-off sessions with a chosen roster, rolls not taken on the
 * schedule, kinds that do not count, and the constraints the database enforces itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { rowsOf } from '../../db/index.ts';
import { attendance, episode, participant, session } from '../../db/schema.ts';
import { block, createSetup, createTrack, idOf, post, type SetupFixture } from './test-fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

describe('weekly hours rules in setup and sessions', () => {
  let t: TestApp;
  let org: TestOrg;
  let setup: SetupFixture;
  let trackId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Hours rules');
    setup = await createSetup(t, org, 'Hours');
    // Mon/Wed/Fri 09:00–12:30: 10.5 h a week, somewhat more than the 9 h minimum; set up two weeks back so the
    // calendar has past sessions.
    t.clock.set('2026-11-02T12:00:00Z');
    const res = await createTrack(
      t,
      org.staff.director,
      setup.programId,
      'Mornings',
      [1, 3, 5].map((weekday) => block({ weekday, startTime: '09:00', endTime: '12:30' })),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ warnings: string[] }>().warnings).toEqual([]);
    trackId = idOf(res);
    t.clock.set(NOW);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  async function admit(givenName: string, admittedOn = '2026-11-09') {
    const p = await post(t, org.staff.intake, '/api/v1/participants', {
      givenName,
      familyName: 'Hours',
      dateOfBirth: '1985-02-02',
    });
    const id = idOf(p);
    const e = await post(t, org.staff.director, `/api/v1/participants/${id}/episodes`, {
      programId: setup.programId,
      trackId,
      admittedOn,
      primaryClinicianId: org.staff.clinician.id,
    });
    expect(e.statusCode, e.body).toBe(201);
    return id;
  }

  const sessionsOn = async (from: string, to: string) =>
    (
      await t.as(org.staff.director, {
        method: 'GET',
        url: `/api/v1/sessions?from=${from}&to=${to}&trackId=${trackId}`,
      })
    ).json<{
      items: {
        id: string;
        localDate: string;
        status: string;
        cancelReason: string | null;
        rollNotTaken?: boolean;
        expectedCount: number;
      }[];
      rollsNotTaken: number;
    }>();

  it('saves a track below the minimum or on too few days with a visible warning', async () => {
    const res = await createTrack(
      t,
      org.staff.director,
      setup.programId,
      'Thin',
      [1, 3].map((weekday) => block({ weekday, startTime: '09:00', endTime: '11:00' })),
    );
    expect(res.statusCode).toBe(201);
    const warnings = res.json<{ warnings: string[] }>().warnings;
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('below the program minimum of 9 h');
    expect(warnings[1]).toContain('per-diem program needs at least 3');
  });

  it('resets the hour defaults when the level of care changes, and judges past weeks by the hours then in force', async () => {
    const someone = await admit('Historic');
    const before = (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=2026-11-09` })).json<{
      rows: { participantId: string; ledger: { requiredMinutes: number } }[];
    }>();
    expect(before.rows.find((r) => r.participantId === someone)?.ledger.requiredMinutes).toBe(540);
    const programs = (await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' })).json<{
      items: { id: string; version: number }[];
    }>();
    const version = programs.items.find((p) => p.id === setup.programId)!.version;
    const changed = await t.as(org.staff.director, {
      method: 'PATCH',
      url: `/api/v1/programs/${setup.programId}`,
      payload: { version, levelOfCare: 'php' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ levelOfCare: 'php', minWeeklyHours: 20, maxWeeklyHours: null });
    const lastWeek = (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=2026-11-09` })).json<{
      rows: { participantId: string; ledger: { requiredMinutes: number } }[];
    }>();
    expect(lastWeek.rows.find((r) => r.participantId === someone)?.ledger.requiredMinutes).toBe(540);
    const thisWeek = (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/census?week=2026-11-16` })).json<{
      rows: { participantId: string; ledger: { requiredMinutes: number } }[];
    }>();
    expect(thisWeek.rows.find((r) => r.participantId === someone)?.ledger.requiredMinutes).toBe(1200);
    const back = await t.as(org.staff.director, {
      method: 'PATCH',
      url: `/api/v1/programs/${setup.programId}`,
      payload: { version: version + 1, levelOfCare: 'iop' },
    });
    expect(back.json()).toMatchObject({ minWeeklyHours: 9, maxWeeklyHours: 19 });
  });

  it('shows rolls not taken on the schedule', async () => {
    await admit('Unmarked');
    const week = await sessionsOn('2026-11-16', '2026-11-22');
    // Monday's session has ended with no roll; Wednesday's is under way; Friday's is ahead.
    expect(week.items.map((s) => [s.localDate, s.rollNotTaken])).toEqual([
      ['2026-11-16', true],
      ['2026-11-18', false],
      ['2026-11-20', false],
    ]);
    expect(week.rollsNotTaken).toBe(1);
  });

  it('closes a site: covered sessions are cancelled with the reason, a taken roll is kept, none are generated', async () => {
    const marked = (await sessionsOn('2026-11-16', '2026-11-16')).items[0]!;
    const roll = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${marked.id}/roll` });
    const entries = roll.json<{ entries: { participantId: string }[] }>().entries;
    expect(
      (
        await t.as(org.staff.director, {
          method: 'PUT',
          url: `/api/v1/sessions/${marked.id}/roll`,
          payload: { entries: entries.map((e) => ({ participantId: e.participantId, status: 'present' })) },
        })
      ).statusCode,
    ).toBe(200);
    const closed = await post(t, org.staff.director, '/api/v1/closures', {
      siteId: setup.siteId,
      fromDate: '2026-11-16',
      toDate: '2026-11-27',
      reason: 'Thanksgiving closure',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    // Five of Mornings' and two of Thin's (Monday and Wednesday the 23rd and 25th): the whole site is closed.
    expect(closed.json()).toMatchObject({ cancelledSessions: 7, keptSessions: 1 });
    const after = await sessionsOn('2026-11-16', '2026-11-27');
    expect(after.items.map((s) => [s.localDate, s.status, s.cancelReason])).toEqual([
      ['2026-11-16', 'scheduled', null],
      ['2026-11-18', 'cancelled', 'Thanksgiving closure'],
      ['2026-11-20', 'cancelled', 'Thanksgiving closure'],
      ['2026-11-23', 'cancelled', 'Thanksgiving closure'],
      ['2026-11-25', 'cancelled', 'Thanksgiving closure'],
      ['2026-11-27', 'cancelled', 'Thanksgiving closure'],
    ]);
    // A track added afterwards gets no sessions on the closed days.
    const later = await createTrack(
      t,
      org.staff.director,
      setup.programId,
      'Afternoons',
      [2, 4].map((weekday) => block({ weekday, startTime: '13:00', endTime: '16:00' })),
    );
    const laterId = idOf(later);
    const generated = (
      await t.as(org.staff.director, {
        method: 'GET',
        url: `/api/v1/sessions?from=2026-11-16&to=2026-12-04&trackId=${laterId}`,
      })
    ).json<{
      items: { localDate: string }[];
    }>();
    expect(generated.items.map((s) => s.localDate)).toEqual(['2026-12-01', '2026-12-03']);
    const list = (
      await t.as(org.staff.director, { method: 'GET', url: `/api/v1/closures?siteId=${setup.siteId}` })
    ).json<{ items: { reason: string }[] }>();
    expect(list.items.map((c) => c.reason)).toEqual(['Thanksgiving closure']);
    expect(
      (
        await post(t, org.staff.clinician, '/api/v1/closures', {
          siteId: setup.siteId,
          fromDate: '2026-12-24',
          toDate: '2026-12-24',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('adds a one-off make-up with a chosen roster', async () => {
    const chosen = await admit('Chosen');
    const other = await admit('Other');
    const res = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId,
      localDate: '2026-12-02',
      startTime: '14:00',
      endTime: '17:00',
      title: 'Make-up group',
      kind: 'group_therapy',
      participantIds: [chosen],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ expectedCount: 1 });
    const roll = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${idOf(res)}/roll` });
    expect(roll.json<{ entries: { participantId: string }[] }>().entries.map((e) => e.participantId)).toEqual([chosen]);
    const stranger = await post(t, org.staff.intake, '/api/v1/participants', {
      givenName: 'Not',
      familyName: 'Admitted',
      dateOfBirth: '1985-02-02',
    });
    const refused = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId,
      localDate: '2026-12-02',
      startTime: '18:00',
      endTime: '19:00',
      title: 'Make-up group',
      kind: 'group_therapy',
      participantIds: [other, idOf(stranger)],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.participantIds.1');
  });

  it('does not count a recreational session toward the week', async () => {
    const res = await post(t, org.staff.director, '/api/v1/sessions', {
      trackId,
      localDate: '2026-11-19',
      startTime: '14:00',
      endTime: '16:00',
      title: 'Bowling outing',
      kind: 'recreational',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ countsTowardHours: false });
    const census = (await t.as(org.staff.director, { method: 'GET', url: '/api/v1/census?week=2026-11-16' })).json<{
      rows: { displayName: string; ledger: { offeredMinutes: number } }[];
    }>();
    // Monday's 3.5 h only: the rest of the week is closed, and the outing does not count.
    expect(census.rows.find((r) => r.displayName === 'Unmarked Hours')?.ledger.offeredMinutes).toBe(210 * 3);
  });

  it('refuses inconsistent rows in the database itself', async () => {
    const db = t.database.db;
    const [p] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: 'Bad', familyName: 'Rows', dateOfBirth: '1980-01-01' })
      .returning();
    const [q] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: 'Other', familyName: 'Rows', dateOfBirth: '1980-01-01' })
      .returning();
    const base = {
      orgId: org.orgId,
      participantId: p!.id,
      programId: setup.programId,
      part2: false,
      admittedOn: '2026-11-02',
    };
    const fails = async (what: string, run: () => Promise<unknown>) => {
      await expect(run(), what).rejects.toThrow();
    };
    await fails('discharged with no date', () => db.insert(episode).values({ ...base, status: 'discharged' }));
    await fails('active with a discharge date', () =>
      db.insert(episode).values({ ...base, dischargedOn: '2026-11-10' }),
    );
    await fails('discharged before admitted', () =>
      db
        .insert(episode)
        .values({ ...base, status: 'discharged', dischargedOn: '2026-11-01', disposition: 'completed' }),
    );
    await fails('an unknown status', () =>
      db.execute(
        sql`insert into episode (org_id, participant_id, program_id, part2, admitted_on, status) values (${org.orgId}, ${p!.id}, ${setup.programId}, false, '2026-11-02', 'paused')`,
      ),
    );
    const [ep] = await db.insert(episode).values(base).returning();
    const sessionRow = (await sessionsOn('2026-11-16', '2026-11-16')).items[0]!;
    await fails('a mark whose participant is not the episode’s', () =>
      db
        .insert(attendance)
        .values({
          orgId: org.orgId,
          sessionId: sessionRow.id,
          participantId: q!.id,
          episodeId: ep!.id,
          status: 'present',
          minutesAttended: 60,
          recordedBy: org.staff.director.id,
        }),
    );
    const [otherSite] = rowsOf<{ id: string }>(
      await db.execute(
        sql`insert into site (org_id, name, time_zone) values (${org.orgId}, 'Elsewhere', 'UTC') returning id`,
      ),
    );
    await fails('a session at another site than its program’s', () =>
      db.insert(session).values({
        orgId: org.orgId,
        trackId,
        programId: setup.programId,
        siteId: otherSite!.id,
        title: 'Wrong site',
        kind: 'group_therapy',
        localDate: '2026-12-08',
        startsAt: '2026-12-08T14:00:00Z',
        endsAt: '2026-12-08T15:00:00Z',
        capacity: 8,
      }),
    );
    await fails('a session ending before it starts', () =>
      db.insert(session).values({
        orgId: org.orgId,
        trackId,
        programId: setup.programId,
        siteId: setup.siteId,
        title: 'Backwards',
        kind: 'group_therapy',
        localDate: '2026-12-08',
        startsAt: '2026-12-08T15:00:00Z',
        endsAt: '2026-12-08T14:00:00Z',
        capacity: 8,
      }),
    );
  });
});
