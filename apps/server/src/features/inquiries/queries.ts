/** Queries of the inquiries board: one page of a column (newest first, keyset), the column counts, one inquiry. */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { InquiryStatus } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { inquiry, program } from '../../db/schema.ts';

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
  createdAt: inquiry.createdAt,
  updatedAt: inquiry.updatedAt,
  version: inquiry.version,
};

const withProgram = (db: DbOrTx) =>
  db
    .select(columns)
    .from(inquiry)
    .leftJoin(program, and(eq(program.orgId, inquiry.orgId), eq(program.id, inquiry.programId)));

export async function inquiryColumnPage(db: DbOrTx, orgId: string, status: InquiryStatus, cursor: BoardCursor | null, limit: number) {
  const conditions: SQL[] = [eq(inquiry.orgId, orgId), eq(inquiry.status, status)];
  if (cursor) conditions.push(sql`(${inquiry.createdAt}, ${inquiry.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  return withProgram(db)
    .where(and(...conditions))
    .orderBy(desc(inquiry.createdAt), desc(inquiry.id))
    .limit(limit);
}

export async function inquiryCounts(db: DbOrTx, orgId: string) {
  return db.select({ status: inquiry.status, n: count() }).from(inquiry).where(eq(inquiry.orgId, orgId)).groupBy(inquiry.status);
}

export async function findInquiry(db: DbOrTx, orgId: string, id: string, lock = false) {
  const query = withProgram(db).where(and(eq(inquiry.orgId, orgId), eq(inquiry.id, id)));
  const [row] = lock ? await query.for('update', { of: inquiry }) : await query;
  return row;
}

export type InquiryRow = NonNullable<Awaited<ReturnType<typeof findInquiry>>>;
