/**
 * Who may be chosen for a one-off session's roster (a make-up group): participants with an episode in the track's
 * program open on the session's date — the rule `createOneOffSession` checks the chosen roster against — the track's
 * own members first. A list of participants is a disclosure: one audit event records everyone listed.
 */
import { sql } from 'drizzle-orm';
import type { RosterCandidate } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { assertWorksInProgram, authorize, episodeColumns, episodeDetailVisibility, participantVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { rowsOf } from '../../db/index.ts';
import { episode } from '../../db/schema.ts';
import { notFound } from '../../http/problems.ts';
import { findTrackRow } from '../setup/queries.ts';

interface CandidateRow {
  participant_id: string;
  display_name: string;
  track_id: string | null;
  track_name: string | null;
}

export async function listRosterCandidates(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  trackId: string,
  localDate: string,
): Promise<{ items: RosterCandidate[] }> {
  authorize(actor, 'session.write');
  authorize(actor, 'participant.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const track = await findTrackRow(tx, actor.orgId, trackId);
    if (!track) throw notFound('The track');
    await assertWorksInProgram(tx, actor, track.programId);
    const rows = rowsOf<CandidateRow>(
      await tx.execute(sql`
        select distinct on (episode.participant_id)
               episode.participant_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as display_name,
               tm.track_id, t.name as track_name
          from ${episode}
          join participant p on p.org_id = episode.org_id and p.id = episode.participant_id
          left join track_membership tm on tm.org_id = episode.org_id and tm.episode_id = episode.id
                and tm.from_date <= ${localDate}::date and (tm.to_date is null or tm.to_date >= ${localDate}::date)
          left join track t on t.org_id = tm.org_id and t.id = tm.track_id
         where episode.org_id = ${actor.orgId} and episode.program_id = ${track.programId}
           and episode.admitted_on <= ${localDate}::date and (episode.discharged_on is null or episode.discharged_on >= ${localDate}::date)
           and ${participantVisibility(actor, episode.participantId) ?? sql`true`}
           and ${episodeDetailVisibility(actor, episodeColumns('episode'))}
         order by episode.participant_id, episode.admitted_on desc, (tm.track_id = ${trackId}::uuid) desc nulls last`),
    );
    const items = rows
      .map((r) => ({
        participantId: r.participant_id,
        displayName: r.display_name,
        trackId: r.track_id,
        trackName: r.track_name,
        onTrack: r.track_id === trackId,
      }))
      .sort((a, b) => Number(b.onTrack) - Number(a.onTrack) || a.displayName.localeCompare(b.displayName));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'participant.list',
        entityType: 'track',
        entityId: trackId,
        participantIds: items.map((i) => i.participantId),
        details: { purpose: 'roster-candidates', localDate, count: items.length },
      },
      now,
    );
    return { items };
  });
}
