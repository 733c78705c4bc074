/**
 * The roll: a session's expected roster with the marks taken, and recording marks for it. Recording is one
 * transaction: validate every mark against the session, refuse anyone not expected, write only what changed, audit
 * each change, and (with an Idempotency-Key) store the answer so a repeated submit replays it instead of writing again.
 */
import { attendanceMarkProblems, minutesAttended, minutesBetween, type Roll, type RollUpdate } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, isProgramScoped, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, forbidden, notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { KeyTakenMeanwhile, replay, replayableSince, requestHash, storeAnswer, storedAnswer, type IdempotentRequest } from './idempotency.ts';
import { findSession, openRollWrite, rollRows, saveMarks, type MarkToSave, type RollRow, type SessionRow } from './queries.ts';
import { writeTransaction, type WriteTx } from './write-transaction.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A session of the actor's organisation (404 otherwise) that the actor may take the roll of (403 otherwise). */
function assertRollAccess(actor: Actor, found: SessionRow | null): SessionRow {
  if (!found) throw notFound('The session');
  // Clinicians and prescribers reach the rolls of their own programs, and of any session they facilitate.
  if (isProgramScoped(actor) && found.facilitatorId !== actor.userId && !found.staffInProgram) throw forbidden();
  return found;
}

async function sessionForActor(tx: DbOrTx, actor: Actor, sessionId: string): Promise<SessionRow> {
  return assertRollAccess(actor, await findSession(tx, actor.orgId, sessionId, actor.userId));
}

function sessionSummary({ staffInProgram: _staffInProgram, ...summary }: SessionRow) {
  return summary;
}

function rollOf(session: SessionRow, rows: readonly RollRow[]): Roll {
  return {
    session: {
      ...sessionSummary(session),
      expectedCount: rows.filter((r) => r.onRoster).length,
      recordedCount: rows.filter((r) => r.status !== null).length,
    },
    entries: rows.map((r) => ({
      participantId: r.participantId,
      displayName: r.displayName,
      status: r.status,
      lateMinutes: r.lateMinutes,
      leftEarlyMinutes: r.leftEarlyMinutes,
      minutesAttended: r.minutesAttended,
      version: r.version,
    })),
  };
}

/**
 * A roll shows who attends this program: each participant on it has their record read. Every answer that carries a
 * roll (a read, a write's answer, a replayed answer) records this.
 */
async function auditRollDisclosed(tx: DbOrTx | WriteTx, actor: Actor, roll: Roll, now: Date): Promise<void> {
  const readers = roll.entries.length > 0 ? roll.entries.map((e) => e.participantId) : [null];
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    readers.map((participantId) => ({
      action: 'roll.read' as const,
      entityType: 'session',
      entityId: roll.session.id,
      participantId,
      details: { entries: roll.entries.length },
    })),
    now,
  );
}

async function buildRoll(tx: DbOrTx, actor: Actor, session: SessionRow) {
  return rollOf(session, await rollRows(tx, actor.orgId, session));
}

export async function readRoll(deps: Deps, actor: Actor, sessionId: string): Promise<Roll> {
  authorize(actor, 'attendance.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const session = await sessionForActor(tx, actor, sessionId);
    const roll = await buildRoll(tx, actor, session);
    await auditRollDisclosed(tx, actor, roll, now);
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

/**
 * Records marks, in one transaction of named statements: one that reads any stored answer for the Idempotency-Key,
 * locks the session and reads its roll; the upsert of what changed; the stored answer; the audit events (each change,
 * and the whole roll the answer discloses).
 */
export async function recordRoll(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotencyKey: string | undefined,
): Promise<Roll> {
  authorize(actor, 'attendance.write');
  const now = deps.clock.now();
  const route = `PUT /v1/sessions/${sessionId}/roll`;
  const idempotency: IdempotentRequest | null = idempotencyKey
    ? { orgId: actor.orgId, userId: actor.userId, key: idempotencyKey, route, requestHash: requestHash(route, input) }
    : null;
  try {
    return await writeRoll(deps, actor, sessionId, input, idempotency, now);
  } catch (error) {
    if (!(error instanceof KeyTakenMeanwhile) || !idempotency) throw error;
    // A concurrent repeat stored its answer first: this one's write was rolled back; replay that answer.
    return deps.db.transaction(async (tx) => {
      const stored = await storedAnswer(tx, actor.orgId, idempotency.key, now);
      if (!stored) throw error;
      const roll = replay<Roll>(stored, idempotency);
      await auditRollDisclosed(tx, actor, roll, now);
      return roll;
    });
  }
}

async function writeRoll(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotency: IdempotentRequest | null,
  now: Date,
): Promise<Roll> {
  return writeTransaction(deps.db, async (tx) => {
    const opened = await openRollWrite(tx, {
      orgId: actor.orgId,
      sessionId,
      userId: actor.userId,
      idempotencyKey: idempotency?.key ?? null,
      storedSince: replayableSince(now),
    });
    if (idempotency && opened.stored) {
      const roll = replay<Roll>(opened.stored, idempotency);
      await auditRollDisclosed(tx, actor, roll, now);
      return roll;
    }

    const session = assertRollAccess(actor, opened.session);
    if (session.status === 'cancelled') throw unprocessable('This session was cancelled; there is no roll to take.');
    const sessionMinutes = minutesBetween(session.startsAt, session.endsAt);
    const problems = markProblems(input, sessionMinutes);
    if (problems.length > 0) throw badRequest(problems);
    // Nobody attends a group that has not begun; only an excused absence can be known ahead of it.
    if (Date.parse(session.startsAt) > now.getTime()) {
      const early = input.entries.flatMap((e, i) =>
        e.status === 'excused'
          ? []
          : [{ path: `body.entries.${i}.status`, message: 'can be recorded once the session has started' }],
      );
      if (early.length > 0) {
        throw unprocessable('This session has not started yet. Only excused absences can be recorded before it starts.', early);
      }
    }

    const expected = new Map(opened.rows.filter((r) => r.onRoster).map((r) => [r.participantId, r]));
    const strangers = input.entries.flatMap((e, i) =>
      expected.has(e.participantId)
        ? []
        : [{ path: `body.entries.${i}.participantId`, message: 'is not expected at this session' }],
    );
    if (strangers.length > 0)
      throw unprocessable('Only participants expected at this session can be marked on its roll.', strangers);

    const changes: (MarkToSave & { from: string | null })[] = [];
    for (const entry of input.entries) {
      const match = expected.get(entry.participantId)!;
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
        episodeId: match.episodeId!,
        status: mark.status,
        lateMinutes,
        leftEarlyMinutes,
        minutesAttended: minutesAttended({ status: mark.status, lateMinutes, leftEarlyMinutes }, sessionMinutes),
        from: match.status,
      });
    }
    const saved = new Map(
      (await saveMarks(tx, actor.orgId, session.id, actor.userId, changes)).map((s) => [s.participantId, s]),
    );
    // The roll as this transaction leaves it: the marks read above, with the rows just written in their place.
    const roll = rollOf(
      session,
      opened.rows.map((row) => {
        const mark = saved.get(row.participantId);
        return mark ? { ...row, ...mark } : row;
      }),
    );

    const audits: AuditEntry[] = changes.map((change) => ({
      action: 'attendance.record',
      entityType: 'attendance',
      entityId: saved.get(change.participantId)?.id ?? null,
      participantId: change.participantId,
      details: {
        sessionId: session.id,
        from: change.from,
        to: change.status,
        minutesAttended: change.minutesAttended,
      },
    }));
    if (idempotency) await storeAnswer(tx, idempotency, roll, now);
    await recordAudit(tx, actor, actor.orgId, audits, now);
    await auditRollDisclosed(tx, actor, roll, now);
    return roll;
  });
}
