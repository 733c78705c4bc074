import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { scoreMeasure, type ParticipantMeasures, type SafetyAlert, type SafetyAlertList, type StoredMeasure } from '@trellis/core';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { auditEvent, episode, measureResponse, participant, safetyAlert } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';
import { SAFETY_ALERT_CHANNEL } from './queries.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';

/** PHQ-9 answers: items 1–8 as given (default 0), item 9 as given. */
const phq9 = (items: number[], item9 = 0) =>
  Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, items[i] ?? 0]), ['q9', item9]]);

let keys = 0;
const newKey = () => `test-key-${++keys}-abcdef`;

describe('measures entered by staff, and safety alerts', () => {
  let t: TestApp;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sud: ProgramFixture;
  let sudClinician: TestStaff;
  const who: Record<string, { participantId: string; episodeId: string }> = {};

  async function person(name: string, prog: ProgramFixture, primaryClinicianId: string | null) {
    const db = t.database.db;
    const [p] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: name, familyName: 'Measure', dateOfBirth: '1991-04-05' })
      .returning({ id: participant.id });
    const [e] = await db
      .insert(episode)
      .values({ orgId: org.orgId, participantId: p!.id, programId: prog.id, part2: prog === sud, admittedOn: '2026-11-02', primaryClinicianId })
      .returning({ id: episode.id });
    return { participantId: p!.id, episodeId: e!.id };
  }

  function enter(staff: TestStaff | null, episodeId: string, payload: Record<string, unknown>, key: string | null = newKey()) {
    return t.as(staff, {
      method: 'POST',
      url: `/api/v1/episodes/${episodeId}/measures`,
      payload,
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  async function openAlerts(staff: TestStaff): Promise<SafetyAlert[]> {
    const res = await t.as(staff, { method: 'GET', url: '/api/v1/safety-alerts' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SafetyAlertList>().items;
  }

  async function alertsOfResponse(responseId: string) {
    return t.database.db.select().from(safetyAlert).where(and(eq(safetyAlert.orgId, org.orgId), eq(safetyAlert.responseId, responseId)));
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Measures Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    sud = await buildProgram(db, site, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    // The director supervises the mental health program; the clinician and prescriber work in it.
    for (const s of [org.staff.director, org.staff.clinician, org.staff.prescriber]) await assignToProgram(db, org.orgId, s.id, mh.id);
    const email = 'sud.clinician@measures.test';
    const id = await createStaff(db, { orgId: org.orgId, name: 'SUD clinician', email, role: 'clinician', password: TEST_PASSWORD });
    sudClinician = { id, email, role: 'clinician', cookie: await t.signIn(email) };
    await assignToProgram(db, org.orgId, id, sud.id);
    who.ana = await person('Ana', mh, org.staff.clinician.id);
    who.bea = await person('Bea', mh, org.staff.clinician.id);
    who.cal = await person('Cal', mh, org.staff.clinician.id);
    who.dev = await person('Dev', sud, sudClinician.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses an anonymous caller with 401 before looking at the body', async () => {
    const res = await enter(null, who.ana!.episodeId, { instrument: 'phq-9', answers: { q1: 99 }, total: 3 });
    expect(res.statusCode).toBe(401);
  });

  it('scores on the server with core, stores the score, and raises no alert without a risk answer', async () => {
    const answers = phq9([2, 2, 1, 1, 1, 1, 1, 1], 0);
    const res = await enter(org.staff.clinician, who.ana!.episodeId, { instrument: 'phq-9', answers });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<StoredMeasure>();
    const expected = scoreMeasure('phq-9', answers, { sex: null });
    expect(body).toMatchObject({
      total: expected.total,
      band: { id: expected.band!.id, label: expected.band!.label },
      flags: expected.flags,
      administeredAt: new Date(NOW).toISOString(),
      enteredBy: org.staff.clinician.id,
      source: 'staff',
      safetyAlertId: null,
    });
    expect(body.total).toBe(10);
    const [row] = await t.database.db.select().from(measureResponse).where(eq(measureResponse.id, body.id));
    expect(row).toMatchObject({ total: 10, bandId: expected.band!.id, instrumentId: 'phq-9', enteredBy: org.staff.clinician.id });
    expect(await alertsOfResponse(body.id)).toHaveLength(0);
    const [audit] = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.entityId, body.id)));
    expect(audit).toMatchObject({ action: 'measure.record', participantId: who.ana!.participantId });
    expect(JSON.stringify(audit!.details)).not.toMatch(/total|answers/);
  });

  it('refuses a score sent by the client, naming the field', async () => {
    const res = await enter(org.staff.clinician, who.ana!.episodeId, { instrument: 'phq-9', answers: phq9([]), total: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: 'body.total' }));
  });

  it('refuses an answer out of range or missing with 400 naming the item, and stores nothing', async () => {
    const before = await t.database.db.select().from(measureResponse).where(eq(measureResponse.participantId, who.bea!.participantId));
    const outOfRange = await enter(org.staff.clinician, who.bea!.episodeId, { instrument: 'phq-9', answers: { ...phq9([]), q3: 4 } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors).toContainEqual(expect.objectContaining({ path: 'body.answers.q3', message: 'must be one of 0, 1, 2, 3' }));
    const { q9: _omitted, ...missing } = phq9([]);
    const incomplete = await enter(org.staff.clinician, who.bea!.episodeId, { instrument: 'phq-9', answers: missing });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors).toContainEqual(expect.objectContaining({ path: 'body.answers.q9' }));
    const after = await t.database.db.select().from(measureResponse).where(eq(measureResponse.participantId, who.bea!.participantId));
    expect(after).toHaveLength(before.length);
  });

  it('needs an Idempotency-Key and a time that is not in the future', async () => {
    const noKey = await enter(org.staff.clinician, who.bea!.episodeId, { instrument: 'phq-9', answers: phq9([]) }, null);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].path).toBe('headers.idempotency-key');
    const future = await enter(org.staff.clinician, who.bea!.episodeId, {
      instrument: 'phq-9',
      answers: phq9([]),
      administeredAt: '2026-11-18T10:01:00-05:00',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('body.administeredAt');
  });

  it('lets only the treating roles enter and read measures', async () => {
    for (const staff of [org.staff.biller, org.staff.intake, org.staff.admin]) {
      const write = await enter(staff, who.ana!.episodeId, { instrument: 'phq-9', answers: phq9([]) });
      expect(write.statusCode, staff.role).toBe(403);
      const read = await t.as(staff, { method: 'GET', url: `/api/v1/participants/${who.ana!.participantId}/measures` });
      expect(read.statusCode, staff.role).toBe(403);
      const alerts = await t.as(staff, { method: 'GET', url: '/api/v1/safety-alerts' });
      expect(alerts.statusCode, staff.role).toBe(403);
    }
  });

  it('refuses a Part 2 participant of another program, even to a director, and leaves the episode out of reads', async () => {
    const answers = phq9([1, 1]);
    const byDirector = await enter(org.staff.director, who.dev!.episodeId, { instrument: 'phq-9', answers });
    expect(byDirector.statusCode).toBe(403);
    const byClinician = await enter(org.staff.clinician, who.dev!.episodeId, { instrument: 'phq-9', answers });
    expect(byClinician.statusCode).toBe(403);
    const own = await enter(sudClinician, who.dev!.episodeId, { instrument: 'phq-9', answers });
    expect(own.statusCode, own.body).toBe(201);
    const directorRead = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${who.dev!.participantId}/measures` });
    expect(directorRead.statusCode).toBe(200);
    expect(directorRead.json<ParticipantMeasures>().series).toEqual([]);
    const ownRead = await t.as(sudClinician, { method: 'GET', url: `/api/v1/participants/${who.dev!.participantId}/measures` });
    expect(ownRead.json<ParticipantMeasures>().series).toHaveLength(1);
  });

  it('raises exactly one alert for PHQ-9 item 9 above 0, for the primary clinician and the program supervisor, announced by NOTIFY', async () => {
    const notices: string[] = [];
    const stopListening = await listen(t, (payload) => notices.push(payload));
    try {
      const res = await enter(org.staff.prescriber, who.bea!.episodeId, { instrument: 'phq-9', answers: phq9([0, 1], 1) });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<StoredMeasure>();
      expect(body.flags.map((f) => f.code)).toContain('phq9-item9');
      const alerts = await alertsOfResponse(body.id);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: 'phq9-item9', participantId: who.bea!.participantId, acknowledgedAt: null });
      expect(body.safetyAlertId).toBe(alerts[0]!.id);

      for (const staff of [org.staff.clinician, org.staff.director]) {
        const mine = (await openAlerts(staff)).filter((a) => a.participantId === who.bea!.participantId);
        expect(mine, staff.role).toHaveLength(1);
        expect(mine[0]).toMatchObject({ id: alerts[0]!.id, participantName: 'Bea Measure', programName: mh.name, kind: 'phq9-item9' });
      }
      // The prescriber entered it but is neither primary clinician nor supervisor; staff of another program see nothing.
      expect((await openAlerts(org.staff.prescriber)).map((a) => a.id)).not.toContain(alerts[0]!.id);
      expect((await openAlerts(sudClinician)).map((a) => a.id)).not.toContain(alerts[0]!.id);

      await waitFor(() => notices.length > 0);
      const notice = JSON.parse(notices[0]!) as Record<string, unknown>;
      expect(notice).toEqual({ orgId: org.orgId, alertId: alerts[0]!.id, episodeId: who.bea!.episodeId });
    } finally {
      await stopListening();
    }
  });

  it('shows an alert nobody would see — no primary clinician, no supervisor on the program — to every director', async () => {
    const unstaffed = await buildProgram(t.database.db, await buildSite(t.database.db, org.orgId), { name: 'Weekend IOP' });
    await assignToProgram(t.database.db, org.orgId, org.staff.prescriber.id, unstaffed.id);
    const { episodeId } = await person('Fay', unstaffed, null);
    const res = await enter(org.staff.prescriber, episodeId, { instrument: 'phq-9', answers: phq9([], 3) });
    expect(res.statusCode, res.body).toBe(201);
    const alertId = res.json<StoredMeasure>().safetyAlertId;
    expect((await openAlerts(org.staff.director)).map((a) => a.id)).toContain(alertId);
    expect((await openAlerts(org.staff.clinician)).map((a) => a.id)).not.toContain(alertId);
  });

  it('acknowledges an alert only with an action, records the time to it, and drops it from the open list', async () => {
    const res = await enter(org.staff.clinician, who.cal!.episodeId, {
      instrument: 'c-ssrs-screener',
      answers: { q1: 1, q2: 1, q3: 0, q4: 1, q5: 0, q6: 0 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const alertId = res.json<StoredMeasure>().safetyAlertId!;
    expect(alertId).toBeTruthy();
    const url = `/api/v1/safety-alerts/${alertId}/acknowledgement`;

    const noAction = await t.as(org.staff.clinician, { method: 'POST', url, payload: { note: 'Called' } });
    expect(noAction.statusCode).toBe(400);
    expect(noAction.json().errors[0].path).toBe('body.action');
    const badAction = await t.as(org.staff.clinician, { method: 'POST', url, payload: { action: 'dismissed' } });
    expect(badAction.statusCode).toBe(400);
    expect((await openAlerts(org.staff.clinician)).map((a) => a.id)).toContain(alertId);

    t.clock.advanceMinutes(12);
    try {
      const ack = await t.as(org.staff.director, { method: 'POST', url, payload: { action: 'contacted', note: 'Reached by phone; safe.' } });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json<SafetyAlert>()).toMatchObject({ action: 'contacted', acknowledgedBy: org.staff.director.id, secondsToAcknowledge: 720 });
      expect((await openAlerts(org.staff.clinician)).map((a) => a.id)).not.toContain(alertId);
      expect((await openAlerts(org.staff.director)).map((a) => a.id)).not.toContain(alertId);
      const again = await t.as(org.staff.clinician, { method: 'POST', url, payload: { action: 'escalated' } });
      expect(again.statusCode).toBe(409);
      const [audit] = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.entityId, alertId), eq(auditEvent.action, 'safety-alert.acknowledge')));
      expect(audit?.details).toEqual({ action: 'contacted', secondsToAcknowledge: 720 });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('refuses an acknowledgement from outside the care team', async () => {
    const res = await enter(org.staff.clinician, who.cal!.episodeId, { instrument: 'phq-9', answers: phq9([], 2) });
    const alertId = res.json<StoredMeasure>().safetyAlertId!;
    const outsider = await t.as(sudClinician, { method: 'POST', url: `/api/v1/safety-alerts/${alertId}/acknowledgement`, payload: { action: 'contacted' } });
    expect(outsider.statusCode).toBe(403);
  });

  it('stores one response and one alert for a double submit with the same key, and refuses the key for other answers', async () => {
    const key = newKey();
    const payload = { instrument: 'phq-9', answers: phq9([3, 3, 3], 1) };
    const [first, second] = await Promise.all([
      enter(org.staff.clinician, who.ana!.episodeId, payload, key),
      enter(org.staff.clinician, who.ana!.episodeId, payload, key),
    ]);
    const third = await enter(org.staff.clinician, who.ana!.episodeId, payload, key);
    for (const r of [first, second, third]) expect(r.statusCode, r.body).toBe(201);
    const id = first.json<StoredMeasure>().id;
    expect(second.json<StoredMeasure>().id).toBe(id);
    expect(third.json<StoredMeasure>()).toEqual(first.json());
    const stored = await t.database.db.select().from(measureResponse).where(eq(measureResponse.participantId, who.ana!.participantId));
    expect(stored.filter((r) => r.total === 10)).toHaveLength(2); // the earlier PHQ-9 of 10 and this one (3+3+3+1)
    expect(await alertsOfResponse(id)).toHaveLength(1);
    const reused = await enter(org.staff.clinician, who.ana!.episodeId, { instrument: 'phq-9', answers: phq9([]) }, key);
    expect(reused.statusCode).toBe(409);
  });

  it('treats another organisation’s episode and alert as unknown', async () => {
    const other = await t.createOrg('Other Measures Clinic');
    const write = await enter(other.staff.director, who.ana!.episodeId, { instrument: 'phq-9', answers: phq9([]) });
    expect(write.statusCode).toBe(404);
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.participantId, who.bea!.participantId));
    const ack = await t.as(other.staff.director, {
      method: 'POST',
      url: `/api/v1/safety-alerts/${alert!.id}/acknowledgement`,
      payload: { action: 'contacted' },
    });
    expect(ack.statusCode).toBe(404);
    expect(await openAlerts(other.staff.director)).toEqual([]);
  });

  it('has the database refuse an acknowledgement without who, when and what, and any deletion by the app', async () => {
    const [alert] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.participantId, who.bea!.participantId));
    await expect(
      t.database.db.update(safetyAlert).set({ acknowledgedAt: new Date(NOW), acknowledgedBy: org.staff.clinician.id }).where(eq(safetyAlert.id, alert!.id)),
    ).rejects.toThrow();
    await expect(t.database.db.delete(safetyAlert).where(eq(safetyAlert.id, alert!.id))).rejects.toThrow();
    await expect(t.database.db.delete(measureResponse).where(eq(measureResponse.id, alert!.responseId!))).rejects.toThrow();
    const [still] = await t.database.db.select().from(safetyAlert).where(eq(safetyAlert.id, alert!.id));
    expect(still).toMatchObject({ acknowledgedAt: null, action: null });
  });

  it('scores an AUDIT-C with the cut-off for the sex on the participant record, and says which cut-off it used', async () => {
    // Monthly or less, 3 or 4 drinks, six or more less than monthly: 1 + 1 + 1 = 3.
    const answers = { q1: 1, q2: 1, q3: 1 };
    const audited = async (name: string, sex: 'female' | 'male' | 'unknown' | null) => {
      const p = await person(name, mh, org.staff.clinician.id);
      if (sex) {
        const current = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${p.participantId}` });
        expect(current.json().sexForScoring).toBe('unknown');
        const edit = await t.as(org.staff.clinician, {
          method: 'PATCH',
          url: `/api/v1/participants/${p.participantId}`,
          payload: { version: current.json().version, sexForScoring: sex },
        });
        expect(edit.statusCode, edit.body).toBe(200);
        expect(edit.json().sexForScoring).toBe(sex);
      }
      const res = await enter(org.staff.clinician, p.episodeId, { instrument: 'audit-c', answers });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<StoredMeasure>();
      const [row] = await t.database.db.select().from(measureResponse).where(eq(measureResponse.id, body.id));
      return { body, row: row!, participantId: p.participantId };
    };

    const female = await audited('Fay', 'female');
    expect(female.body).toMatchObject({ total: 3, band: { id: 'positive' }, flags: [{ code: 'audit-c-positive' }] });
    expect(female.body.scoringNote).toMatch(/3 or more \(cut-off for females\)/);
    expect(female.row.scoringSex).toBe('female');

    const male = await audited('Max', 'male');
    expect(male.body).toMatchObject({ total: 3, band: { id: 'negative' }, flags: [] });
    expect(male.body.scoringNote).toMatch(/4 or more \(cut-off for males\)/);
    expect(male.row.scoringSex).toBe('male');

    // Never recorded: the lower cut-off, and the note says so.
    const unknown = await audited('Uma', null);
    expect(unknown.body).toMatchObject({ total: 3, band: { id: 'positive' } });
    expect(unknown.body.scoringNote).toMatch(/not recorded, so the lower cut-off/);
    expect(unknown.row.scoringSex).toBe('unknown');

    // Other instruments keep no sex; a PHQ-9 has no scoring note.
    const phq = await enter(org.staff.clinician, who.ana!.episodeId, { instrument: 'phq-9', answers: phq9([]) });
    expect(phq.json<StoredMeasure>().scoringNote).toBeNull();
    const [phqRow] = await t.database.db.select().from(measureResponse).where(eq(measureResponse.id, phq.json<StoredMeasure>().id));
    expect(phqRow!.scoringSex).toBeNull();

    // The chart draws the bands for the recorded sex and keeps the note on the point.
    const chart = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${male.participantId}/measures` });
    const series = chart.json<ParticipantMeasures>().series.find((s) => s.instrument === 'audit-c')!;
    expect(series.bands.find((b) => b.id === 'positive')).toMatchObject({ min: 4, max: 7 });
    expect(series.points[0]!.scoringNote).toMatch(/males/);
  });

  it('refuses a sex for scoring outside the record’s values, naming the field, and the database refuses it too', async () => {
    const current = await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/participants/${who.bea!.participantId}` });
    const res = await t.as(org.staff.clinician, {
      method: 'PATCH',
      url: `/api/v1/participants/${who.bea!.participantId}`,
      payload: { version: current.json().version, sexForScoring: 'F' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.sexForScoring');
    await expect(
      t.database.db.update(participant).set({ sexForScoring: 'x' as 'female' }).where(eq(participant.id, who.bea!.participantId)),
    ).rejects.toThrow();
  });

  it('charts scores over time with reliable change from the first score, and audits the read', async () => {
    const { participantId, episodeId } = await person('Eli', mh, org.staff.clinician.id);
    t.clock.set('2026-11-04T15:00:00Z');
    try {
      await enter(org.staff.clinician, episodeId, { instrument: 'phq-9', answers: phq9([3, 3, 3, 3, 2, 2, 2, 2]) }); // 20
      t.clock.set('2026-11-11T15:00:00Z');
      await enter(org.staff.clinician, episodeId, { instrument: 'phq-9', answers: phq9([2, 2, 2, 2, 1, 1, 1, 1]) }); // 12
      t.clock.set(NOW);
      await enter(org.staff.clinician, episodeId, { instrument: 'phq-9', answers: phq9([1, 1, 1, 1]) }); // 4
      await enter(org.staff.clinician, episodeId, { instrument: 'gad-7', answers: { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1 } });
    } finally {
      t.clock.set(NOW);
    }
    const res = await t.as(org.staff.prescriber, { method: 'GET', url: `/api/v1/participants/${participantId}/measures` });
    expect(res.statusCode, res.body).toBe(200);
    const { series } = res.json<ParticipantMeasures>();
    const phq = series.find((s) => s.instrument === 'phq-9')!;
    expect(phq.points.map((p) => p.total)).toEqual([20, 12, 4]);
    expect(phq.points.map((p) => p.band?.id)).toEqual(['severe', 'moderate', 'minimal']);
    expect(phq.points[0]!.fromFirst).toBeNull();
    expect(phq.points[1]!.fromFirst).toMatchObject({ change: -8, reliable: true, direction: 'improved' });
    expect(phq.points[2]!.fromFirst).toMatchObject({ change: -16, reliable: true, direction: 'improved' });
    expect(phq.outcome).toEqual({ response: true, remission: true, clinicallyMeaningful: null, clinicallySignificant: true });
    const gad = series.find((s) => s.instrument === 'gad-7')!;
    expect(gad.points).toHaveLength(1);
    expect(gad.outcome).toBeNull();
    const [audit] = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.participantId, participantId), eq(auditEvent.action, 'measure.read')));
    expect(audit).toMatchObject({ actorId: org.staff.prescriber.id, details: { view: 'participant-measures', count: 4 } });
  });
});

/** Listens on the alert channel, on PGlite in process or on a PostgreSQL connection of its own; returns a stop function. */
async function listen(t: TestApp, onNotice: (payload: string) => void): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const client = (t.database.db as unknown as { $client: PGlite }).$client;
    return client.listen(SAFETY_ALERT_CHANNEL, onNotice);
  }
  const target = new URL(url);
  target.pathname = `/${(t.database as unknown as { name: string }).name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  client.on('notification', (n) => {
    if (n.channel === SAFETY_ALERT_CHANNEL && n.payload) onNotice(n.payload);
  });
  await client.query(`listen ${SAFETY_ALERT_CHANNEL}`);
  return () => client.end();
}

async function waitFor(ready: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
