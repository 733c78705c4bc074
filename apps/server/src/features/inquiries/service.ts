/**
 * The inquiries board: the intake coordinator (and the director) list people asking about care by status, move them
 * along, and keep notes and the next step. Every list and change is audited; the trail names fields, never content.
 */
import { INQUIRY_PAGE_SIZE, INQUIRY_STATUSES, type Inquiry, type InquiryBoard, type InquiriesQuery, type InquiryStatus, type UpdateInquiry } from '@trellis/core';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { inquiry } from '../../db/schema.ts';
import { assertVersion, badRequest, notFound } from '../../http/problems.ts';
import { decodeBoardCursor, encodeBoardCursor, findInquiry, inquiryColumnPage, inquiryCounts, type InquiryRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const view = (row: InquiryRow): Inquiry => ({
  ...row,
  programName: row.programName ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function getInquiryBoard(deps: Deps, actor: Actor, query: InquiriesQuery): Promise<InquiryBoard> {
  authorize(actor, 'inquiry.read');
  const cursor = query.cursor === undefined ? null : decodeBoardCursor(query.cursor);
  if (query.cursor !== undefined && !cursor) throw badRequest([{ path: 'querystring.cursor', message: 'is not a cursor from this list' }]);
  return deps.db.transaction(async (tx) => {
    const rows = await inquiryColumnPage(tx, actor.orgId, query.status, cursor, INQUIRY_PAGE_SIZE + 1);
    const page = rows.slice(0, INQUIRY_PAGE_SIZE);
    const last = page.at(-1);
    const counts = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<InquiryStatus, number>;
    for (const c of await inquiryCounts(tx, actor.orgId)) counts[c.status] = Number(c.n);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'inquiry.list', entityType: 'inquiry', details: { status: query.status, ids: page.map((r) => r.id) } },
      deps.clock.now(),
    );
    return {
      counts,
      items: page.map(view),
      nextCursor: rows.length > INQUIRY_PAGE_SIZE && last ? encodeBoardCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
    };
  });
}

export async function updateInquiry(deps: Deps, actor: Actor, id: string, input: UpdateInquiry): Promise<Inquiry> {
  authorize(actor, 'inquiry.write');
  return deps.db.transaction(async (tx) => {
    const stored = await findInquiry(tx, actor.orgId, id, true);
    if (!stored) throw notFound('The inquiry');
    assertVersion(stored.version, input.version, 'The inquiry');
    const patch: Partial<Pick<typeof inquiry.$inferInsert, 'status' | 'notes' | 'nextStep'>> = {};
    if (input.status !== undefined && input.status !== stored.status) patch.status = input.status;
    if (input.notes !== undefined && input.notes !== stored.notes) patch.notes = input.notes;
    if (input.nextStep !== undefined && input.nextStep !== stored.nextStep) patch.nextStep = input.nextStep;
    const fields = Object.keys(patch);
    if (fields.length === 0) return view(stored);
    const now = deps.clock.now();
    await tx
      .update(inquiry)
      .set({ ...patch, version: sql`${inquiry.version} + 1`, updatedAt: now })
      .where(and(eq(inquiry.orgId, actor.orgId), eq(inquiry.id, id)));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'inquiry.update',
        entityType: 'inquiry',
        entityId: id,
        // Field names and the status move, never the notes' words.
        details: { fields, ...(patch.status ? { from: stored.status, to: patch.status } : {}) },
      },
      now,
    );
    return view((await findInquiry(tx, actor.orgId, id))!);
  });
}
