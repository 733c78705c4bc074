/**
 * Program outcomes and time to acknowledgement: aggregate reports. Authorise, check a named program may be seen, then
 * one transaction: SQL gathers (a histogram of first and last scores; alert waits), core judges and summarises, and
 * the read is audited without participant ids, because none is disclosed.
 *
 * Who sees what: `outcomes.read` (director, clinician, prescriber). Clinicians and prescribers count the episodes of
 * programs they work in and those they are primary clinician of; everyone counts a Part 2 program's episodes only as
 * its staff (or their primary clinician), as with the census. Small groups are shown as they are, with their N: every
 * episode counted is one the caller may already open, and no name or id is returned.
 */
import {
  MEASURES,
  OUTCOME_BASELINE_WINDOW_DAYS,
  OUTCOME_INSTRUMENTS,
  acknowledgementByPeriod,
  addDays,
  localDateOf,
  summariseAcknowledgement,
  summariseOutcomes,
  type AcknowledgementQuery,
  type AcknowledgementReport,
  type InstrumentOutcomes,
  type OutcomeCell,
  type OutcomesQuery,
  type OutcomesReport,
} from '@trellis/core';
import { sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, episodeColumns, episodeDetailVisibility, isProgramScoped, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { forbidden, notFound } from '../../http/problems.ts';
import { alertWaits, outcomeCells, programById, type CellRow, type OutcomeScope } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Default periods: a year of discharges for outcomes, twelve weeks of alerts for time to acknowledgement. */
export const DEFAULT_OUTCOME_DAYS = 365;
export const DEFAULT_ACK_DAYS = 84;

/** SQL true for the episodes `e` the caller may count (see the module comment). */
function countableEpisodes(actor: Actor): SQL {
  const partTwo = episodeDetailVisibility(actor, episodeColumns('e'));
  if (!isProgramScoped(actor)) return partTwo;
  return sql`(${partTwo} and (e.primary_clinician_id = ${actor.userId}
              or exists (select 1 from staff_program sp where sp.org_id = e.org_id and sp.program_id = e.program_id and sp.user_id = ${actor.userId})))`;
}

/**
 * A program named in the query: 404 when the organisation has none, 403 when the caller may not count it (a
 * clinician or prescriber outside it; anyone outside a Part 2 program).
 */
async function assertProgramCountable(db: DbOrTx, actor: Actor, programId: string): Promise<void> {
  const prog = await programById(db, actor.orgId, programId);
  if (!prog) throw notFound('The program');
  if (!isProgramScoped(actor) && !prog.part2) return;
  const staff = rowsOf(
    await db.execute(sql`select 1 from staff_program where org_id = ${actor.orgId} and user_id = ${actor.userId} and program_id = ${programId}::uuid`),
  );
  if (staff.length === 0) throw forbidden();
}

function withNames(summaries: InstrumentOutcomes[]) {
  return summaries.map((s) => ({ ...s, shortName: MEASURES[s.instrument].instrument.shortName }));
}

function cellOf(row: CellRow): OutcomeCell {
  return { instrument: row.instrument_id, kind: row.kind, baseline: row.baseline, latest: row.latest, episodes: row.episodes };
}

const NO_GROUP_NAME = { program: 'No program', track: 'No track', clinician: 'No primary clinician' } as const;

export async function readOutcomes(deps: Deps, actor: Actor, query: OutcomesQuery): Promise<OutcomesReport> {
  authorize(actor, 'outcomes.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (query.programId) await assertProgramCountable(tx, actor, query.programId);
    // One set-based statement over every score of the period: past the planner's JIT threshold it would spend longer
    // compiling than running, and its hash aggregate (one entry per episode and instrument) needs more than the default
    // 4 MB to stay in memory at 5,000 episodes.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '16MB', true)`);
    const zone = await zoneFor(tx, actor.orgId, { programId: query.programId });
    const today = localDateOf(now.toISOString(), zone);
    const period =
      query.status === 'discharged'
        ? { to: query.to ?? today, from: query.from ?? addDays(query.to ?? today, 1 - DEFAULT_OUTCOME_DAYS) }
        : null;
    const scope: OutcomeScope = { orgId: actor.orgId, status: query.status, period, today, programId: query.programId, visible: countableEpisodes(actor) };
    const { groups, cells } = await outcomeCells(tx, scope, query.groupBy, OUTCOME_INSTRUMENTS, OUTCOME_BASELINE_WINDOW_DAYS);
    const cellsByGroup = new Map<string | null, OutcomeCell[]>();
    for (const row of cells) {
      const list = cellsByGroup.get(row.group_id) ?? [];
      list.push(cellOf(row));
      cellsByGroup.set(row.group_id, list);
    }
    const shown = groups
      .map((g) => ({
        id: g.group_id,
        name: g.group_name ?? NO_GROUP_NAME[query.groupBy],
        programName: g.program_name,
        episodes: g.episodes,
        instruments: withNames(summariseOutcomes(cellsByGroup.get(g.group_id) ?? [])),
      }))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : `${a.programName ?? ''} ${a.name}`.localeCompare(`${b.programName ?? ''} ${b.name}`)));
    const total = {
      episodes: groups.reduce((n, g) => n + g.episodes, 0),
      instruments: withNames(summariseOutcomes(cells.map(cellOf))),
    };
    // Counts only: no participant is disclosed, so the event names none.
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'outcomes.read',
        entityType: 'outcomes',
        entityId: query.programId ?? null,
        details: { report: 'outcomes', status: query.status, groupBy: query.groupBy, ...(period ?? {}), episodes: total.episodes },
      },
      now,
    );
    return { status: query.status, groupBy: query.groupBy, period, today, baselineWindowDays: OUTCOME_BASELINE_WINDOW_DAYS, groups: shown, total };
  });
}

/** Median and 90th-percentile time to acknowledgement and open alerts, by program and week or month. */
export async function readAcknowledgementReport(deps: Deps, actor: Actor, query: AcknowledgementQuery): Promise<AcknowledgementReport> {
  authorize(actor, 'outcomes.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (query.programId) await assertProgramCountable(tx, actor, query.programId);
    const zone = await zoneFor(tx, actor.orgId, { programId: query.programId });
    const today = localDateOf(now.toISOString(), zone);
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, 1 - DEFAULT_ACK_DAYS);
    const rows = await alertWaits(tx, { orgId: actor.orgId, from, to, programId: query.programId, visible: countableEpisodes(actor) });
    const byProgram = new Map<string, { programName: string; waits: { createdOn: string; secondsToAcknowledge: number | null }[] }>();
    for (const r of rows) {
      const entry = byProgram.get(r.program_id) ?? { programName: r.program_name, waits: [] };
      entry.waits.push({ createdOn: r.created_on, secondsToAcknowledge: r.seconds_to_acknowledge === null ? null : Number(r.seconds_to_acknowledge) });
      byProgram.set(r.program_id, entry);
    }
    const programs = [...byProgram.entries()].map(([programId, { programName, waits }]) => ({
      programId,
      programName,
      periods: acknowledgementByPeriod(waits, query.period).map((p) => ({ periodStart: p.periodStart, ...p.summary })),
      total: summariseAcknowledgement(waits),
    }));
    const all = [...byProgram.values()].flatMap((p) => p.waits);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'outcomes.read',
        entityType: 'outcomes',
        entityId: query.programId ?? null,
        details: { report: 'time-to-acknowledgement', from, to, period: query.period, alerts: all.length },
      },
      now,
    );
    return { period: query.period, from, to, today, programs, total: summariseAcknowledgement(all) };
  });
}
