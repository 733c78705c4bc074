import { ATTENDANCE_STATUSES, attendanceMarkProblems, minutesAttended, type AttendanceMark, type AttendanceStatus } from '@trellis/core';
import type { RollEntry, RollMarkInput } from '../../api/types.ts';

/** One row of the roll as edited on the page; minutes are '' while the field is empty. */
export interface DraftMark {
  status: AttendanceStatus | null;
  lateMinutes: number | '';
  leftEarlyMinutes: number | '';
}

export type RollDraft = Record<string, DraftMark>;

/** Whether a status carries minutes: a late arrival may also leave early, and the other way round. */
export function carriesMinutes(status: AttendanceStatus | null): boolean {
  return status === 'late' || status === 'left_early';
}

export function draftFromEntries(entries: readonly RollEntry[]): RollDraft {
  const draft: RollDraft = {};
  for (const e of entries) {
    draft[e.participantId] = {
      status: e.status,
      // Late and left-early marks may carry both minutes (core's attendanceMarkProblems); a zero is an empty field.
      lateMinutes: carriesMinutes(e.status) && e.lateMinutes > 0 ? e.lateMinutes : '',
      leftEarlyMinutes: carriesMinutes(e.status) && e.leftEarlyMinutes > 0 ? e.leftEarlyMinutes : '',
    };
  }
  return draft;
}

/** The mark the server will receive: only the minutes the status carries. */
export function markOf(draft: DraftMark): AttendanceMark | null {
  if (!draft.status) return null;
  const mark: AttendanceMark = { status: draft.status };
  if (carriesMinutes(draft.status)) {
    if (draft.lateMinutes !== '') mark.lateMinutes = draft.lateMinutes;
    if (draft.leftEarlyMinutes !== '') mark.leftEarlyMinutes = draft.leftEarlyMinutes;
  }
  return mark;
}

function sameMark(a: DraftMark | undefined, b: DraftMark | undefined): boolean {
  const ma = a ? markOf(a) : null;
  const mb = b ? markOf(b) : null;
  if (!ma || !mb) return ma === mb;
  return ma.status === mb.status && (ma.lateMinutes ?? 0) === (mb.lateMinutes ?? 0) && (ma.leftEarlyMinutes ?? 0) === (mb.leftEarlyMinutes ?? 0);
}

export function changedParticipants(draft: RollDraft, saved: RollDraft): string[] {
  return Object.keys(draft).filter((id) => !sameMark(draft[id], saved[id]));
}

/** Per-row problems from the same core rule the server applies, keyed by participant then field. */
export function draftProblems(draft: RollDraft, sessionMinutes: number): Record<string, Partial<Record<'status' | 'lateMinutes' | 'leftEarlyMinutes', string>>> {
  const out: Record<string, Partial<Record<'status' | 'lateMinutes' | 'leftEarlyMinutes', string>>> = {};
  for (const [id, d] of Object.entries(draft)) {
    const mark = markOf(d);
    if (!mark) continue;
    const problems = attendanceMarkProblems(mark, sessionMinutes);
    if (problems.length) {
      out[id] = {};
      for (const p of problems) out[id][p.field as 'status' | 'lateMinutes' | 'leftEarlyMinutes'] = p.message;
    }
  }
  return out;
}

export function minutesOf(draft: DraftMark, sessionMinutes: number): number | null {
  const mark = markOf(draft);
  return mark ? minutesAttended(mark, sessionMinutes) : null;
}

/** Every marked row, in roster order, as the PUT body's entries. */
export function entriesOf(draft: RollDraft, order: readonly string[]): RollMarkInput[] {
  const entries: RollMarkInput[] = [];
  for (const participantId of order) {
    const d = draft[participantId];
    const mark = d ? markOf(d) : null;
    if (mark) entries.push({ participantId, ...mark });
  }
  return entries;
}

/** The rows of `draft` that differ from `saved`: what a tab keeps to restore after an idle logoff. */
export function unsavedRows(draft: RollDraft, saved: RollDraft): RollDraft {
  const rows: RollDraft = {};
  for (const id of changedParticipants(draft, saved)) {
    const row = draft[id];
    if (row) rows[id] = row;
  }
  return rows;
}

const STATUS_SET = new Set<string>(ATTENDANCE_STATUSES);
const minutesField = (v: unknown): number | '' => (typeof v === 'number' && Number.isFinite(v) ? v : '');

/**
 * A kept draft laid over the saved roll: only rows still on the roster, and only well-formed marks (the stored text
 * came from this app, but storage is not to be trusted blindly).
 */
export function restoreDraft(saved: RollDraft, kept: unknown): { draft: RollDraft; restored: number } {
  if (!kept || typeof kept !== 'object') return { draft: saved, restored: 0 };
  const draft: RollDraft = { ...saved };
  let restored = 0;
  for (const [id, value] of Object.entries(kept as Record<string, unknown>)) {
    if (!(id in saved) || !value || typeof value !== 'object') continue;
    const row = value as Record<string, unknown>;
    const status = row.status === null ? null : typeof row.status === 'string' && STATUS_SET.has(row.status) ? (row.status as AttendanceStatus) : undefined;
    if (status === undefined) continue;
    draft[id] = { status, lateMinutes: minutesField(row.lateMinutes), leftEarlyMinutes: minutesField(row.leftEarlyMinutes) };
    restored++;
  }
  return { draft, restored: changedParticipants(draft, saved).length ? restored : 0 };
}
