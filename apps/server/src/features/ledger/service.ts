/**
 * The weekly hours ledger of one participant across their episode, and the census: every active participant's ledger
 * for one program week. SQL gathers expected sessions and marks in one statement; core's weeklyHoursLedger does the
 * arithmetic, the same function the browser runs.
 */
import {
  addDays,
  localDateOf,
  programWeekContaining,
  programWeekStarting,
  requiredServices,
  requiredWeeklyMinutes,
  serviceRequirementsSchema,
  servicePlanOf,
  serviceCountsInWeek,
  serviceStatusInWeek,
  weekdayOf,
  weekTense,
  weeklyHoursLedger,
  type Census,
  type CensusQuery,
  type LedgerStatus,
  type ParticipantLedger,
  type ProgramWeek,
  type WeeklyHoursLedger,
} from '@trellis/core';
import { and, sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import {
  authorize,
  episodeColumns,
  episodeDetailVisibility,
  EPISODE_TABLE_COLUMNS,
  participantVisibility,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode } from '../../db/schema.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { zoneFor } from '../../db/site-zone.ts';
import {
  censusEpisodes,
  currentEpisode,
  episodeServiceInputs,
  episodesServiceInputs,
  ledgerEpisode,
  type EpisodeServiceInputs,
  type LedgerEpisode,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The program's hours in force on a week's Monday (its history), else its current hours. */
function hoursInForce(e: LedgerEpisode, monday: string) {
  let found = { minWeeklyMinutes: e.minWeeklyMinutes, maxWeeklyMinutes: e.maxWeeklyMinutes, perDiemMinMinutes: e.perDiemMinMinutes };
  for (const h of e.hours) if (h.effectiveFrom <= monday) found = h;
  return found;
}

/**
 * One episode's ledger for one program week, judged against the hours in force that week: the participant's signed
 * plan, clamped to the program's range then, or else the program's minimum; a partial week against what the track(s)
 * offered while the participant was in the program.
 */
function ledgerFor(e: LedgerEpisode, week: ProgramWeek, now: string): WeeklyHoursLedger {
  const h = hoursInForce(e, week.monday);
  return weeklyHoursLedger({
    week,
    now,
    requirement: {
      minHours: requiredWeeklyMinutes(h, e.plans, week.monday) / 60,
      maxHours: h.maxWeeklyMinutes === null ? null : h.maxWeeklyMinutes / 60,
      perDiemMinHours: h.perDiemMinMinutes / 60,
    },
    activeFrom: e.admittedOn,
    activeTo: e.dischargedOn,
    sessions: e.sessions,
  });
}

/** Weeks of appointments before admission read for the cadence (every n weeks, n ≤ 12). */
const CADENCE_WEEKS = 12;

/**
 * Each week's required services (the signed plan's, else the program's setting, else the default) as not due, booked,
 * due or missing: one query for the episode, core's serviceStatusInWeek per week.
 */
async function servicesByWeek(
  tx: DbOrTx,
  orgId: string,
  span: { id: string; admittedOn: string; timeZone: string },
  firstMonday: string,
  lastMonday: string,
  nowIso: string,
): Promise<ParticipantLedger['services']> {
  const inputs = await episodeServiceInputs(tx, orgId, span.id, addDays(firstMonday, -7 * CADENCE_WEEKS));
  if (!inputs) return [];
  const requirements = requirementsOf(inputs);
  const out: ParticipantLedger['services'] = [];
  for (let monday = firstMonday; monday <= lastMonday; monday = addDays(monday, 7)) {
    const ended = Date.parse(programWeekStarting(monday, span.timeZone).end) <= Date.parse(nowIso);
    out.push({ weekMonday: monday, items: serviceStatusInWeek(requirements, { monday, ended }, span.admittedOn, inputs.appointments) });
  }
  return out;
}

/** An episode's required services: its signed plan's, else its program's setting (when it reads as one), else the default. */
function requirementsOf(inputs: EpisodeServiceInputs) {
  const setting = serviceRequirementsSchema.safeParse(inputs.programSetting);
  return requiredServices(servicePlanOf(inputs.planContent), inputs.programSetting !== null && setting.success ? setting.data : null);
}

export async function readParticipantLedger(
  deps: Deps,
  actor: Actor,
  participantId: string,
): Promise<ParticipantLedger> {
  authorize(actor, 'attendance.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'ledger.read');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction(async (tx) => {
    // A Part 2 episode the actor is not staff of is left out, as if it were not there.
    const span = await currentEpisode(tx, actor.orgId, participantId, episodeDetailVisibility(actor, episodeColumns('e')));
    let weeks: WeeklyHoursLedger[] = [];
    const services: ParticipantLedger['services'] = [];
    if (span) {
      const firstMonday = mondayOf(span.admittedOn);
      const lastDay = span.dischargedOn ?? localDateOf(nowIso, span.timeZone);
      const lastMonday = lastDay < firstMonday ? firstMonday : mondayOf(lastDay);
      const found = await ledgerEpisode(tx, actor.orgId, span.id, firstMonday, addDays(lastMonday, 6));
      if (found) {
        for (let monday = firstMonday; monday <= lastMonday; monday = addDays(monday, 7)) {
          const week = programWeekStarting(monday, found.timeZone);
          weeks.push(ledgerFor(found, week, nowIso));
        }
      }
      services.push(...(await servicesByWeek(tx, actor.orgId, span, firstMonday, lastMonday, nowIso)));
    }
    weeks = weeks.sort((a, b) => (a.weekMonday < b.weekMonday ? -1 : 1));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'ledger.read',
        entityType: 'episode',
        entityId: span?.id ?? null,
        participantId,
        details: { weeks: weeks.length },
      },
      now,
    );
    return { episodeId: span?.id ?? null, weeks, services };
  });
}

/**
 * One participant's ledger for the program week under way in their program's zone (the portal's "hours so far"):
 * their current episode, its expected sessions by the roster rule, and weeklyHoursLedger, as the staff ledger does.
 * Null when they have no episode, or their episode does not reach into this week. The caller authorizes and audits.
 */
export async function currentWeekLedger(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  now: Date,
  /** Narrows the episodes considered (e.g. to one program's, for a family member's consent). */
  visible: SQL = sql`true`,
): Promise<{ week: ProgramWeek; ledger: WeeklyHoursLedger; episode: LedgerEpisode } | null> {
  const nowIso = now.toISOString();
  const span = await currentEpisode(tx, orgId, participantId, visible);
  if (!span) return null;
  const week = programWeekContaining(nowIso, span.timeZone);
  if (span.admittedOn > week.sunday || (span.dischargedOn !== null && span.dischargedOn < week.monday)) return null;
  const found = await ledgerEpisode(tx, orgId, span.id, week.monday, week.sunday);
  return found ? { week, ledger: ledgerFor(found, week, nowIso), episode: found } : null;
}

/** One episode's ledger for one program week (in its program's zone), or null. The caller authorizes. */
export async function episodeWeekLedger(tx: DbOrTx, orgId: string, episodeId: string, week: ProgramWeek, now: Date): Promise<WeeklyHoursLedger | null> {
  const found = await ledgerEpisode(tx, orgId, episodeId, week.monday, week.sunday);
  return found ? ledgerFor(found, week, now.toISOString()) : null;
}

const COUNT_KEYS: Record<LedgerStatus, keyof Census['counts']> = {
  met: 'met',
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  short: 'short',
};

export async function readCensus(deps: Deps, actor: Actor, query: CensusQuery): Promise<Census> {
  authorize(actor, 'census.read');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction(async (tx) => {
    // The planner's cost for the per-episode session lookups grows with participants; past its JIT threshold it would
    // spend far longer compiling the census than running it (measured: 630 ms of JIT for a 40 ms query).
    await tx.execute(sql`set local jit = off`);
    const zone = await zoneFor(tx, actor.orgId, { programId: query.programId, trackId: query.trackId });
    const monday = query.week ?? programWeekContaining(nowIso, zone).monday;
    const sunday = addDays(monday, 6);
    // The track shown is the one a participant is on today (or, for another week, at its end), not a move booked ahead.
    const today = localDateOf(nowIso, zone);
    const tense = weekTense(monday, today);
    const asOf = today >= monday && today <= sunday ? today : sunday;
    const episodes = await censusEpisodes(tx, {
      orgId: actor.orgId,
      monday,
      sunday,
      asOf,
      programId: query.programId,
      trackId: query.trackId,
      clinicianId: query.clinicianId,
      visibility: and(participantVisibility(actor, episode.participantId), episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS)),
    });

    // Each row's required appointments, read for every episode at once (cadences look back up to 12 weeks).
    const serviceInputs = await episodesServiceInputs(tx, actor.orgId, episodes.map((e) => e.episodeId), addDays(monday, -7 * CADENCE_WEEKS));
    // Programs at sites in different zones share the Monday but not the instants their weeks start and end.
    const weeks = new Map<string, ProgramWeek>();
    const counts: Census['counts'] = { met: 0, onTrack: 0, atRisk: 0, short: 0, rollsNotTaken: 0 };
    const notTaken = new Set<string>();
    const rows = episodes.map((e) => {
      let week = weeks.get(e.timeZone);
      if (!week) {
        week = programWeekStarting(monday, e.timeZone);
        weeks.set(e.timeZone, week);
      }
      const ledger = ledgerFor(e, week, nowIso);
      counts[COUNT_KEYS[ledger.status]] += 1;
      const inputs = serviceInputs.get(e.episodeId);
      const ended = Date.parse(week.end) <= now.getTime();
      const services = serviceCountsInWeek(inputs ? serviceStatusInWeek(requirementsOf(inputs), { monday, ended }, e.admittedOn, inputs.appointments) : []);
      // A roll is missing once a session has ended with someone expected and unmarked.
      for (const s of e.sessions) {
        if (!s.appointment && !s.cancelled && s.attendance === null && Date.parse(s.endsAt) <= now.getTime()) notTaken.add(s.sessionId);
      }
      return {
        participantId: e.participantId,
        displayName: e.displayName,
        episodeId: e.episodeId,
        programId: e.programId,
        programName: e.programName,
        trackId: e.trackId,
        trackName: e.trackName,
        primaryClinicianId: e.primaryClinicianId,
        primaryClinicianName: e.primaryClinicianName,
        ledger,
        services,
      };
    });

    counts.rollsNotTaken = notTaken.size;
    // The census discloses each participant on it: one event records every participant shown, as the ids it lists.
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'census.read',
        entityType: 'census',
        participantIds: rows.map((r) => r.participantId),
        details: {
          week: monday,
          rows: rows.length,
          ...counts,
          filters: (['programId', 'trackId', 'clinicianId'] as const).filter((k) => query[k] !== undefined),
        },
      },
      now,
    );
    return { week: { monday, sunday, timeZone: zone, today, tense }, rows, counts };
  });
}
