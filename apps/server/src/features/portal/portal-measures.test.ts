/**
 * Questionnaires and the daily check-in in the portal: what is due comes from the clinician's due rule, answers go
 * through the one-time link's path (scored by core, a risk answer raises the same safety alert), the participant is
 * told at once to see crisis resources, and nobody answers for an episode that is not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DueList, PortalMeasures, SafetyAlertList } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, checkIn, episode, measureResponse, participant } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite } from '../ledger/fixtures.ts';
import { portalParticipant, type PortalPerson } from './fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const phq9 = (item9: number) => ({
  answers: Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, 1]), ['q9', item9]]),
});
const CHECK_IN = {
  mood: 6,
  anxiety: 3,
  craving: 2,
  sleepHours: 7.5,
  anyUse: false,
  selfHarmThoughts: false,
  note: 'A calm day',
};

describe('questionnaires and check-ins in the portal', () => {
  let t: TestApp;
  let org: TestOrg;
  let avery: PortalPerson & { episodeId: string };
  let blake: PortalPerson & { episodeId: string };
  const measures = (who: PortalPerson) => t.as(who.session, { method: 'GET', url: '/api/v1/portal/measures' });
  let keys = 0;
  const answer = (who: PortalPerson, episodeId: string, kind: string, payload: object, key = `portal-form-${++keys}`) =>
    t.as(who.session, {
      method: 'POST',
      url: `/api/v1/portal/episodes/${episodeId}/measures/${kind}`,
      payload,
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Portal Measures Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    async function admitted(name: string) {
      const [p] = await db
        .insert(participant)
        .values({ orgId: org.orgId, givenName: name, familyName: 'Portal', dateOfBirth: '1990-02-03' })
        .returning({ id: participant.id });
      const [e] = await db
        .insert(episode)
        .values({
          orgId: org.orgId,
          participantId: p!.id,
          programId: mh.id,
          part2: false,
          admittedOn: '2026-11-02',
          primaryClinicianId: org.staff.clinician.id,
        })
        .returning({ id: episode.id });
      return { ...(await portalParticipant(t, org, name, p!.id)), episodeId: e!.id };
    }
    avery = await admitted('Avery');
    blake = await admitted('Blake');
  }, 90_000);
  afterAll(async () => t?.close());

  it('shows what is due by the same rule as the clinician’s due list, as a questionnaire to answer', async () => {
    const res = await measures(avery);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json<PortalMeasures>();
    const clinicians = (
      await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/measures/due' })
    ).json<DueList>();
    const expected = clinicians.items.filter((i) => i.episodeId === avery.episodeId).map((i) => i.instrument);
    expect(expected).toContain('phq-9');
    expect(mine.due.map((d) => d.questionnaire.id).sort()).toEqual([...expected].sort());
    const phq = mine.due.find((d) => d.questionnaire.id === 'phq-9')!;
    expect(phq).toMatchObject({ episodeId: avery.episodeId, programName: 'Adult Mental Health IOP' });
    expect(phq.questionnaire.items).toHaveLength(9);
    expect(mine.checkIn).toEqual([
      { episodeId: avery.episodeId, programName: 'Adult Mental Health IOP', lastCheckedInAt: null },
    ]);
  });

  it('refuses anonymous with 401, staff with 403, another’s episode with 404, and names a bad item with 400', async () => {
    expect(
      (
        await t.as(null, {
          method: 'POST',
          url: `/api/v1/portal/episodes/${avery.episodeId}/measures/check-in`,
          payload: CHECK_IN,
        })
      ).statusCode,
    ).toBe(401);
    expect((await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/portal/measures' })).statusCode).toBe(403);
    expect((await answer(blake, avery.episodeId, 'check-in', CHECK_IN)).statusCode).toBe(404);
    const noKey = await t.as(avery.session, {
      method: 'POST',
      url: `/api/v1/portal/episodes/${avery.episodeId}/measures/check-in`,
      payload: CHECK_IN,
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].path).toBe('headers.idempotency-key');
    expect(noKey.headers['cache-control']).toMatch(/no-store/);
    const bad = await answer(avery, avery.episodeId, 'check-in', { ...CHECK_IN, mood: 11 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.mood');
    const badItem = await answer(avery, avery.episodeId, 'phq-9', { answers: { q1: 9 } });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().errors[0].path).toMatch(/^body\.answers\.q/);
    const unknown = await answer(avery, avery.episodeId, 'not-a-measure', CHECK_IN);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('params.kind');
    const notDue = await answer(avery, avery.episodeId, 'pcl-5', { answers: {} });
    expect(notDue.statusCode).toBe(422);
    const rows = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, avery.id));
    expect(rows).toHaveLength(0);
  });

  it('stores a check-in for the participant’s own episode, with no alert and no crisis page for a calm day', async () => {
    const res = await answer(avery, avery.episodeId, 'check-in', CHECK_IN);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received', showCrisisResources: false });
    const [row] = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, avery.id));
    expect(row).toMatchObject({ episodeId: avery.episodeId, mood: 6, enteredBy: null, source: 'portal' });
    expect((await measures(avery)).json<PortalMeasures>().checkIn[0]!.lastCheckedInAt).toBe(NOW.replace('Z', '.000Z'));
  });

  it('scores a PHQ-9 answered in the portal, raises the safety alert on item 9, and says to show crisis resources', async () => {
    const res = await answer(avery, avery.episodeId, 'phq-9', phq9(2));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received', showCrisisResources: true });
    const [response] = await t.database.db
      .select()
      .from(measureResponse)
      .where(and(eq(measureResponse.participantId, avery.id), eq(measureResponse.instrumentId, 'phq-9')));
    expect(response).toMatchObject({ total: 10, source: 'portal', enteredBy: null });
    const alerts = (
      await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/safety-alerts' })
    ).json<SafetyAlertList>();
    expect(alerts.items.some((a) => a.participantId === avery.id)).toBe(true);
    // Answered, it is no longer due.
    expect((await measures(avery)).json<PortalMeasures>().due.map((d) => d.questionnaire.id)).not.toContain('phq-9');
    const risky = await answer(avery, avery.episodeId, 'check-in', { ...CHECK_IN, selfHarmThoughts: true });
    expect(risky.json()).toEqual({ status: 'received', showCrisisResources: true });
  });

  it('stores one answer for two quick taps with the same key, answers both alike, and refuses the key for another answer', async () => {
    const before = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, blake.id));
    const tap = { ...CHECK_IN, mood: 4, note: 'Two taps' };
    const [first, second] = await Promise.all([
      answer(blake, blake.episodeId, 'check-in', tap, 'double-tap-key-1'),
      answer(blake, blake.episodeId, 'check-in', tap, 'double-tap-key-1'),
    ]);
    for (const r of [first, second]) expect(r.statusCode, r.body).toBe(201);
    expect(second.json()).toEqual(first.json());
    const after = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, blake.id));
    expect(after.length - before.length).toBe(1);

    // A questionnaire: the repeat replays the receipt instead of finding it answered (not due any more, 422).
    const [q1, q2] = await Promise.all([
      answer(blake, blake.episodeId, 'phq-9', phq9(0), 'double-tap-key-2'),
      answer(blake, blake.episodeId, 'phq-9', phq9(0), 'double-tap-key-2'),
    ]);
    for (const r of [q1, q2]) expect(r.statusCode, r.body).toBe(201);
    expect(q2.json()).toEqual(q1.json());
    const responses = await t.database.db
      .select()
      .from(measureResponse)
      .where(and(eq(measureResponse.participantId, blake.id), eq(measureResponse.instrumentId, 'phq-9')));
    expect(responses).toHaveLength(1);

    const reused = await answer(blake, blake.episodeId, 'check-in', { ...tap, mood: 5 }, 'double-tap-key-1');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().errors[0].path).toBe('headers.idempotency-key');
    // Another participant's key space never answers for Blake's: the same key is a different request of someone else.
    const averys = await answer(avery, avery.episodeId, 'check-in', tap, 'double-tap-key-1');
    expect(averys.statusCode).toBe(409);
  });

  it('audits each answer as the participant’s, in the portal, without the answers', async () => {
    const events = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.participantId, avery.id), eq(auditEvent.actorRole, 'participant')));
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['measure.due-list', 'check-in.record', 'measure.record', 'safety-alert.raise']),
    );
    expect(
      events
        .filter((e) => e.action === 'check-in.record')
        .every((e) => (e.details as { via?: string }).via === 'portal'),
    ).toBe(true);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain('calm day');
  });
});
