/**
 * Who may do what. The role → action table lives in @trellis/core; this module adds the relationship rule: a
 * clinician or prescriber reaches only participants of the programs they work in, or whose primary clinician they are.
 */
import { and, eq, sql } from 'drizzle-orm';
import { PROGRAM_SCOPED_ROLES, roleAllows, type Action, type StaffRole } from '@trellis/core';
import type { DbOrTx } from '../db/index.ts';
import { episode, participant, staffProgram } from '../db/schema.ts';
import { forbidden, notFound } from '../http/problems.ts';

export interface Actor {
  userId: string;
  orgId: string;
  role: StaffRole;
  name: string;
  email: string;
}

/** Throws 403 unless the actor's role allows the action. */
export function authorize(actor: Actor, action: Action): void {
  if (!roleAllows(actor.role, action)) throw forbidden();
}

/** Whether the actor's participant access is limited to their programs. */
export function isProgramScoped(actor: Actor): boolean {
  return PROGRAM_SCOPED_ROLES.includes(actor.role);
}

/**
 * A SQL condition true for participants the actor may reach, for use in list and count queries
 * (undefined when the actor's role reaches every participant of the organisation).
 */
export function participantVisibility(actor: Actor, participantIdColumn: typeof participant.id | typeof episode.participantId) {
  if (!isProgramScoped(actor)) return undefined;
  return sql`exists (
    select 1 from ${episode} e
     where e.org_id = ${actor.orgId} and e.participant_id = ${participantIdColumn}
       and (e.primary_clinician_id = ${actor.userId}
            or exists (select 1 from ${staffProgram} sp
                        where sp.org_id = e.org_id and sp.user_id = ${actor.userId} and sp.program_id = e.program_id)))`;
}

/**
 * Loads a participant of the actor's organisation, or 404; then 403 if the actor may not reach them.
 * Another organisation's participant is simply unknown here.
 */
export async function assertParticipantAccess(db: DbOrTx, actor: Actor, participantId: string): Promise<void> {
  const visible = participantVisibility(actor, participant.id);
  const [row] = await db
    .select({ id: participant.id, visible: visible ? sql<boolean>`${visible}` : sql<boolean>`true` })
    .from(participant)
    .where(and(eq(participant.orgId, actor.orgId), eq(participant.id, participantId)));
  if (!row) throw notFound('The participant');
  if (!row.visible) throw forbidden();
}

/**
 * 403 unless the actor may act within a program: roles with organisation-wide reach may; a clinician or prescriber
 * only in a program they work in, or where they are the person named (a session's facilitator, a primary clinician).
 */
export async function assertWorksInProgram(
  db: DbOrTx,
  actor: Actor,
  programId: string,
  options: { facilitatorId?: string | null } = {},
): Promise<void> {
  if (!isProgramScoped(actor) || options.facilitatorId === actor.userId) return;
  const [row] = await db
    .select({ userId: staffProgram.userId })
    .from(staffProgram)
    .where(and(eq(staffProgram.orgId, actor.orgId), eq(staffProgram.userId, actor.userId), eq(staffProgram.programId, programId)));
  if (!row) throw forbidden();
}
