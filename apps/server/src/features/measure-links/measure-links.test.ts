import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DueList, DueLinksCreated, MeasureLinkCreated, PublicMeasureLink, SafetyAlertList } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, checkIn, episode, measureLink, measureResponse, participant, safetyAlert } from '../../db/schema.ts';
import { assignToProgram, buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

const phq9 = (item9: number, rest = 0) => ({ answers: Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, rest]), ['q9', item9]]) });
const CHECK_IN = { mood: 6, anxiety: 3, craving: 2, sleepHours: 7.5, anyUse: false, selfHarmThoughts: false, note: 'A calm day' };

describe('one-time measure links, the due list, and links for everyone due', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  const who: Record<string, { participantId: string; episodeId: string }> = {};

  async function person(name: string, prog: ProgramFixture, admittedOn = '2026-11-02') {
    const db = t.database.db;
    const [p] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: name, familyName: 'Linkson', dateOfBirth: '1990-02-03' })
      .returning({ id: participant.id });
    const [e] = await db
      .insert(episode)
      .values({ orgId: org.orgId, participantId: p!.id, programId: prog.id, part2: prog === sud, admittedOn, primaryClinicianId: org.staff.clinician.id })
      .returning({ id: episode.id });
    return { participantId: p!.id, episodeId: e!.id };
  }

  async function makeLink(episodeId: string, instrument: string): Promise<MeasureLinkCreated> {
    const res = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/episodes/${episodeId}/measure-links`, payload: { instrument } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<MeasureLinkCreated>();
  }

  // The participant's phone: no cookie, its own origin.
  const open = (token: string) => t.as(null, { method: 'GET', url: `/api/v1/public/measure-links/${token}` });
  const answer = (token: string, payload: unknown) => t.as(null, { method: 'POST', url: `/api/v1/public/measure-links/${token}`, payload: payload as object });

  const responsesOf = (participantId: string) =>
    t.database.db.select().from(measureResponse).where(and(eq(measureResponse.orgId, org.orgId), eq(measureResponse.participantId, participantId)));

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Links Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    sud = await buildProgram(db, site, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    for (const s of [org.staff.director, org.staff.clinician]) {
      await assignToProgram(db, org.orgId, s.id, mh.id);
      await assignToProgram(db, org.orgId, s.id, sud.id);
    }
    who.ana = await person('Ana', mh);
    who.bo = await person('Bo', mh);
    who.cy = await person('Cy', sud, '2026-11-16');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('makes a link with a random token shown once and stored only as a hash, expiring after the setting', async () => {
    const link = await makeLink(who.ana!.episodeId, 'phq-9');
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/m/${link.token}`);
    expect(link.expiresAt).toBe(new Date(Date.parse(NOW) + 72 * 3_600_000).toISOString());
    const [row] = await t.database.db.select().from(measureLink).where(eq(measureLink.id, link.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(link.token);
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.entityId, link.id)));
    expect(audit).toMatchObject({ action: 'measure-link.create', participantId: who.ana!.participantId });
    expect(JSON.stringify(audit!.details)).not.toContain(link.token);
  });

  it('refuses anonymous link making with 401 and roles without measure.write with 403', async () => {
    const anon = await t.as(null, { method: 'POST', url: `/api/v1/episodes/${who.ana!.episodeId}/measure-links`, payload: { instrument: 'nope' } });
    expect(anon.statusCode).toBe(401);
    const biller = await t.as(org.staff.biller, { method: 'POST', url: `/api/v1/episodes/${who.ana!.episodeId}/measure-links`, payload: { instrument: 'phq-9' } });
    expect(biller.statusCode).toBe(403);
    const bad = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/episodes/${who.ana!.episodeId}/measure-links`, payload: { instrument: 'beck' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.instrument');
  });

  it('shows the questionnaire only — no name, no record — without signing in', async () => {
    const link = await makeLink(who.ana!.episodeId, 'phq-9');
    const res = await open(link.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const body = res.json<PublicMeasureLink>();
    expect(body.kind).toBe('instrument');
    if (body.kind !== 'instrument') return;
    expect(body.questionnaire.shortName).toBe('PHQ-9');
    expect(body.questionnaire.items).toHaveLength(9);
    expect(res.body).not.toMatch(/Ana|Linkson|points|participant/i);
  });

  it('answers an unknown token with 404 and a malformed one with 400', async () => {
    expect((await open('A'.repeat(43))).statusCode).toBe(404);
    expect((await open('short')).statusCode).toBe(400);
  });

  it('scores a PHQ-9 on the server, raises the alert through the staff path, and tells the phone to show crisis resources', async () => {
    const link = await makeLink(who.bo!.episodeId, 'phq-9');
    const res = await answer(link.token, phq9(2, 1));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received', showCrisisResources: true });
    const [response] = await responsesOf(who.bo!.participantId);
    expect(response).toMatchObject({ total: 10, source: 'link', enteredBy: null, instrumentId: 'phq-9' });
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.responseId, response!.id));
    expect(alert).toMatchObject({ kind: 'phq9-item9', participantId: who.bo!.participantId });
    // The clinician's open list shows it at once.
    const list = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/safety-alerts' });
    expect(list.json<SafetyAlertList>().items.map((a) => a.id)).toContain(alert!.id);
    const [used] = await t.database.db.select().from(measureLink).where(eq(measureLink.id, link.id));
    expect(used).toMatchObject({ responseId: response!.id });
    expect(used!.usedAt).not.toBeNull();
    const events = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.participantId, who.bo!.participantId)));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['measure.record', 'safety-alert.raise']));
    const recorded = events.find((e) => e.action === 'measure.record')!;
    expect(recorded.actorId).toBeNull();
    expect(recorded.details).toMatchObject({ linkId: link.id, source: 'link' });
  });

  it('stores one response for a double submit, answering the repeat as the first, and refuses other answers with 410', async () => {
    const link = await makeLink(who.ana!.episodeId, 'gad-7');
    const gad7 = { answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 1])) };
    const before = (await responsesOf(who.ana!.participantId)).length;
    const [first, second] = await Promise.all([answer(link.token, gad7), answer(link.token, gad7)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect((await responsesOf(who.ana!.participantId)).length).toBe(before + 1);
    const other = await answer(link.token, { answers: { ...gad7.answers, q1: 3 } });
    expect(other.statusCode).toBe(410);
    expect(other.json()).toMatchObject({ title: 'Link already used' });
    expect((await open(link.token)).json()).toMatchObject({ status: 410, title: 'Link already used' });
    expect((await responsesOf(who.ana!.participantId)).length).toBe(before + 1);
  });

  it('refuses an expired link with 410 and stores nothing', async () => {
    const link = await makeLink(who.ana!.episodeId, 'phq-9');
    const before = (await responsesOf(who.ana!.participantId)).length;
    t.clock.set(new Date(Date.parse(NOW) + 72 * 3_600_000));
    try {
      const opened = await open(link.token);
      expect(opened.statusCode).toBe(410);
      expect(opened.json()).toMatchObject({ title: 'Link expired' });
      const res = await answer(link.token, phq9(0));
      expect(res.statusCode).toBe(410);
    } finally {
      t.clock.set(NOW);
    }
    expect((await responsesOf(who.ana!.participantId)).length).toBe(before);
    const [row] = await t.database.db.select().from(measureLink).where(eq(measureLink.id, link.id));
    expect(row!.usedAt).toBeNull();
  });

  it('refuses answers out of range or missing with 400 naming the item, a score sent by the client, and keeps the link open', async () => {
    const link = await makeLink(who.ana!.episodeId, 'phq-9');
    const out = await answer(link.token, { answers: { ...phq9(0).answers, q3: 7 } });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors).toContainEqual({ path: 'body.answers.q3', message: 'must be one of 0, 1, 2, 3' });
    const { q9: _q9, ...missing } = phq9(0).answers;
    const incomplete = await answer(link.token, { answers: missing });
    expect(incomplete.json().errors).toContainEqual({ path: 'body.answers.q9', message: 'is required' });
    const scored = await answer(link.token, { ...phq9(0), total: 0 });
    expect(scored.statusCode).toBe(400);
    expect(scored.json().errors).toContainEqual(expect.objectContaining({ path: 'body.total' }));
    const ok = await answer(link.token, phq9(0));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ status: 'received', showCrisisResources: false });
  });

  it('takes a check-in through a link; thoughts of self-harm raise an alert; bad fields are named', async () => {
    const link = await makeLink(who.ana!.episodeId, 'check-in');
    const opened = await open(link.token);
    expect(opened.json()).toMatchObject({ kind: 'check-in' });
    const bad = await answer(link.token, { ...CHECK_IN, mood: 11, anyUse: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.mood', message: 'must be 0 to 10' },
        { path: 'body.substancesUsed', message: 'is required when any use is reported' },
      ]),
    );
    const res = await answer(link.token, { ...CHECK_IN, selfHarmThoughts: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received', showCrisisResources: true });
    const [row] = await t.database.db.select().from(checkIn).where(eq(checkIn.participantId, who.ana!.participantId));
    expect(row).toMatchObject({ source: 'link', enteredBy: null, selfHarmThoughts: true, note: 'A calm day' });
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.checkInId, row!.id));
    expect(alert).toMatchObject({ kind: 'checkin', responseId: null });
  });

  it('the database refuses to reopen or delete a used link', async () => {
    const link = await makeLink(who.ana!.episodeId, 'gad-7');
    expect((await answer(link.token, { answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 0])) })).statusCode).toBe(201);
    await expect(
      t.database.db.update(measureLink).set({ usedAt: null, responseId: null, submissionHash: null }).where(eq(measureLink.id, link.id)),
    ).rejects.toThrow();
    await expect(t.database.db.delete(measureLink).where(eq(measureLink.id, link.id))).rejects.toThrow();
  });

  it('lists what is due this week on the clinician’s caseload, and makes links for everyone due in one action', async () => {
    const due = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/measures/due' });
    expect(due.statusCode, due.body).toBe(200);
    const list = due.json<DueList>();
    expect(list).toMatchObject({ clinicianId: org.staff.clinician.id, today: '2026-11-18', weekEndsOn: '2026-11-22' });
    const cy = list.items.filter((i) => i.participantId === who.cy!.participantId).map((i) => `${i.shortName} ${i.reason} ${i.dueOn}`);
    // Admitted Monday 16 Nov to a substance use program: the admission measures; the BAM falls due a week on.
    expect(cy).toEqual(['PHQ-9 admission 2026-11-16', 'GAD-7 admission 2026-11-16', 'AUDIT admission 2026-11-16', 'DAST-10 admission 2026-11-16']);
    // Bo answered a PHQ-9 today: not due again this week.
    expect(list.items.some((i) => i.participantId === who.bo!.participantId && i.instrument === 'phq-9')).toBe(false);

    const made = await t.as(org.staff.clinician, { method: 'POST', url: '/api/v1/measures/due/links', payload: {} });
    expect(made.statusCode, made.body).toBe(201);
    const links = made.json<DueLinksCreated>().links;
    expect(links.length).toBe(list.items.filter((i) => i.openLink === null).length);
    expect(links.filter((l) => l.participantId === who.cy!.participantId)).toHaveLength(4);
    // Done again: everything due has an open link now, so nothing new is made.
    const again = await t.as(org.staff.clinician, { method: 'POST', url: '/api/v1/measures/due/links', payload: {} });
    expect(again.json<DueLinksCreated>().links).toEqual([]);
    const after = (await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/measures/due' })).json<DueList>();
    expect(after.items.every((i) => i.openLink !== null)).toBe(true);
  });

  it('keeps a clinician to their own due list; a director may read a clinician’s', async () => {
    const other = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/measures/due?clinicianId=${org.staff.director.id}` });
    expect(other.statusCode).toBe(403);
    const director = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/measures/due?clinicianId=${org.staff.clinician.id}` });
    expect(director.statusCode).toBe(200);
    expect(director.json<DueList>().items.length).toBeGreaterThan(0);
    expect((await t.as(org.staff.biller, { method: 'GET', url: '/api/v1/measures/due' })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/measures/due' })).statusCode).toBe(401);
  });
});
