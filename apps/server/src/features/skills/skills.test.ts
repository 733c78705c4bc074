/**
 * The skills library: a program publishes topics, a treating clinician assigns one as homework, the participant reads
 * their library in the portal and marks it read, and staff see read and unread. Role, care-team and Part 2 boundaries
 * are tried, and every step is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { EpisodeSkills, PortalSkills, ProgramSkills, SkillAssignment } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, episode, participant, skillAssignment } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';
import { portalParticipant, type PortalPerson } from '../portal/fixtures.ts';

const NOW = '2026-11-18T15:00:00Z';

describe('skills library', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let avery: PortalPerson & { episodeId: string };
  let blake: PortalPerson & { episodeId: string };
  let caseyEpisode: string;
  const publish = (programId: string, topics: string[], staff = org.staff.director) =>
    t.as(staff, { method: 'PUT', url: `/api/v1/programs/${programId}/skills`, payload: { topics } });
  const assign = (episodeId: string, topic: string, staff = org.staff.clinician) =>
    t.as(staff, { method: 'POST', url: `/api/v1/episodes/${episodeId}/skill-assignments`, payload: { topic } });
  const library = (who: PortalPerson) => t.as(who.session, { method: 'GET', url: '/api/v1/portal/skills' });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Skills Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    sud = await buildProgram(db, site, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    await assignToProgram(db, org.orgId, org.staff.director.id, sud.id);
    async function admitted(name: string, prog: ProgramFixture) {
      const [p] = await db
        .insert(participant)
        .values({ orgId: org.orgId, givenName: name, familyName: 'Skills', dateOfBirth: '1990-02-03' })
        .returning({ id: participant.id });
      const [e] = await db
        .insert(episode)
        .values({
          orgId: org.orgId,
          participantId: p!.id,
          programId: prog.id,
          part2: prog === sud,
          admittedOn: '2026-11-02',
          primaryClinicianId: prog === sud ? org.staff.director.id : org.staff.clinician.id,
        })
        .returning({ id: episode.id });
      return { participantId: p!.id, episodeId: e!.id };
    }
    const a = await admitted('Avery', mh);
    const b = await admitted('Blake', mh);
    caseyEpisode = (await admitted('Casey', sud)).episodeId;
    avery = { ...(await portalParticipant(t, org, 'Avery', a.participantId)), episodeId: a.episodeId };
    blake = { ...(await portalParticipant(t, org, 'Blake', b.participantId)), episodeId: b.episodeId };
  }, 90_000);
  afterAll(async () => t?.close());

  it('publishes topics per program, refusing roles without setup.write and naming a bad topic', async () => {
    expect((await t.as(null, { method: 'PUT', url: `/api/v1/programs/${mh.id}/skills`, payload: {} })).statusCode).toBe(
      401,
    );
    expect((await publish(mh.id, ['communication'], org.staff.clinician)).statusCode).toBe(403);
    const bad = await publish(mh.id, ['communication', 'astrology']);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.topics.1');
    const res = await publish(mh.id, ['coping_with_cravings', 'communication']);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<ProgramSkills>();
    expect(view.topics).toHaveLength(8);
    expect(view.topics.filter((x) => x.publishedAt !== null).map((x) => x.topic)).toEqual([
      'coping_with_cravings',
      'communication',
    ]);
    // Withdrawing one keeps the other.
    const again = (await publish(mh.id, ['coping_with_cravings', 'mindfulness_grounding'])).json<ProgramSkills>();
    expect(again.topics.filter((x) => x.publishedAt !== null).map((x) => x.topic)).toEqual([
      'coping_with_cravings',
      'mindfulness_grounding',
    ]);
    expect((await publish('00000000-0000-4000-8000-000000000000', [])).statusCode).toBe(404);
  });

  it('assigns only published topics, once while unread, and only on records the clinician may reach', async () => {
    const unpublished = await assign(avery.episodeId, 'communication');
    expect(unpublished.statusCode).toBe(422);
    expect(unpublished.json().errors[0].path).toBe('body.topic');
    expect((await assign(avery.episodeId, 'coping_with_cravings', org.staff.biller)).statusCode).toBe(403);
    // A Part 2 program's record is not the mental health clinician's.
    await publish(sud.id, ['coping_with_cravings']);
    expect((await assign(caseyEpisode, 'coping_with_cravings')).statusCode).toBe(403);
    const res = await assign(avery.episodeId, 'coping_with_cravings');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<SkillAssignment>()).toMatchObject({
      topic: 'coping_with_cravings',
      readAt: null,
      assignedBy: { id: org.staff.clinician.id },
    });
    expect((await assign(avery.episodeId, 'coping_with_cravings')).statusCode).toBe(409);
  });

  it('shows the participant their library with homework, and another participant only what their program publishes', async () => {
    const mine = (await library(avery)).json<PortalSkills>();
    expect(mine.topics).toEqual([
      { topic: 'coping_with_cravings', assignedAt: NOW.replace('Z', '.000Z'), readAt: null },
      { topic: 'mindfulness_grounding', assignedAt: null, readAt: null },
    ]);
    const theirs = (await library(blake)).json<PortalSkills>();
    expect(theirs.topics.every((x) => x.assignedAt === null)).toBe(true);
    expect((await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/portal/skills' })).statusCode).toBe(403);
    expect(
      (await t.as(avery.session, { method: 'GET', url: `/api/v1/episodes/${avery.episodeId}/skill-assignments` }))
        .statusCode,
    ).toBe(403);
  });

  it('marks homework read for the participant only, and staff see it read', async () => {
    expect(
      (await t.as(avery.session, { method: 'POST', url: '/api/v1/portal/skills/communication/read' })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(avery.session, { method: 'POST', url: '/api/v1/portal/skills/astrology/read' })).json().errors[0]
        .path,
    ).toBe('params.topic');
    // Blake marking the same topic changes nothing of Avery's.
    await t.as(blake.session, { method: 'POST', url: '/api/v1/portal/skills/coping_with_cravings/read' });
    const before = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${avery.episodeId}/skill-assignments` })
    ).json<EpisodeSkills>();
    expect(before.assignments[0]!.readAt).toBeNull();
    const read = await t.as(avery.session, { method: 'POST', url: '/api/v1/portal/skills/coping_with_cravings/read' });
    expect(read.statusCode, read.body).toBe(200);
    const after = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/episodes/${avery.episodeId}/skill-assignments` })
    ).json<EpisodeSkills>();
    expect(after.published).toEqual(expect.arrayContaining(['coping_with_cravings', 'mindfulness_grounding']));
    expect(after.assignments).toMatchObject([{ topic: 'coping_with_cravings', readAt: NOW.replace('Z', '.000Z') }]);
    // Read, it may be assigned again.
    expect((await assign(avery.episodeId, 'coping_with_cravings')).statusCode).toBe(201);
    await expect(
      t.database.db.delete(skillAssignment).where(eq(skillAssignment.participantId, avery.id)),
    ).rejects.toThrow();
  });

  it('audits publishing, assigning, listing and reading', async () => {
    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.orgId, org.orgId));
    const actions = new Set(events.map((e) => e.action));
    for (const a of [
      'skills.publish',
      'skill-assignment.create',
      'skill-assignment.list',
      'skills.read',
      'skill-assignment.read',
    ])
      expect(actions).toContain(a);
    const denied = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.actorId, org.staff.clinician.id)));
    expect(denied.length).toBeGreaterThan(0);
  });
});
