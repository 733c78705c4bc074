/**
 * Site closures (holidays, closed days): a list the director keeps per site. No session is generated on a closed day
 * (sessions/generate.ts), and adding a closure cancels the scheduled sessions it covers with its reason. Sessions that
 * already have attendance are kept: their roll is evidence.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Closure, ClosureCreated, CreateClosure } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { site, siteClosure } from '../../db/schema.ts';
import { notFoundFields } from './references.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const closureColumns = {
  id: siteClosure.id,
  siteId: siteClosure.siteId,
  siteName: site.name,
  fromDate: siteClosure.fromDate,
  toDate: siteClosure.toDate,
  reason: siteClosure.reason,
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
             set status = 'cancelled', cancel_reason = ${input.reason}, version = s.version + 1, updated_at = ${now.toISOString()}::timestamptz
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
