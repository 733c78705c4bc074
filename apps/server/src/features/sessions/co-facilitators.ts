/**
 * Co-facilitators: staff who run a group beside its facilitator. A co-facilitated session holds each person's time
 * (trellis_session_facilitators), so naming someone who already has a group, an appointment or leave then is refused
 * with 409 naming them and the clash, checked under the same per-calendar locks appointment booking takes.
 */
import { and, eq } from 'drizzle-orm';
import type { SessionSummary, SetCoFacilitators } from '@trellis/core';
import { assertWorksInProgram, authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { session, sessionFacilitator, site } from '../../db/schema.ts';
import { badRequest, conflict, notFound } from '../../http/problems.ts';
import { calendar, lockCalendars } from '../appointments/queries.ts';
import { describeBusy } from '../appointments/service.ts';
import { clinicianExceptions } from '../availability/queries.ts';
import { checkSessionReferences } from '../setup/references.ts';
import { staffByIds } from '../setup/queries.ts';
import { findSessionSummary } from './queries.ts';
import type { SessionDeps } from './service.ts';

export interface CoFacilitatedSession {
  id: string;
  orgId: string;
  siteId: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Checks and stores a session's co-facilitators, replacing any earlier ones: 404/400 naming the entry for someone
 * unknown or unsuitable, 409 naming the clash for someone busy then. Those already on the session are not checked
 * again against the session itself.
 */
export async function replaceCoFacilitators(
  tx: DbOrTx,
  s: CoFacilitatedSession,
  ids: readonly string[],
  path: string,
): Promise<void> {
  await checkSessionReferences(
    tx,
    s.orgId,
    s.siteId,
    ids.map((facilitatorId, i) => ({ path, facilitatorId, facilitatorPath: `${path}.${i}`, capacity: 0 })),
  );
  await lockCalendars(
    tx,
    ids.map((id) => `c:${s.orgId}:${id}`),
  );
  const names = new Map((await staffByIds(tx, s.orgId, ids)).map((p) => [p.id, p.name]));
  const window = { start: new Date(s.startsAt).toISOString(), end: new Date(s.endsAt).toISOString() };
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  for (const [i, id] of ids.entries()) {
    const name = names.get(id) ?? 'The co-facilitator';
    const busy = (await calendar(tx, s.orgId, { clinicianId: id }, window)).find((b) => b.id !== s.id);
    if (busy) {
      const message = `${name} has ${describeBusy(busy, s.timeZone)}`;
      throw conflict(`${message}, so they cannot co-facilitate this session.`, [{ path: `${path}.${i}`, message }]);
    }
    const away = (await clinicianExceptions(tx, s.orgId, id, window.start, window.end)).find(
      (e) => Date.parse(e.startsAt) < end && Date.parse(e.endsAt) > start,
    );
    if (away) {
      const message = `${name} is away then (${away.kind})`;
      throw conflict(`${message}, so they cannot co-facilitate this session.`, [{ path: `${path}.${i}`, message }]);
    }
  }
  await tx
    .delete(sessionFacilitator)
    .where(and(eq(sessionFacilitator.orgId, s.orgId), eq(sessionFacilitator.sessionId, s.id)));
  if (ids.length > 0)
    await tx.insert(sessionFacilitator).values(ids.map((userId) => ({ orgId: s.orgId, sessionId: s.id, userId })));
}

/** Replaces the co-facilitators of a scheduled session (audited). */
export async function setCoFacilitators(
  deps: SessionDeps,
  actor: Actor,
  id: string,
  input: SetCoFacilitators,
): Promise<SessionSummary> {
  authorize(actor, 'session.write');
  const orgId = actor.orgId;
  return deps.db.transaction(async (tx) => {
    const [stored] = await tx
      .select({
        id: session.id,
        orgId: session.orgId,
        siteId: session.siteId,
        timeZone: site.timeZone,
        status: session.status,
        programId: session.programId,
        facilitatorId: session.facilitatorId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      })
      .from(session)
      .innerJoin(site, and(eq(site.orgId, session.orgId), eq(site.id, session.siteId)))
      .where(and(eq(session.orgId, orgId), eq(session.id, id)))
      .for('update', { of: session });
    if (!stored) throw notFound('The session');
    await assertWorksInProgram(tx, actor, stored.programId, { facilitatorId: stored.facilitatorId });
    if (stored.status === 'cancelled') throw conflict('This session is cancelled, so its facilitators cannot change.');
    const lead = input.coFacilitatorIds.indexOf(stored.facilitatorId ?? '');
    if (lead >= 0) throw badRequest([{ path: `body.coFacilitatorIds.${lead}`, message: 'is already the facilitator' }]);
    await replaceCoFacilitators(tx, stored, input.coFacilitatorIds, 'body.coFacilitatorIds');
    const now = deps.clock.now();
    const saved = await findSessionSummary(tx, orgId, id, now);
    if (!saved) throw notFound('The session');
    await recordAudit(
      tx,
      { userId: actor.userId, role: actor.role, orgId },
      orgId,
      {
        action: 'session.co-facilitators',
        entityType: 'session',
        entityId: id,
        details: { coFacilitatorIds: [...input.coFacilitatorIds] },
      },
      now,
    );
    return saved;
  });
}
