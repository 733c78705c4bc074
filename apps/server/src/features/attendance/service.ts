/**
 * The roll: a session's expected roster with the marks taken, and recording marks for it. Recording is one
 * transaction: validate every mark against the session, refuse anyone not expected, write only what changed, audit
 * each change, and (with an Idempotency-Key) store the answer so a repeated submit replays it instead of writing again.
 */
import { attendanceMarkProblems, minutesAttended, minutesBetween, type Roll, type RollUpdate } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, isProgramScoped, type Actor } from '../../auth/access.ts';
import { recordAudits } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, forbidden, notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency.ts';
import { findSession, rollRows, rosterMatches, upsertMarks, type MarkToSave, type SessionRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A session of the actor's organisation (404 otherwise) that the actor may take the roll of (403 otherwise). */
async function sessionForActor(tx: DbOrTx, actor: Actor, sessionId: string, lockForRoll = false): Promise<SessionRow> {
  const found = await findSession(tx, actor.orgId, sessionId, actor.userId, { lockForRoll });
  if (!found) throw notFound('The session');
  // Clinicians and prescribers reach the rolls of their own programs, and of any session they facilitate.
  if (isProgramScoped(actor) && found.facilitatorId !== actor.userId && !found.staffInProgram) throw forbidden();
  return found;
}

function sessionSummary({ staffInProgram: _staffInProgram, ...summary }: SessionRow) {
  return summary;
}

async function buildRoll(tx: DbOrTx, actor: Actor, session: SessionRow) {
  const rows = await rollRows(tx, actor.orgId, session);
  const roll: Roll = {
    session: {
      ...sessionSummary(session),
      expectedCount: rows.filter((r) => r.onRoster).length,
      recordedCount: rows.filter((r) => r.status !== null).length,
    },
    entries: rows.map(({ onRoster: _onRoster, ...entry }) => entry),
  };
  return roll;
}

export async function readRoll(deps: Deps, actor: Actor, sessionId: string): Promise<Roll> {
  authorize(actor, 'attendance.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const session = await sessionForActor(tx, actor, sessionId);
    const roll = await buildRoll(tx, actor, session);
    // A roll shows who attends this program: each participant on it has their record read.
    const readers = roll.entries.length > 0 ? roll.entries.map((e) => e.participantId) : [null];
    await recordAudits(
      tx,
      actor,
      actor.orgId,
      readers.map((participantId) => ({
        action: 'roll.read' as const,
        entityType: 'session',
        entityId: session.id,
        participantId,
        details: { entries: roll.entries.length },
      })),
      now,
    );
    return roll;
  });
}

/** Checks every mark against the session length and that no participant appears twice; 400 naming each bad field. */
function markProblems(input: RollUpdate, sessionMinutes: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.entries.forEach((entry, i) => {
    if (seen.has(entry.participantId))
      problems.push({ path: `body.entries.${i}.participantId`, message: 'appears more than once' });
    seen.add(entry.participantId);
    const mark = {
      status: entry.status,
      lateMinutes: entry.lateMinutes ?? undefined,
      leftEarlyMinutes: entry.leftEarlyMinutes ?? undefined,
    };
    for (const p of attendanceMarkProblems(mark, sessionMinutes))
      problems.push({ path: `body.entries.${i}.${p.field}`, message: p.message });
  });
  return problems;
}

export async function recordRoll(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotencyKey: string | undefined,
): Promise<Roll> {
  authorize(actor, 'attendance.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (idempotencyKey) {
      const claim = await claimIdempotencyKey<Roll>(tx, {
        orgId: actor.orgId,
        userId: actor.userId,
        key: idempotencyKey,
        route: `PUT /v1/sessions/${sessionId}/roll`,
        body: input,
      });
      if (!claim.claimed) return claim.response;
    }

    const session = await sessionForActor(tx, actor, sessionId, true);
    if (session.status === 'cancelled') throw unprocessable('This session was cancelled; there is no roll to take.');
    const sessionMinutes = minutesBetween(session.startsAt, session.endsAt);
    const problems = markProblems(input, sessionMinutes);
    if (problems.length > 0) throw badRequest(problems);

    const matches = new Map(
      (
        await rosterMatches(
          tx,
          actor.orgId,
          session,
          input.entries.map((e) => e.participantId),
        )
      ).map((m) => [m.participantId, m]),
    );
    const strangers = input.entries.flatMap((e, i) =>
      matches.has(e.participantId)
        ? []
        : [{ path: `body.entries.${i}.participantId`, message: 'is not expected at this session' }],
    );
    if (strangers.length > 0)
      throw unprocessable('Only participants expected at this session can be marked on its roll.', strangers);

    const changes: (MarkToSave & { from: string | null })[] = [];
    for (const entry of input.entries) {
      const match = matches.get(entry.participantId)!;
      const mark = {
        status: entry.status,
        lateMinutes: entry.lateMinutes ?? 0,
        leftEarlyMinutes: entry.leftEarlyMinutes ?? 0,
      };
      // Only minutes the status carries are kept, so a stray lateMinutes=0 on 'present' compares equal.
      const lateMinutes = mark.status === 'late' ? mark.lateMinutes : 0;
      const leftEarlyMinutes = mark.status === 'late' || mark.status === 'left_early' ? mark.leftEarlyMinutes : 0;
      if (
        match.status === mark.status &&
        match.lateMinutes === lateMinutes &&
        match.leftEarlyMinutes === leftEarlyMinutes
      )
        continue;
      changes.push({
        participantId: entry.participantId,
        episodeId: match.episodeId,
        status: mark.status,
        lateMinutes,
        leftEarlyMinutes,
        minutesAttended: minutesAttended({ status: mark.status, lateMinutes, leftEarlyMinutes }, sessionMinutes),
        from: match.status,
      });
    }
    const saved = await upsertMarks(tx, actor.orgId, session.id, actor.userId, changes);
    const roll = await buildRoll(tx, actor, session);
    if (idempotencyKey) await storeIdempotentResponse(tx, actor.orgId, idempotencyKey, 200, roll);

    const attendanceIds = new Map(saved.map((s) => [s.participantId, s.id]));
    await recordAudits(
      tx,
      actor,
      actor.orgId,
      changes.map((change) => ({
        action: 'attendance.record' as const,
        entityType: 'attendance',
        entityId: attendanceIds.get(change.participantId) ?? null,
        participantId: change.participantId,
        details: {
          sessionId: session.id,
          from: change.from,
          to: change.status,
          minutesAttended: change.minutesAttended,
        },
      })),
      now,
    );
    return roll;
  });
}
