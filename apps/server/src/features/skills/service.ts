/**
 * The skills library (issue 8). A program publishes topics (setup, audited); a treating clinician assigns a published
 * topic to a participant as homework in an episode (care team and Part 2 rules through the clinical record's
 * `onEpisodeRecord`); the participant reads their library in the portal and marks homework read; staff see read and
 * unread. The topics' words are core's, so nothing clinical is stored beyond which topic and when.
 */
import {
  SKILL_TOPIC_IDS,
  type EpisodeSkills,
  type PortalSkills,
  type ProgramSkills,
  type ProgramSkillsSave,
  type SkillAssignment,
  type SkillAssignmentCreate,
  type SkillTopicId,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { assertWorksInProgram, authorize, type Actor, type ParticipantActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { conflict, notFound, unprocessable } from '../../http/problems.ts';
import { onEpisodeRecord } from '../clinical/service.ts';
import {
  activePrograms,
  assignments,
  findProgram,
  insertAssignment,
  markRead,
  publications,
  replacePublications,
  type AssignmentRow,
} from './queries.ts';
import type { DbOrTx } from '../../db/index.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

function assignmentView(r: AssignmentRow): SkillAssignment {
  return {
    id: r.id,
    episodeId: r.episodeId,
    topic: r.topic,
    assignedBy: { id: r.assignedById, name: r.assignedByName },
    assignedAt: r.assignedAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

async function programSkillsView(db: DbOrTx, orgId: string, programId: string): Promise<ProgramSkills> {
  const published = await publications(db, orgId, [programId]);
  return {
    programId,
    topics: SKILL_TOPIC_IDS.map((topic) => ({
      topic,
      publishedAt: published.find((p) => p.topic === topic)?.publishedAt.toISOString() ?? null,
    })),
  };
}

export async function readProgramSkills(deps: Deps, actor: Actor, programId: string): Promise<ProgramSkills> {
  authorize(actor, 'setup.read');
  if (!(await findProgram(deps.db, actor.orgId, programId))) throw notFound('The program');
  return programSkillsView(deps.db, actor.orgId, programId);
}

/** The program publishes exactly these topics from now on; a topic kept keeps its first publication time. */
export async function publishProgramSkills(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: ProgramSkillsSave,
): Promise<ProgramSkills> {
  authorize(actor, 'setup.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await findProgram(tx, actor.orgId, programId, { lock: true }))) throw notFound('The program');
    await assertWorksInProgram(tx, actor, programId);
    await replacePublications(tx, actor.orgId, programId, input.topics, actor.userId, now);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'skills.publish', entityType: 'program', entityId: programId, details: { topics: input.topics } },
      now,
    );
    return programSkillsView(tx, actor.orgId, programId);
  });
}

/** An episode's homework: what its program publishes, and what was assigned, read or not (audited). */
export async function readEpisodeSkills(deps: Deps, actor: Actor, episodeId: string): Promise<EpisodeSkills> {
  authorize(actor, 'clinical-note.read');
  return onEpisodeRecord(deps, actor, episodeId, 'skill-assignment.list', async (tx, ep) => {
    // One after the other: a transaction is one connection, and pg no longer queues concurrent queries on one.
    const published = await publications(tx, actor.orgId, [ep.programId]);
    const rows = await assignments(tx, actor.orgId, { episodeId: ep.id });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'skill-assignment.list',
        entityType: 'episode',
        entityId: ep.id,
        participantId: ep.participantId,
        details: { count: rows.length },
      },
      deps.clock.now(),
    );
    return { published: published.map((p) => p.topic), assignments: rows.map(assignmentView) };
  });
}

/** Assigns a topic the episode's program publishes (else 422) as homework; one unread assignment of a topic at a time (409). */
export async function assignSkill(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: SkillAssignmentCreate,
): Promise<SkillAssignment> {
  authorize(actor, 'treatment-plan.write');
  const now = deps.clock.now();
  return onEpisodeRecord(deps, actor, episodeId, 'skill-assignment.create', async (tx, ep) => {
    if (ep.status !== 'active')
      throw unprocessable('The episode has ended: homework is assigned in open episodes only.');
    const published = await publications(tx, actor.orgId, [ep.programId]);
    if (!published.some((p) => p.topic === input.topic)) {
      throw unprocessable('The program does not publish this topic: publish it in the skills library first.', [
        { path: 'body.topic', message: 'is not published by the program' },
      ]);
    }
    const existing = await assignments(tx, actor.orgId, { episodeId: ep.id });
    if (existing.some((a) => a.topic === input.topic && a.readAt === null)) {
      throw conflict('This topic is already assigned and not read yet.', [
        { path: 'body.topic', message: 'is already assigned' },
      ]);
    }
    const id = await insertAssignment(tx, {
      orgId: actor.orgId,
      episodeId: ep.id,
      participantId: ep.participantId,
      topic: input.topic,
      assignedBy: actor.userId,
      assignedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'skill-assignment.create',
        entityType: 'skill_assignment',
        entityId: id,
        participantId: ep.participantId,
        details: { episodeId: ep.id, topic: input.topic },
      },
      now,
    );
    const rows = await assignments(tx, actor.orgId, { episodeId: ep.id });
    return assignmentView(rows.find((r) => r.id === id)!);
  });
}

/** The participant's library: topics their current programs publish and topics assigned to them, with read state. */
async function ownLibrary(tx: DbOrTx, me: ParticipantActor): Promise<PortalSkills['topics']> {
  const programs = await activePrograms(tx, me.orgId, me.participantId);
  const rows = await assignments(tx, me.orgId, { participantId: me.participantId });
  const published = new Set((await publications(tx, me.orgId, programs)).map((p) => p.topic));
  return SKILL_TOPIC_IDS.flatMap((topic) => {
    const mine = rows.filter((r) => r.topic === topic);
    if (!published.has(topic) && mine.length === 0) return [];
    const latest = mine.at(-1);
    return [
      { topic, assignedAt: latest?.assignedAt.toISOString() ?? null, readAt: latest?.readAt?.toISOString() ?? null },
    ];
  });
}

export async function readOwnSkills(deps: Deps, me: ParticipantActor): Promise<PortalSkills> {
  return deps.db.transaction(async (tx) => {
    const topics = await ownLibrary(tx, me);
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'skills.read',
        entityType: 'participant',
        entityId: me.participantId,
        participantId: me.participantId,
        details: { count: topics.length },
      },
      deps.clock.now(),
    );
    return { topics };
  });
}

/** The participant marks a topic in their library read: its unread homework becomes read (404 outside their library). */
export async function markOwnSkillRead(
  deps: Deps,
  me: ParticipantActor,
  topic: SkillTopicId,
): Promise<{ topic: SkillTopicId; readAt: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await ownLibrary(tx, me)).some((t) => t.topic === topic)) throw notFound('That topic');
    const marked = await markRead(tx, me.orgId, me.participantId, topic, now);
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'skill-assignment.read',
        entityType: 'participant',
        entityId: me.participantId,
        participantId: me.participantId,
        details: { topic, marked },
      },
      now,
    );
    return { topic, readAt: now.toISOString() };
  });
}
