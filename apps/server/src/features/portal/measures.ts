/**
 * The participant's questionnaires and daily check-in, in the portal. What is due comes from the same rule as the
 * clinician's due list, and answers are checked, scored and stored through the same path as one-time links
 * (measure-links' `storeAnswer`), so a risk answer raises the same safety alert; the participant is told at once
 * whether to see crisis resources. The participant comes from the signed-in principal; the episode must be theirs.
 */
import {
  MEASURES,
  publicQuestionnaire,
  type MeasureLinkKind,
  type PortalMeasures,
  type PublicMeasureReceipt,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import type { ParticipantActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { notFound, unprocessable } from '../../http/problems.ts';
import { claimIdempotencyKey, storeIdempotentAnswer } from '../attendance/idempotent-episode-write.ts';
import { replay, replayableSince, requestHash, type IdempotentRequest } from '../attendance/idempotency.ts';
import { dueForEpisodes, storeAnswer } from '../measure-links/service.ts';
import { participantActiveEpisodes } from '../measure-links/queries.ts';
import { lastCheckIns } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Questionnaires due this program week for the participant's current episodes, and where a check-in goes. */
export async function readOwnMeasures(deps: Deps, me: ParticipantActor): Promise<PortalMeasures> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const episodes = await participantActiveEpisodes(tx, me.orgId, me.participantId);
    const due = await dueForEpisodes(tx, me.orgId, episodes, now);
    const last = await lastCheckIns(
      tx,
      me.orgId,
      episodes.map((e) => e.episode_id),
    );
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'measure.due-list',
        entityType: 'measure_response',
        participantId: me.participantId,
        details: { via: 'portal', count: due.length },
      },
      now,
    );
    return {
      due: due.map((d) => ({
        episodeId: d.episodeId,
        programName: d.programName,
        reason: d.reason,
        dueOn: d.dueOn,
        questionnaire: publicQuestionnaire(MEASURES[d.instrument].instrument),
      })),
      checkIn: episodes.map((e) => ({
        episodeId: e.episode_id,
        programName: e.program_name,
        lastCheckedInAt: last.get(e.episode_id)?.toISOString() ?? null,
      })),
    };
  });
}

/**
 * The participant answers a questionnaire due for one of their current episodes, or checks in. 404 for an episode
 * that is not theirs or has ended (revealing nothing), 422 for a questionnaire not due, 400 naming the item at fault.
 * The form sends an Idempotency-Key made when it opened: a second tap (or a repeat on a flaky connection) replays the
 * first answer and stores nothing. The key is claimed before the due check, so a repeat racing the first waits for it
 * and replays its receipt rather than finding the questionnaire answered (422).
 */
export async function answerOwnMeasure(
  deps: Deps,
  me: ParticipantActor,
  episodeId: string,
  kind: MeasureLinkKind,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<PublicMeasureReceipt> {
  const now = deps.clock.now();
  const route = `POST /v1/portal/episodes/${episodeId}/measures/${kind}`;
  const idem: IdempotentRequest = {
    orgId: me.orgId,
    userId: me.userId,
    key: idempotencyKey,
    route,
    requestHash: requestHash(route, body),
  };
  return deps.db.transaction(async (tx) => {
    const episodes = await participantActiveEpisodes(tx, me.orgId, me.participantId);
    const episode = episodes.find((e) => e.episode_id === episodeId);
    if (!episode) throw notFound('The episode');
    const claim = await claimIdempotencyKey(tx, idem, now, replayableSince(now));
    if (!claim.claimed) return replay<PublicMeasureReceipt>(claim.stored, idem);
    if (kind !== 'check-in') {
      const due = await dueForEpisodes(tx, me.orgId, [episode], now);
      if (!due.some((d) => d.instrument === kind)) {
        throw unprocessable('This questionnaire is not due for you now.', [
          { path: 'params.kind', message: 'is not due' },
        ]);
      }
    }
    const { audit, alerted } = await storeAnswer(tx, {
      orgId: me.orgId,
      episode: { id: episode.episode_id, participantId: me.participantId },
      kind,
      body,
      answeredIn: 'portal',
      now,
    });
    await recordAudit(
      tx,
      me,
      me.orgId,
      audit.map((e) => ({ ...e, details: { ...e.details, via: 'portal' } })),
      now,
    );
    const receipt: PublicMeasureReceipt = { status: 'received', showCrisisResources: alerted };
    await storeIdempotentAnswer(tx, idem, 201, receipt);
    return receipt;
  });
}
