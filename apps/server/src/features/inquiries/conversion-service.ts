/**
 * Converting an inquiry from the board, once: "Admit" registers the participant and admits them to a program and
 * track in one transaction — through the participants feature's own register and admit use cases, so every rule and
 * audit event of an ordinary admission applies — marks the inquiry admitted with the episode, and attaches the
 * intake assessments started for the inquiry to the episode. "Refer elsewhere" records where the person was referred
 * and why. A second conversion is 409.
 */
import type { AdmitInquiry, AdmittedInquiry, Inquiry, ReferInquiry } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import type { DbOrTx } from '../../db/index.ts';
import { assertVersion, Problem } from '../../http/problems.ts';
import { attachInquiryAssessmentsToEpisode } from '../intake-assessments/service.ts';
import { admitParticipantIn } from '../participants/episodes-service.ts';
import { registerParticipant } from '../participants/service.ts';
import { markInquiryAdmitted, markInquiryReferred } from './queries.ts';
import { alreadyConverted, inquiryView, visibleInquiry } from './service.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * Runs a use case written for a flat body under one part of this nested body, so the fields its refusals name
 * (`body.dateOfBirth`) are the ones the client sent (`body.participant.dateOfBirth`).
 */
async function underPart<T>(part: 'participant' | 'admission', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Problem) || !error.errors) throw error;
    const errors = error.errors.map((e) => ({ ...e, path: e.path.replace(/^body\./, `body.${part}.`) }));
    throw new Problem(error.status, error.title, error.detail, errors);
  }
}

/** The inquiry, locked, visible to the actor, not yet converted and at the client's version. */
async function inquiryToConvert(tx: DbOrTx, actor: Actor, id: string, version: number) {
  const stored = await visibleInquiry(tx, actor, id, true);
  if (stored.episodeId || stored.referredTo || stored.status === 'admitted' || stored.status === 'referred_elsewhere') throw alreadyConverted();
  assertVersion(stored.version, version, 'The inquiry');
  return stored;
}

export async function admitInquiry(deps: Deps, actor: Actor, id: string, input: AdmitInquiry): Promise<AdmittedInquiry> {
  authorize(actor, 'inquiry.write');
  authorize(actor, 'participant.write');
  authorize(actor, 'episode.admit');
  return deps.db.transaction(async (tx) => {
    const stored = await inquiryToConvert(tx, actor, id, input.version);
    const person = await underPart('participant', () => registerParticipant(tx, deps, actor, input.participant));
    const episode = await underPart('admission', () => admitParticipantIn(tx, deps, actor, person.id, input.admission));
    const now = deps.clock.now();
    await markInquiryAdmitted(tx, { orgId: actor.orgId, id, participantId: person.id, episodeId: episode.id, at: now });
    await attachInquiryAssessmentsToEpisode(tx, deps, actor, { inquiryId: id, episodeId: episode.id });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'inquiry.admit', entityType: 'inquiry', entityId: id, participantId: person.id, details: { from: stored.status, episodeId: episode.id } },
      now,
    );
    return { inquiry: inquiryView(await visibleInquiry(tx, actor, id)), episode };
  });
}

export async function referInquiry(deps: Deps, actor: Actor, id: string, input: ReferInquiry): Promise<Inquiry> {
  authorize(actor, 'inquiry.write');
  return deps.db.transaction(async (tx) => {
    const stored = await inquiryToConvert(tx, actor, id, input.version);
    const now = deps.clock.now();
    await markInquiryReferred(tx, { orgId: actor.orgId, id, referredTo: input.referredTo, reason: input.reason, at: now });
    // Field names only: where and why may say something about the person.
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'inquiry.refer', entityType: 'inquiry', entityId: id, details: { from: stored.status, fields: ['referredTo', 'reason'] } },
      now,
    );
    return inquiryView(await visibleInquiry(tx, actor, id));
  });
}
