/**
 * Measures entered by staff and the safety alerts they raise. Entering a measure: authorise, reach the episode (care
 * team, then the Part 2 rule), then one transaction that claims the Idempotency-Key, scores the answers with core's
 * `scoreMeasure`, stores the response, raises an alert for a safety flag (announced by NOTIFY on commit) and audits it.
 */
import {
  MEASURES,
  measureOutcome,
  reliableChange,
  safetyAlertKindOf,
  scoreMeasure,
  type InstrumentId,
  type MeasureEntry,
  type MeasureSeries,
  type ParticipantAnswerSource,
  type ParticipantMeasures,
  type SafetyAcknowledgement,
  type SafetyAlert,
  type SafetyAlertList,
  scoringContextOf,
  type ScoringContext,
  type SexForScoring,
  type StoredMeasure,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import {
  assertEpisodeDetailAccess,
  assertParticipantAccess,
  authorize,
  episodeColumns,
  episodeDetailVisibility,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, conflict, notFound } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { idempotentEpisodeWrite } from '../attendance/idempotent-episode-write.ts';
import {
  acknowledge,
  alertById,
  alertForUpdate,
  insertMeasureResponse,
  insertSafetyAlert,
  openAlertCountFor,
  openAlertsFor,
  participantResponses,
  participantSexForScoring,
  type AlertListRow,
  type AlertRow,
  type MeasureRow,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;


export async function enterMeasure(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: MeasureEntry,
  idempotencyKey: string,
): Promise<StoredMeasure> {
  authorize(actor, 'measure.write');
  const now = deps.clock.now();
  const administeredAt = input.administeredAt ? new Date(input.administeredAt) : now;
  if (administeredAt > now) {
    throw badRequest([{ path: 'body.administeredAt', message: 'must not be in the future' }]);
  }
  return idempotentEpisodeWrite(
    deps.db,
    actor,
    { episodeId, route: `POST /v1/episodes/${episodeId}/measures`, body: input, idempotencyKey, now },
    async ({ tx, episode }) => {
      const { row, alert, audit } = await storeScoredResponse(tx, {
        orgId: actor.orgId,
        episode,
        instrument: input.instrument,
        answers: input.answers,
        administeredAt,
        enteredBy: actor.userId,
        now,
      });
      return { answer: storedMeasureView(row, alert?.id ?? null), audit };
    },
  );
}

/**
 * The one path every answered instrument takes, whoever entered it (staff in session, a participant through a
 * one-time link): score with core's `scoreMeasure`, store the response, raise one safety alert for a safety flag
 * (announced by NOTIFY on commit), and name the audit entries the caller records. Runs in the caller's transaction.
 */
export async function storeScoredResponse(
  tx: DbOrTx,
  input: {
    orgId: string;
    episode: { id: string; participantId: string };
    instrument: InstrumentId;
    answers: Readonly<Record<string, unknown>>;
    administeredAt: Date;
    /** Null for a participant answering through a link or the portal. */
    enteredBy: string | null;
    /** Where the participant answered ('link' unless said). */
    answeredIn?: ParticipantAnswerSource;
    now: Date;
  },
): Promise<{ row: MeasureRow; alert: AlertRow | null; audit: AuditEntry[] }> {
  // The AUDIT-C's cut-off depends on the participant's recorded sex; the sex used is stored with the score.
  const scoringSex: SexForScoring | null = MEASURES[input.instrument].note
    ? await participantSexForScoring(tx, input.orgId, input.episode.participantId)
    : null;
  const score = scoreMeasure(input.instrument, input.answers, scoringContextOf(scoringSex));
  const row = await insertMeasureResponse(tx, {
    orgId: input.orgId,
    episodeId: input.episode.id,
    participantId: input.episode.participantId,
    instrumentId: input.instrument,
    answers: input.answers as Record<string, number>,
    total: score.total,
    subscales: { ...score.subscales },
    bandId: score.band?.id ?? null,
    flags: [...score.flags],
    administeredAt: input.administeredAt,
    enteredBy: input.enteredBy,
    ...(input.answeredIn ? { answeredIn: input.answeredIn } : {}),
    scoringSex,
  });
  const kind = safetyAlertKindOf(score.flags);
  const alert = kind
    ? await insertSafetyAlert(tx, {
        orgId: input.orgId,
        participantId: input.episode.participantId,
        episodeId: input.episode.id,
        responseId: row.id,
        kind,
        createdAt: input.now,
      })
    : null;
  // Ids, the instrument and the alert kind only: no answers or scores in the trail.
  const audit: AuditEntry[] = [
    {
      action: 'measure.record',
      entityType: 'measure_response',
      entityId: row.id,
      participantId: input.episode.participantId,
      details: { episodeId: input.episode.id, instrument: input.instrument, source: row.source },
    },
  ];
  if (alert) audit.push(alertRaisedAudit(alert, { responseId: row.id }));
  return { row, alert, audit };
}

/** The audit entry for a raised alert. */
export function alertRaisedAudit(alert: AlertRow, cause: { responseId?: string; checkInId?: string }): AuditEntry {
  return {
    action: 'safety-alert.raise',
    entityType: 'safety_alert',
    entityId: alert.id,
    participantId: alert.participantId,
    details: { ...cause, kind: alert.kind },
  };
}

function bandOf(instrument: InstrumentId, bandId: string | null, context: ScoringContext) {
  const band = MEASURES[instrument].bands(context).find((b) => b.id === bandId);
  return band ? { id: band.id, label: band.label } : null;
}

/** The sentence saying how a stored score was reached (AUDIT-C: which cut-off), from the sex it was scored with. */
function scoringNoteOf(row: MeasureRow): string | null {
  return MEASURES[row.instrumentId].note?.(scoringContextOf(row.scoringSex)) ?? null;
}

function storedMeasureView(row: MeasureRow, safetyAlertId: string | null): StoredMeasure {
  return {
    id: row.id,
    participantId: row.participantId,
    episodeId: row.episodeId,
    instrument: row.instrumentId,
    answers: row.answers,
    total: row.total,
    band: bandOf(row.instrumentId, row.bandId, scoringContextOf(row.scoringSex)),
    subscales: row.subscales,
    flags: row.flags,
    scoringNote: scoringNoteOf(row),
    administeredAt: row.administeredAt.toISOString(),
    enteredBy: row.enteredBy,
    source: row.source,
    safetyAlertId,
  };
}

/**
 * A participant's scores per episode and instrument, oldest first, each compared with the episode's first (admission)
 * score by core's reliable change; episodes the Part 2 rule hides from the caller are left out as if absent.
 */
export async function readParticipantMeasures(deps: Deps, actor: Actor, participantId: string): Promise<ParticipantMeasures> {
  authorize(actor, 'measure.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'measure.read');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await participantResponses(tx, actor.orgId, participantId, episodeDetailVisibility(actor, episodeColumns('e')));
    // Bands drawn behind a series follow the participant's sex as recorded now; each point keeps the cut-off it was scored with.
    const recordedSex = scoringContextOf(await participantSexForScoring(tx, actor.orgId, participantId));
    const series: MeasureSeries[] = [];
    for (const row of rows) {
      let current = series[series.length - 1];
      if (!current || current.episodeId !== row.episodeId || current.instrument !== row.instrumentId) {
        const measure = MEASURES[row.instrumentId];
        current = {
          episodeId: row.episodeId,
          instrument: row.instrumentId,
          shortName: measure.instrument.shortName,
          bands: measure.bands(recordedSex).map((b) => ({ id: b.id, label: b.label, min: b.min, max: b.max })),
          points: [],
          outcome: null,
        };
        series.push(current);
      }
      const first = current.points[0]?.total;
      const change =
        first !== undefined && first !== null && row.total !== null ? reliableChange(row.instrumentId, first, row.total) : null;
      current.points.push({
        responseId: row.id,
        administeredAt: row.administeredAt.toISOString(),
        total: row.total,
        band: bandOf(row.instrumentId, row.bandId, scoringContextOf(row.scoringSex)),
        subscales: row.subscales,
        flags: row.flags,
        scoringNote: scoringNoteOf(row),
        fromFirst: change
          ? { change: change.change, rci: change.rci, reliable: change.reliable, direction: change.direction, minimumReliablePoints: change.minimumReliablePoints }
          : null,
      });
    }
    for (const s of series) {
      const first = s.points[0]?.total;
      const last = s.points[s.points.length - 1]?.total;
      if (s.points.length < 2 || first == null || last == null) continue;
      const o = measureOutcome(s.instrument, first, last);
      s.outcome = {
        response: o.response,
        remission: o.remission,
        clinicallyMeaningful: o.clinicallyMeaningful,
        clinicallySignificant: o.clinicallySignificant,
      };
    }
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'measure.read',
        entityType: 'measure_response',
        participantId,
        details: { view: 'participant-measures', count: rows.length },
      },
      now,
    );
    return { series };
  });
}

function alertView(row: AlertListRow): SafetyAlert {
  const acknowledgedAt = row.acknowledged_at;
  return {
    id: row.id,
    participantId: row.participant_id,
    participantName: `${row.given_name} ${row.family_name}`,
    episodeId: row.episode_id,
    programName: row.program_name,
    responseId: row.response_id,
    kind: row.kind,
    createdAt: row.created_at,
    acknowledgedAt,
    acknowledgedBy: row.acknowledged_by,
    action: row.action,
    secondsToAcknowledge: acknowledgedAt ? (Date.parse(acknowledgedAt) - Date.parse(row.created_at)) / 1000 : null,
  };
}

/** The open alerts the caller must see (primary clinician, program supervisor, clinician's supervisor), audited as a list. */
export async function listOpenAlerts(deps: Deps, actor: Actor): Promise<SafetyAlertList> {
  authorize(actor, 'safety-alert.acknowledge');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await openAlertsFor(tx, actor.orgId, { id: actor.userId, role: actor.role });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'safety-alert.list',
        entityType: 'safety_alert',
        participantIds: [...new Set(rows.map((r) => r.participant_id))],
        details: { count: rows.length },
      },
      now,
    );
    return { items: rows.map(alertView) };
  });
}

/**
 * Acknowledges an alert with what was done: anyone with the permission who may reach the participant and the episode
 * (Part 2) may, once; the time from alert to acknowledgement is returned and kept.
 */
export async function acknowledgeAlert(
  deps: Deps,
  actor: Actor,
  alertId: string,
  input: SafetyAcknowledgement,
): Promise<SafetyAlert> {
  authorize(actor, 'safety-alert.acknowledge');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const found = await alertForUpdate(tx, actor.orgId, alertId);
    if (!found) throw notFound('The safety alert');
    await assertParticipantAccess(tx, actor, found.participant_id);
    await assertEpisodeDetailAccess(tx, actor, {
      part2: found.part2,
      programId: found.program_id,
      primaryClinicianId: found.primary_clinician_id,
    });
    if (found.acknowledged_at !== null || !(await acknowledge(tx, actor.orgId, alertId, { at: now, by: actor.userId, action: input.action, note: input.note || null }))) {
      throw conflict('This alert was already acknowledged.');
    }
    const row = await alertById(tx, actor.orgId, alertId);
    if (!row) throw new Error('alert vanished');
    const view = alertView(row);
    // The action and the delay, not the note: the note is clinical text and stays out of the trail.
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'safety-alert.acknowledge',
        entityType: 'safety_alert',
        entityId: alertId,
        participantId: found.participant_id,
        details: { action: input.action, secondsToAcknowledge: view.secondsToAcknowledge },
      },
      now,
    );
    return view;
  });
}

/**
 * Opens an alert stream for the caller: the same permission as the list, and the number of open alerts they must see
 * (ids and counts only, so not audited: the page reads the audited list for anything it shows).
 */
export async function alertStreamStart(deps: Deps, actor: Actor): Promise<{ openCount: number }> {
  authorize(actor, 'safety-alert.acknowledge');
  return { openCount: await openAlertCountFor(deps.db, actor.orgId, { id: actor.userId, role: actor.role }) };
}
