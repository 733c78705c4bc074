/**
 * Bulk benchmark data, built with set-based SQL so that 2,000 participants and 120 weeks of history load in seconds.
 */
import { sql } from 'drizzle-orm';
import { addDays, programWeekContaining } from '@trellis/core';
import { rowsOf, type Db } from '../apps/server/src/db/index.ts';

export { rowsOf };
import { createOrganisation, createStaff } from '../apps/server/src/features/organisations/service.ts';

export const BENCH_PASSWORD = 'bench-password-1';
export const ZONE = 'America/New_York';

export interface BenchOrg {
  orgId: string;
  directorEmail: string;
  clinicianEmail: string;
  programId: string;
  trackIds: string[];
  thisMonday: string;
}

/**
 * An organisation with one IOP program of `tracks` evening tracks (Mon/Tue/Thu 18:00–21:00), `participants` active
 * participants spread over the tracks, sessions from `historyWeeks` weeks back to two weeks ahead, and attendance
 * for every session that has ended (about 90% present).
 */
export async function buildOrg(db: Db, options: { participants: number; tracks: number; historyWeeks: number; now: Date }): Promise<BenchOrg> {
  const orgId = await createOrganisation(db, { name: 'Bench Clinic', slug: `bench-${Date.now()}` });
  const directorEmail = 'director@bench.test';
  const clinicianEmail = 'clinician@bench.test';
  await createStaff(db, { orgId, name: 'Bench Director', email: directorEmail, role: 'director', password: BENCH_PASSWORD });
  const clinicianId = await createStaff(db, { orgId, name: 'Bench Clinician', email: clinicianEmail, role: 'clinician', password: BENCH_PASSWORD });
  const thisMonday = programWeekContaining(options.now.toISOString(), ZONE).monday;
  const firstMonday = addDays(thisMonday, -7 * (options.historyWeeks - 1));
  const admittedOn = firstMonday;

  const siteId = await one(db, sql`insert into site (org_id, name, time_zone) values (${orgId}, 'Bench Site', ${ZONE}) returning id`);
  const programId = await one(
    db,
    sql`insert into program (org_id, site_id, name, level_of_care, population, focus, part2, min_weekly_minutes, max_weekly_minutes, per_diem_min_minutes)
        values (${orgId}, ${siteId}, 'Bench Adult IOP', 'iop', 'adult', 'mental_health', false, 540, 1140, 180) returning id`,
  );
  await db.execute(sql`insert into staff_program (org_id, user_id, program_id) values (${orgId}, ${clinicianId}, ${programId})`);
  await db.execute(sql`
    insert into track (org_id, program_id, name)
    select ${orgId}, ${programId}, 'Evening track ' || n from generate_series(1, ${options.tracks}) n`);
  await db.execute(sql`
    insert into track_block (org_id, track_id, weekday, start_time, end_time, title, kind, capacity)
    select t.org_id, t.id, wd, '18:00', '21:00', 'Evening group', 'group_therapy', 15
      from track t cross join (values (1), (2), (4)) as w(wd) where t.org_id = ${orgId}`);
  // Sessions: every block, every week from the first Monday to two weeks ahead, at 18:00 local time.
  await db.execute(sql`
    insert into session (org_id, track_id, track_block_id, program_id, site_id, title, kind, local_date, starts_at, ends_at, capacity)
    select b.org_id, b.track_id, b.id, ${programId}, ${siteId}, b.title, b.kind, d::date,
           ((d::date + time '18:00') at time zone ${ZONE}), ((d::date + time '21:00') at time zone ${ZONE}), 15
      from track_block b
      cross join generate_series(0, ${options.historyWeeks + 1}) w
      cross join lateral (select (${firstMonday}::date + (w * 7 + b.weekday - 1)) as d) dd
     where b.org_id = ${orgId}`);
  await db.execute(sql`
    insert into participant (org_id, given_name, family_name, date_of_birth)
    select ${orgId}, 'Bench' || n, 'Participant' || n, date '1990-01-01' + (n % 3000) from generate_series(1, ${options.participants}) n`);
  await db.execute(sql`
    insert into episode (org_id, participant_id, program_id, part2, admitted_on, primary_clinician_id)
    select org_id, id, ${programId}, false, ${admittedOn}, ${clinicianId} from participant where org_id = ${orgId}`);
  await db.execute(sql`
    with tracks as (select id, row_number() over (order by id) - 1 as idx from track where org_id = ${orgId}),
         eps as (select id, participant_id, row_number() over (order by id) - 1 as idx from episode where org_id = ${orgId})
    insert into track_membership (org_id, episode_id, participant_id, track_id, from_date)
    select ${orgId}, e.id, e.participant_id, t.id, ${admittedOn}
      from eps e join tracks t on t.idx = e.idx % ${options.tracks}`);
  await db.execute(sql`
    insert into attendance (org_id, session_id, participant_id, episode_id, status, minutes_attended, recorded_by)
    select m.org_id, s.id, m.participant_id, m.episode_id,
           case when (hashtext(s.id::text || m.participant_id::text) & 15) = 0 then 'absent' else 'present' end,
           case when (hashtext(s.id::text || m.participant_id::text) & 15) = 0 then 0 else 180 end,
           ${clinicianId}
      from track_membership m
      join session s on s.org_id = m.org_id and s.track_id = m.track_id and s.local_date >= m.from_date
     where m.org_id = ${orgId} and s.ends_at <= ${options.now.toISOString()}`);
  await db.execute(sql`analyze`);
  const trackRows = await db.execute(sql`select id from track where org_id = ${orgId} order by id`);
  const trackIds = rowsOf(trackRows).map((r) => r.id as string);
  return { orgId, directorEmail, clinicianEmail, programId, trackIds, thisMonday };
}

async function one(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const rows = rowsOf(await db.execute(query));
  const id = rows[0]?.id;
  if (typeof id !== 'string') throw new Error('insert returned nothing');
  return id;
}
