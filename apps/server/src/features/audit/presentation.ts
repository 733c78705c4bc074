/**
 * How the audit trail is shown to the person reading it. The administrator "keeps no participant records": it sees a
 * pseudonymous reference for each participant (stable, so one person's events can be followed, but not reversible
 * without the server's secret) and nothing that names a record or a program. Anyone reading the trail sees no
 * program or track of a Part 2 program they are not staff of, so the trail does not tell them who was admitted there.
 * A list view's event carries only how many participants it showed; asked about one participant, it is shown against
 * that participant, under the same rules.
 */
import { createHmac } from 'node:crypto';
import { PARTICIPANT_ROLE, readsParticipantRecords, type AuditEventView, type StaffRole } from '@trellis/core';

/** Detail keys that name a program, track or session, i.e. where an admission or attendance happened. */
const PLACE_KEYS = ['programId', 'trackId', 'fromTrackId', 'toTrackId', 'sessionId'];

/** A participant's stable pseudonym in an organisation's audit trail, e.g. "P-3F9A0C1B2D". */
export function participantPseudonym(secret: string, orgId: string, participantId: string): string {
  const mac = createHmac('sha256', secret).update(`audit-participant:${orgId}:${participantId}`).digest('hex');
  return `P-${mac.slice(0, 10).toUpperCase()}`;
}

type Row = Omit<AuditEventView, 'participantRef'>;

function withoutPlaces(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([k]) => !PLACE_KEYS.includes(k)));
}

function namesHiddenPlace(details: Record<string, unknown>, hidden: ReadonlySet<string>): boolean {
  return PLACE_KEYS.some((k) => typeof details[k] === 'string' && hidden.has(details[k]));
}

/** One event as the reader may see it. */
export function presentAuditEvent(
  row: Row,
  reader: { role: StaffRole; orgId: string },
  secret: string,
  hiddenPart2Places: ReadonlySet<string>,
): AuditEventView {
  const details = namesHiddenPlace(row.details, hiddenPart2Places) ? withoutPlaces(row.details) : row.details;
  if (readsParticipantRecords(reader.role) || row.participantId === null) {
    return { ...row, details, participantRef: null };
  }
  return {
    ...row,
    // A participant acting in their portal is the participant: their account is as identifying as their record.
    ...(row.actorRole === PARTICIPANT_ROLE ? { actorId: null, actorName: null } : {}),
    participantId: null,
    participantName: null,
    participantRef: participantPseudonym(secret, reader.orgId, row.participantId),
    // The record the event was about (participant, episode, session) would lead back to the person.
    entityId: null,
    details: withoutPlaces(details),
  };
}
