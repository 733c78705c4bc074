/**
 * Plans a participant keeps with their clinician (the safety plan, the relapse prevention plan), versioned one way:
 * each save adds the next version, based on the version the editor opened (a stale one → 409), and a trigger keeps
 * every version as it was. Staff read with `clinical-note.read` and write with `safety-plan.write`; the participant
 * reads their own in the portal. Every read and save is audited without the plan's words.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { authorize, type Actor, type ParticipantActor } from '../auth/access.ts';
import { recordAudit, type AuditAction } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { assertParticipantAccessAudited } from '../features/participants/access-audit.ts';
import { findParticipant } from '../features/participants/queries.ts';
import type { DbOrTx } from './index.ts';
import { appUser, type VersionedPlanTable } from './schema.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export interface PlanVersion<TPlan> {
  participantId: string;
  version: number;
  plan: TPlan;
  savedAt: string;
  savedBy: { id: string; name: string };
}
export interface PlanView<TPlan> {
  current: PlanVersion<TPlan> | null;
  versions: { version: number; savedAt: string; savedByName: string }[];
}

/** What differs between two kinds of versioned plan: where it is kept and the words its audit events and errors use. */
export interface VersionedPlanKind<TPlan> {
  table: VersionedPlanTable<TPlan>;
  /** The plan's name in a 404 or 409, e.g. 'The safety plan'. */
  what: string;
  entityType: string;
  readAction: AuditAction;
  saveAction: AuditAction;
}

/** The read, save and portal use cases of one kind of versioned plan. */
export function versionedPlans<TPlan>(kind: VersionedPlanKind<TPlan>) {
  const t = kind.table;

  /** A participant's versions, newest first (plans included: a plan is small). */
  const versions = (db: DbOrTx, orgId: string, participantId: string) =>
    db
      .select({
        participantId: t.participantId,
        version: t.version,
        plan: t.plan,
        savedAt: t.savedAt,
        savedById: t.savedBy,
        savedByName: appUser.name,
      })
      .from(t)
      .innerJoin(appUser, and(eq(appUser.orgId, t.orgId), eq(appUser.id, t.savedBy)))
      .where(and(eq(t.orgId, orgId), eq(t.participantId, participantId)))
      .orderBy(desc(t.version));
  type Row = Awaited<ReturnType<typeof versions>>[number];

  const versionOf = (row: Row): PlanVersion<TPlan> => ({
    participantId: row.participantId,
    version: row.version,
    plan: row.plan,
    savedAt: row.savedAt.toISOString(),
    savedBy: { id: row.savedById, name: row.savedByName },
  });
  const viewOf = (rows: Row[]): PlanView<TPlan> => ({
    current: rows[0] ? versionOf(rows[0]) : null,
    versions: rows.map((r) => ({ version: r.version, savedAt: r.savedAt.toISOString(), savedByName: r.savedByName })),
  });

  /** Reads the versions in one transaction with the audit event that records the read. */
  const readAudited = (deps: Deps, reader: Actor | ParticipantActor, participantId: string, version: number | null) =>
    deps.db.transaction(async (tx) => {
      const rows = await versions(tx, reader.orgId, participantId);
      const details = { version: version ?? rows[0]?.version ?? 0 };
      await recordAudit(
        tx,
        reader,
        reader.orgId,
        { action: kind.readAction, entityType: kind.entityType, participantId, details },
        deps.clock.now(),
      );
      return rows;
    });

  const staffRead = async (deps: Deps, actor: Actor, participantId: string, version: number | null) => {
    authorize(actor, 'clinical-note.read');
    await assertParticipantAccessAudited(deps, actor, participantId, kind.readAction);
    return readAudited(deps, actor, participantId, version);
  };

  return {
    /** The latest version (null before the first save) and the list of versions, newest first. */
    async read(deps: Deps, actor: Actor, participantId: string): Promise<PlanView<TPlan>> {
      return viewOf(await staffRead(deps, actor, participantId, null));
    },

    /** One version as it was saved (for printing an earlier plan). */
    async readVersion(deps: Deps, actor: Actor, participantId: string, version: number): Promise<PlanVersion<TPlan>> {
      const row = (await staffRead(deps, actor, participantId, version)).find((r) => r.version === version);
      if (!row) throw notFound(`That version of ${kind.what.replace(/^The /, 'the ')}`);
      return versionOf(row);
    },

    /** The signed-in participant's own plan: only ever theirs, the id comes from their sign-in. */
    async readOwn(deps: Deps, me: ParticipantActor): Promise<PlanView<TPlan>> {
      return viewOf(await readAudited(deps, me, me.participantId, null));
    },

    /** Saves the next version; `basedOnVersion` must be the latest (0 for the first), else 409. */
    async save(
      deps: Deps,
      actor: Actor,
      participantId: string,
      input: { basedOnVersion: number; plan: TPlan },
    ): Promise<PlanVersion<TPlan>> {
      authorize(actor, 'safety-plan.write');
      await assertParticipantAccessAudited(deps, actor, participantId, kind.saveAction);
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        // Locking the participant serialises saves of their plan: two editors cannot both make version n + 1.
        if (!(await findParticipant(tx, actor.orgId, participantId, { lock: true }))) throw notFound('The participant');
        const latest = (await versions(tx, actor.orgId, participantId))[0]?.version ?? 0;
        assertVersion(latest, input.basedOnVersion, kind.what);
        const version = latest + 1;
        await tx
          .insert(t)
          .values({
            orgId: actor.orgId,
            participantId,
            version,
            plan: input.plan,
            savedBy: actor.userId,
            savedAt: now,
          } as typeof t.$inferInsert);
        await recordAudit(
          tx,
          actor,
          actor.orgId,
          { action: kind.saveAction, entityType: kind.entityType, participantId, details: { version } },
          now,
        );
        const [row] = await versions(tx, actor.orgId, participantId);
        return versionOf(row!);
      });
    },
  };
}
