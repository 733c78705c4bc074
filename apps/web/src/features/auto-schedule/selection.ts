/** What the coordinator has chosen to book from a run's proposal: pure helpers the review page composes. */
import { placementId, type ProposedPlacement, type ScheduleRun } from '@trellis/core';

export type Grouping = 'clinician' | 'participant';

/** Placements grouped by clinician or by participant, each group in time order, groups by name. */
export function groupPlacements(placements: readonly ProposedPlacement[], by: Grouping): { key: string; name: string; items: ProposedPlacement[] }[] {
  const groups = new Map<string, { key: string; name: string; items: ProposedPlacement[] }>();
  for (const p of placements) {
    const key = by === 'clinician' ? p.clinicianId : p.participantId;
    const name = by === 'clinician' ? p.clinicianName : p.participantName;
    const group = groups.get(key) ?? { key, name, items: [] };
    group.items.push(p);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/** Ids of the placements an earlier accept booked: they cannot be chosen again. */
export function bookedPlacementIds(run: ScheduleRun): Set<string> {
  return new Set((run.result?.booked ?? []).map(placementId));
}

/** Ids still open to choose: every placement not booked yet (an earlier clash may be tried again). */
export function choosablePlacementIds(run: ScheduleRun): string[] {
  const booked = bookedPlacementIds(run);
  return (run.proposal?.placements ?? []).map((p) => p.id).filter((id) => !booked.has(id));
}

/** The selection with `ids` all added (on) or all removed (off). */
export function toggled(selection: ReadonlySet<string>, ids: readonly string[], on: boolean): Set<string> {
  const next = new Set(selection);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** A group checkbox's state: all chosen, some, or none of the ids it covers. */
export function coverage(selection: ReadonlySet<string>, ids: readonly string[]): 'all' | 'some' | 'none' {
  const chosen = ids.filter((id) => selection.has(id)).length;
  if (ids.length > 0 && chosen === ids.length) return 'all';
  return chosen === 0 ? 'none' : 'some';
}

/**
 * The time zone a placement (or a clash) is shown in: its own site's. A run over every program spans sites in
 * different zones, so the proposal's one zone (its first program's) is only the fallback while the sites load.
 */
export function siteZone(sites: readonly { id: string; timeZone: string }[] | undefined, fallback: string): (siteId: string) => string {
  const zones = new Map((sites ?? []).map((s) => [s.id, s.timeZone]));
  return (siteId) => zones.get(siteId) ?? fallback;
}
