/**
 * The roll: a session's expected roster with the marks taken, and recording marks for it. Recording validates every
 * mark against the session, refuses anyone not expected, and writes only what changed in one statement with its audit
 * events and (with an Idempotency-Key) the answer, so a repeated submit replays it instead of writing again.
 */
import { randomUUID } from 'node:crypto';
import {
  attendanceMarkProblems,
  mayRecordAt,
  minutesAttended,
  minutesBetween,
  normaliseMark,
  type AttendanceStatus,
  type Roll,
  type RollUpdate,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, mayReachSession, type Actor } from '../../auth/access.ts';
import { auditEventsJson, recordAudit, type AuditEntry, type StatementRunner } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { replay, replayableSince, requestHash, type IdempotentRequest } from './idempotency.ts';
import { findSession, openRollWrite, rollRows, type RollRow, type SessionRow } from './queries.ts';
import { writeRoll, type MarkWrite } from './roll-write.ts';
import { isWriteConflict, namedStatements } from './statements.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A session of the actor's organisation (404 otherwise) that the actor may take the roll of (403 otherwise). */
function assertRollAccess(actor: Actor, found: SessionRow | null): SessionRow {
  if (!found) throw notFound('The session');
  if (!mayReachSession(actor, found)) throw forbidden();
  return found;
}

async function sessionForActor(tx: DbOrTx, actor: Actor, sessionId: string): Promise<SessionRow> {
  return assertRollAccess(actor, await findSession(tx, actor.orgId, sessionId, actor.userId));
}

function sessionSummary({ staffInProgram: _staffInProgram, programPart2: _programPart2, ...summary }: SessionRow) {
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
 * roll (a read, a write's answer, a replayed answer) records this in one roll.read event listing the participants
 * shown (as the census and participant list do), leaving out those whose own event of this request already records
 * the access; the audit trail finds it when asked about any one of them.
 */
function rollDisclosures(roll: Roll, recorded: ReadonlySet<string> = new Set()): AuditEntry[] {
  const shown = roll.entries.map((e) => e.participantId).filter((id) => !recorded.has(id));
  if (shown.length === 0 && recorded.size > 0) return [];
  return [
    {
      action: 'roll.read' as const,
      entityType: 'session',
      entityId: roll.session.id,
      participantIds: shown,
      details: { entries: roll.entries.length },
    },
  ];
}

async function auditRollDisclosed(tx: DbOrTx | StatementRunner, actor: Actor, roll: Roll, now: Date): Promise<void> {
  await recordAudit(tx, actor, actor.orgId, rollDisclosures(roll), now);
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

/** How often a roll write is tried when the roll keeps changing between reading and writing it. */
const WRITE_ATTEMPTS = 5;

/**
 * Records marks in two statements: one reads any stored answer for the Idempotency-Key, the session and its roll;
 * the other writes what changed, the stored answer and the audit events (each change, and the whole roll the answer
 * discloses) together, and re-checks what the first read. If the roll changed in between, it reads and tries again.
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
  const db = namedStatements(deps.db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryRecordRoll(db, actor, sessionId, input, idempotency, now);
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (attempt === WRITE_ATTEMPTS) throw conflict('The roll changed while it was being saved. Load it again and retry.');
      // Two writes of one roll collided: step apart by a few random milliseconds before reading again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

async function tryRecordRoll(
  db: StatementRunner,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotency: IdempotentRequest | null,
  now: Date,
): Promise<Roll> {
  const opened = await openRollWrite(db, {
    orgId: actor.orgId,
    sessionId,
    userId: actor.userId,
    idempotencyKey: idempotency?.key ?? null,
    storedSince: replayableSince(now),
  });
  if (idempotency && opened.stored) {
    const roll = replay<Roll>(opened.stored, idempotency);
    await auditRollDisclosed(db, actor, roll, now);
    return roll;
  }

  const session = assertRollAccess(actor, opened.session);
  if (session.status === 'cancelled') throw unprocessable('This session was cancelled; there is no roll to take.');
  const sessionMinutes = minutesBetween(session.startsAt, session.endsAt);
  const problems = markProblems(input, sessionMinutes);
  if (problems.length > 0) throw badRequest(problems);
  const early = input.entries.flatMap((e, i) =>
    mayRecordAt(e.status, session.startsAt, now.toISOString())
      ? []
      : [{ path: `body.entries.${i}.status`, message: 'can be recorded once the session has started' }],
  );
  if (early.length > 0) {
    throw unprocessable('This session has not started yet. Only excused absences can be recorded before it starts.', early);
  }

  const expected = new Map(opened.rows.filter((r) => r.onRoster).map((r) => [r.participantId, r]));
  const strangers = input.entries.flatMap((e, i) =>
    expected.has(e.participantId)
      ? []
      : [{ path: `body.entries.${i}.participantId`, message: 'is not expected at this session' }],
  );
  if (strangers.length > 0)
    throw unprocessable('Only participants expected at this session can be marked on its roll.', strangers);

  const changes: (MarkWrite & { from: string | null })[] = [];
  for (const entry of input.entries) {
    const match = expected.get(entry.participantId)!;
    // Only minutes the status carries are kept, so a stray lateMinutes=0 on 'present' compares equal.
    const { lateMinutes, leftEarlyMinutes } = normaliseMark({
      status: entry.status,
      lateMinutes: entry.lateMinutes ?? undefined,
      leftEarlyMinutes: entry.leftEarlyMinutes ?? undefined,
    });
    if (match.status === entry.status && match.lateMinutes === lateMinutes && match.leftEarlyMinutes === leftEarlyMinutes) continue;
    changes.push({
      id: match.attendanceId ?? randomUUID(),
      participantId: entry.participantId,
      episodeId: match.episodeId!,
      status: entry.status,
      lateMinutes,
      leftEarlyMinutes,
      minutesAttended: minutesAttended({ status: entry.status, lateMinutes, leftEarlyMinutes }, sessionMinutes),
      version: (match.version ?? 0) + 1,
      from: match.status,
    });
  }
  // The roll as the write leaves it: the marks read, with the changed ones in their place (the write checks that
  // nobody changed them meanwhile, so the versions hold).
  const changed = new Map(changes.map((c) => [c.participantId, c]));
  const roll = rollOf(
    session,
    opened.rows.map((row) => {
      const c = changed.get(row.participantId);
      return c ? { ...row, status: c.status as AttendanceStatus, lateMinutes: c.lateMinutes, leftEarlyMinutes: c.leftEarlyMinutes, minutesAttended: c.minutesAttended, version: c.version } : row;
    }),
  );
  const audits: AuditEntry[] = [
    ...changes.map((change) => ({
      action: 'attendance.record' as const,
      entityType: 'attendance',
      entityId: change.id,
      participantId: change.participantId,
      details: { sessionId: session.id, from: change.from, to: change.status, minutesAttended: change.minutesAttended },
    })),
    // The answer discloses the whole roll: whoever has no attendance.record here gets a roll.read.
    ...rollDisclosures(roll, new Set(changed.keys())),
  ];
  await writeRoll(db, {
    orgId: actor.orgId,
    sessionId: session.id,
    userId: actor.userId,
    marks: changes,
    auditJson: auditEventsJson(actor, actor.orgId, audits, now),
    answer: idempotency
      ? { key: idempotency.key, route: idempotency.route, requestHash: idempotency.requestHash, response: roll, at: now, replaceBefore: replayableSince(now) }
      : null,
  });
  return roll;
}
