/**
 * Queries of the inquiries board: one page of a column (newest first, keyset), the column counts, one inquiry, and the
 * pipeline rows of a period. Every one of them goes through `inquiryVisible` — the SQL function
 * `trellis_inquiry_visible` (42 CFR Part 2: a Part 2 program's inquiries reach only its staff and intake coordinators).
 */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { InquiryStatus } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { episode, inquiry, program } from '../../db/schema.ts';

/** Who is reading the board, as the visibility function needs them. */
export interface InquiryReader {
  orgId: string;
  userId: string;
  role: string;
}

/** SQL true for inquiries the reader may see (the one Part 2 rule, in the database). */
export const inquiryVisible = (reader: InquiryReader) =>
  sql<boolean>`trellis_inquiry_visible(${inquiry.orgId}, ${reader.userId}, ${reader.role}, ${inquiry.programId})`;

export interface BoardCursor {
  createdAt: string;
  id: string;
}

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeBoardCursor(text: string): BoardCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'string')) return null;
    const [createdAt, id] = value as [string, string];
    if (!/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(Date.parse(createdAt))) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

export const encodeBoardCursor = (c: BoardCursor) => Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

const columns = {
  id: inquiry.id,
  status: inquiry.status,
  source: inquiry.source,
  name: inquiry.name,
  phone: inquiry.phone,
  email: inquiry.email,
  preferredContact: inquiry.preferredContact,
  programId: inquiry.programId,
  programName: program.name,
  payer: inquiry.payer,
  message: inquiry.message,
  notes: inquiry.notes,
  nextStep: inquiry.nextStep,
  participantId: inquiry.participantId,
  episodeId: inquiry.episodeId,
  referredTo: inquiry.referredTo,
  referralReason: inquiry.referralReason,
  createdAt: inquiry.createdAt,
  updatedAt: inquiry.updatedAt,
  version: inquiry.version,
};

const withProgram = (db: DbOrTx, reader: InquiryReader) =>
  db
    .select({ ...columns, visible: inquiryVisible(reader) })
    .from(inquiry)
    .leftJoin(program, and(eq(program.orgId, inquiry.orgId), eq(program.id, inquiry.programId)));

export async function inquiryColumnPage(db: DbOrTx, reader: InquiryReader, status: InquiryStatus, cursor: BoardCursor | null, limit: number) {
  const conditions: SQL[] = [eq(inquiry.orgId, reader.orgId), eq(inquiry.status, status), inquiryVisible(reader)];
  if (cursor) conditions.push(sql`(${inquiry.createdAt}, ${inquiry.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  return withProgram(db, reader)
    .where(and(...conditions))
    .orderBy(desc(inquiry.createdAt), desc(inquiry.id))
    .limit(limit);
}

export async function inquiryCounts(db: DbOrTx, reader: InquiryReader) {
  return db
    .select({ status: inquiry.status, n: count() })
    .from(inquiry)
    .where(and(eq(inquiry.orgId, reader.orgId), inquiryVisible(reader)))
    .groupBy(inquiry.status);
}

/** One inquiry of the organisation with whether the reader may see it (the caller answers 403 when not). */
export async function findInquiry(db: DbOrTx, reader: InquiryReader, id: string, lock = false) {
  const query = withProgram(db, reader).where(and(eq(inquiry.orgId, reader.orgId), eq(inquiry.id, id)));
  const [row] = lock ? await query.for('update', { of: inquiry }) : await query;
  return row;
}

export type InquiryRow = NonNullable<Awaited<ReturnType<typeof findInquiry>>>;

/** Marks an inquiry admitted, naming the participant and episode it became. */
export async function markInquiryAdmitted(db: DbOrTx, a: { orgId: string; id: string; participantId: string; episodeId: string; at: Date }) {
  await db
    .update(inquiry)
    .set({ status: 'admitted', participantId: a.participantId, episodeId: a.episodeId, version: sql`${inquiry.version} + 1`, updatedAt: a.at })
    .where(and(eq(inquiry.orgId, a.orgId), eq(inquiry.id, a.id)));
}

/** Marks an inquiry referred elsewhere, with where and why. */
export async function markInquiryReferred(db: DbOrTx, a: { orgId: string; id: string; referredTo: string; reason: string; at: Date }) {
  await db
    .update(inquiry)
    .set({ status: 'referred_elsewhere', referredTo: a.referredTo, referralReason: a.reason, version: sql`${inquiry.version} + 1`, updatedAt: a.at })
    .where(and(eq(inquiry.orgId, a.orgId), eq(inquiry.id, a.id)));
}

/**
 * The pipeline rows of a period, set-based: each visible inquiry that came in from `from` to `to` (UTC days, both
 * included) with its source and, when admitted from the board, the days from its arrival to the admission date.
 */
export async function pipelineRows(db: DbOrTx, reader: InquiryReader, from: string, to: string) {
  return db
    .select({
      source: inquiry.source,
      daysToAdmission: sql<number | null>`(${episode.admittedOn} - (${inquiry.createdAt} at time zone 'UTC')::date)::int`,
    })
    .from(inquiry)
    .leftJoin(episode, and(eq(episode.orgId, inquiry.orgId), eq(episode.id, inquiry.episodeId)))
    .where(
      and(
        eq(inquiry.orgId, reader.orgId),
        sql`${inquiry.createdAt} >= (${from}::date)::timestamp at time zone 'UTC'`,
        sql`${inquiry.createdAt} < ((${to}::date + 1))::timestamp at time zone 'UTC'`,
        inquiryVisible(reader),
      ),
    );
}
