/**
 * The Part 2 flag follows a program's focus. Records obtained by a Part 2 program stay Part 2 records, and a program
 * cannot quietly start treating its existing records as Part 2 either: a focus change that would turn the flag on or
 * off for a program that already has episodes is refused (422), and the refusal is audited. A change that keeps the
 * flag (substance use ↔ co-occurring) goes through and is audited with the update.
 */
import { isPart2Focus, type Focus } from '@trellis/core';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode, program } from '../../db/schema.ts';
import { unprocessable } from '../../http/problems.ts';

async function part2ChangeWithEpisodes(db: DbOrTx, orgId: string, programId: string, focus: Focus | undefined) {
  if (focus === undefined) return null;
  const [row] = await db
    .select({
      part2: program.part2,
      episodes: sql<number>`(select count(*)::int from ${episode} where ${episode.orgId} = ${orgId} and ${episode.programId} = ${programId})`,
    })
    .from(program)
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  if (!row || row.part2 === isPart2Focus(focus) || row.episodes === 0) return null;
  return row;
}

const refusal = () =>
  unprocessable(
    'This program already has episodes: a focus change that turns 42 CFR Part 2 protection on or off would change how their records may be disclosed. Create a new program instead.',
    [{ path: 'body.focus', message: 'cannot change Part 2 status while the program has episodes' }],
  );

/** Before the update's transaction: refuses (and audits the refusal of) a focus change that would re-flag episodes. */
export async function refusePart2Reflag(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  programId: string,
  focus: Focus | undefined,
): Promise<void> {
  const found = await part2ChangeWithEpisodes(deps.db, actor.orgId, programId, focus);
  if (!found) return;
  await deps.db.transaction(async (tx) =>
    recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'program.part2-change-refused',
        outcome: 'denied',
        entityType: 'program',
        entityId: programId,
        details: { part2: found.part2, requestedPart2: !found.part2, episodes: found.episodes },
      },
      deps.clock.now(),
    ),
  );
  throw refusal();
}

/** Inside the update's transaction (after the program row is locked): the same rule, for a change that raced. */
export async function assertPart2Unchanged(tx: DbOrTx, orgId: string, programId: string, focus: Focus | undefined): Promise<void> {
  if (await part2ChangeWithEpisodes(tx, orgId, programId, focus)) throw refusal();
}
