/**
 * A participant's attendance history: the sessions they were expected at or marked on, newest first, with their
 * marks. The same relationship check and audit as the participant's weekly hours ledger.
 */
import type { ParticipantAttendancePage, ParticipantAttendanceQuery } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { sql } from 'drizzle-orm';
import { authorize, programRecordVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { badRequest } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { attendanceHistory, decodeCursor, encodeCursor } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export async function readAttendanceHistory(
  deps: Deps,
  actor: Actor,
  participantId: string,
  query: ParticipantAttendanceQuery,
): Promise<ParticipantAttendancePage> {
  authorize(actor, 'attendance.read');
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) {
    throw badRequest([{ path: 'querystring.cursor', message: 'is not a cursor this list gave out' }]);
  }
  await assertParticipantAccessAudited(deps, actor, participantId, 'attendance.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await attendanceHistory(tx, {
      orgId: actor.orgId,
      participantId,
      now: now.toISOString(),
      cursor,
      limit: query.limit + 1,
      // Sessions of a Part 2 program the actor is not staff of are left out.
      visible: programRecordVisibility(actor, sql.raw('s.program_id'), sql`${participantId}::uuid`),
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'attendance.read',
        entityType: 'attendance',
        participantId,
        details: { view: 'attendance-history', count: items.length, paged: cursor !== null },
      },
      now,
    );
    return {
      items,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ startsAt: last.startsAt, sessionId: last.sessionId }) : null,
    };
  });
}
