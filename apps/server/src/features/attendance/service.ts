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
  type RollMarkSaved,
  type RollSaved,
  type RollUpdate,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, mayReachSession, type Actor } from '../../auth/access.ts';
import { auditEventsJson, recordAudit, type AuditEntry, type StatementRunner } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { replay, replayableSince, requestHash, type IdempotentRequest } from './idempotency.ts';
import {
  findSession,
  openRollWrite,
  rollRows,
  type OpenedRollWrite,
  type RollRow,
  type RollWriteSession,
  type SessionRow,
} from './queries.ts';
import { writeRoll, type MarkWrite } from './roll-write.ts';
import { isWriteConflict, namedStatements } from '../../db/statements.ts';
import type { Db } from '../../db/index.ts';
import type { RememberedSignIn } from '../../auth/session-check.ts';
import { Problem } from '../../http/problems.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A session of the actor's organisation (404 otherwise) that the actor may take the roll of (403 otherwise). */
function assertRollAccess<S extends RollWriteSession | SessionRow>(actor: Actor, found: S | null): S {
  if (!found) throw notFound('The session');
  if (!mayReachSession(actor, found)) throw forbidden();
  return found;
}

async function sessionForActor(tx: DbOrTx, actor: Actor, sessionId: string): Promise<SessionRow> {
  return assertRollAccess(actor, await findSession(tx, actor.orgId, sessionId, actor.userId));
}

function sessionSummary({
  runsSession: _runsSession,
  staffInProgram: _staffInProgram,
  programPart2: _programPart2,
  ...summary
}: SessionRow) {
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
 * A roll shows who attends this program: each participant it shows has their record read. Every answer that shows
 * participants (a read, a replayed write) records this in one roll.read event naming them all (participantIds), as a
 * list view does; the audit trail finds it when asked about any one of them.
 */
function rollDisclosure(sessionId: string, shown: readonly string[]): AuditEntry {
  return {
    action: 'roll.read',
    entityType: 'session',
    entityId: sessionId,
    participantIds: shown,
    details: { entries: shown.length },
  };
}

async function auditRollDisclosed(
  tx: DbOrTx | StatementRunner,
  actor: Actor,
  sessionId: string,
  shown: readonly string[],
  now: Date,
): Promise<void> {
  await recordAudit(tx, actor, actor.orgId, rollDisclosure(sessionId, shown), now);
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
    await auditRollDisclosed(
      tx,
      actor,
      roll.session.id,
      roll.entries.map((e) => e.participantId),
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

/** The JSON text of each answer a roll write made, so the reply sends the text already written for the store. */
const answerJson = new WeakMap<object, string>();

/** The JSON text of a roll write's answer, when `recordRoll` made it; undefined for any other value. */
export function rollAnswerJson(answer: unknown): string | undefined {
  return typeof answer === 'object' && answer !== null ? answerJson.get(answer) : undefined;
}

/**
 * The whole roll as this server last read or wrote it, per organisation, session and user (whether the user runs the
 * session or works in its program is part of it): what lets the next write of it be decided before anything is read,
 * and made along the session check (`recordRollAlongSignIn`). It is never trusted on its own: that write re-checks all
 * of it in its statement.
 */
const ROLLS_REMEMBERED_MAX = 2_000;
const rememberedRolls = new WeakMap<Db, Map<string, OpenedRollWrite>>();
const rollKey = (orgId: string, sessionId: string, userId: string) => `${orgId}/${sessionId}/${userId}`;

function rollsOf(db: Db): Map<string, OpenedRollWrite> {
  let rolls = rememberedRolls.get(db);
  if (!rolls) rememberedRolls.set(db, (rolls = new Map<string, OpenedRollWrite>()));
  return rolls;
}

function rememberRoll(db: Db, actor: Actor, opened: OpenedRollWrite): void {
  if (!opened.session) return;
  const rolls = rollsOf(db);
  const key = rollKey(actor.orgId, opened.session.id, actor.userId);
  rolls.delete(key);
  if (rolls.size >= ROLLS_REMEMBERED_MAX) rolls.delete(rolls.keys().next().value!);
  rolls.set(key, { ...opened, stored: null });
}

/**
 * Remembers a write's changes on the roll remembered (other writes of it may have been remembered meanwhile), or on
 * the roll it was decided on: a mark is replaced only by a later version of it.
 */
function rememberWrite(db: Db, actor: Actor, read: OpenedRollWrite, changes: readonly (MarkWrite & { from: string | null })[]): void {
  if (!read.session) return;
  const base = rollsOf(db).get(rollKey(actor.orgId, read.session.id, actor.userId)) ?? read;
  const marks = new Map(base.marks);
  for (const c of changes) {
    if ((marks.get(c.participantId)?.version ?? 0) >= c.version) continue;
    marks.set(c.participantId, {
      participantId: c.participantId,
      episodeId: c.episodeId,
      attendanceId: c.id,
      status: c.status as AttendanceStatus,
      lateMinutes: c.lateMinutes,
      leftEarlyMinutes: c.leftEarlyMinutes,
      minutesAttended: c.minutesAttended,
      version: c.version,
    });
  }
  const session = base.session ?? read.session;
  const recordedCount = [...marks.values()].filter((m) => m.attendanceId !== null).length;
  rememberRoll(db, actor, { stored: null, session: { ...session, recordedCount: Math.max(session.recordedCount, recordedCount) }, marks });
}

/**
 * What a write made along the session check was decided on, for its statement to re-check (roll-write.ts): everyone
 * asked about with the episode they are expected under, and the marks the write leaves as they were (`changed` are
 * the participants whose mark it writes: its upsert checks those itself).
 */
function decidedJson(opened: OpenedRollWrite, input: RollUpdate, changed: ReadonlySet<string>): string {
  const s = opened.session!;
  return JSON.stringify({
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    facilitatorId: s.facilitatorId,
    programPart2: s.programPart2,
    runsSession: s.runsSession,
    staffInProgram: s.staffInProgram,
    expectedCount: s.expectedCount,
    recordedCount: s.recordedCount,
    asked: input.entries.map((e) => ({ participant_id: e.participantId, episode_id: opened.marks.get(e.participantId)!.episodeId })),
    kept: input.entries.flatMap((e) => {
      if (changed.has(e.participantId)) return [];
      const m = opened.marks.get(e.participantId)!;
      return [
        {
          participant_id: m.participantId,
          attendance_id: m.attendanceId,
          status: m.status,
          late_minutes: m.lateMinutes,
          left_early_minutes: m.leftEarlyMinutes,
          version: m.version,
        },
      ];
    }),
  });
}

/**
 * Records marks in ONE round trip when the user's sign-in and this roll are remembered: decided on the remembered
 * roll exactly as `recordRoll` decides, and written in one statement that also re-checks the sign-in and everything
 * the decision relied on. Answers null, having written nothing, whenever that cannot be done (nothing remembered,
 * anything changed, or the request is refused or replayed): the caller then checks the sign-in and calls `recordRoll`,
 * which answers as always.
 */
export async function recordRollAlongSignIn(
  deps: Deps,
  signIn: RememberedSignIn,
  sessionId: string,
  input: RollUpdate,
  idempotencyKey: string | undefined,
): Promise<RollSaved | null> {
  const actor = signIn.actor;
  const remembered = rollsOf(deps.db).get(rollKey(actor.orgId, sessionId, actor.userId));
  if (!remembered) return null;
  try {
    authorize(actor, 'attendance.write');
    const now = deps.clock.now();
    const idempotency = idempotentRequest(actor, sessionId, input, idempotencyKey);
    return await tryRecordRoll(deps, namedStatements(deps.db), actor, sessionId, input, idempotency, now, remembered, signIn);
  } catch (error) {
    if (error instanceof Problem || isWriteConflict(error)) return null;
    throw error;
  }
}

function idempotentRequest(actor: Actor, sessionId: string, input: RollUpdate, key: string | undefined): IdempotentRequest | null {
  const route = `PUT /v1/sessions/${sessionId}/roll`;
  return key ? { orgId: actor.orgId, userId: actor.userId, key, route, requestHash: requestHash(route, input) } : null;
}

/** How often a roll write is tried when the roll keeps changing between reading and writing it. */
const WRITE_ATTEMPTS = 5;

/**
 * Records marks in two statements: one reads any stored answer for the Idempotency-Key, the session, its roll's
 * counts and where each participant marked stands on it (the roster rule, in SQL); the other writes what changed, the
 * stored answer and the audit events together, and re-checks what the first read. If the roll changed in between, it
 * reads and tries again. The answer carries only the marks that changed and the roll's counts.
 *
 * The route has the first read made along the request's session check (`opened`, one round trip for both); it is
 * used for the first try when made for the same Idempotency-Key, and the statement is made here otherwise.
 */
export async function recordRoll(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotencyKey: string | undefined,
  opened: (OpenedRollWrite & { idempotencyKey: string | null }) | null = null,
): Promise<RollSaved> {
  authorize(actor, 'attendance.write');
  const now = deps.clock.now();
  const idempotency = idempotentRequest(actor, sessionId, input, idempotencyKey);
  const db = namedStatements(deps.db);
  for (let attempt = 1; ; attempt++) {
    try {
      const read = attempt === 1 && opened?.idempotencyKey === (idempotencyKey ?? null) ? opened : null;
      return await tryRecordRoll(deps, db, actor, sessionId, input, idempotency, now, read);
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (attempt === WRITE_ATTEMPTS)
        throw conflict('The roll changed while it was being saved. Load it again and retry.');
      // Two writes of one roll collided: step apart by a few random milliseconds before reading again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

async function tryRecordRoll(
  deps: Deps,
  db: StatementRunner,
  actor: Actor,
  sessionId: string,
  input: RollUpdate,
  idempotency: IdempotentRequest | null,
  now: Date,
  read: OpenedRollWrite | null,
  alongSignIn: RememberedSignIn | null = null,
): Promise<RollSaved> {
  const opened =
    read ??
    (await openRollWrite(db, {
      orgId: actor.orgId,
      sessionId,
      userId: actor.userId,
      idempotencyKey: idempotency?.key ?? null,
      storedSince: replayableSince(now),
      participantIds: input.entries.map((e) => e.participantId),
    }));
  if (idempotency && opened.stored) {
    const saved = replay<RollSaved>(opened.stored, idempotency);
    // The replayed answer shows its marks again, with no attendance.record of this request to say so.
    await auditRollDisclosed(
      db,
      actor,
      saved.session.id,
      saved.changed.map((m) => m.participantId),
      now,
    );
    return saved;
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
    throw unprocessable(
      'This session has not started yet. Only excused absences can be recorded before it starts.',
      early,
    );
  }

  // Expected at this session by the roster rule: the episode they are expected under.
  const strangers = input.entries.flatMap((e, i) =>
    opened.marks.get(e.participantId)?.episodeId
      ? []
      : [{ path: `body.entries.${i}.participantId`, message: 'is not expected at this session' }],
  );
  if (strangers.length > 0)
    throw unprocessable('Only participants expected at this session can be marked on its roll.', strangers);

  const changes: (MarkWrite & { from: string | null })[] = [];
  for (const entry of input.entries) {
    const match = opened.marks.get(entry.participantId)!;
    // Only minutes the status carries are kept, so a stray lateMinutes=0 on 'present' compares equal.
    const { lateMinutes, leftEarlyMinutes } = normaliseMark({
      status: entry.status,
      lateMinutes: entry.lateMinutes ?? undefined,
      leftEarlyMinutes: entry.leftEarlyMinutes ?? undefined,
    });
    if (
      match.status === entry.status &&
      match.lateMinutes === lateMinutes &&
      match.leftEarlyMinutes === leftEarlyMinutes
    )
      continue;
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
  // The answer: the marks as the write leaves them (it checks that nobody changed them meanwhile, so the versions
  // hold), and the counts with the new marks among them.
  const saved: RollSaved = {
    session: {
      id: session.id,
      expectedCount: session.expectedCount,
      recordedCount: session.recordedCount + changes.filter((c) => c.from === null).length,
    },
    changed: changes.map((c): RollMarkSaved => ({
      participantId: c.participantId,
      status: c.status as AttendanceStatus,
      lateMinutes: c.lateMinutes,
      leftEarlyMinutes: c.leftEarlyMinutes,
      minutesAttended: c.minutesAttended,
      version: c.version,
    })),
  };
  // Each change is an access to that participant's record; the answer shows nobody else. One event names everyone
  // whose mark changed (participantIds, which the audit trail searches as it does participantId) with each change in
  // its details: ten events for a roll of ten cost the write path more than the marks themselves.
  const audits: AuditEntry[] = changes.length
    ? [
        {
          action: 'attendance.record' as const,
          entityType: 'session',
          entityId: session.id,
          participantIds: changes.map((c) => c.participantId),
          details: {
            marks: changes.map((c) => ({
              attendanceId: c.id,
              participantId: c.participantId,
              from: c.from,
              to: c.status,
              minutesAttended: c.minutesAttended,
            })),
          },
        },
      ]
    : [];
  // Written once as JSON: stored under the key, and sent as the reply's body (`rollAnswerJson`).
  const savedJson = JSON.stringify(saved);
  answerJson.set(saved, savedJson);
  await writeRoll(db, {
    orgId: actor.orgId,
    sessionId: session.id,
    userId: actor.userId,
    marks: changes,
    auditJson: auditEventsJson(actor, actor.orgId, audits, now),
    answer: idempotency
      ? { key: idempotency.key, route: idempotency.route, requestHash: idempotency.requestHash, responseJson: savedJson, at: now, replaceBefore: replayableSince(now) }
      : null,
    along: alongSignIn
      ? { signIn: alongSignIn, decidedJson: decidedJson(opened, input, new Set(changes.map((c) => c.participantId))) }
      : undefined,
  });
  // Only a roll read whole (or remembered) is remembered again, with this write's changes.
  if (read) rememberWrite(deps.db, actor, read, changes);
  return saved;
}
