/**
 * What intake checks before creating a record: whether the person may already have one (same name and birth date),
 * and whether the chosen track still has a place, so a profile is not created for an admission that must fail.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PossibleDuplicateList, PossibleDuplicatesQuery, TrackPlaces } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, participantVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { episode, participant } from '../../db/schema.ts';
import { notFound } from '../../http/problems.ts';
import { trackPlaces } from './track-capacity.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * Records with the same legal names (ignoring case and surrounding spaces) and birth date that the caller may see.
 * The answer discloses who matched, so it is audited like a list, with the ids shown.
 */
export async function findPossibleDuplicates(
  deps: Deps,
  actor: Actor,
  query: PossibleDuplicatesQuery,
): Promise<PossibleDuplicateList> {
  authorize(actor, 'participant.write');
  const now = deps.clock.now();
  const visible = participantVisibility(actor, participant.id);
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: participant.id,
        displayName: sql<string>`coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}`,
        dateOfBirth: participant.dateOfBirth,
        active: sql<boolean>`exists (select 1 from ${episode} e
                                     where e.org_id = ${participant.orgId} and e.participant_id = ${participant.id}
                                       and e.status = 'active')`,
      })
      .from(participant)
      .where(
        and(
          eq(participant.orgId, actor.orgId),
          eq(participant.dateOfBirth, query.dateOfBirth),
          sql`lower(${participant.givenName}) = lower(${query.givenName.trim()})`,
          sql`lower(${participant.familyName}) = lower(${query.familyName.trim()})`,
          visible,
        ),
      )
      .orderBy(participant.id)
      .limit(20);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'participant.list',
        entityType: 'participant',
        details: { purpose: 'duplicate-check', count: rows.length, participantIds: rows.map((r) => r.id) },
      },
      now,
    );
    return { items: rows.map((r) => ({ ...r, active: Boolean(r.active) })) };
  });
}

/** Places left on a track from a date on (counts only, no names). */
export async function placesOnTrack(deps: Deps, actor: Actor, trackId: string, on: string): Promise<TrackPlaces> {
  authorize(actor, 'episode.admit');
  const places = await trackPlaces(deps.db, actor.orgId, trackId, on);
  if (!places) throw notFound('The track');
  return {
    trackId,
    trackName: places.name,
    capacity: places.capacity,
    taken: places.taken,
    full: places.capacity !== null && places.taken >= places.capacity,
  };
}
