/**
 * Queries for program outcomes and time to acknowledgement, as plain functions of `(db | tx, args)`. The outcomes
 * query only gathers: per episode and instrument, the first and last score and whether the first fell in the
 * admission window; it returns them as a histogram (episodes per group, instrument, baseline and latest) so that
 * core's rules (`summariseOutcomes`) judge every figure, however many participants there are.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { InstrumentId, OutcomeEpisodeStatus, OutcomeGrouping } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';

export interface OutcomeScope {
  orgId: string;
  status: OutcomeEpisodeStatus;
  /** Discharge dates covered (discharged episodes only). */
  period: { from: string; to: string } | null;
  /** Today in the report's zone: the date an active episode's track is read at. */
  today: string;
  programId: string | undefined;
  /** SQL true for the episodes (alias `e`) the caller may count. */
  visible: SQL;
}

/** The grouping key of an episode `e` (program `p`, track `t`, clinician `u` joined below). */
const GROUP_COLUMNS: Record<OutcomeGrouping, SQL> = {
  program: sql`p.id::text as group_id, p.name as group_name, null::text as program_name`,
  track: sql`t.id::text as group_id, t.name as group_name, p.name as program_name`,
  clinician: sql`e.primary_clinician_id as group_id, u.name as group_name, null::text as program_name`,
};

/**
 * The episodes in scope with their group. Grouped by track, an episode counts under the track it was on when it left
 * (its membership in force at discharge) or, while active, is on today: the latest membership begun on or before that
 * day. One track per episode, so a track's figures add up to the program's.
 */
function episodesInScope(scope: OutcomeScope, groupBy: OutcomeGrouping): SQL {
  const joins =
    groupBy === 'track'
      ? sql`left join lateral (select tm.track_id from track_membership tm
                                 where tm.org_id = e.org_id and tm.episode_id = e.id
                                   and tm.from_date <= coalesce(e.discharged_on, ${scope.today}::date)
                                 order by tm.from_date desc, tm.created_at desc, tm.id desc limit 1) m on true
            left join track t on t.org_id = e.org_id and t.id = m.track_id`
      : groupBy === 'clinician'
        ? sql`left join app_user u on u.org_id = e.org_id and u.id = e.primary_clinician_id`
        : sql``;
  return sql`
    select e.id, e.admitted_on, st.time_zone, ${GROUP_COLUMNS[groupBy]}
      from episode e
      join program p on p.org_id = e.org_id and p.id = e.program_id
      join site st on st.org_id = p.org_id and st.id = p.site_id
      ${joins}
     where e.org_id = ${scope.orgId} and e.status = ${scope.status}
       ${scope.period ? sql`and e.discharged_on between ${scope.period.from}::date and ${scope.period.to}::date` : sql``}
       ${scope.programId ? sql`and e.program_id = ${scope.programId}::uuid` : sql``}
       and ${scope.visible}`;
}

export interface GroupRow {
  group_id: string | null;
  group_name: string | null;
  program_name: string | null;
  episodes: number;
}

export interface CellRow {
  group_id: string | null;
  instrument_id: InstrumentId;
  kind: 'no-baseline' | 'single-score' | 'pair';
  baseline: number | null;
  latest: number | null;
  episodes: number;
}

/** One statement answers both: a row per group (kind 'group', with its names and episode count) and the cells. */
type OutcomeRow = (GroupRow & { kind: 'group' }) | CellRow;

/**
 * Score order within an episode: by administration time and, for two scores given at the same instant, by total. Each
 * score is packed into one bigint — microseconds since 1970 × 128 + total (every total with an outcome is 0–80) — so
 * that the first and last score are a plain min() and max() over a hash aggregate: no per-episode sort, which at 5,000
 * episodes × 20 scores cost twice as much (measured; see bench/outcomes.ts).
 */
const SCORE_KEY = sql`((date_part('epoch', r.administered_at) * 1000000)::bigint * 128 + r.total)`;

/**
 * Every group with its episodes (scored or not), and per group, instrument, kind, baseline and latest: how many
 * episodes — in one statement, so the episodes in scope are found once. The baseline is the episode's first score on the
 * instrument (SCORE_KEY order), a 'no-baseline' when its local date in the program's zone is after admission +
 * `windowDays`; the latest is the last score; 'single-score' when there is only one.
 */
export async function outcomeCells(
  db: DbOrTx,
  scope: OutcomeScope,
  groupBy: OutcomeGrouping,
  instruments: readonly InstrumentId[],
  windowDays: number,
): Promise<{ groups: GroupRow[]; cells: CellRow[] }> {
  const ids = sql.join(
    instruments.map((i) => sql`${i}`),
    sql`, `,
  );
  const rows = rowsOf<OutcomeRow>(
    await db.execute(sql`
      with eps as (${episodesInScope(scope, groupBy)}),
      per as (
        select r.episode_id, r.instrument_id, count(*) as n, min(${SCORE_KEY}) as first_key, max(${SCORE_KEY}) as last_key
          from measure_response r
         where r.episode_id in (select id from eps) and r.org_id = ${scope.orgId} and r.total is not null and r.instrument_id in (${ids})
         group by r.episode_id, r.instrument_id
      ),
      judged as (
        select eps.group_id, per.instrument_id,
               case when (to_timestamp((per.first_key / 128) / 1000000.0::float8) at time zone eps.time_zone)::date > eps.admitted_on + ${windowDays}::int
                      then 'no-baseline'
                    when per.n < 2 then 'single-score'
                    else 'pair' end as kind,
               (per.first_key % 128)::int as baseline, (per.last_key % 128)::int as latest
          from per join eps on eps.id = per.episode_id
      )
      select group_id, min(group_name) as group_name, min(program_name) as program_name, null::text as instrument_id,
             'group' as kind, null::int as baseline, null::int as latest, count(*)::int as episodes
        from eps group by group_id
      union all
      select group_id, null, null, instrument_id, kind,
             case when kind = 'no-baseline' then null else baseline end,
             case when kind = 'pair' then latest else null end,
             count(*)::int
        from judged
       group by group_id, instrument_id, kind, 6, 7`),
  );
  const groups: GroupRow[] = [];
  const cells: CellRow[] = [];
  for (const row of rows) {
    if (row.kind === 'group') groups.push(row);
    else cells.push(row);
  }
  return { groups, cells };
}

/** A program the caller named, with what its access check needs; null when the organisation has no such program. */
export async function programById(db: DbOrTx, orgId: string, id: string) {
  const [row] = rowsOf<{ id: string; part2: boolean }>(
    await db.execute(sql`select id, part2 from program where org_id = ${orgId} and id = ${id}::uuid`),
  );
  return row ?? null;
}

export interface AlertWaitRow {
  program_id: string;
  program_name: string;
  created_on: string;
  seconds_to_acknowledge: number | null;
}

/**
 * Safety alerts raised between `from` and `to` (local dates in each program's site zone), with the program and the
 * seconds each waited for acknowledgement (null while open).
 */
export async function alertWaits(
  db: DbOrTx,
  scope: { orgId: string; from: string; to: string; programId: string | undefined; visible: SQL },
): Promise<AlertWaitRow[]> {
  return rowsOf<AlertWaitRow>(
    await db.execute(sql`
      select * from (
        select p.id as program_id, p.name as program_name,
               to_char((a.created_at at time zone st.time_zone)::date, 'YYYY-MM-DD') as created_on,
               extract(epoch from (a.acknowledged_at - a.created_at))::float8 as seconds_to_acknowledge
          from safety_alert a
          join episode e on e.org_id = a.org_id and e.id = a.episode_id
          join program p on p.org_id = e.org_id and p.id = e.program_id
          join site st on st.org_id = p.org_id and st.id = p.site_id
         where a.org_id = ${scope.orgId}
           and a.created_at >= (${scope.from}::date - 1)::timestamp at time zone 'UTC'
           and a.created_at < (${scope.to}::date + 2)::timestamp at time zone 'UTC'
           ${scope.programId ? sql`and e.program_id = ${scope.programId}::uuid` : sql``}
           and ${scope.visible}
      ) w
      where created_on between ${scope.from} and ${scope.to}
      order by program_name, program_id, created_on`),
  );
}
