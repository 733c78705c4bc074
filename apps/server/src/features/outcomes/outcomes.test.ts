import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  addDays,
  localDateOf,
  outcomeCellOf,
  randomInt,
  seededRandom,
  summariseOutcomes,
  type AcknowledgementReport,
  type InstrumentId,
  type OutcomeCell,
  type OutcomesReport,
} from '@trellis/core';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, checkIn, episode, measureResponse, participant, safetyAlert, trackMembership } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture, type TrackFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const ZONE = 'America/New_York';
const FROM = '2026-06-01';
const TO = '2026-11-18';

interface Score {
  instrument: InstrumentId;
  at: string;
  total: number;
}
interface Ep {
  id: string;
  participantId: string;
  programId: string;
  admittedOn: string;
  dischargedOn: string | null;
  clinicianId: string | null;
  memberships: { trackId: string; fromDate: string }[];
  scores: Score[];
}

describe('program outcomes and time to acknowledgement', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let other: ProgramFixture;
  let sud: ProgramFixture;
  let tracks: TrackFixture[];
  let sudClinician: TestStaff;
  const episodes: Ep[] = [];

  async function addEpisode(spec: Omit<Ep, 'id' | 'participantId'>): Promise<Ep> {
    const db = t.database.db;
    const [p] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: `Pat${episodes.length}`, familyName: 'Outcome', dateOfBirth: '1990-02-03' })
      .returning({ id: participant.id });
    const [e] = await db
      .insert(episode)
      .values({
        orgId: org.orgId,
        participantId: p!.id,
        programId: spec.programId,
        part2: spec.programId === sud.id,
        admittedOn: spec.admittedOn,
        primaryClinicianId: spec.clinicianId,
        status: spec.dischargedOn ? 'discharged' : 'active',
        dischargedOn: spec.dischargedOn,
        disposition: spec.dischargedOn ? 'completed' : null,
      })
      .returning({ id: episode.id });
    const ep: Ep = { ...spec, id: e!.id, participantId: p!.id };
    if (spec.memberships.length > 0) {
      await db.insert(trackMembership).values(
        spec.memberships.map((m, i) => ({
          orgId: org.orgId,
          episodeId: ep.id,
          participantId: ep.participantId,
          trackId: m.trackId,
          fromDate: m.fromDate,
          toDate: spec.memberships[i + 1] ? addDays(spec.memberships[i + 1]!.fromDate, -1) : spec.dischargedOn,
        })),
      );
    }
    if (spec.scores.length > 0) {
      await db.insert(measureResponse).values(
        spec.scores.map((s) => ({
          orgId: org.orgId,
          episodeId: ep.id,
          participantId: ep.participantId,
          instrumentId: s.instrument,
          answers: {},
          total: s.total,
          subscales: {},
          bandId: null,
          flags: [],
          administeredAt: new Date(s.at),
          enteredBy: org.staff.clinician.id,
          source: 'staff' as const,
        })),
      );
    }
    episodes.push(ep);
    return ep;
  }

  function get<T>(staff: TestStaff | null, url: string) {
    return t.as(staff, { method: 'GET', url }).then((res) => ({ res, body: res.json<T>() }));
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Outcomes Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId, { timeZone: ZONE });
    mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    other = await buildProgram(db, site, { name: 'Adolescent IOP' });
    sud = await buildProgram(db, site, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    tracks = [await buildTrack(db, mh, 'Morning'), await buildTrack(db, mh, 'Evening')];
    for (const s of [org.staff.director, org.staff.clinician, org.staff.prescriber]) await assignToProgram(db, org.orgId, s.id, mh.id);
    const email = 'sud.clinician@outcomes.test';
    const id = await createStaff(db, { orgId: org.orgId, name: 'SUD clinician', email, role: 'clinician', password: TEST_PASSWORD });
    sudClinician = { id, email, role: 'clinician', cookie: await t.signIn(email) };
    await assignToProgram(db, org.orgId, id, sud.id);

    // Forty random episodes of the mental health program: admissions, moves, clinicians, scores and discharges, some
    // discharged outside the period and some still active. Times fall at any hour, so local and UTC dates differ.
    const random = seededRandom(20261118);
    const clinicians = [org.staff.clinician.id, org.staff.prescriber.id, null];
    for (let i = 0; i < 40; i++) {
      const admittedOn = addDays('2026-04-01', randomInt(random, 0, 200));
      const length = randomInt(random, 10, 70);
      const dischargedOn = i % 8 === 7 ? null : addDays(admittedOn, length);
      const end = dischargedOn ?? '2026-11-18';
      if (end > TO && dischargedOn) continue;
      const memberships = i % 5 === 0 ? [] : [{ trackId: tracks[i % 2]!.id, fromDate: admittedOn }];
      if (i % 3 === 0 && memberships.length > 0) memberships.push({ trackId: tracks[(i + 1) % 2]!.id, fromDate: addDays(admittedOn, 7) });
      const scores: Score[] = [];
      for (const instrument of ['phq-9', 'gad-7', 'pcl-5'] as const) {
        const n = randomInt(random, 0, 4);
        const max = instrument === 'phq-9' ? 27 : instrument === 'gad-7' ? 21 : 80;
        for (let k = 0; k < n; k++) {
          const day = addDays(admittedOn, k === 0 ? randomInt(random, -2, 18) : randomInt(random, 19, Math.max(19, length)));
          const minutes = randomInt(random, 0, 24 * 60 - 1);
          const at = new Date(Date.parse(`${day}T04:00:00Z`) + minutes * 60_000 + k).toISOString();
          if (at > NOW) continue;
          scores.push({ instrument, at, total: randomInt(random, 0, max) });
        }
        // Now and then a second score at the very same instant: ties are ordered by total, in SQL as in core.
        const last = scores.at(-1);
        if (i % 4 === 0 && last?.instrument === instrument) scores.push({ instrument, at: last.at, total: randomInt(random, 0, max) });
      }
      await addEpisode({ programId: mh.id, admittedOn, dischargedOn, clinicianId: clinicians[i % 3]!, memberships, scores });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  /** What core says, from the raw scores, for the episodes in scope grouped by `key`. */
  function expected(inScope: (e: Ep) => boolean, key: (e: Ep) => string | null) {
    const groups = new Map<string | null, OutcomeCell[]>();
    const counts = new Map<string | null, number>();
    for (const e of episodes.filter(inScope)) {
      const k = key(e);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      for (const instrument of ['phq-9', 'gad-7', 'pcl-5'] as const) {
        const mine = e.scores
          .filter((s) => s.instrument === instrument)
          .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.total - b.total))
          .map((s) => ({ on: localDateOf(s.at, ZONE), total: s.total }));
        const cell = outcomeCellOf(instrument, e.admittedOn, mine);
        if (cell) groups.set(k, [...(groups.get(k) ?? []), cell]);
      }
    }
    return { groups, counts };
  }

  const trackAt = (e: Ep, day: string) =>
    [...e.memberships].filter((m) => m.fromDate <= day).sort((a, b) => (a.fromDate < b.fromDate ? 1 : -1))[0]?.trackId ?? null;
  const discharged = (e: Ep) => e.programId === mh.id && e.dischargedOn !== null && e.dischargedOn >= FROM && e.dischargedOn <= TO;

  it.each([
    ['program', (e: Ep) => e.programId],
    ['track', (e: Ep) => trackAt(e, e.dischargedOn ?? '2026-11-18')],
    ['clinician', (e: Ep) => e.clinicianId],
  ] as const)('grouped by %s, SQL gathers what core judges from the raw scores', async (groupBy, key) => {
    const { res, body } = await get<OutcomesReport>(org.staff.director, `/api/v1/outcomes?programId=${mh.id}&from=${FROM}&to=${TO}&groupBy=${groupBy}`);
    expect(res.statusCode, res.body).toBe(200);
    const want = expected(discharged, key);
    expect(body.groups.map((g) => g.id).sort()).toEqual([...want.counts.keys()].sort());
    for (const g of body.groups) {
      expect(g.episodes).toBe(want.counts.get(g.id));
      expect(g.instruments.map(({ shortName: _s, ...rest }) => rest)).toEqual(summariseOutcomes(want.groups.get(g.id) ?? []));
    }
    expect(body.total.episodes).toBe([...want.counts.values()].reduce((a, b) => a + b, 0));
    expect(body.total.instruments.map(({ shortName: _s, ...rest }) => rest)).toEqual(summariseOutcomes([...want.groups.values()].flat()));
    // The data must exercise every kind, or agreement proves little.
    const phq = body.total.instruments.find((i) => i.instrument === 'phq-9')!;
    expect(phq.measured).toBeGreaterThan(3);
    expect(phq.noBaseline + phq.singleScore).toBeGreaterThan(0);
  });

  it('active episodes: their scores so far, with no period', async () => {
    const { res, body } = await get<OutcomesReport>(org.staff.director, `/api/v1/outcomes?programId=${mh.id}&status=active`);
    expect(res.statusCode, res.body).toBe(200);
    const want = expected((e) => e.programId === mh.id && e.dischargedOn === null, (e) => e.programId);
    expect(body.period).toBeNull();
    expect(body.total.episodes).toBe(want.counts.get(mh.id));
    expect(body.total.episodes).toBeGreaterThan(0);
  });

  it('a known episode: baseline at admission, latest at discharge, the track it left from, the figures it adds', async () => {
    const ep = await addEpisode({
      programId: other.id,
      admittedOn: '2026-09-07',
      dischargedOn: '2026-10-30',
      clinicianId: null,
      memberships: [],
      scores: [
        { instrument: 'phq-9', at: '2026-09-07T14:00:00Z', total: 18 },
        { instrument: 'phq-9', at: '2026-09-30T14:00:00Z', total: 11 },
        { instrument: 'phq-9', at: '2026-10-29T14:00:00Z', total: 4 },
      ],
    });
    const { body } = await get<OutcomesReport>(org.staff.director, `/api/v1/outcomes?programId=${other.id}&from=2026-10-01&to=2026-10-31`);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ id: other.id, name: 'Adolescent IOP', episodes: 1 });
    expect(body.groups[0]!.instruments).toEqual([
      expect.objectContaining({
        instrument: 'phq-9',
        shortName: 'PHQ-9',
        measured: 1,
        reliableImprovement: { count: 1, of: 1 },
        reliableDeterioration: { count: 0, of: 1 },
        response: { count: 1, of: 1 },
        remission: { count: 1, of: 1 },
        meanChange: -14,
      }),
    ]);
    // Aggregates only: no participant's id or name leaves the server.
    expect(JSON.stringify(body)).not.toContain(ep.participantId);
    expect(JSON.stringify(body)).not.toContain('Outcome');
  });

  it('audits the read without naming any participant', async () => {
    await get(org.staff.clinician, `/api/v1/outcomes?groupBy=clinician`);
    const events = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'outcomes.read'), eq(auditEvent.actorId, org.staff.clinician.id)));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.participantId === null && (e.participantIds ?? []).length === 0)).toBe(true);
    expect(events.at(-1)!.details).toMatchObject({ report: 'outcomes', groupBy: 'clinician', status: 'discharged' });
  });

  describe('who may see which programs', () => {
    beforeAll(async () => {
      await addEpisode({
        programId: sud.id,
        admittedOn: '2026-08-03',
        dischargedOn: '2026-09-30',
        clinicianId: sudClinician.id,
        memberships: [],
        scores: [
          { instrument: 'gad-7', at: '2026-08-03T14:00:00Z', total: 15 },
          { instrument: 'gad-7', at: '2026-09-29T14:00:00Z', total: 5 },
        ],
      });
    });

    const programNames = (body: OutcomesReport) => body.groups.map((g) => g.name).sort();

    it('refuses anonymous callers before reading the query, and roles without outcomes.read', async () => {
      expect((await get(null, '/api/v1/outcomes?groupBy=nonsense')).res.statusCode).toBe(401);
      expect((await get(null, '/api/v1/outcomes/time-to-acknowledgement?period=year')).res.statusCode).toBe(401);
      for (const role of ['admin', 'biller', 'intake'] as const) {
        expect((await get(org.staff[role], '/api/v1/outcomes')).res.statusCode).toBe(403);
        expect((await get(org.staff[role], '/api/v1/outcomes/time-to-acknowledgement')).res.statusCode).toBe(403);
      }
    });

    it('a director counts every program but a Part 2 program they are not staff of', async () => {
      const { body } = await get<OutcomesReport>(org.staff.director, `/api/v1/outcomes?from=${FROM}&to=${TO}`);
      expect(programNames(body)).toEqual(['Adolescent IOP', 'Adult Mental Health IOP']);
      expect((await get(org.staff.director, `/api/v1/outcomes?programId=${sud.id}`)).res.statusCode).toBe(403);
    });

    it('a clinician counts their own programs; the Part 2 program only for its staff', async () => {
      const mine = await get<OutcomesReport>(org.staff.clinician, `/api/v1/outcomes?from=${FROM}&to=${TO}`);
      expect(programNames(mine.body)).toEqual(['Adult Mental Health IOP']);
      expect((await get(org.staff.clinician, `/api/v1/outcomes?programId=${other.id}`)).res.statusCode).toBe(403);
      const sudStaff = await get<OutcomesReport>(sudClinician, `/api/v1/outcomes?from=${FROM}&to=${TO}`);
      expect(programNames(sudStaff.body)).toEqual(['Adult Substance Use IOP']);
      expect(sudStaff.body.total.instruments[0]).toMatchObject({ instrument: 'gad-7', reliableImprovement: { count: 1, of: 1 } });
    });

    it('an unknown program is 404', async () => {
      expect((await get(org.staff.director, '/api/v1/outcomes?programId=00000000-0000-4000-8000-000000000000')).res.statusCode).toBe(404);
    });
  });

  it.each([
    ['groupBy=site', 'querystring.groupBy'],
    ['status=closed', 'querystring.status'],
    ['from=2026-11-01&to=2026-10-01', 'querystring.from'],
    ['from=2026-02-30', 'querystring.from'],
    ['status=active&to=2026-10-01', 'querystring.to'],
    ['from=2015-01-01&to=2026-10-01', 'querystring.from'],
    ['programId=42', 'querystring.programId'],
  ])('refuses %s with 400 naming %s', async (qs, path) => {
    const { res, body } = await get<{ errors: { path: string }[] }>(org.staff.director, `/api/v1/outcomes?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(body.errors.map((e) => e.path)).toContain(path);
  });

  describe('time to acknowledgement', () => {
    beforeAll(async () => {
      const db = t.database.db;
      const [mhEp] = episodes.filter((e) => e.programId === mh.id);
      const sudEp = episodes.find((e) => e.programId === sud.id)!;
      // A check-in alert points at the check-in that raised it (safety_alert_response_check): one check-in each.
      const alerts: (typeof safetyAlert.$inferInsert)[] = [];
      const alert = (ep: Ep, created: string, ackSeconds: number | null) => {
        alerts.push({
          orgId: org.orgId,
          participantId: ep.participantId,
          episodeId: ep.id,
          responseId: null,
          kind: 'checkin' as const,
          createdAt: new Date(created),
          acknowledgedAt: ackSeconds === null ? null : new Date(Date.parse(created) + ackSeconds * 1000),
          acknowledgedBy: ackSeconds === null ? null : org.staff.clinician.id,
          action: ackSeconds === null ? null : ('contacted' as const),
        });
      };
      // Week of 2 November (New York): 60 s, 600 s, 3600 s and one open.
      alert(mhEp!, '2026-11-02T15:00:00Z', 60);
      alert(mhEp!, '2026-11-03T15:00:00Z', 600);
      alert(mhEp!, '2026-11-04T15:00:00Z', 3600);
      alert(mhEp!, '2026-11-05T15:00:00Z', null);
      // Sunday 8 November 23:30 in New York is Monday in UTC: it belongs to the week of 2 November.
      alert(mhEp!, '2026-11-09T04:30:00Z', 120);
      // Week of 9 November.
      alert(mhEp!, '2026-11-10T15:00:00Z', 300);
      // Before the period.
      alert(mhEp!, '2026-08-03T15:00:00Z', 99999);
      // The Part 2 program: only its staff count it.
      alert(sudEp, '2026-11-03T15:00:00Z', 30);
      for (const a of alerts) {
        const [row] = await db
          .insert(checkIn)
          .values({
            orgId: a.orgId,
            episodeId: a.episodeId,
            participantId: a.participantId,
            mood: 2,
            anxiety: 8,
            craving: 0,
            sleepHours: 5,
            anyUse: false,
            selfHarmThoughts: true,
            source: 'staff',
            enteredBy: org.staff.clinician.id,
            checkedInAt: a.createdAt,
          })
          .returning({ id: checkIn.id });
        a.checkInId = row!.id;
      }
      await db.insert(safetyAlert).values(alerts);
    });

    it('gives median and 90th percentile by program and week, with the alerts still open', async () => {
      const { res, body } = await get<AcknowledgementReport>(org.staff.director, '/api/v1/outcomes/time-to-acknowledgement?from=2026-11-01&to=2026-11-18');
      expect(res.statusCode, res.body).toBe(200);
      expect(body.programs.map((p) => p.programName)).toEqual(['Adult Mental Health IOP']);
      expect(body.programs[0]!.periods).toEqual([
        // 60, 120, 600, 3600: median 360; p90 at rank 2.7 → 600 + 0.7 × 3000
        { periodStart: '2026-11-02', alerts: 5, acknowledged: 4, unacknowledged: 1, medianSeconds: 360, p90Seconds: 2700 },
        { periodStart: '2026-11-09', alerts: 1, acknowledged: 1, unacknowledged: 0, medianSeconds: 300, p90Seconds: 300 },
      ]);
      expect(body.total).toMatchObject({ alerts: 6, unacknowledged: 1 });
      const monthly = await get<AcknowledgementReport>(org.staff.director, '/api/v1/outcomes/time-to-acknowledgement?from=2026-08-01&to=2026-11-18&period=month');
      expect(monthly.body.programs[0]!.periods.map((p) => [p.periodStart, p.alerts])).toEqual([
        ['2026-08-01', 1],
        ['2026-11-01', 6],
      ]);
    });

    it('staff of the Part 2 program see its alerts; the default period is the twelve weeks to today', async () => {
      const { body } = await get<AcknowledgementReport>(sudClinician, '/api/v1/outcomes/time-to-acknowledgement');
      expect([body.from, body.to]).toEqual(['2026-08-27', '2026-11-18']);
      expect(body.programs.map((p) => [p.programName, p.total.alerts, p.total.medianSeconds])).toEqual([['Adult Substance Use IOP', 1, 30]]);
    });

    it('refuses a bad period with 400 naming it', async () => {
      const { res, body } = await get<{ errors: { path: string }[] }>(org.staff.director, '/api/v1/outcomes/time-to-acknowledgement?period=year');
      expect(res.statusCode).toBe(400);
      expect(body.errors.map((e) => e.path)).toContain('querystring.period');
    });
  });
});
