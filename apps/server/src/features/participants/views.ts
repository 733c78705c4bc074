/** Turning rows into the API's participant and episode shapes. */
import { localDateOf, type EpisodeView, type ParticipantView } from '@trellis/core';
import type { EpisodeDetail, ParticipantRow } from './queries.ts';

/**
 * The track an episode is on: the membership covering today, else the latest one already started (a discharged
 * episode's last track), else the first one (an admission dated in the future).
 */
function currentMembership(memberships: EpisodeDetail['memberships'], today: string) {
  const covering = memberships.find((m) => m.fromDate <= today && (m.toDate === null || m.toDate >= today));
  if (covering) return covering;
  const started = memberships.filter((m) => m.fromDate <= today);
  return started[started.length - 1] ?? memberships[0] ?? null;
}

export function episodeView(detail: EpisodeDetail, now: Date): EpisodeView {
  const e = detail.episode;
  const current = currentMembership(detail.memberships, localDateOf(now.toISOString(), detail.timeZone));
  return {
    id: e.id,
    participantId: e.participantId,
    programId: e.programId,
    programName: detail.programName,
    levelOfCare: detail.levelOfCare,
    part2: e.part2,
    admittedOn: e.admittedOn,
    expectedWeeks: e.expectedWeeks,
    primaryClinicianId: e.primaryClinicianId,
    primaryClinicianName: detail.primaryClinicianName,
    status: e.status,
    dischargedOn: e.dischargedOn,
    disposition: e.disposition,
    dischargeNote: e.dischargeNote,
    currentTrackId: current?.trackId ?? null,
    currentTrackName: current?.trackName ?? null,
    memberships: detail.memberships.map((m) => ({
      trackId: m.trackId,
      trackName: m.trackName,
      fromDate: m.fromDate,
      toDate: m.toDate,
    })),
    version: e.version,
  };
}

export function participantView(row: ParticipantRow, episodes: EpisodeDetail[], now: Date): ParticipantView {
  const hasContact = row.emergencyContactName !== null;
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    preferredName: row.preferredName,
    pronouns: row.pronouns,
    dateOfBirth: row.dateOfBirth,
    phone: row.phone,
    email: row.email,
    sexForScoring: row.sexForScoring,
    emergencyContact: hasContact
      ? {
          name: row.emergencyContactName ?? '',
          relationship: row.emergencyContactRelationship ?? '',
          phone: row.emergencyContactPhone ?? '',
        }
      : null,
    version: row.version,
    part2: episodes.some((e) => e.episode.part2),
    episodes: episodes.map((e) => episodeView(e, now)),
  };
}
