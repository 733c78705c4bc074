import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, auditEvent, participant, program, staffNameHistory, staffProgram, track } from '../../db/schema.ts';

/**
 * A page of an organisation's audit events, newest first, keyed by sequence number. Asked about one participant, it
 * gives the events about them and the list views (census, participant list) that showed them, each naming them.
 */
export async function listAuditEvents(db: DbOrTx, orgId: string, q: AuditQuery) {
  const where: SQL[] = [eq(auditEvent.orgId, orgId)];
  const asked = q.participantId?.toLowerCase();
  if (asked) {
    where.push(
      or(eq(auditEvent.participantId, asked), sql`${auditEvent.participantIds} @> array[${asked}::uuid]`)!,
    );
  }
  // The participant an event is shown against: its own, or for a list that showed the one asked about, that one.
  const shownParticipant = asked ? sql`coalesce(${auditEvent.participantId}, ${asked}::uuid)` : sql`${auditEvent.participantId}`;
  if (q.userId) where.push(eq(auditEvent.actorId, q.userId));
  if (q.from) where.push(gte(auditEvent.occurredAt, new Date(q.from)));
  if (q.to) where.push(lte(auditEvent.occurredAt, new Date(q.to)));
  if (q.cursor) where.push(lt(auditEvent.seq, q.cursor));
  return db
    .select({
      id: auditEvent.id,
      seq: auditEvent.seq,
      occurredAt: auditEvent.occurredAt,
      actorId: auditEvent.actorId,
      // The name the actor had when the event happened (staff are renamed only by the administrator, who starts a new
      // entry in the history), else their name now.
      actorName: sql<string | null>`coalesce((select h.name from ${staffNameHistory} h
                                               where h.org_id = ${auditEvent.orgId} and h.user_id = ${auditEvent.actorId}
                                                 and h.valid_from <= ${auditEvent.occurredAt}
                                               order by h.valid_from desc limit 1), ${appUser.name})`,
      actorRole: auditEvent.actorRole,
      action: auditEvent.action,
      outcome: auditEvent.outcome,
      entityType: auditEvent.entityType,
      entityId: auditEvent.entityId,
      participantId: sql<string | null>`${shownParticipant}`,
      participantsShown: sql<number | null>`cardinality(${auditEvent.participantIds})`,
      participantName: sql<string | null>`case when ${participant.id} is null then null
        else coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName} end`,
      details: auditEvent.details,
    })
    .from(auditEvent)
    .leftJoin(appUser, and(eq(appUser.id, auditEvent.actorId), eq(appUser.orgId, auditEvent.orgId)))
    .leftJoin(participant, and(sql`${participant.id} = ${shownParticipant}`, eq(participant.orgId, auditEvent.orgId)))
    .where(and(...where))
    .orderBy(desc(auditEvent.seq))
    .limit(q.limit + 1);
}

/**
 * Ids of the Part 2 programs (and their tracks) the user is not staff of: events naming them must not tell that user
 * who was admitted to a substance use program.
 */
export async function part2IdsOutsideUser(db: DbOrTx, orgId: string, userId: string): Promise<Set<string>> {
  const notStaff = sql`not exists (select 1 from ${staffProgram} sp
                                    where sp.org_id = ${orgId} and sp.user_id = ${userId} and sp.program_id = ${program.id})`;
  const rows = await db
    .select({ programId: program.id, trackId: track.id })
    .from(program)
    .leftJoin(track, and(eq(track.orgId, program.orgId), eq(track.programId, program.id)))
    .where(and(eq(program.orgId, orgId), eq(program.part2, true), notStaff));
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.programId);
    if (r.trackId) ids.add(r.trackId);
  }
  return ids;
}
