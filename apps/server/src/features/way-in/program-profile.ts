/**
 * What staff publish about a program on the public program page: whether it is listed, who it is for, what a week
 * looks like, therapies, insurance accepted and typical length. A setup change: `setup.write`, versioned, audited.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { UpdateProgramPublicProfile } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import type { DbOrTx } from '../../db/index.ts';
import { organisation, program } from '../../db/schema.ts';
import { assertVersion, notFound } from '../../http/problems.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const profileColumns = {
  programId: program.id,
  /** Where the public program page lives (/p/<slug>), so the form can link to a preview. */
  orgSlug: organisation.slug,
  version: program.version,
  publicListed: program.publicListed,
  audience: program.audience,
  weekDescription: program.weekDescription,
  therapies: program.therapies,
  insuranceAccepted: program.insuranceAccepted,
  min: program.typicalLengthMinWeeks,
  max: program.typicalLengthMaxWeeks,
};

async function findProfile(db: DbOrTx, orgId: string, programId: string, lock = false) {
  const query = db
    .select(profileColumns)
    .from(program)
    .innerJoin(organisation, eq(organisation.id, program.orgId))
    .where(and(eq(program.orgId, orgId), eq(program.id, programId)));
  const [row] = lock ? await query.for('update', { of: program }) : await query;
  if (!row) throw notFound('The program');
  const { min, max, ...rest } = row;
  return { ...rest, typicalLengthWeeks: min === null || max === null ? null : { min, max } };
}

export async function getProgramPublicProfile(deps: Deps, actor: Actor, programId: string) {
  authorize(actor, 'setup.read');
  return findProfile(deps.db, actor.orgId, programId);
}

export async function updateProgramPublicProfile(deps: Deps, actor: Actor, programId: string, input: UpdateProgramPublicProfile) {
  authorize(actor, 'setup.write');
  return deps.db.transaction(async (tx) => {
    const stored = await findProfile(tx, actor.orgId, programId, true);
    assertVersion(stored.version, input.version, 'The program');
    const now = deps.clock.now();
    await tx
      .update(program)
      .set({
        publicListed: input.publicListed,
        audience: input.audience,
        weekDescription: input.weekDescription,
        therapies: input.therapies,
        insuranceAccepted: input.insuranceAccepted,
        typicalLengthMinWeeks: input.typicalLengthWeeks?.min ?? null,
        typicalLengthMaxWeeks: input.typicalLengthWeeks?.max ?? null,
        version: sql`${program.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(program.orgId, actor.orgId), eq(program.id, programId)));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'setup.update', entityType: 'program', entityId: programId, details: { fields: ['publicProfile'], publicListed: input.publicListed } },
      now,
    );
    return findProfile(tx, actor.orgId, programId);
  });
}
