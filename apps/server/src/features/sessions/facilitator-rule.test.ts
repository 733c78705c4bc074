/**
 * "Whom does a session (or a weekly block) hold?" is one rule in one place: the trellis_session_facilitators and
 * trellis_track_block_facilitators views (lead plus co-facilitators). This test reads the server's source and fails
 * on a query that picks sessions or blocks by their lead column alone, which would leave co-facilitators' time free.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'schema.ts' ? [path] : [];
  });
}

/** Picking rows by the lead column: SQL text filtering on facilitator_id, or Drizzle's eq/inArray on facilitatorId. */
const BY_LEAD_ONLY = [
  /facilitator_id\s*(=|in\b|=\s*any)\s*[$(]/i,
  /facilitator_id\s*=\s*\$\{/i,
  /\b(eq|inArray)\(\s*(session|trackBlock)\.facilitatorId\b/,
];

describe('the facilitator rule holds every caller', () => {
  it('finds no query that chooses sessions or blocks by their lead facilitator alone', () => {
    const offenders = sources(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (BY_LEAD_ONLY.some((re) => re.test(line)) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch the query it guards against', () => {
    expect(BY_LEAD_ONLY.some((re) => re.test('where s.facilitator_id = ${userId}'))).toBe(true);
    expect(BY_LEAD_ONLY.some((re) => re.test('inArray(trackBlock.facilitatorId, ids)'))).toBe(true);
  });
});
