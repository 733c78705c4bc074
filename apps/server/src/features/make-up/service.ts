/**
 * Make-up sessions: when a participant's week is at risk, the other tracks' sessions of their program they could still
 * join (core's makeUpOptions), booking one as a guest, and cancelling that booking. A guest is a session_roster row on
 * an ordinary track session; the roster rule (trellis_expected_attendance) then expects them there, so the roll, the
 * ledger, the census and the calendars all count the make-up. The capacity check and the insert run under a lock on
 * the session row, so two bookings racing for the last place are decided one after the other: one gets it, one 422.
 */
import { and, eq, sql } from 'drizzle-orm';
import {
  MAKE_UP_REFUSAL_TEXT,
  makeUpOptions,
  makeUpRefusal,
  makeUpShortfall,
  localDateOf,
  programWeekContaining,
  type MakeUpBooking,
  type MakeUpBookingResult,
  type MakeUpOptions,
  type MakeUpRefusal,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { assertEpisodeDetailAccess, assertWorksInProgram, authorize, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { auditRecordDenied } from '../../audit/denial.ts';
import type { DbOrTx } from '../../db/index.ts';
import { attendance, session, sessionRoster } from '../../db/schema.ts';
import { conflict, notFound, Problem, unprocessable } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { lockCalendars, type BusyItem } from '../appointments/queries.ts';
import { describeBookingTime } from '../sessions/bookings.ts';
import { currentWeekLedger, episodeWeekLedger } from '../ledger/service.ts';
import { candidateSessions, episodeOnDate, findEpisode, guestEpisode, participantBusy, type CandidateSession } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Minutes as hours to 2 decimals, as the ledger shows them. */
const hours = (minutes: number) => Math.round((minutes * 5) / 3) / 100;

/** Runs `work` in a transaction on a participant's record; a refusal under the Part 2 rule is audited on its own. */
async function onParticipant<T>(deps: Deps, actor: Actor, participantId: string, attempted: AuditAction, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  await assertParticipantAccessAudited(deps, actor, participantId, attempted);
  try {
    return await deps.db.transaction(work);
  } catch (error) {
    if (error instanceof Problem && error.status === 403 && !error.audited) {
      await auditRecordDenied(deps, actor, { entityType: 'participant', entityId: participantId, participantId, attempted });
      error.audited = true;
    }
    throw error;
  }
}

type CurrentWeek = NonNullable<Awaited<ReturnType<typeof currentWeekLedger>>>;

/** A participant with no episode in the week under way: nothing to make up. */
const noWeek = (participantId: string): MakeUpOptions => ({
  participantId,
  episodeId: null,
  programId: null,
  trackId: null,
  siteId: null,
  timeZone: null,
  today: null,
  ledger: null,
  shortfallMinutes: 0,
  options: [],
});

/** The week's candidates from the participant's program, judged against their busy time by core's makeUpOptions. */
async function optionsOfWeek(tx: DbOrTx, orgId: string, participantId: string, current: CurrentWeek, siteId: string | null, now: Date): Promise<MakeUpOptions> {
  const { week, ledger, episode } = current;
  const shortfallMinutes = makeUpShortfall(ledger);
  const candidates = await candidateSessions(tx, orgId, participantId, { programId: episode.programId, from: week.monday, to: week.sunday });
  const busy = await participantBusy(tx, orgId, participantId, { start: Date.parse(week.start), end: Date.parse(week.end) }, episode.timeZone);
  const { options } = makeUpOptions(
    {
      now: now.toISOString(),
      week,
      activeFrom: episode.admittedOn,
      activeTo: episode.dischargedOn,
      shortfallMinutes,
      busy: [...busy.items, ...busy.unavailable],
    },
    candidates,
  );
  const byId = new Map(candidates.map((c) => [c.sessionId, c]));
  return {
    participantId,
    episodeId: episode.episodeId,
    programId: episode.programId,
    trackId: episode.trackId,
    siteId,
    timeZone: episode.timeZone,
    today: localDateOf(now.toISOString(), episode.timeZone),
    ledger,
    shortfallMinutes,
    options: options.map((o) => {
      const c = byId.get(o.sessionId)!;
      return {
        sessionId: c.sessionId,
        title: c.title,
        kind: c.kind,
        trackId: c.trackId,
        trackName: c.trackName,
        localDate: c.localDate,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        facilitatorName: c.facilitatorName,
        roomName: c.roomName,
        minutes: o.minutes,
        recoveredMinutes: o.recoveredMinutes,
        recoveredHours: hours(o.recoveredMinutes),
        placesLeft: o.placesLeft,
      };
    }),
  };
}

/** The make-up options of the participant's week under way, most hours recovered first. */
export async function readMakeUpOptions(deps: Deps, actor: Actor, participantId: string): Promise<MakeUpOptions> {
  authorize(actor, 'attendance.read');
  const now = deps.clock.now();
  return onParticipant(deps, actor, participantId, 'make-up.options', async (tx) => {
    const current = await currentWeekLedger(tx, actor.orgId, participantId, now);
    const ep = current ? await findEpisode(tx, actor.orgId, current.episode.episodeId) : null;
    if (ep) await assertEpisodeDetailAccess(tx, actor, ep);
    const result = current ? await optionsOfWeek(tx, actor.orgId, participantId, current, ep?.siteId ?? null, now) : noWeek(participantId);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'make-up.options',
        entityType: 'participant',
        entityId: participantId,
        participantId,
        details: { episodeId: result.episodeId, week: current?.week.monday ?? null, options: result.options.length },
      },
      now,
    );
    return result;
  });
}

/** Locks a session's row until the transaction ends (bookings of its places are decided one after the other). */
async function lockSession(tx: DbOrTx, orgId: string, id: string) {
  const [row] = await tx
    .select({
      id: session.id,
      programId: session.programId,
      facilitatorId: session.facilitatorId,
      localDate: session.localDate,
      startsAt: session.startsAt,
      timeZone: sql<string>`(select st.time_zone from site st where st.org_id = ${session.orgId} and st.id = ${session.siteId})`,
    })
    .from(session)
    .where(and(eq(session.orgId, orgId), eq(session.id, id)))
    .for('update');
  if (!row) throw notFound('The session');
  return row;
}

const REFUSAL_STATUS: Record<MakeUpRefusal, 409 | 422> = {
  cancelled: 422,
  'not-counted': 422,
  started: 422,
  'outside-week': 422,
  'not-in-program': 422,
  'already-expected': 409,
  full: 422,
  clash: 409,
};

/** A refusal as a problem naming the field: the participant for their own reasons, the session for its. */
function refusalProblem(reason: MakeUpRefusal, c: CandidateSession, clash: string | null): Problem {
  const onParticipant = reason === 'already-expected' || reason === 'clash' || reason === 'not-in-program';
  const message = reason === 'clash' && clash ? clash : MAKE_UP_REFUSAL_TEXT[reason];
  const errors = [{ path: onParticipant ? 'body.participantId' : 'params.id', message }];
  const detail = `${c.title} on ${describeBookingTime({ startsAt: Date.parse(c.startsAt), endsAt: Date.parse(c.endsAt), timeZone: c.timeZone })} cannot be booked as a make-up: ${message}.`;
  return REFUSAL_STATUS[reason] === 409 ? conflict(detail, errors) : unprocessable(detail, errors);
}

/** What holds the participant's time during a session, in words: a session or appointment of theirs, else their unavailability. */
function describeClash(c: CandidateSession, items: readonly BusyItem[]): string {
  const start = Date.parse(c.startsAt);
  const end = Date.parse(c.endsAt);
  const item = items.find((b) => b.start < end && b.end > start);
  if (!item) return 'the participant is unavailable then';
  const what = item.source === 'session' ? `“${item.title}”` : 'an appointment';
  return `the participant has ${what} on ${describeBookingTime({ startsAt: item.start, endsAt: item.end, timeZone: c.timeZone })}`;
}

/** Books a participant into another track's session as a guest, if it has a place and they are free. */
export async function bookMakeUp(deps: Deps, actor: Actor, sessionId: string, input: MakeUpBooking): Promise<MakeUpBookingResult> {
  authorize(actor, 'session.write');
  const now = deps.clock.now();
  const participantId = input.participantId;
  return onParticipant(deps, actor, participantId, 'make-up.book', async (tx) => {
    const locked = await lockSession(tx, actor.orgId, sessionId);
    await assertWorksInProgram(tx, actor, locked.programId, { facilitatorId: locked.facilitatorId });
    const [c] = await candidateSessions(tx, actor.orgId, participantId, { sessionId });
    if (!c) throw notFound('The session');
    if (c.chosenRoster) {
      throw unprocessable('This session has a chosen roster: it is already someone’s make-up.', [{ path: 'params.id', message: 'has a chosen roster' }]);
    }
    const ep = await episodeOnDate(tx, actor.orgId, participantId, c.programId, c.localDate);
    if (ep) await assertEpisodeDetailAccess(tx, actor, ep);
    // Serialises this booking with the participant's appointment bookings: each sees the other's time taken.
    await lockCalendars(tx, [`p:${participantId}`]);
    const week = programWeekContaining(c.startsAt, c.timeZone);
    const window = { start: Date.parse(c.startsAt) - 86_400_000, end: Date.parse(c.endsAt) + 86_400_000 };
    const busy = await participantBusy(tx, actor.orgId, participantId, window, c.timeZone);
    const ctx = {
      now: now.toISOString(),
      week,
      activeFrom: ep?.admittedOn ?? '9999-12-31',
      activeTo: ep?.dischargedOn ?? null,
      shortfallMinutes: 0,
      busy: [...busy.items, ...busy.unavailable],
    };
    const reason = makeUpRefusal(ctx, c);
    if (reason || !ep) throw refusalProblem(reason ?? 'not-in-program', c, reason === 'clash' ? describeClash(c, busy.items) : null);
    await tx.insert(sessionRoster).values({ orgId: actor.orgId, sessionId, participantId, episodeId: ep.id });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'make-up.book', entityType: 'session', entityId: sessionId, participantId, details: { episodeId: ep.id, trackId: c.trackId, localDate: c.localDate } },
      now,
    );
    return { sessionId, participantId, episodeId: ep.id, booked: true, ledger: await episodeWeekLedger(tx, actor.orgId, ep.id, week, now) };
  });
}

/** Cancels a make-up booking before the session starts; a guest whose mark is on the roll stays. */
export async function cancelMakeUp(deps: Deps, actor: Actor, sessionId: string, participantId: string): Promise<MakeUpBookingResult> {
  authorize(actor, 'session.write');
  const now = deps.clock.now();
  return onParticipant(deps, actor, participantId, 'make-up.cancel', async (tx) => {
    const locked = await lockSession(tx, actor.orgId, sessionId);
    await assertWorksInProgram(tx, actor, locked.programId, { facilitatorId: locked.facilitatorId });
    const ep = await guestEpisode(tx, actor.orgId, sessionId, participantId);
    if (!ep) throw notFound('The make-up booking');
    await assertEpisodeDetailAccess(tx, actor, ep);
    if (Date.parse(locked.startsAt) <= now.getTime()) {
      throw unprocessable('The session has started: the booking stands, and the roll records whether they came.', [
        { path: 'params.id', message: 'has already started' },
      ]);
    }
    const [marked] = await tx
      .select({ id: attendance.participantId })
      .from(attendance)
      .where(and(eq(attendance.orgId, actor.orgId), eq(attendance.sessionId, sessionId), eq(attendance.participantId, participantId)));
    if (marked) throw conflict('The participant has a mark on this session’s roll. Correct the roll instead.', [{ path: 'params.participantId', message: 'has a mark on the roll' }]);
    await tx
      .delete(sessionRoster)
      .where(and(eq(sessionRoster.orgId, actor.orgId), eq(sessionRoster.sessionId, sessionId), eq(sessionRoster.participantId, participantId)));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'make-up.cancel', entityType: 'session', entityId: sessionId, participantId, details: { episodeId: ep.id, localDate: locked.localDate } },
      now,
    );
    const week = programWeekContaining(new Date(locked.startsAt).toISOString(), locked.timeZone);
    return { sessionId, participantId, episodeId: ep.id, booked: false, ledger: await episodeWeekLedger(tx, actor.orgId, ep.id, week, now) };
  });
}
