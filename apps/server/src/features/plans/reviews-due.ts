/**
 * Plan reviews due within DUE_SOON_DAYS or overdue, for the supervisor view: of active episodes whose primary
 * clinician is the reader or someone the reader supervises, which the reader may reach (care team, Part 2). One
 * statement gathers each episode's plan in force, last review and level-of-care history; core's `nextReviewDue` and
 * `dueState` decide the date and state, as the plan page does.
 */
import { dueState, levelOfCareChangeDates, localDateOf, nextReviewDue, type PlanReviewDueRow, type PlanReviewsDue } from '@trellis/core';
import { and, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, EPISODE_TABLE_COLUMNS, episodeDetailVisibility, participantVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf } from '../../db/index.ts';
import { episode } from '../../db/schema.ts';
import { zoneFor } from '../../db/site-zone.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

interface Row {
  episode_id: string;
  participant_id: string;
  display_name: string;
  program_name: string;
  time_zone: string;
  interval_days: number;
  plan_number: number;
  effective_on: string;
  last_reviewed_on: string | null;
  last_next_review_on: string | null;
  levels: { assessedOn: string; chosenLevel: string }[] | null;
  clinician_id: string | null;
  clinician_name: string | null;
}

export async function readPlanReviewsDue(deps: Deps, actor: Actor): Promise<PlanReviewsDue> {
  authorize(actor, 'clinical-note.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const visible = and(participantVisibility(actor, episode.participantId), episodeDetailVisibility(actor, EPISODE_TABLE_COLUMNS)) ?? sql`true`;
    const result = await tx.execute(sql`
      select episode.id as episode_id, episode.participant_id,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as display_name,
             pr.name as program_name, st.time_zone, pr.plan_review_interval_days as interval_days,
             v.number as plan_number, v.content->>'effectiveOn' as effective_on,
             r.reviewed_on::text as last_reviewed_on, r.next_review_on::text as last_next_review_on,
             (select json_agg(json_build_object('assessedOn', l.assessed_on::text, 'chosenLevel', l.chosen_level)
                              order by l.assessed_on, l.created_at)
                from level_of_care_assessment l where l.org_id = episode.org_id and l.episode_id = episode.id) as levels,
             u.id as clinician_id, u.name as clinician_name
        from episode
        join program pr on pr.org_id = episode.org_id and pr.id = episode.program_id
        join site st on st.org_id = pr.org_id and st.id = pr.site_id
        join participant p on p.org_id = episode.org_id and p.id = episode.participant_id
        join app_user u on u.org_id = episode.org_id and u.id = episode.primary_clinician_id
        join lateral (select number, content from treatment_plan_version tv
                       where tv.org_id = episode.org_id and tv.episode_id = episode.id and tv.status = 'signed'
                       order by tv.number desc limit 1) v on true
        left join lateral (select reviewed_on, next_review_on from plan_review pv
                            where pv.org_id = episode.org_id and pv.episode_id = episode.id
                            order by pv.reviewed_on desc, pv.created_at desc limit 1) r on true
       where episode.org_id = ${actor.orgId} and episode.status = 'active'
         and (u.id = ${actor.userId} or u.supervisor_id = ${actor.userId})
         and ${visible}`);
    const rows: PlanReviewDueRow[] = [];
    for (const r of rowsOf<Row>(result)) {
      const today = localDateOf(now.toISOString(), r.time_zone);
      const due = nextReviewDue({
        effectiveOn: r.effective_on,
        lastReviewedOn: r.last_reviewed_on,
        nextReviewOn: r.last_next_review_on,
        intervalDays: Number(r.interval_days),
        levelOfCareChangedOn: levelOfCareChangeDates(r.levels ?? []),
      });
      const state = dueState(due.dueOn, today);
      if (state === 'upcoming') continue;
      rows.push({
        episodeId: r.episode_id,
        participantId: r.participant_id,
        displayName: r.display_name,
        programName: r.program_name,
        planVersion: Number(r.plan_number),
        primaryClinician: r.clinician_id ? { id: r.clinician_id, name: r.clinician_name ?? '' } : null,
        dueOn: due.dueOn,
        reason: due.reason,
        state,
      });
    }
    rows.sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1) || a.dueOn.localeCompare(b.dueOn) || a.displayName.localeCompare(b.displayName));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'plan-review.list',
        entityType: 'treatment_plan',
        participantIds: rows.map((r) => r.participantId),
        details: { rows: rows.length, overdue: rows.filter((r) => r.state === 'overdue').length },
      },
      now,
    );
    return { today: localDateOf(now.toISOString(), await zoneFor(tx, actor.orgId, {})), rows };
  });
}
