/**
 * Site closures (holidays, closed days): a list the director keeps per site. No session is generated on a closed day
 * (sessions/generate.ts), and adding a closure cancels the scheduled sessions it covers with its reason. Sessions that
 * already have attendance are kept: their roll is evidence. Each session a closure cancels remembers it, so deleting
 * the closure (entered by mistake, or the clinic opens after all) schedules those sessions again — unless another
 * closure of the site still covers their day — and generates the sessions the closure had kept from being made.
 * Sessions cancelled one by one, for whatever reason, stay cancelled.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { addDays, SESSION_HORIZON_WEEKS, type Closure, type ClosureCreated, type ClosureDeleted, type CreateClosure } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { session, site, siteClosure } from '../../db/schema.ts';
import { notFound } from '../../http/problems.ts';
import { generateSessionsForOrg } from '../sessions/generate.ts';
import { notFoundFields } from './references.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const closureColumns = {
  id: siteClosure.id,
  siteId: siteClosure.siteId,
  siteName: site.name,
  fromDate: siteClosure.fromDate,
  toDate: siteClosure.toDate,
  reason: siteClosure.reason,
  cancelledSessions: sql<number>`(select count(*)::int from ${session} s
                                    where s.org_id = ${siteClosure.orgId} and s.cancelled_by_closure_id = ${siteClosure.id})`,
};

async function listClosures(db: DbOrTx, orgId: string, siteId?: string): Promise<Closure[]> {
  return db
    .select(closureColumns)
    .from(siteClosure)
    .innerJoin(site, and(eq(site.orgId, siteClosure.orgId), eq(site.id, siteClosure.siteId)))
    .where(and(eq(siteClosure.orgId, orgId), siteId ? eq(siteClosure.siteId, siteId) : undefined))
    .orderBy(asc(siteClosure.fromDate), asc(site.name));
}

export async function getClosures(deps: Deps, actor: Actor, siteId?: string): Promise<{ items: Closure[] }> {
  authorize(actor, 'setup.read');
  return { items: await listClosures(deps.db, actor.orgId, siteId) };
}

export async function createClosure(deps: Deps, actor: Actor, input: CreateClosure): Promise<ClosureCreated> {
  authorize(actor, 'setup.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: site.id })
      .from(site)
      .where(and(eq(site.orgId, actor.orgId), eq(site.id, input.siteId)));
    if (!found) throw notFoundFields([{ path: 'body.siteId', message: 'is not a site of this organisation' }]);
    const [row] = await tx
      .insert(siteClosure)
      .values({
        orgId: actor.orgId,
        siteId: input.siteId,
        fromDate: input.fromDate,
        toDate: input.toDate,
        reason: input.reason,
      })
      .returning({ id: siteClosure.id });
    // Cancel what the closure covers, unless a roll has been taken for it.
    const [counts] = rowsOf<{ cancelled: number; kept: number }>(
      await tx.execute(sql`
        with covered as (
          select s.id, exists (select 1 from attendance a where a.org_id = s.org_id and a.session_id = s.id) as has_roll
            from session s
           where s.org_id = ${actor.orgId} and s.site_id = ${input.siteId} and s.status = 'scheduled'
             and s.local_date between ${input.fromDate}::date and ${input.toDate}::date
             for update of s
        ),
        cancelled as (
          update session s
             set status = 'cancelled', cancel_reason = ${input.reason}, cancelled_by_closure_id = ${row!.id}::uuid, version = s.version + 1, updated_at = ${now.toISOString()}::timestamptz
            from covered c
           where s.org_id = ${actor.orgId} and s.id = c.id and not c.has_roll
          returning s.id
        )
        select (select count(*)::int from cancelled) as cancelled, (select count(*)::int from covered where has_roll) as kept`),
    );
    const closure = (await listClosures(tx, actor.orgId, input.siteId)).find((c) => c.id === row!.id)!;
    await recordAudit(
      tx,
      { userId: actor.userId, role: actor.role, orgId: actor.orgId },
      actor.orgId,
      {
        action: 'setup.create',
        entityType: 'site_closure',
        entityId: closure.id,
        details: {
          siteId: input.siteId,
          fromDate: input.fromDate,
          toDate: input.toDate,
          cancelledSessions: counts?.cancelled ?? 0,
        },
      },
      now,
    );
    return { closure, cancelledSessions: Number(counts?.cancelled ?? 0), keptSessions: Number(counts?.kept ?? 0) };
  });
}

/**
 * Deletes a closure. The sessions it cancelled are scheduled again, except those on a day another closure of the site
 * still covers (they stay cancelled, now by that closure and with its reason); a cancelled session has no roll, so
 * none loses attendance. Days the closure kept free get their template sessions, from now to the planning horizon.
 */
export async function deleteClosure(deps: Deps, actor: Actor, id: string): Promise<ClosureDeleted> {
  authorize(actor, 'setup.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [closure] = await tx
      .select({ id: siteClosure.id, siteId: siteClosure.siteId, fromDate: siteClosure.fromDate, toDate: siteClosure.toDate })
      .from(siteClosure)
      .where(and(eq(siteClosure.orgId, actor.orgId), eq(siteClosure.id, id)))
      .for('update');
    if (!closure) throw notFound('The closure');
    const [counts] = rowsOf<{ restored: number; still_closed: number }>(
      await tx.execute(sql`
        with cancelled as (
          select s.id,
                 (select c.id from site_closure c
                   where c.org_id = s.org_id and c.site_id = s.site_id and c.id <> ${id}::uuid
                     and s.local_date between c.from_date and c.to_date
                   order by c.from_date, c.id limit 1) as other_closure_id
            from session s
           where s.org_id = ${actor.orgId} and s.cancelled_by_closure_id = ${id}::uuid
             for update of s
        ),
        changed as (
          update session s
             set status = case when c.other_closure_id is null then 'scheduled' else 'cancelled' end,
                 cancel_reason = (select o.reason from site_closure o where o.org_id = s.org_id and o.id = c.other_closure_id),
                 cancelled_by_closure_id = c.other_closure_id,
                 version = s.version + 1, updated_at = ${now.toISOString()}::timestamptz
            from cancelled c
           where s.org_id = ${actor.orgId} and s.id = c.id
          returning s.status
        )
        select count(*) filter (where status = 'scheduled')::int as restored,
               count(*) filter (where status = 'cancelled')::int as still_closed
          from changed`),
    );
    await tx.delete(siteClosure).where(and(eq(siteClosure.orgId, actor.orgId), eq(siteClosure.id, id)));
    // The closure kept its days free of generated sessions; make them now (only those not yet begun, up to the horizon).
    const fromDate = addDays(now.toISOString().slice(0, 10), -1);
    const generated = closure.toDate < fromDate
      ? 0
      : await generateSessionsForOrg(tx, actor.orgId, fromDate, SESSION_HORIZON_WEEKS + 1, { notBefore: now });
    const restoredSessions = Number(counts?.restored ?? 0);
    const stillClosedSessions = Number(counts?.still_closed ?? 0);
    await recordAudit(
      tx,
      { userId: actor.userId, role: actor.role, orgId: actor.orgId },
      actor.orgId,
      {
        action: 'setup.delete',
        entityType: 'site_closure',
        entityId: id,
        details: {
          siteId: closure.siteId,
          fromDate: closure.fromDate,
          toDate: closure.toDate,
          restoredSessions,
          stillClosedSessions,
          generatedSessions: generated,
        },
      },
      now,
    );
    return { restoredSessions, stillClosedSessions };
  });
}
