/**
 * Episodes of care: admission to a program and track, track moves that keep the membership history, and discharge.
 * Track membership is date-bounded so that rolling admission and mid-week moves put each session on the right roster.
 */
import {
  addDays,
  admissionProblems,
  dischargeProblems,
  localDateOf,
  trackMoveProblems,
  type Admission,
  type Discharge,
  type EpisodeView,
  type TrackMove,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import {
  assertEpisodeDetailAccess,
  assertParticipantAccess,
  assertProgramRecordAccess,
  assertWorksInProgram,
  authorize,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { assertVersion, notFound, throwFirst, unprocessable } from '../../http/problems.ts';
import type { DbOrTx } from '../../db/index.ts';
import {
  activeEpisodeOf,
  bumpEpisode,
  countEpisodes,
  episodeDetail,
  findEpisode,
  findParticipant,
  findProgram,
  findStaff,
  findTrack,
  insertEpisode,
  lastMarkOfEpisode,
  siteZoneOfProgram,
  insertMembership,
  openMembership,
  updateMembership,
} from './queries.ts';
import { episodeView } from './views.ts';
import { assertTrackHasRoom } from './track-capacity.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Roles that may carry a caseload as primary clinician. */
const PRIMARY_CLINICIAN_ROLES = ['clinician', 'prescriber', 'director'];

/** A track of the organisation that belongs to the program, or 422 naming the field. */
async function trackOfProgram(tx: DbOrTx, orgId: string, trackId: string, programId: string) {
  const found = await findTrack(tx, orgId, trackId);
  if (!found || found.programId !== programId) {
    throw unprocessable('The track is not one of this program’s tracks.', [
      { path: 'body.trackId', message: 'is not a track of the program' },
    ]);
  }
  if (!found.active)
    throw unprocessable('The track is no longer active.', [{ path: 'body.trackId', message: 'is not active' }]);
  return found;
}

export async function admitParticipant(
  deps: Deps,
  actor: Actor,
  participantId: string,
  input: Admission,
): Promise<EpisodeView> {
  authorize(actor, 'episode.admit');
  return deps.db.transaction((tx) => admitParticipantIn(tx, deps, actor, participantId, input));
}

/** Admits inside the caller's transaction (with its audit event), e.g. registering and admitting from an inquiry. */
export async function admitParticipantIn(
  tx: DbOrTx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  participantId: string,
  input: Admission,
): Promise<EpisodeView> {
  authorize(actor, 'episode.admit');
  const now = deps.clock.now();
  // The row lock serialises admissions of one participant, so two clicks cannot open two active episodes.
  const person = await findParticipant(tx, actor.orgId, participantId, { lock: true });
  if (!person) throw notFound('The participant');
  // Someone never admitted has no care team yet; anyone else is reached only through their care team.
  if ((await countEpisodes(tx, actor.orgId, participantId)) > 0)
    await assertParticipantAccess(tx, actor, participantId);

  const prog = await findProgram(tx, actor.orgId, input.programId);
  if (!prog)
    throw unprocessable('There is no such program.', [
      { path: 'body.programId', message: 'is not a program of this organisation' },
    ]);
  // A clinician admits into their own programs, or onto their own caseload.
  await assertWorksInProgram(tx, actor, prog.id, { facilitatorId: input.primaryClinicianId });
  // A Part 2 program's admissions are made by its own staff (or onto the admitting clinician's own caseload).
  await assertProgramRecordAccess(tx, actor, prog, { facilitatorId: input.primaryClinicianId });
  if (!prog.active)
    throw unprocessable('The program is no longer active.', [{ path: 'body.programId', message: 'is not active' }]);
  const trk = await trackOfProgram(tx, actor.orgId, input.trackId, prog.id);
  const clinician = await findStaff(tx, actor.orgId, input.primaryClinicianId);
  if (!clinician || !clinician.active || !PRIMARY_CLINICIAN_ROLES.includes(clinician.role)) {
    throw unprocessable('The primary clinician must be an active clinician, prescriber or director.', [
      { path: 'body.primaryClinicianId', message: 'is not an active clinical staff member' },
    ]);
  }
  const today = localDateOf(now.toISOString(), await siteZoneOfProgram(tx, actor.orgId, prog.id));
  throwFirst(
    admissionProblems({ admittedOn: input.admittedOn, dateOfBirth: person.dateOfBirth, today, population: prog.population }),
    'The admission date does not fit this participant or program.',
  );
  if (await activeEpisodeOf(tx, actor.orgId, participantId)) {
    throw unprocessable('This participant already has an active episode. Discharge it before admitting again.', [
      { path: 'participantId', message: 'already has an active episode' },
    ]);
  }

  await assertTrackHasRoom(tx, actor.orgId, input.trackId, input.admittedOn);

  const created = await insertEpisode(tx, {
    orgId: actor.orgId,
    participantId,
    programId: prog.id,
    part2: prog.part2,
    admittedOn: input.admittedOn,
    expectedWeeks: input.expectedWeeks ?? null,
    primaryClinicianId: clinician.id,
  });
  await insertMembership(tx, {
    orgId: actor.orgId,
    episodeId: created.id,
    participantId,
    trackId: trk.id,
    fromDate: input.admittedOn,
  });
  const detail = await episodeDetail(tx, actor.orgId, created.id);
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    {
      action: 'episode.admit',
      entityType: 'episode',
      entityId: created.id,
      participantId,
      details: { programId: prog.id, trackId: trk.id, admittedOn: input.admittedOn },
    },
    now,
  );
  return episodeView(detail, now);
}

/** Loads an episode for a change: 404 unknown, 403 outside the care team or a Part 2 program's staff, 409 stale version. */
async function episodeForChange(tx: DbOrTx, actor: Actor, episodeId: string, version: number) {
  const found = await findEpisode(tx, actor.orgId, episodeId, { lock: true });
  if (!found) throw notFound('The episode');
  await assertParticipantAccess(tx, actor, found.participantId);
  await assertEpisodeDetailAccess(tx, actor, found);
  assertVersion(found.version, version, 'The episode');
  return found;
}

export async function moveTrack(deps: Deps, actor: Actor, episodeId: string, input: TrackMove): Promise<EpisodeView> {
  authorize(actor, 'episode.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ep = await episodeForChange(tx, actor, episodeId, input.version);
    if (ep.status === 'discharged') throw unprocessable('A discharged episode cannot change track.');
    const trk = await trackOfProgram(tx, actor.orgId, input.trackId, ep.programId);
    const open = await openMembership(tx, actor.orgId, ep.id);
    if (!open) throw unprocessable('This episode has no current track to move from.');
    if (open.trackId === trk.id) {
      throw unprocessable('The participant is already on this track.', [
        { path: 'body.trackId', message: 'is the current track' },
      ]);
    }
    // Recorded attendance is never lost: a move dated back over marks taken on the current track is refused.
    throwFirst(
      trackMoveProblems({
        fromDate: input.fromDate,
        admittedOn: ep.admittedOn,
        currentFrom: open.fromDate,
        lastMarkedFrom: await lastMarkOfEpisode(tx, actor.orgId, ep.id, { onOrAfter: input.fromDate, trackId: open.trackId }),
      }),
      'The track move cannot start on that date.',
    );
    await assertTrackHasRoom(tx, actor.orgId, trk.id, input.fromDate);
    if (input.fromDate === open.fromDate) {
      await updateMembership(tx, actor.orgId, open.id, { trackId: trk.id });
    } else {
      await updateMembership(tx, actor.orgId, open.id, { toDate: addDays(input.fromDate, -1) });
      await insertMembership(tx, {
        orgId: actor.orgId,
        episodeId: ep.id,
        participantId: ep.participantId,
        trackId: trk.id,
        fromDate: input.fromDate,
      });
    }
    await bumpEpisode(tx, actor.orgId, ep.id);
    const detail = await episodeDetail(tx, actor.orgId, ep.id);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'episode.move-track',
        entityType: 'episode',
        entityId: ep.id,
        participantId: ep.participantId,
        details: { fromTrackId: open.trackId, toTrackId: trk.id, fromDate: input.fromDate },
      },
      now,
    );
    return episodeView(detail, now);
  });
}

export async function dischargeEpisode(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: Discharge,
): Promise<EpisodeView> {
  authorize(actor, 'episode.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ep = await episodeForChange(tx, actor, episodeId, input.version);
    if (ep.status === 'discharged') throw unprocessable('This episode is already discharged.');
    const { timeZone } = await episodeDetail(tx, actor.orgId, ep.id);
    const open = await openMembership(tx, actor.orgId, ep.id);
    throwFirst(
      dischargeProblems({
        dischargedOn: input.dischargedOn,
        admittedOn: ep.admittedOn,
        today: localDateOf(now.toISOString(), timeZone),
        currentFrom: open?.fromDate ?? null,
        lastMarkedAfter: await lastMarkOfEpisode(tx, actor.orgId, ep.id, { onOrAfter: addDays(input.dischargedOn, 1) }),
      }),
      'The discharge cannot be recorded on that date.',
    );
    if (open) await updateMembership(tx, actor.orgId, open.id, { toDate: input.dischargedOn });
    await bumpEpisode(tx, actor.orgId, ep.id, {
      status: 'discharged',
      dischargedOn: input.dischargedOn,
      disposition: input.disposition,
      dischargeNote: input.note || null,
    });
    const detail = await episodeDetail(tx, actor.orgId, ep.id);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'episode.discharge',
        entityType: 'episode',
        entityId: ep.id,
        participantId: ep.participantId,
        // The note is clinical text and stays out of the trail.
        details: { dischargedOn: input.dischargedOn, disposition: input.disposition, withNote: !!input.note },
      },
      now,
    );
    return episodeView(detail, now);
  });
}
