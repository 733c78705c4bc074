/**
 * The weekly auto-scheduler in users' hands. Starting a run records it (queued) and answers at once; the run is then
 * solved in this process: it reads next week's requests (each active participant's required services less what is
 * booked), calendars, hours and rooms per site, runs core's exact solver (autoScheduleWeek) and stores the proposal
 * with every unplaced participant's reason. Accepting books each placement through the appointments service's own
 * booking function, each in a savepoint of one transaction: a placement that clashed since the run is listed with the
 * clash and the rest are booked.
 *
 * Solving is CPU work of up to seconds for a large census, so it runs in a worker thread (solve-off-thread.ts) and the
 * event loop keeps serving requests meanwhile. The run lives in this process: if it stops mid-solve the run stays
 * queued until it is next read SCHEDULE_RUN_INTERRUPTED_AFTER_MINUTES after it started, and is then failed with a reason
 * that says to start it again (a job queue in PostgreSQL, e.g. pg-boss, would pick it up again; not built).
 */
import {
  APPOINTMENT_KIND_RULES,
  APPOINTMENT_KINDS,
  MAX_SESSIONS_PER_DAY_LIMIT,
  SCHEDULE_RUN_INTERRUPTED_TEXT,
  UNPLACED_REASON_TEXT,
  addDays,
  placementId,
  programWeekContaining,
  programWeekStarting,
  requiredServices,
  roomIsShared,
  roomSessionsAtOnce,
  scheduleRunInterrupted,
  servicesDueInWeek,
  unavailableTimeWithin,
  usualTimeOf,
  workingTimeWithin,
  type Interval,
  type ProposedPlacement,
  type ScheduleAcceptResult,
  type ScheduleProposal,
  type ScheduleRun,
  type ScheduleRunAccept,
  type ScheduleRunProgress,
  type ScheduleRunCreate,
  type SchedulerClinician,
  type SchedulerParticipant,
  type ServiceRequest,
  type UnplacedParticipant,
} from '@trellis/core';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { groupedBy, type DbOrTx } from '../../db/index.ts';
import { scheduleRun } from '../../db/schema.ts';
import { badRequest, conflict, forbidden, notFound, Problem, unprocessable } from '../../http/problems.ts';
import { cliniciansExceptions, cliniciansMaxSessionsPerDay, cliniciansRules, participantsExceptions, participantsRules } from '../availability/queries.ts';
import { calendars, lockCalendars, siteRooms } from '../appointments/queries.ts';
import { bookWithin } from '../appointments/service.ts';
import { ProgressWriter } from './progress-writer.ts';
import { solveOffThread } from './solve-off-thread.ts';
import {
  activeParticipants,
  careTeams,
  findScheduleRun,
  recentAppointments,
  scopePrograms,
  visibleProgramIds,
  type ScheduleRunRow,
  type ScopeProgram,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const iso = (ms: number) => new Date(ms).toISOString();
/** Weeks of appointments read for the requirement (every n weeks, n ≤ 12) and the usual time. */
const HISTORY_WEEKS = 12;
/** The kinds the primary clinician gives: the usual time is read from them. */
const THERAPY_KINDS = APPOINTMENT_KINDS.filter((k) => !APPOINTMENT_KIND_RULES[k].prescriberOnly);

/** The programs of a run's scope the actor may see; 400 for an unknown program, 403 for a Part 2 one not theirs. */
async function programsInScope(tx: DbOrTx, actor: Actor, programId: string | null): Promise<ScopeProgram[]> {
  const { programs, hidden } = await scopePrograms(tx, actor, programId);
  if (programId && hidden > 0) throw forbidden();
  if (programId && programs.length === 0) throw badRequest([{ path: 'body.programId', message: 'is not an active program of this organisation' }]);
  return programs;
}

export async function startScheduleRun(deps: Deps, actor: Actor, input: ScheduleRunCreate): Promise<{ id: string; status: 'queued' }> {
  authorize(actor, 'schedule-run.write');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const programs = await programsInScope(tx, actor, input.programId);
    // Next week on the first program's clock (every site's week opens on the same Monday's date).
    const zone = programs[0]?.timeZone ?? 'UTC';
    const weekMonday = addDays(programWeekContaining(now.toISOString(), zone).monday, 7);
    const [row] = await tx
      .insert(scheduleRun)
      .values({ orgId: actor.orgId, programId: input.programId, weekMonday, requestedBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: scheduleRun.id });
    await recordAudit(tx, actor, actor.orgId, { action: 'schedule-run.start', entityType: 'schedule_run', entityId: row!.id, details: { programId: input.programId, weekMonday } }, now);
    return row!.id;
  });
  // Answer first; solve right after, in this process.
  setImmediate(() => void solveScheduleRun(deps, actor, id));
  return { id, status: 'queued' };
}

/** Solves a queued run and stores its proposal, or marks it failed with the reason. Never throws. */
export async function solveScheduleRun(deps: Deps, actor: Actor, id: string): Promise<void> {
  const progress = new ProgressWriter(async (p) => {
    await deps.db.execute(sql`
      update schedule_run set progress = ${JSON.stringify(p)}::jsonb
       where org_id = ${actor.orgId} and id = ${id}::uuid and status = 'queued'`);
  });
  try {
    const run = await findScheduleRun(deps.db, actor.orgId, id);
    if (!run || run.status !== 'queued') return;
    // Read outside a transaction: none is held open while the worker solves (PGlite has one connection), and accepting
    // checks every placement against the calendars as they are then.
    const { proposal, sites } = await proposeWeek(deps.db, actor, run, (p) => progress.report(p));
    await progress.stop();
    const done: ScheduleRunProgress = { phase: 'done', done: null, total: null, site: sites, sites };
    await deps.db.execute(sql`
      update schedule_run set status = 'solved', proposal = ${JSON.stringify(proposal)}::jsonb, progress = ${JSON.stringify(done)}::jsonb,
             updated_at = ${deps.clock.now().toISOString()}::timestamptz
       where org_id = ${actor.orgId} and id = ${id}::uuid and status = 'queued'`);
  } catch (error) {
    await progress.stop();
    const message = error instanceof Error ? error.message : String(error);
    await failQueuedRun(deps.db, actor.orgId, id, message, deps.clock.now()).catch(() => undefined);
  }
}

/** Marks a run failed with the reason, if it is still queued (a solve that ends later finds it failed and stores nothing). */
async function failQueuedRun(db: DbOrTx, orgId: string, id: string, message: string, now: Date) {
  await db.execute(sql`
    update schedule_run set status = 'failed', error = ${message.slice(0, 500)}, updated_at = ${now.toISOString()}::timestamptz
     where org_id = ${orgId} and id = ${id}::uuid and status = 'queued'`);
}

/** Time of a person or room already proposed by this run, by id, added to as each site is solved. */
class ProposedTime {
  readonly #of = new Map<string, Interval[]>();
  add(id: string, interval: Interval) {
    const list = this.#of.get(id);
    if (list) list.push(interval);
    else this.#of.set(id, [interval]);
  }
  /** `busy` with what this run proposed for `id` at earlier sites. */
  with(id: string, busy: readonly Interval[]): Interval[] {
    return [...busy, ...(this.#of.get(id) ?? [])];
  }
}

/**
 * Reads the week per site, solves each exactly, and names what was placed and what was not. Sites are solved one after
 * another in a fixed order (the programs' names); a clinician, participant or room proposed at an earlier site is busy
 * then at the later ones (and the clinician's proposals count toward their daily limit), so nobody who works at two
 * sites is proposed twice at once. Each site's solve is exact given the earlier sites' proposals.
 */
async function proposeWeek(
  db: DbOrTx,
  actor: Actor,
  run: ScheduleRunRow,
  report: (progress: ScheduleRunProgress) => void,
): Promise<{ proposal: ScheduleProposal; sites: number }> {
  const programs = await programsInScope(db, actor, run.programId);
  const placements: ProposedPlacement[] = [];
  const unplaced: UnplacedParticipant[] = [];
  let provenOptimal = true;
  const proposedFor = { clinician: new ProposedTime(), participant: new ProposedTime(), room: new ProposedTime() };
  const sites = [...new Set(programs.map((p) => p.siteId))];
  for (const [i, siteId] of sites.entries()) {
    const at = { site: i + 1, sites: sites.length };
    report({ phase: 'loading', done: null, total: null, ...at });
    const sitePrograms = programs.filter((p) => p.siteId === siteId);
    const zone = sitePrograms[0]!.timeZone;
    const week = programWeekStarting(run.weekMonday, zone);
    const window: Interval = { start: Date.parse(week.start), end: Date.parse(week.end) };
    const w = { start: week.start, end: week.end };
    const settingOf = new Map(sitePrograms.map((p) => [p.id, p.requiredServices]));
    const people = await activeParticipants(db, actor.orgId, sitePrograms.map((p) => p.id));
    const history = await recentAppointments(db, actor.orgId, people.map((p) => p.participantId), addDays(run.weekMonday, -7 * HISTORY_WEEKS));
    const team = await careTeams(db, actor.orgId, sitePrograms.map((p) => p.id));

    // The whole care team's and census's availability and calendars, a few set-based reads for the site.
    const members = [...new Map(team.map((m) => [m.id, m])).values()];
    const names = new Map(members.map((m) => [m.id, m.name]));
    const memberIds = members.map((m) => m.id);
    const rulesOf = await cliniciansRules(db, actor.orgId, memberIds, siteId);
    const leaveOf = await cliniciansExceptions(db, actor.orgId, memberIds, w.start, w.end);
    const limitOf = await cliniciansMaxSessionsPerDay(db, actor.orgId, memberIds);
    const clinicianBusy = await calendars(db, actor.orgId, { clinicianIds: memberIds }, w);
    const clinicians: SchedulerClinician[] = [];
    for (const member of members) {
      const leave = (leaveOf.get(member.id) ?? []).map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
      const hours = workingTimeWithin(rulesOf.get(member.id) ?? [], leave, zone, window);
      if (hours.length === 0) continue;
      const busy = proposedFor.clinician.with(member.id, clinicianBusy.get(member.id) ?? []);
      const prescriber = member.role === 'prescriber';
      clinicians.push({
        id: member.id,
        kinds: APPOINTMENT_KINDS.filter((k) => APPOINTMENT_KIND_RULES[k].prescriberOnly === prescriber),
        hours,
        busy,
        // The booking check counts every appointment and group of the day toward the limit; so does the run.
        booked: busy,
        maxSessionsPerDay: limitOf.get(member.id) ?? MAX_SESSIONS_PER_DAY_LIMIT,
      });
    }
    const scheduled = new Set(clinicians.map((c) => c.id));

    const personOf = new Map(people.map((p) => [p.participantId, p]));
    const historyOf = groupedBy(history, (a) => a.participantId);
    const dueOf = new Map(
      people.map((person) => [
        person.participantId,
        servicesDueInWeek(requiredServices(person.plan, settingOf.get(person.programId) ?? null), run.weekMonday, historyOf.get(person.participantId) ?? []),
      ]),
    );
    const dueIds = people.filter((p) => dueOf.get(p.participantId)!.length > 0).map((p) => p.participantId);
    const weeklyOf = await participantsRules(db, actor.orgId, dueIds);
    const oneOffOf = await participantsExceptions(db, actor.orgId, dueIds, w.start, w.end);
    const heldOf = await calendars(db, actor.orgId, { participantIds: dueIds }, w);
    const participants: SchedulerParticipant[] = [];
    const requests: ServiceRequest[] = [];
    for (const id of dueIds) {
      const person = personOf.get(id)!;
      const oneOff = (oneOffOf.get(id) ?? []).map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
      participants.push({
        id,
        busy: proposedFor.participant.with(id, [...(heldOf.get(id) ?? []), ...unavailableTimeWithin(weeklyOf.get(id) ?? [], oneOff, zone, window)]),
        primaryClinicianId: person.primaryClinicianId && scheduled.has(person.primaryClinicianId) ? person.primaryClinicianId : null,
        usualTime: usualTimeOf(historyOf.get(id) ?? [], THERAPY_KINDS, zone),
        clinicianIds: [...new Set(team.filter((m) => m.programId === person.programId && scheduled.has(m.id)).map((m) => m.id))],
      });
      for (const d of dueOf.get(id)!) requests.push({ participantId: id, kind: d.kind, count: d.count });
    }
    if (requests.length === 0) continue;
    const rooms = (await siteRooms(db, actor.orgId, siteId)).filter((r) => r.active);
    const roomCalendars = await calendars(db, actor.orgId, { roomIds: rooms.map((r) => r.id) }, w);
    // Physical rooms first, so a shared (virtual) room, which holds every clinician at once, takes what they cannot.
    const roomBusy = [...rooms]
      .sort((a, b) => Number(roomIsShared(a.kind)) - Number(roomIsShared(b.kind)))
      .map((room) => ({
        id: room.id,
        // A shared room is never full: its calendar does not matter.
        busy: roomIsShared(room.kind) ? [] : proposedFor.room.with(room.id, roomCalendars.get(room.id) ?? []),
        sessionsAtOnce: roomSessionsAtOnce(room.kind, clinicians.length),
      }));

    const result = await solveOffThread({ zone, window, participants, clinicians, rooms: roomBusy, requests }, (p) => report({ ...p, ...at }));
    provenOptimal &&= result.provenOptimal;
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    // Who a solver line is about, as the proposal names them.
    const who = (participantId: string) => {
      const person = personOf.get(participantId)!;
      return { programId: person.programId, participantId, participantName: person.name };
    };
    for (const p of result.placements) {
      const held = { start: p.start, end: p.end };
      proposedFor.clinician.add(p.clinicianId, held);
      proposedFor.participant.add(p.participantId, held);
      if (p.roomId) proposedFor.room.add(p.roomId, held);
      placements.push({
        id: placementId({ participantId: p.participantId, kind: p.kind, startsAt: iso(p.start) }),
        ...who(p.participantId),
        kind: p.kind,
        clinicianId: p.clinicianId,
        clinicianName: names.get(p.clinicianId)!,
        siteId,
        roomId: p.roomId,
        roomName: roomName.get(p.roomId) ?? null,
        startsAt: iso(p.start),
        endsAt: iso(p.end),
      });
    }
    for (const u of result.unplaced) {
      unplaced.push({
        ...who(u.participantId),
        kind: u.kind,
        count: u.count,
        reason: u.reason,
        explanation: UNPLACED_REASON_TEXT[u.reason],
      });
    }
  }
  report({ phase: 'saving', done: null, total: null, site: sites.length, sites: sites.length });
  return { proposal: { timeZone: programs[0]?.timeZone ?? 'UTC', placements, unplaced, provenOptimal }, sites: sites.length };
}

/** A run the actor may read: 404 unknown; 403 for a Part 2 program's run not theirs; org-wide runs show what they may see. */
async function visibleRun(tx: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<ScheduleRunRow> {
  const run = await findScheduleRun(tx, actor.orgId, id, forUpdate);
  if (!run) throw notFound('The schedule run');
  if (run.programId) {
    const { hidden } = await scopePrograms(tx, actor, run.programId);
    if (hidden > 0) throw forbidden();
  }
  if (!run.proposal) return run;
  const ids = [...new Set([...run.proposal.placements, ...run.proposal.unplaced].map((e) => e.programId))];
  const visible = await visibleProgramIds(tx, actor, ids);
  return {
    ...run,
    proposal: {
      ...run.proposal,
      placements: run.proposal.placements.filter((p) => visible.has(p.programId)),
      unplaced: run.proposal.unplaced.filter((u) => visible.has(u.programId)),
    },
  };
}

const participantsOf = (run: ScheduleRunRow) =>
  [...new Set([...(run.proposal?.placements ?? []), ...(run.proposal?.unplaced ?? [])].map((e) => e.participantId))];

export async function readScheduleRun(deps: Deps, actor: Actor, id: string): Promise<ScheduleRun> {
  authorize(actor, 'schedule-run.write');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    let run = await visibleRun(tx, actor, id);
    if (scheduleRunInterrupted(run, now)) {
      // Its process stopped while solving: fail it (only if still queued), so the page stops waiting.
      await failQueuedRun(tx, actor.orgId, id, SCHEDULE_RUN_INTERRUPTED_TEXT, now);
      run = { ...run, status: 'failed', error: SCHEDULE_RUN_INTERRUPTED_TEXT };
    }
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'schedule-run.read', entityType: 'schedule_run', entityId: id, participantIds: participantsOf(run), details: { status: run.status } },
      deps.clock.now(),
    );
    return run;
  });
}

/**
 * The placements an accept books: those named (400 naming ids that are not this run's placements; 409 naming those
 * booked by an earlier accept), or without ids every placement not booked yet (409 once a run was accepted whole).
 */
function placementsToBook(run: ScheduleRunRow, placementIds: readonly string[] | undefined): ProposedPlacement[] {
  const placements = run.proposal!.placements;
  const booked = new Set((run.result?.booked ?? []).map(placementId));
  if (!placementIds) {
    if (run.status === 'accepted') throw conflict('This run was accepted already.', [{ path: 'params.id', message: 'was accepted already' }]);
    return placements.filter((p) => !booked.has(p.id));
  }
  const byId = new Map(placements.map((p) => [p.id, p]));
  const unknown = placementIds.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `body.placementIds.${i}`, message: `${id} is not a placement of this run` }]));
  if (unknown.length > 0) throw badRequest(unknown);
  const again = placementIds.flatMap((id, i) => (booked.has(id) ? [{ path: `body.placementIds.${i}`, message: `${id} was accepted already` }] : []));
  if (again.length > 0) throw conflict('Some of these placements were accepted already.', again);
  const named = new Set(placementIds);
  return placements.filter((p) => named.has(p.id));
}

/**
 * Books the chosen placements (all, or the ids named), each in a savepoint of one transaction; lists the ones that
 * clashed since the run. A run accepted in part may be accepted again for placements not booked yet.
 */
export async function acceptScheduleRun(deps: Deps, actor: Actor, id: string, input: ScheduleRunAccept): Promise<ScheduleRun> {
  authorize(actor, 'schedule-run.write');
  authorize(actor, 'appointment.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const run = await visibleRun(tx, actor, id, true);
    if ((run.status !== 'solved' && run.status !== 'accepted') || !run.proposal) {
      throw unprocessable(`This run is ${run.status}; only a solved run is accepted.`, [{ path: 'params.id', message: `is ${run.status}` }]);
    }
    const placements = placementsToBook(run, input?.placementIds);
    // Every calendar the placements touch, locked once in one sorted order, so a concurrent booking cannot deadlock
    // with this transaction (bookWithin takes the same locks again, which it already holds).
    await lockCalendars(
      tx,
      placements.flatMap((p) => [`c:${actor.orgId}:${p.clinicianId}`, `p:${p.participantId}`, ...(p.roomId ? [`r:${p.roomId}`] : [])]),
    );
    const attempted = new Set(placements.map((p) => p.id));
    // An earlier accept's clashes stay listed unless this one tried them again.
    const result: ScheduleAcceptResult = {
      booked: [...(run.result?.booked ?? [])],
      conflicts: (run.result?.conflicts ?? []).filter((c) => !attempted.has(c.id)),
    };
    let bookedNow = 0;
    for (const p of placements) {
      try {
        const booked = await tx.transaction((savepoint) =>
          bookWithin(savepoint, deps, actor, {
            participantId: p.participantId,
            clinicianId: p.clinicianId,
            kind: p.kind,
            startsAt: p.startsAt,
            roomId: p.roomId,
            siteId: p.siteId,
          }),
        );
        result.booked.push({ appointmentId: booked.id, participantId: p.participantId, kind: p.kind, startsAt: p.startsAt });
        bookedNow++;
      } catch (error) {
        if (!(error instanceof Problem) || ![403, 409, 422].includes(error.status)) throw error;
        result.conflicts.push({ ...p, message: error.detail ?? error.title });
      }
    }
    await tx.execute(sql`
      update schedule_run set status = 'accepted', result = ${JSON.stringify(result)}::jsonb, accepted_by = ${actor.userId},
             updated_at = ${now.toISOString()}::timestamptz
       where org_id = ${actor.orgId} and id = ${id}::uuid`);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'schedule-run.accept',
        entityType: 'schedule_run',
        entityId: id,
        participantIds: [...new Set(placements.map((p) => p.participantId))],
        details: { chosen: input?.placementIds ? placements.length : 'all', booked: bookedNow, conflicts: placements.length - bookedNow },
      },
      now,
    );
    return { ...run, status: 'accepted', result };
  });
}
