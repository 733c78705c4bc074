/**
 * Group notes, written from a session's roll: the shared sections once, an individualised entry per attendee. The
 * attendees are the session's roster by the one roster rule (trellis_session_roster) marked present, late or left
 * early; the absent get no note. Signing checks every section, that no text reaching a chart names another attendee,
 * and warns of near-duplicate entries (naming the pair and how alike they are) unless the clinician accepts them; then
 * writes one signed note into each attendee's chart, their audit events and the lock of the group note in one
 * transaction. Reaching a session's group note follows the roll's rule (care team and Part 2 programs' staff).
 */
import { randomUUID } from 'node:crypto';
import {
  attendeeNarrative,
  GROUP_ATTENDEE_SECTIONS,
  GROUP_SHARED_SECTIONS,
  groupNoteNameProblems,
  groupNoteSignProblems,
  isLateEntry,
  nearDuplicatePairs,
  noteEditRefusal,
  type GroupNoteSave,
  type GroupNoteView,
  type NearDuplicate,
  type PlanObjectiveOffer,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, mayReachSession, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { clinicalNote } from '../../db/schema.ts';
import { assertVersion, conflict, forbidden, notFound, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { currentPlanObjectives } from '../plans/service.ts';
import { uniqueViolation } from '../setup/unique.ts';
import { noteContentHash } from './content-hash.ts';
import {
  findGroupNote,
  dropGroupNoteEntriesExcept,
  findGroupSession,
  groupChartNoteIds,
  groupNoteEntries,
  insertChartNotes,
  insertGroupNote,
  participantNames,
  replaceGroupNoteEntries,
  sessionAttendees,
  staffNames,
  updateGroupNote,
  type AttendeeRow,
  type GroupNoteRow,
  type GroupSessionRow,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;
type Offers = Map<string, PlanObjectiveOffer[]>;
type Objectives = { objectiveId: string; progress: string }[];
interface Entry {
  participantId: string;
  sections: Record<string, string>;
  objectives: Objectives;
}

const trimmed = (keys: readonly { key: string }[], from: Record<string, string> | undefined) =>
  Object.fromEntries(keys.map((s) => [s.key, (from?.[s.key] ?? '').trim()]));

/** The session of the actor's organisation (404) whose roll the actor may reach (403). */
async function reachableSession(tx: DbOrTx, actor: Actor, sessionId: string): Promise<GroupSessionRow> {
  const s = await findGroupSession(tx, actor.orgId, sessionId, actor.userId);
  if (!s) throw notFound('The session');
  if (!mayReachSession(actor, s)) throw forbidden();
  return s;
}

/** Each attendee's objectives of their signed plan in force (by participant), offered in their entry. */
async function planObjectiveOffers(tx: DbOrTx, orgId: string, attendees: readonly AttendeeRow[]): Promise<Offers> {
  const offers: Offers = new Map();
  for (const a of attendees) {
    const objectives = await currentPlanObjectives(tx, orgId, a.episodeId);
    offers.set(
      a.participantId,
      objectives.map((o) => ({
        objectiveId: o.id,
        description: o.description,
        goal: o.goal,
        targetDate: o.targetDate,
        planVersion: o.planVersion,
      })),
    );
  }
  return offers;
}

function nearDuplicates(
  attendees: readonly { participantId: string; displayName: string; sections: Record<string, string> }[],
): NearDuplicate[] {
  const byId = new Map(attendees.map((a) => [a.participantId, a]));
  return nearDuplicatePairs(attendees.map((a) => ({ key: a.participantId, text: attendeeNarrative(a.sections) }))).map(
    (p) => ({
      a: { participantId: p.a, displayName: byId.get(p.a)!.displayName },
      b: { participantId: p.b, displayName: byId.get(p.b)!.displayName },
      similarity: p.similarity,
    }),
  );
}

async function buildView(
  tx: DbOrTx,
  actor: Actor,
  s: GroupSessionRow,
  gn: GroupNoteRow | null,
  attendees: readonly AttendeeRow[],
  /** What signing has just written, so the answer needs no reading back. */
  justSigned?: { entries: readonly Entry[]; noteIds: Map<string, string> },
  /** The attendees' plan objectives when the caller has already read them. */
  knownOffers?: Offers,
): Promise<GroupNoteView> {
  const entries = justSigned?.entries ?? (gn ? await groupNoteEntries(tx, actor.orgId, gn.note.id) : []);
  const byId = new Map(entries.map((e) => [e.participantId, e]));
  const signed = gn?.note.status === 'signed';
  // Once signed, the attendees are those signing wrote a note for (the roll may have changed since).
  let rows: readonly { participantId: string; displayName: string; attendance: string }[] = attendees;
  let noteIds = justSigned?.noteIds ?? new Map<string, string>();
  if (signed && !justSigned) {
    noteIds = await groupChartNoteIds(tx, actor.orgId, gn.note.id);
    const names = await participantNames(tx, actor.orgId, [...noteIds.keys()]);
    const marks = new Map(attendees.map((a) => [a.participantId, a.attendance]));
    rows = [...noteIds.keys()]
      .map((id) => ({ participantId: id, displayName: names.get(id) ?? '', attendance: marks.get(id) ?? 'present' }))
      .sort((x, y) => x.displayName.localeCompare(y.displayName));
  }
  // A signed note's objectives are its record; a draft offers each attendee's plan objectives to pick progress on.
  const offers = signed
    ? new Map<string, PlanObjectiveOffer[]>()
    : (knownOffers ?? (await planObjectiveOffers(tx, actor.orgId, attendees)));
  const shown = rows.map((a) => ({
    participantId: a.participantId,
    displayName: a.displayName,
    attendance: a.attendance,
    sections: trimmed(
      GROUP_ATTENDEE_SECTIONS,
      byId.get(a.participantId)?.sections,
    ) as GroupNoteView['attendees'][number]['sections'],
    objectives: (byId.get(a.participantId)?.objectives ?? []) as GroupNoteView['attendees'][number]['objectives'],
    planObjectives: offers.get(a.participantId) ?? [],
    noteId: noteIds.get(a.participantId) ?? null,
  }));
  // A new note starts with everyone who runs the group: the facilitator and the co-facilitators.
  const facilitatorIds = gn ? gn.note.facilitatorIds : s.facilitatorIds;
  return {
    id: gn?.note.id ?? null,
    sessionId: s.id,
    session: {
      title: s.title,
      programName: s.programName,
      localDate: s.localDate,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      timeZone: s.timeZone,
      facilitatorId: s.facilitatorId,
    },
    status: gn?.note.status ?? 'draft',
    version: gn?.note.version ?? 0,
    author: gn ? { id: gn.note.authorId, name: gn.authorName } : null,
    signedAt: gn?.note.signedAt?.toISOString() ?? null,
    shared: trimmed(GROUP_SHARED_SECTIONS, gn?.note.shared) as GroupNoteView['shared'],
    facilitators: await staffNames(tx, actor.orgId, facilitatorIds),
    attendees: shown,
    nearDuplicates: signed ? [] : nearDuplicates(shown),
  };
}

/** The group note shows who attended: one group-note.read event names them all, as the roll's read does. */
async function auditShown(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  view: GroupNoteView,
  action: 'group-note.read' | 'group-note.save',
) {
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    {
      action,
      entityType: 'session',
      entityId: view.sessionId,
      participantIds: view.attendees.map((a) => a.participantId),
      details: { attendees: view.attendees.length, ...(view.id ? { groupNoteId: view.id } : {}) },
    },
    deps.clock.now(),
  );
}

export async function readGroupNote(deps: Deps, actor: Actor, sessionId: string): Promise<GroupNoteView> {
  authorize(actor, 'clinical-note.read');
  return deps.db.transaction(async (tx) => {
    const s = await reachableSession(tx, actor, sessionId);
    const view = await buildView(
      tx,
      actor,
      s,
      await findGroupNote(tx, actor.orgId, s.id),
      await sessionAttendees(tx, actor.orgId, s.id),
    );
    await auditShown(tx, deps, actor, view, 'group-note.read');
    return view;
  });
}

function assertSessionHeld(s: GroupSessionRow, now: Date): void {
  if (s.status === 'cancelled')
    throw unprocessable('This session was cancelled; there is no group to write a note for.');
  if (s.startsAt > now) throw unprocessable('This session has not started yet; write its note once it has.');
}

export async function saveGroupNote(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: GroupNoteSave,
): Promise<GroupNoteView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const s = await reachableSession(tx, actor, sessionId);
      assertSessionHeld(s, now);
      const gn = await findGroupNote(tx, actor.orgId, s.id, { lock: true });
      if (gn) {
        const refusal = noteEditRefusal(gn.note);
        if (refusal) throw conflict(refusal, [{ path: 'status', message: 'is signed' }]);
        assertVersion(gn.note.version, input.version, 'The group note');
      } else {
        assertVersion(0, input.version, 'The group note');
      }
      const attendees = await sessionAttendees(tx, actor.orgId, s.id);
      const attending = new Set(attendees.map((a) => a.participantId));
      const offers = await planObjectiveOffers(tx, actor.orgId, attendees);
      const problems: FieldProblem[] = [];
      input.attendees.forEach((a, i) => {
        if (!attending.has(a.participantId)) {
          problems.push({ path: `body.attendees.${i}.participantId`, message: 'did not attend this session' });
          return;
        }
        const onPlan = new Set(offers.get(a.participantId)!.map((o) => o.objectiveId));
        (a.objectives ?? []).forEach((o, j) => {
          if (!onPlan.has(o.objectiveId)) {
            problems.push({
              path: `body.attendees.${i}.objectives.${j}.objectiveId`,
              message: 'is not an objective of this participant’s signed plan in force',
            });
          }
        });
      });
      const facilitatorIds = [...new Set(input.facilitatorIds ?? [])];
      const known = await staffNames(tx, actor.orgId, facilitatorIds);
      if (known.length !== facilitatorIds.length)
        problems.push({
          path: 'body.facilitatorIds',
          message: 'names someone who is not on this organisation’s staff',
        });
      if (problems.length)
        throw unprocessable('The group note cannot be saved so. Reload the roll to see who attended.', problems);

      const shared = trimmed(GROUP_SHARED_SECTIONS, input.shared);
      let id: string;
      if (gn) {
        id = gn.note.id;
        await updateGroupNote(tx, actor.orgId, id, { shared, facilitatorIds, version: gn.note.version + 1 }, now);
      } else {
        id = await insertGroupNote(
          tx,
          { orgId: actor.orgId, sessionId: s.id, authorId: actor.userId, shared, facilitatorIds },
          now,
        );
      }
      await replaceGroupNoteEntries(
        tx,
        actor.orgId,
        id,
        input.attendees.map((a) => ({
          participantId: a.participantId,
          sections: trimmed(GROUP_ATTENDEE_SECTIONS, a.sections as Record<string, string>),
          objectives: a.objectives ?? [],
        })),
      );
      const view = await buildView(
        tx,
        actor,
        s,
        await findGroupNote(tx, actor.orgId, s.id),
        attendees,
        undefined,
        offers,
      );
      await auditShown(tx, deps, actor, view, 'group-note.save');
      return view;
    });
  } catch (error) {
    // Two first saves of one session's note raced: the second is stale.
    if (uniqueViolation(error) === 'group_note_session_key') assertVersion(1, 0, 'The group note');
    throw error;
  }
}

/** 422 listing every pair of near-duplicate entries, by name and how alike. */
function nearDuplicateRefusal(pairs: readonly NearDuplicate[], index: Map<string, number>) {
  const list = pairs
    .map((p) => `${p.a.displayName} and ${p.b.displayName} (${Math.round(p.similarity * 100)}% alike)`)
    .join('; ');
  return unprocessable(
    `Some individualised entries read nearly the same: ${list}. Make each about its participant, or sign accepting them.`,
    pairs.map((p) => ({
      path: `body.attendees.${index.get(p.b.participantId)}.sections`,
      message: `reads like ${p.a.displayName}'s entry (${Math.round(p.similarity * 100)}% alike)`,
    })),
  );
}

export async function signGroupNote(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: { version: number; acceptNearDuplicates?: boolean },
): Promise<GroupNoteView> {
  authorize(actor, 'note.sign');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const s = await reachableSession(tx, actor, sessionId);
    assertSessionHeld(s, now);
    const gn = await findGroupNote(tx, actor.orgId, s.id, { lock: true });
    if (!gn)
      throw unprocessable('Save the group note before signing it.', [
        { path: 'body.version', message: 'no group note has been saved' },
      ]);
    const refusal = noteEditRefusal(gn.note);
    if (refusal) throw conflict(refusal, [{ path: 'status', message: 'is signed' }]);
    assertVersion(gn.note.version, input.version, 'The group note');

    const attendees = await sessionAttendees(tx, actor.orgId, s.id);
    const stored = await groupNoteEntries(tx, actor.orgId, gn.note.id);
    const entries = new Map<string, Entry>(stored.map((e) => [e.participantId, e]));
    const shared = trimmed(GROUP_SHARED_SECTIONS, gn.note.shared);
    const problems = groupNoteSignProblems(
      shared,
      attendees.map((a) => a.participantId),
      stored,
    );
    if (problems.length) {
      throw unprocessable(
        'Every shared section and every attendee’s entry must be filled in before the group note is signed.',
        problems.map((p) => ({ path: `body.${p.field}`, message: p.message })),
      );
    }
    const named = groupNoteNameProblems(
      shared,
      attendees.map((a) => ({
        participantId: a.participantId,
        names: [a.givenName, a.familyName, ...(a.preferredName ? [a.preferredName] : [])],
        sections: entries.get(a.participantId)!.sections,
      })),
    );
    if (named.length) {
      throw unprocessable(
        'A group note written into one participant’s chart may not name other attendees.',
        named.map((p) => ({ path: `body.${p.field}`, message: p.message })),
      );
    }
    const pairs = nearDuplicates(attendees.map((a) => ({ ...a, sections: entries.get(a.participantId)!.sections })));
    if (pairs.length && !input.acceptNearDuplicates) {
      throw nearDuplicateRefusal(pairs, new Map(attendees.map((a, i) => [a.participantId, i])));
    }

    const lateEntry = isLateEntry(s.endsAt.toISOString(), now.toISOString(), s.noteDeadlineHours);
    const requiresCosign = s.userPreLicensed;
    const notes: (typeof clinicalNote.$inferInsert)[] = attendees.map((a) => {
      const entry = entries.get(a.participantId)!;
      const content = {
        id: randomUUID(),
        orgId: actor.orgId,
        participantId: a.participantId,
        episodeId: a.episodeId,
        kind: 'group' as const,
        privacy: 'record' as const,
        format: null,
        sessionId: s.id,
        groupNoteId: gn.note.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        sections: { ...shared, ...trimmed(GROUP_ATTENDEE_SECTIONS, entry.sections) },
        objectives: entry.objectives.map((o) => ({ objectiveId: o.objectiveId, progress: o.progress })),
        facilitatorIds: gn.note.facilitatorIds,
        authorId: actor.userId,
        signedAt: now,
      };
      return {
        ...content,
        part2: a.part2,
        status: 'signed' as const,
        lateEntry,
        requiresCosign,
        contentHash: noteContentHash(content),
        createdAt: now,
        updatedAt: now,
      };
    });
    // Entries of people no longer on the roll are dropped before the note is locked: the absent get no note.
    const attendeeIds = attendees.map((a) => a.participantId);
    if (stored.length !== attendees.length) await dropGroupNoteEntriesExcept(tx, actor.orgId, gn.note.id, attendeeIds);
    await insertChartNotes(tx, notes);
    await updateGroupNote(
      tx,
      actor.orgId,
      gn.note.id,
      { status: 'signed', signedAt: now, version: gn.note.version + 1 },
      now,
    );
    const events: AuditEntry[] = [
      ...notes.map((n) => ({
        action: 'note.sign' as const,
        entityType: 'clinical_note',
        entityId: n.id!,
        participantId: n.participantId,
        details: { episodeId: n.episodeId, groupNoteId: gn.note.id, lateEntry, requiresCosign },
      })),
      {
        action: 'group-note.sign',
        entityType: 'session',
        entityId: s.id,
        participantIds: notes.map((n) => n.participantId),
        details: { groupNoteId: gn.note.id, notes: notes.length, nearDuplicatesAccepted: pairs.length },
      },
    ];
    await recordAudit(tx, actor, actor.orgId, events, now);
    const signedNote: GroupNoteRow = {
      ...gn,
      note: { ...gn.note, status: 'signed', signedAt: now, version: gn.note.version + 1, updatedAt: now },
    };
    return buildView(tx, actor, s, signedNote, attendees, {
      entries: attendees.map((a) => entries.get(a.participantId)!),
      noteIds: new Map(notes.map((n) => [n.participantId, n.id!])),
    });
  });
}
