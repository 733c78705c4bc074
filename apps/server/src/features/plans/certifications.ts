/**
 * Physician certification of PHP/IOP for programs that bill Medicare (domain.md §3.1; core certification.ts): due
 * dates per episode, a prescriber's queue of what is due and overdue, and certifying in one step with the signed plan
 * of care the certification rests on.
 */
import {
  CERTIFICATION_STATEMENTS,
  CERTIFIED_LEVELS,
  localDateOf,
  nextCertificationDue,
  type CertificationCreate,
  type CertificationQueue,
  type CertificationQueueRow,
  type CertificationView,
  type CertifiedLevel,
  type EpisodeCertifications,
} from '@trellis/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, EPISODE_TABLE_COLUMNS, episodeDetailVisibility, participantVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { appUser, certification, episode, treatmentPlanVersion } from '../../db/schema.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { conflict, notFound, unprocessable } from '../../http/problems.ts';
import type { RecordEpisode } from '../clinical/queries.ts';
import { onEpisodeRecord } from '../clinical/service.ts';
import { findPlanSettings } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function certifiedLevel(level: string): CertifiedLevel | null {
  return (CERTIFIED_LEVELS as readonly string[]).includes(level) ? (level as CertifiedLevel) : null;
}

async function listCertifications(db: DbOrTx, orgId: string, episodeId: string) {
  return db
    .select({ c: certification, number: treatmentPlanVersion.number, certifiedByName: appUser.name })
    .from(certification)
    .innerJoin(treatmentPlanVersion, and(eq(treatmentPlanVersion.orgId, certification.orgId), eq(treatmentPlanVersion.id, certification.planVersionId)))
    .innerJoin(appUser, and(eq(appUser.orgId, certification.orgId), eq(appUser.id, certification.certifiedBy)))
    .where(and(eq(certification.orgId, orgId), eq(certification.episodeId, episodeId)))
    .orderBy(asc(certification.sequence));
}

function certificationView(r: Awaited<ReturnType<typeof listCertifications>>[number]): CertificationView {
  return {
    id: r.c.id,
    episodeId: r.c.episodeId,
    kind: r.c.sequence === 1 ? 'certification' : 'recertification',
    sequence: r.c.sequence,
    level: r.c.level,
    certifiedOn: r.c.certifiedOn,
    dueOn: r.c.dueOn,
    planVersion: r.number,
    statement: r.c.statement,
    certifiedBy: { id: r.c.certifiedBy, name: r.certifiedByName },
    createdAt: r.c.createdAt.toISOString(),
  };
}

/** The level to certify, or null when the episode's program does not need certification. */
async function requirementOf(tx: DbOrTx, orgId: string, ep: RecordEpisode): Promise<CertifiedLevel | null> {
  const settings = await findPlanSettings(tx, orgId, ep.programId);
  if (!settings) throw notFound('The program');
  return settings.certificationRequired ? certifiedLevel(settings.levelOfCare) : null;
}

async function episodeDates(tx: DbOrTx, orgId: string, episodeId: string) {
  const [row] = await tx
    .select({ admittedOn: episode.admittedOn, dischargedOn: episode.dischargedOn })
    .from(episode)
    .where(and(eq(episode.orgId, orgId), eq(episode.id, episodeId)));
  return row!;
}

/** An episode's certifications and the next one due. */
export async function readEpisodeCertifications(deps: Deps, actor: Actor, episodeId: string): Promise<EpisodeCertifications> {
  authorize(actor, 'clinical-note.read');
  return onEpisodeRecord(deps, actor, episodeId, 'certification.read', async (tx, ep) => {
    const level = await requirementOf(tx, actor.orgId, ep);
    const rows = await listCertifications(tx, actor.orgId, ep.id);
    const dates = await episodeDates(tx, actor.orgId, ep.id);
    const today = localDateOf(deps.clock.now().toISOString(), ep.timeZone);
    const next = level ? nextCertificationDue({ level, ...dates, certifiedOn: rows.map((r) => r.c.certifiedOn) }, today) : null;
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'certification.read', entityType: 'episode', entityId: ep.id, participantId: ep.participantId, details: { count: rows.length } },
      deps.clock.now(),
    );
    return { episodeId: ep.id, required: level !== null, certifications: rows.map(certificationView), next };
  });
}

/**
 * Certifies the certification now due (the sequence the prescriber saw: a second click finds it made and gets 409),
 * resting on the signed plan of care in force.
 */
export async function certifyEpisode(deps: Deps, actor: Actor, episodeId: string, input: CertificationCreate): Promise<CertificationView> {
  authorize(actor, 'certification.sign');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'certification.sign', async (tx, ep) => {
    const level = await requirementOf(tx, actor.orgId, ep);
    if (!level) throw unprocessable("This episode's program does not need a physician's certification.");
    await tx.execute(sql`select 1 from episode where org_id = ${actor.orgId} and id = ${ep.id} for update`);
    const rows = await listCertifications(tx, actor.orgId, ep.id);
    const dates = await episodeDates(tx, actor.orgId, ep.id);
    const today = localDateOf(now.toISOString(), ep.timeZone);
    const next = nextCertificationDue({ level, ...dates, certifiedOn: rows.map((r) => r.c.certifiedOn) }, today);
    if (next === null) throw unprocessable('No certification is due for this episode.');
    if (next.sequence !== input.sequence) {
      throw conflict(`Certification ${input.sequence} has already been made. Reload to see what is due now.`, [
        { path: 'body.sequence', message: `the next is ${next.sequence}` },
      ]);
    }
    const [plan] = await tx
      .select({ id: treatmentPlanVersion.id, number: treatmentPlanVersion.number })
      .from(treatmentPlanVersion)
      .where(and(eq(treatmentPlanVersion.orgId, actor.orgId), eq(treatmentPlanVersion.episodeId, ep.id), eq(treatmentPlanVersion.status, 'signed')))
      .orderBy(desc(treatmentPlanVersion.number))
      .limit(1);
    if (!plan) throw unprocessable('The plan of care must be signed before the certification.', [{ path: 'plan', message: 'is not signed yet' }]);
    const [row] = await tx
      .insert(certification)
      .values({
        orgId: actor.orgId,
        episodeId: ep.id,
        participantId: ep.participantId,
        part2: ep.part2,
        sequence: next.sequence,
        level,
        certifiedOn: today,
        dueOn: next.dueOn,
        planVersionId: plan.id,
        statement: CERTIFICATION_STATEMENTS[level],
        certifiedBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: certification.id });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'certification.sign',
        entityType: 'certification',
        entityId: row!.id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, sequence: next.sequence, dueOn: next.dueOn, state: next.state, planVersion: plan.number },
      },
      now,
    );
    const made = (await listCertifications(tx, actor.orgId, ep.id)).find((r) => r.c.id === row!.id);
    return certificationView(made!);
  });
}

const DUE_ORDER = { overdue: 0, due: 1, upcoming: 2 } as const;

/**
 * The certification queue: every active episode the actor may reach in a program that needs certification, with its
 * next certification, overdue first. One statement gathers the episodes with their certification dates.
 */
export async function readCertificationQueue(deps: Deps, actor: Actor, query: { programId?: string | undefined }): Promise<CertificationQueue> {
  authorize(actor, 'certification.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const visible = and(participantVisibility(actor, episode.participantId), episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS)) ?? sql`true`;
    const result = await tx.execute(sql`
      select episode.id as episode_id, episode.participant_id, episode.program_id, pr.name as program_name, pr.level_of_care,
             episode.admitted_on::text as admitted_on, episode.discharged_on::text as discharged_on, st.time_zone,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as display_name,
             coalesce((select array_agg(c.certified_on::text) from certification c
                        where c.org_id = episode.org_id and c.episode_id = episode.id), '{}') as certified_on,
             (select max(v.number) from treatment_plan_version v
               where v.org_id = episode.org_id and v.episode_id = episode.id and v.status = 'signed') as plan_version
        from episode
        join program pr on pr.org_id = episode.org_id and pr.id = episode.program_id
        join site st on st.org_id = pr.org_id and st.id = pr.site_id
        join participant p on p.org_id = episode.org_id and p.id = episode.participant_id
       where episode.org_id = ${actor.orgId} and episode.status = 'active'
         and pr.certification_required and pr.level_of_care in ('php', 'iop')
         ${query.programId ? sql`and episode.program_id = ${query.programId}` : sql``}
         and ${visible}`);
    const rows: CertificationQueueRow[] = [];
    for (const r of rowsOf<{
      episode_id: string;
      participant_id: string;
      program_id: string;
      program_name: string;
      level_of_care: string;
      admitted_on: string;
      discharged_on: string | null;
      time_zone: string;
      display_name: string;
      certified_on: string[];
      plan_version: number | null;
    }>(result)) {
      const level = certifiedLevel(r.level_of_care);
      if (!level) continue;
      const today = localDateOf(now.toISOString(), r.time_zone);
      const due = nextCertificationDue({ level, admittedOn: r.admitted_on, dischargedOn: r.discharged_on, certifiedOn: r.certified_on }, today);
      if (!due) continue;
      rows.push({
        episodeId: r.episode_id,
        participantId: r.participant_id,
        displayName: r.display_name,
        programId: r.program_id,
        programName: r.program_name,
        level,
        admittedOn: r.admitted_on,
        due,
        planVersion: r.plan_version === null ? null : Number(r.plan_version),
        statement: CERTIFICATION_STATEMENTS[level],
      });
    }
    rows.sort((a, b) => DUE_ORDER[a.due.state] - DUE_ORDER[b.due.state] || a.due.dueOn.localeCompare(b.due.dueOn) || a.displayName.localeCompare(b.displayName));
    const counts = { overdue: 0, due: 0, upcoming: 0 };
    for (const r of rows) counts[r.due.state] += 1;
    const zone = await zoneFor(tx, actor.orgId, { programId: query.programId });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'certification.list',
        entityType: 'certification',
        participantIds: rows.map((r) => r.participantId),
        details: { rows: rows.length, ...counts },
      },
      now,
    );
    return { today: localDateOf(now.toISOString(), zone), rows, counts };
  });
}
