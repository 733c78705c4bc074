/**
 * Scenario `outcomes-page`: the program outcomes page (GET /api/v1/outcomes for one program, a year of discharges)
 * for a program with 5,000 discharged participants and 20 scores each (10 PHQ-9 and 10 GAD-7, weekly) — median server
 * time on PostgreSQL through the real app (sign-in cookie, access rules, audit event). Goal: under 200 ms.
 *
 * Baseline, measured in the same run on the same rows: a bare SQL aggregate with no rules — per instrument, the count
 * and mean of every score of the program's episodes discharged in the year — sent straight through node-postgres.
 * The ratio says what the page's real work (first and last score per episode, the admission window, grouping, core's
 * judgement, access and audit) costs over merely reading those rows once.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { addDays, localDateOf, type OutcomesReport } from '@trellis/core';
import type { Db } from '../apps/server/src/db/index.ts';
import { createOrganisation, createStaff } from '../apps/server/src/features/organisations/service.ts';
import { appOn, freshPostgres, median, type Scenario } from './support.ts';
import { BENCH_PASSWORD, ZONE, rowsOf } from './fixtures.ts';

const PARTICIPANTS = 5000;
const SCORES_EACH = 20;

/**
 * One program, 10 tracks, `participants` episodes discharged over the last year (4–12 weeks long), each with a PHQ-9
 * and a GAD-7 every week from admission (10 of each), totals falling with noise.
 */
async function buildOutcomesOrg(db: Db, participants: number, today: string) {
  const orgId = await createOrganisation(db, { name: 'Outcomes Bench Clinic', slug: `outcomes-bench-${Date.now()}` });
  const directorEmail = 'director@outcomes-bench.test';
  const directorId = await createStaff(db, { orgId, name: 'Bench Director', email: directorEmail, role: 'director', password: BENCH_PASSWORD });
  const clinicianIds: string[] = [];
  for (let i = 1; i <= 8; i++) {
    clinicianIds.push(await createStaff(db, { orgId, name: `Bench Clinician ${i}`, email: `clinician${i}@outcomes-bench.test`, role: 'clinician', password: BENCH_PASSWORD }));
  }
  const [siteRow] = rowsOf<{ id: string }>(await db.execute(sql`insert into site (org_id, name, time_zone) values (${orgId}, 'Bench Site', ${ZONE}) returning id`));
  const [programRow] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into program (org_id, site_id, name, level_of_care, population, focus, part2, min_weekly_minutes, max_weekly_minutes, per_diem_min_minutes)
      values (${orgId}, ${siteRow!.id}, 'Bench Adult IOP', 'iop', 'adult', 'mental_health', false, 540, 1140, 180) returning id`),
  );
  const programId = programRow!.id;
  await db.execute(sql`insert into staff_program (org_id, user_id, program_id) values (${orgId}, ${directorId}, ${programId})`);
  await db.execute(sql`insert into track (org_id, program_id, name) select ${orgId}, ${programId}, 'Track ' || n from generate_series(1, 10) n`);
  await db.execute(sql`
    insert into participant (org_id, given_name, family_name, date_of_birth)
    select ${orgId}, 'Outcome' || n, 'Participant' || n, date '1985-01-01' + (n % 5000) from generate_series(1, ${participants}) n`);
  const clinicians = sql.raw(`array[${clinicianIds.map((c) => `'${c}'`).join(', ')}]`);
  // Discharged on a day of the last year; admitted 4–12 weeks before.
  await db.execute(sql`
    with p as (select id, row_number() over (order by id) as n from participant where org_id = ${orgId})
    insert into episode (org_id, participant_id, program_id, part2, admitted_on, primary_clinician_id, status, discharged_on, disposition)
    select ${orgId}, p.id, ${programId}, false,
           ${today}::date - (p.n % 360)::int - (28 + (p.n % 9) * 7)::int,
           (${clinicians})[1 + (p.n % ${clinicianIds.length})],
           'discharged', ${today}::date - (p.n % 360)::int, 'completed'
      from p`);
  await db.execute(sql`
    with t as (select id, row_number() over (order by id) - 1 as idx from track where org_id = ${orgId}),
         e as (select id, participant_id, admitted_on, discharged_on, row_number() over (order by id) - 1 as idx from episode where org_id = ${orgId})
    insert into track_membership (org_id, episode_id, participant_id, track_id, from_date, to_date)
    select ${orgId}, e.id, e.participant_id, t.id, e.admitted_on, e.discharged_on from e join t on t.idx = e.idx % 10`);
  await db.execute(sql`
    insert into measure_response (org_id, episode_id, participant_id, instrument_id, answers, total, subscales, band_id, flags, administered_at, entered_by, source)
    select e.org_id, e.id, e.participant_id, i.instrument, '{}'::jsonb,
           greatest(0, least(i.max, i.start - w * (abs(hashtext(e.id::text)) % 3) + (abs(hashtext(e.id::text || w::text || i.instrument)) % 5) - 2)),
           '{}'::jsonb, null, '[]'::jsonb,
           ((e.admitted_on + w * 4)::timestamp + time '10:00') at time zone ${ZONE}, ${clinicianIds[0]!}, 'staff'
      from episode e
      cross join (values ('phq-9', 27, 18), ('gad-7', 21, 14)) as i(instrument, max, start)
      cross join generate_series(0, ${SCORES_EACH / 2 - 1}) w
     where e.org_id = ${orgId}`);
  return { orgId, programId, directorEmail };
}

export async function outcomesScenario(quick: boolean): Promise<Scenario[]> {
  const runs = quick ? 15 : 41;
  const database = await freshPostgres(10);
  try {
    const today = localDateOf(new Date().toISOString(), ZONE);
    const org = await buildOutcomesOrg(database.db, PARTICIPANTS, today);
    await database.analyze();
    const { app } = await appOn(database);
    await app.ready();
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: org.directorEmail, password: BENCH_PASSWORD } });
    const cookie = [signIn.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    const from = addDays(today, -364);
    const url = `/api/v1/outcomes?programId=${org.programId}&from=${from}&to=${today}&groupBy=program`;

    const pageTimes: number[] = [];
    let trackMs = 0;
    for (let i = 0; i < runs + 3; i++) {
      const started = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode !== 200) throw new Error(`outcomes answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      const body = res.json<OutcomesReport>();
      const phq = body.total.instruments.find((s) => s.instrument === 'phq-9');
      if (body.total.episodes !== PARTICIPANTS || phq?.measured !== PARTICIPANTS) {
        throw new Error(`outcomes counted ${body.total.episodes} episodes, ${phq?.measured} measured; expected ${PARTICIPANTS}`);
      }
      if (i >= 3) pageTimes.push(ms);
    }
    {
      const started = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: url.replace('groupBy=program', 'groupBy=track'), headers: { cookie } });
      trackMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode !== 200) throw new Error(`outcomes by track answered ${res.statusCode}`);
    }
    await app.close();

    // The baseline: the same rows read once by a bare aggregate, through node-postgres, no app.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const baselineTimes: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = process.hrtime.bigint();
      const res = await client.query(
        `select r.instrument_id, count(*)::int as n, avg(r.total)::float8 as mean
           from measure_response r
           join episode e on e.org_id = r.org_id and e.id = r.episode_id
          where e.org_id = $1 and e.program_id = $2 and e.status = 'discharged' and e.discharged_on between $3 and $4
          group by r.instrument_id`,
        [org.orgId, org.programId, from, today],
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const n = res.rows.reduce((sum: number, r: { n: number }) => sum + r.n, 0);
      if (n !== PARTICIPANTS * SCORES_EACH) throw new Error(`baseline read ${n} scores, expected ${PARTICIPANTS * SCORES_EACH}`);
      if (i >= 3) baselineTimes.push(ms);
    }
    await client.end();

    const page = median(pageTimes);
    const baseline = median(baselineTimes);
    return [
      {
        name: 'outcomes-page',
        value: Number(page.toFixed(1)),
        unit: 'ms',
        baseline: Number(baseline.toFixed(1)),
        ratio: Number((page / baseline).toFixed(3)),
        goal: 'under 200 ms',
        notes: `GET /api/v1/outcomes for one program, ${PARTICIPANTS.toLocaleString('en-US')} discharged participants × ${SCORES_EACH} scores (PostgreSQL, median of ${runs}); baseline: a bare SQL count/avg per instrument over the same ${(PARTICIPANTS * SCORES_EACH).toLocaleString('en-US')} scores via node-postgres; grouped by track once: ${trackMs.toFixed(0)} ms`,
      },
    ];
  } finally {
    await database.close();
  }
}
