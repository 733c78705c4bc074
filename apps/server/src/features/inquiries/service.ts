/**
 * The inquiries board: the intake coordinator (and the director) list people asking about care by status, move them
 * along, and keep notes and the next step. Every list and change is audited; the trail names fields, never content.
 */
import {
  INQUIRY_PAGE_SIZE,
  INQUIRY_STATUSES,
  pipelineFigures,
  type Inquiry,
  type InquiryBoard,
  type InquiriesQuery,
  type InquiryPipeline,
  type InquiryPipelineQuery,
  type InquiryStatus,
  type UpdateInquiry,
} from '@trellis/core';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { inquiry } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/index.ts';
import { assertVersion, badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/problems.ts';
import { decodeBoardCursor, encodeBoardCursor, findInquiry, inquiryColumnPage, inquiryCounts, pipelineRows, type InquiryRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** The columns only a conversion (admit, refer elsewhere) may move an inquiry into. */
const CONVERSION_STATUSES: readonly InquiryStatus[] = ['admitted', 'referred_elsewhere'];

export const inquiryView = ({ visible: _visible, ...row }: InquiryRow): Inquiry => ({
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
    const rows = await inquiryColumnPage(tx, actor, query.status, cursor, INQUIRY_PAGE_SIZE + 1);
    const page = rows.slice(0, INQUIRY_PAGE_SIZE);
    const last = page.at(-1);
    const counts = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<InquiryStatus, number>;
    for (const c of await inquiryCounts(tx, actor)) counts[c.status] = Number(c.n);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'inquiry.list', entityType: 'inquiry', details: { status: query.status, ids: page.map((r) => r.id) } },
      deps.clock.now(),
    );
    return {
      counts,
      items: page.map(inquiryView),
      nextCursor: rows.length > INQUIRY_PAGE_SIZE && last ? encodeBoardCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
    };
  });
}

export async function updateInquiry(deps: Deps, actor: Actor, id: string, input: UpdateInquiry): Promise<Inquiry> {
  authorize(actor, 'inquiry.write');
  return deps.db.transaction(async (tx) => {
    const stored = await visibleInquiry(tx, actor, id, true);
    assertVersion(stored.version, input.version, 'The inquiry');
    if (input.status !== undefined && input.status !== stored.status) {
      if (CONVERSION_STATUSES.includes(stored.status)) throw alreadyConverted();
      if (CONVERSION_STATUSES.includes(input.status))
        throw unprocessable('Use Admit or Refer elsewhere to move an inquiry there.', [{ path: 'body.status', message: 'is set by admitting or referring' }]);
    }
    const patch: Partial<Pick<typeof inquiry.$inferInsert, 'status' | 'notes' | 'nextStep'>> = {};
    if (input.status !== undefined && input.status !== stored.status) patch.status = input.status;
    if (input.notes !== undefined && input.notes !== stored.notes) patch.notes = input.notes;
    if (input.nextStep !== undefined && input.nextStep !== stored.nextStep) patch.nextStep = input.nextStep;
    const fields = Object.keys(patch);
    if (fields.length === 0) return inquiryView(stored);
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
    return inquiryView(await visibleInquiry(tx, actor, id));
  });
}

/** One inquiry the actor may see (locked when asked): 404 unknown in the organisation, 403 outside its Part 2 scope. */
export async function visibleInquiry(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<InquiryRow> {
  const row = await findInquiry(tx, actor, id, lock);
  if (!row) throw notFound('The inquiry');
  if (!row.visible) throw forbidden();
  return row;
}

/** 409: the inquiry was already admitted or referred elsewhere; a second conversion would duplicate a person. */
export const alreadyConverted = () =>
  conflict('This inquiry has already been admitted or referred elsewhere.', [{ path: 'status', message: 'is already converted' }]);

/** Conversion rate and median days to admission by referral source, for inquiries that came in over a period. */
export async function getInquiryPipeline(deps: Deps, actor: Actor, query: InquiryPipelineQuery): Promise<InquiryPipeline> {
  authorize(actor, 'inquiry.read');
  return deps.db.transaction(async (tx) => {
    const rows = await pipelineRows(tx, actor, query.from, query.to);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'inquiry.pipeline', entityType: 'inquiry', details: { from: query.from, to: query.to, count: rows.length } },
      deps.clock.now(),
    );
    return { from: query.from, to: query.to, figures: pipelineFigures(rows) };
  });
}
