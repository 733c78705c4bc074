/**
 * Daily check-ins (issue 7): mood, anxiety and craving, sleep, any use, a note, and the safety question. Entered by
 * staff here, or answered by the participant through a one-time link (measure-links). Both store through
 * `storeCheckIn`, which raises the same safety alert a PHQ-9 item 9 does, through the measures feature's path.
 */
import { checkInFlags, safetyAlertKindOf, type CheckIn, type CheckInList, type ParticipantAnswerSource, type StoredCheckIn } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import {
  authorize,
  episodeColumns,
  episodeDetailVisibility,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { idempotentEpisodeWrite } from '../attendance/idempotent-episode-write.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { alertRaisedAudit } from '../measures/service.ts';
import { insertSafetyAlert } from '../measures/queries.ts';
import { insertCheckIn, participantCheckIns, type CheckInRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** How many check-ins a participant's list shows (newest first): about three months of daily check-ins. */
export const CHECK_IN_LIST_LIMIT = 100;

/** Stores a check-in and raises a safety alert for thoughts of self-harm; answers the audit entries to record. */
export async function storeCheckIn(
  tx: DbOrTx,
  input: {
    orgId: string;
    episode: { id: string; participantId: string };
    checkIn: CheckIn;
    /** Null for a participant answering through a link or the portal. */
    enteredBy: string | null;
    /** Where the participant answered ('link' unless said). */
    answeredIn?: ParticipantAnswerSource;
    now: Date;
  },
): Promise<{ row: CheckInRow; alertId: string | null; audit: AuditEntry[] }> {
  const c = input.checkIn;
  const what = c.substancesUsed?.trim() ?? '';
  const note = c.note?.trim() ?? '';
  const row = await insertCheckIn(tx, {
    orgId: input.orgId,
    episodeId: input.episode.id,
    participantId: input.episode.participantId,
    mood: c.mood,
    anxiety: c.anxiety,
    craving: c.craving,
    sleepHours: c.sleepHours,
    anyUse: c.anyUse,
    substancesUsed: c.anyUse ? what : null,
    selfHarmThoughts: c.selfHarmThoughts,
    note: note === '' ? null : note,
    source: input.enteredBy === null ? (input.answeredIn ?? 'link') : 'staff',
    enteredBy: input.enteredBy,
    checkedInAt: input.now,
  });
  const kind = safetyAlertKindOf(checkInFlags(c));
  const alert = kind
    ? await insertSafetyAlert(tx, {
        orgId: input.orgId,
        participantId: input.episode.participantId,
        episodeId: input.episode.id,
        checkInId: row.id,
        kind,
        createdAt: input.now,
      })
    : null;
  // Ids only: a check-in's answers are clinical content and stay out of the trail.
  const audit: AuditEntry[] = [
    {
      action: 'check-in.record',
      entityType: 'check_in',
      entityId: row.id,
      participantId: input.episode.participantId,
      details: { episodeId: input.episode.id, source: row.source },
    },
  ];
  if (alert) audit.push(alertRaisedAudit(alert, { checkInId: row.id }));
  return { row, alertId: alert?.id ?? null, audit };
}

export function checkInView(row: CheckInRow, safetyAlertId: string | null): StoredCheckIn {
  return {
    id: row.id,
    participantId: row.participantId,
    episodeId: row.episodeId,
    mood: row.mood,
    anxiety: row.anxiety,
    craving: row.craving,
    sleepHours: row.sleepHours,
    anyUse: row.anyUse,
    substancesUsed: row.substancesUsed,
    selfHarmThoughts: row.selfHarmThoughts,
    note: row.note,
    source: row.source,
    enteredBy: row.enteredBy,
    checkedInAt: row.checkedInAt.toISOString(),
    safetyAlertId,
  };
}

/** Staff enter a check-in for an episode they may reach; a repeat with the same Idempotency-Key stores one. */
export async function enterCheckIn(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: CheckIn,
  idempotencyKey: string,
): Promise<StoredCheckIn> {
  authorize(actor, 'measure.write');
  const now = deps.clock.now();
  return idempotentEpisodeWrite(
    deps.db,
    actor,
    { episodeId, route: `POST /v1/episodes/${episodeId}/check-ins`, body: input, idempotencyKey, now },
    async ({ tx, episode }) => {
      const { row, alertId, audit } = await storeCheckIn(tx, { orgId: actor.orgId, episode, checkIn: input, enteredBy: actor.userId, now });
      return { answer: checkInView(row, alertId), audit };
    },
  );
}

/** A participant's check-ins, newest first (episodes the Part 2 rule hides are left out), audited. */
export async function listCheckIns(deps: Deps, actor: Actor, participantId: string): Promise<CheckInList> {
  authorize(actor, 'measure.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'check-in.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await participantCheckIns(tx, actor.orgId, participantId, episodeDetailVisibility(actor, episodeColumns('e')), CHECK_IN_LIST_LIMIT);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'check-in.read', entityType: 'check_in', participantId, details: { count: rows.length } },
      now,
    );
    return { items: rows.map((r) => checkInView(r, r.safetyAlertId)) };
  });
}
