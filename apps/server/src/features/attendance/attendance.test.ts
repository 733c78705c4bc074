import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { rollSavedSchema } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { attendance, auditEvent, idempotencyKey } from '../../db/schema.ts';
import { deleteExpiredIdempotencyRecords } from './idempotency.ts';
import { writeRoll } from './roll-write.ts';
import { isWriteConflict, namedStatements } from '../../db/statements.ts';
import { auditEventsJson } from '../../audit/audit.ts';
import {
  assignToProgram,
  buildProgram,
  buildSession,
  buildSite,
  buildTrack,
  buildWeeklySessions,
  type ProgramFixture,
  type TrackFixture,
} from '../ledger/fixtures.ts';

interface SavedBody {
  session: { id: string; expectedCount: number; recordedCount: number };
  changed: {
    participantId: string;
    status: string;
    lateMinutes: number;
    leftEarlyMinutes: number;
    minutesAttended: number;
    version: number;
  }[];
}

interface RollBody {
  session: { id: string; expectedCount: number; recordedCount: number; status: string };
  entries: {
    participantId: string;
    displayName: string;
    status: string | null;
    lateMinutes: number;
    leftEarlyMinutes: number;
    minutesAttended: number;
    version: number | null;
  }[];
}

describe('the roll', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let adult: ProgramFixture;
  let evening: TrackFixture;
  let morning: TrackFixture;
  let eveningSessions: Map<string, string>;
  let ana: string;
  let ben: string;
  let cy: string;
  let gone: string;

  async function admitted(staff: TestStaff, givenName: string, trackId: string, admittedOn = '2026-11-02') {
    const p = await t.as(staff, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName, familyName: 'Roll', dateOfBirth: '1990-01-01' },
    });
    const id = p.json().id as string;
    const e = await t.as(staff, {
      method: 'POST',
      url: `/api/v1/participants/${id}/episodes`,
      payload: { programId: adult.id, trackId, admittedOn, primaryClinicianId: org.staff.clinician.id },
    });
    expect(e.statusCode).toBe(201);
    return { id, episode: e.json<{ id: string; version: number }>() };
  }

  const put = async (staff: TestStaff, sessionId: string, entries: unknown[], key?: string) => {
    const res = await t.as(staff, {
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/roll`,
      payload: { entries },
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
    // A saved roll is sent as built (no zod pass on the way out): it must already be exactly what the schema describes.
    if (res.statusCode === 200) expect(rollSavedSchema.parse(res.json())).toEqual(res.json());
    return res;
  };

  const session = (date: string) => {
    const id = eveningSessions.get(date);
    if (!id) throw new Error(`no evening session on ${date}`);
    return id;
  };

  /** Events of `action` about a participant: naming them alone, or among the participants a list showed. */
  async function auditCount(action: string, participantId: string) {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.orgId, org.orgId),
          eq(auditEvent.action, action),
          or(eq(auditEvent.participantId, participantId), sql`${auditEvent.participantIds} @> array[${participantId}::uuid]`),
        ),
      );
    return row?.n ?? 0;
  }

  async function attendedMinutes(participantId: string, weekMonday: string) {
    const res = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/participants/${participantId}/ledger` });
    expect(res.statusCode).toBe(200);
    const week = (res.json().weeks as { weekMonday: string; attendedMinutes: number }[]).find(
      (w) => w.weekMonday === weekMonday,
    );
    return week?.attendedMinutes;
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Roll Clinic');
    other = await t.createOrg('Other Roll Clinic');
    const ny = await buildSite(t.database.db, org.orgId);
    adult = await buildProgram(t.database.db, ny, { name: 'Adult IOP' });
    evening = await buildTrack(t.database.db, adult, 'Evening');
    morning = await buildTrack(t.database.db, adult, 'Morning');
    await assignToProgram(t.database.db, org.orgId, org.staff.clinician.id, adult.id);
    eveningSessions = await buildWeeklySessions(t.database.db, evening, {
      weekdays: [1, 2, 4],
      startTime: '18:00',
      endTime: '21:00',
      fromMonday: '2026-11-02',
      weeks: 3,
    });
    ana = (await admitted(org.staff.intake, 'Ana', evening.id)).id;
    ben = (await admitted(org.staff.intake, 'Ben', evening.id)).id;
    cy = (await admitted(org.staff.intake, 'Cy', morning.id)).id;
    const leaver = await admitted(org.staff.intake, 'Dee', evening.id);
    gone = leaver.id;
    const discharged = await t.as(org.staff.clinician, {
      method: 'POST',
      url: `/api/v1/episodes/${leaver.episode.id}/discharge`,
      payload: { dischargedOn: '2026-11-10', disposition: 'completed', version: 1 },
    });
    expect(discharged.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('shows the expected roster of a session and audits the read in one event naming everyone shown', async () => {
    const res = await t.as(org.staff.clinician, {
      method: 'GET',
      url: `/api/v1/sessions/${session('2026-11-16')}/roll`,
    });
    expect(res.statusCode).toBe(200);
    const roll = res.json<RollBody>();
    expect(roll.session).toMatchObject({
      id: session('2026-11-16'),
      expectedCount: 2,
      recordedCount: 0,
      status: 'scheduled',
    });
    expect(roll.entries.map((e) => e.displayName)).toEqual(['Ana Roll', 'Ben Roll']);
    expect(roll.entries[0]).toMatchObject({ status: null, minutesAttended: 0, version: null });
    expect(await auditCount('roll.read', ana)).toBe(1);
    expect(await auditCount('roll.read', ben)).toBe(1);
    expect(await auditCount('roll.read', cy)).toBe(0);
    const reads = await t.database.db
      .select({ participantId: auditEvent.participantId, participantIds: auditEvent.participantIds, entityId: auditEvent.entityId })
      .from(auditEvent)
      .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'roll.read')))
      .orderBy(desc(auditEvent.seq));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toEqual({ participantId: null, participantIds: roll.entries.map((e) => e.participantId), entityId: session('2026-11-16') });
    // Asked about Ben, the audit trail finds the one event and shows it against him.
    const trail = await t.as(org.staff.director, { method: 'GET', url: `/api/v1/audit?participantId=${ben}` });
    expect(trail.statusCode).toBe(200);
    const benReads = trail.json<{ items: { action: string; participantId: string | null; participantName: string | null }[] }>().items.filter((e) => e.action === 'roll.read');
    expect(benReads).toEqual([expect.objectContaining({ participantId: ben, participantName: 'Ben Roll' })]);

    // Dee was discharged on the 10th: on the roll of the 10th, not of the 12th.
    const tenth = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-10')}/roll` })
    ).json<RollBody>();
    expect(tenth.entries.map((e) => e.participantId)).toContain(gone);
    const twelfth = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-12')}/roll` })
    ).json<RollBody>();
    expect(twelfth.entries.map((e) => e.participantId)).not.toContain(gone);
  });

  it('records marks and derives minutes attended from late and early departures', async () => {
    const res = await put(org.staff.clinician, session('2026-11-16'), [
      { participantId: ana, status: 'present' },
      { participantId: ben, status: 'late', lateMinutes: 15 },
    ]);
    expect(res.statusCode).toBe(200);
    const saved = res.json<SavedBody>();
    expect(saved.session).toEqual({ id: session('2026-11-16'), expectedCount: 2, recordedCount: 2 });
    expect(saved.changed.map((e) => [e.participantId, e.status, e.lateMinutes, e.minutesAttended, e.version])).toEqual([
      [ana, 'present', 0, 180, 1],
      [ben, 'late', 15, 165, 1],
    ]);
    // The answer is what the roll now holds.
    const roll = (await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-16')}/roll` })).json<RollBody>();
    expect(roll.session).toMatchObject({ expectedCount: 2, recordedCount: 2 });
    expect(roll.entries.map((e) => [e.status, e.lateMinutes, e.minutesAttended, e.version])).toEqual([
      ['present', 0, 180, 1],
      ['late', 15, 165, 1],
    ]);

    const tuesday = await put(org.staff.clinician, session('2026-11-17'), [
      { participantId: ana, status: 'left_early', leftEarlyMinutes: 30 },
      { participantId: ben, status: 'late', lateMinutes: 10, leftEarlyMinutes: 20 },
    ]);
    expect(tuesday.statusCode).toBe(200);
    expect(tuesday.json<SavedBody>().changed.map((e) => e.minutesAttended)).toEqual([150, 150]);
    expect(await attendedMinutes(ben, '2026-11-16')).toBe(165 + 150);
  });

  it('changes a mark, bumping its version and auditing old and new status', async () => {
    await put(org.staff.clinician, session('2026-11-05'), [{ participantId: ana, status: 'present' }]);
    const res = await put(org.staff.clinician, session('2026-11-05'), [{ participantId: ana, status: 'absent' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json<SavedBody>().changed).toEqual([
      { participantId: ana, status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0, minutesAttended: 0, version: 2 },
    ]);
    const [latest] = await t.database.db
      .select()
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.orgId, org.orgId),
          eq(auditEvent.action, 'attendance.record'),
          sql`${auditEvent.participantIds} @> array[${ana}::uuid]`,
        ),
      )
      .orderBy(sql`seq desc`)
      .limit(1);
    // One event per roll write names everyone whose mark changed, with each change in its details.
    expect(latest).toMatchObject({ entityType: 'session', entityId: session('2026-11-05'), participantIds: [ana] });
    expect(latest?.details).toEqual({
      marks: [{ attendanceId: expect.any(String), participantId: ana, from: 'present', to: 'absent', minutesAttended: 0 }],
    });
    // Re-sending the same marks changes nothing, answers no marks and writes no event.
    const before = await auditCount('attendance.record', ana);
    const unchanged = await put(org.staff.clinician, session('2026-11-05'), [{ participantId: ana, status: 'absent' }]);
    expect(unchanged.json<SavedBody>()).toEqual({ session: { id: session('2026-11-05'), expectedCount: 3, recordedCount: 1 }, changed: [] });
    expect(await auditCount('attendance.record', ana)).toBe(before);
  });

  it('replays a repeated submit with the same Idempotency-Key without counting twice', async () => {
    const key = crypto.randomUUID();
    const entries = [{ participantId: ben, status: 'present' }];
    const first = await put(org.staff.clinician, session('2026-11-09'), entries, key);
    expect(first.statusCode).toBe(200);
    const events = await auditCount('attendance.record', ben);
    const minutes = await attendedMinutes(ben, '2026-11-09');
    expect(minutes).toBe(180);

    const repeat = await put(org.staff.clinician, session('2026-11-09'), entries, key);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toEqual(first.json());
    expect(await auditCount('attendance.record', ben)).toBe(events);
    expect(await attendedMinutes(ben, '2026-11-09')).toBe(180);
    const rows = await t.database.db
      .select({ version: attendance.version })
      .from(attendance)
      .where(
        and(
          eq(attendance.orgId, org.orgId),
          eq(attendance.sessionId, session('2026-11-09')),
          eq(attendance.participantId, ben),
        ),
      );
    expect(rows).toEqual([{ version: 1 }]);

    // A late repeat replays the stored answer and writes nothing, even after someone else changed the mark since.
    const correction = await put(org.staff.director, session('2026-11-09'), [
      { participantId: ben, status: 'excused' },
    ]);
    expect(correction.statusCode).toBe(200);
    const lateRepeat = await put(org.staff.clinician, session('2026-11-09'), entries, key);
    expect(lateRepeat.json()).toEqual(first.json());
    expect(await attendedMinutes(ben, '2026-11-09')).toBe(0);
    expect(await auditCount('attendance.record', ben)).toBe(events + 1);
    await put(org.staff.director, session('2026-11-09'), entries);

    const different = await put(
      org.staff.clinician,
      session('2026-11-09'),
      [{ participantId: ben, status: 'absent' }],
      key,
    );
    expect(different.statusCode).toBe(409);
    expect(await attendedMinutes(ben, '2026-11-09')).toBe(180);
    // Another user may not replay someone else's key either.
    const otherUser = await put(org.staff.director, session('2026-11-09'), entries, key);
    expect(otherUser.statusCode).toBe(409);
  });

  it('answers only the marks a write changed, and records their disclosure again when a repeat replays them', async () => {
    const key = crypto.randomUUID();
    const before = {
      anaRecorded: await auditCount('attendance.record', ana),
      ana: await auditCount('roll.read', ana),
      ben: await auditCount('roll.read', ben),
    };
    const marks = [
      { participantId: ana, status: 'absent' },
      { participantId: ben, status: 'present' },
    ];
    const res = await put(org.staff.clinician, session('2026-11-10'), marks, key);
    expect(res.statusCode).toBe(200);
    expect(res.json<SavedBody>().changed.map((m) => m.participantId)).toEqual([ana, ben]);
    // Each change is recorded (attendance.record); the answer shows nobody else, so nothing is read besides.
    expect(await auditCount('attendance.record', ana)).toBe(before.anaRecorded + 1);
    expect(await auditCount('roll.read', ana)).toBe(before.ana);
    expect(await auditCount('roll.read', ben)).toBe(before.ben);
    // Ben's mark sent again as it stands, with Ana's changed: only Ana's mark comes back.
    const second = await put(org.staff.clinician, session('2026-11-10'), [
      { participantId: ana, status: 'excused' },
      { participantId: ben, status: 'present' },
    ]);
    expect(second.json<SavedBody>().changed.map((m) => [m.participantId, m.status, m.version])).toEqual([[ana, 'excused', 2]]);
    expect(second.json<SavedBody>().session.recordedCount).toBe(2);
    // A replay writes nothing but shows its marks again: one roll.read naming them.
    const repeat = await put(org.staff.clinician, session('2026-11-10'), marks, key);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toEqual(res.json());
    expect(await auditCount('attendance.record', ana)).toBe(before.anaRecorded + 2);
    expect(await auditCount('roll.read', ana)).toBe(before.ana + 1);
    expect(await auditCount('roll.read', ben)).toBe(before.ben + 1);
  });

  it('forgets an Idempotency-Key after 24 hours: the key then answers a new request', async () => {
    const key = crypto.randomUUID();
    const first = await put(org.staff.clinician, session('2026-11-03'), [{ participantId: ana, status: 'present' }], key);
    expect(first.statusCode).toBe(200);
    const sameDay = await put(org.staff.clinician, session('2026-11-03'), [{ participantId: ana, status: 'absent' }], key);
    expect(sameDay.statusCode).toBe(409);
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 24 * 3_600_000 + 1000));
    try {
      const nextDay = await put(org.staff.clinician, session('2026-11-03'), [{ participantId: ana, status: 'absent' }], key);
      expect(nextDay.statusCode).toBe(200);
      expect(nextDay.json<SavedBody>().changed.find((e) => e.participantId === ana)?.status).toBe('absent');
      await deleteExpiredIdempotencyRecords(t.database.db, new Date(t.clock.now().getTime() + 24 * 3_600_000 + 1000));
      const [left] = await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(idempotencyKey)
        .where(and(eq(idempotencyKey.orgId, org.orgId), eq(idempotencyKey.key, key)));
      expect(left?.n).toBe(0);
    } finally {
      t.clock.set(now);
    }
  });

  it('writes nothing when the roll changed after it was read: the whole write aborts for a retry', async () => {
    const sessionId = session('2026-11-19');
    const first = await put(org.staff.clinician, sessionId, [{ participantId: ana, status: 'excused' }]);
    expect(first.statusCode).toBe(200);
    const mark = first.json<SavedBody>().changed.find((e) => e.participantId === ana)!;
    const [row] = await t.database.db
      .select({ id: attendance.id, episodeId: attendance.episodeId })
      .from(attendance)
      .where(and(eq(attendance.sessionId, sessionId), eq(attendance.participantId, ana)));
    const events = await auditCount('attendance.record', ana);
    // A write prepared against version 0 of a mark that is now at version 1 (another write got there first).
    const stale = writeRoll(namedStatements(t.database.db), {
      orgId: org.orgId,
      sessionId,
      userId: org.staff.clinician.id,
      marks: [{ id: row!.id, participantId: ana, episodeId: row!.episodeId, status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0, minutesAttended: 0, version: mark.version }],
      auditJson: auditEventsJson(null, org.orgId, [{ action: 'attendance.record', entityType: 'attendance', participantId: ana }], t.clock.now()),
      answer: null,
    });
    await expect(stale).rejects.toSatisfy(isWriteConflict);
    expect(await auditCount('attendance.record', ana)).toBe(events);
    const roll = (await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${sessionId}/roll` })).json<RollBody>();
    expect(roll.entries.find((e) => e.participantId === ana)).toMatchObject({ status: 'excused', version: mark.version });
  });

  it('names the field of a bad mark (400)', async () => {
    const lateWithoutMinutes = await put(org.staff.clinician, session('2026-11-12'), [
      { participantId: ana, status: 'present' },
      { participantId: ben, status: 'late' },
    ]);
    expect(lateWithoutMinutes.statusCode).toBe(400);
    expect(lateWithoutMinutes.json().errors).toEqual([
      { path: 'body.entries.1.lateMinutes', message: expect.any(String) },
    ]);
    const tooLate = await put(org.staff.clinician, session('2026-11-12'), [
      { participantId: ana, status: 'late', lateMinutes: 180 },
    ]);
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().errors[0].path).toBe('body.entries.0.lateMinutes');
    const badStatus = await put(org.staff.clinician, session('2026-11-12'), [{ participantId: ana, status: 'asleep' }]);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().errors[0].path).toBe('body.entries.0.status');
    const twice = await put(org.staff.clinician, session('2026-11-12'), [
      { participantId: ana, status: 'present' },
      { participantId: ana, status: 'absent' },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('body.entries.1.participantId');
    // Nothing of a refused roll was written.
    const roll = (
      await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-12')}/roll` })
    ).json<RollBody>();
    expect(roll.session.recordedCount).toBe(0);
  });

  it('refuses someone not on the roster and a cancelled session (422)', async () => {
    const res = await put(org.staff.clinician, session('2026-11-12'), [
      { participantId: ana, status: 'present' },
      { participantId: cy, status: 'present' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.entries.1.participantId', message: expect.any(String) }]);
    const leaver = await put(org.staff.clinician, session('2026-11-12'), [{ participantId: gone, status: 'present' }]);
    expect(leaver.statusCode).toBe(422);

    const cancelled = await buildSession(t.database.db, evening, {
      localDate: '2026-11-11',
      startTime: '18:00',
      endTime: '21:00',
      status: 'cancelled',
    });
    const onCancelled = await put(org.staff.clinician, cancelled, [{ participantId: ana, status: 'present' }]);
    expect(onCancelled.statusCode).toBe(422);
  });

  it('records only excused absences before a session starts (422 otherwise)', async () => {
    // The clock stands on Wednesday 18 November, 10:00 in New York; Thursday's 18:00 group is still ahead.
    const ahead = session('2026-11-19');
    const early = await put(org.staff.clinician, ahead, [
      { participantId: ana, status: 'excused' },
      { participantId: ben, status: 'present' },
    ]);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([{ path: 'body.entries.1.status', message: 'can be recorded once the session has started' }]);
    const excused = await put(org.staff.clinician, ahead, [{ participantId: ana, status: 'excused' }]);
    expect(excused.statusCode).toBe(200);
    t.clock.set('2026-11-19T23:05:00Z'); // five minutes into the group
    expect((await put(org.staff.clinician, ahead, [{ participantId: ben, status: 'present' }])).statusCode).toBe(200);
    t.clock.set('2026-11-18T15:00:00Z');
  });

  it('lets only roles with attendance.write record (403)', async () => {
    for (const staff of [org.staff.biller, org.staff.prescriber, org.staff.intake, org.staff.admin]) {
      const res = await put(staff, session('2026-11-19'), [{ participantId: ana, status: 'excused' }]);
      expect(res.statusCode, staff.role).toBe(403);
    }
    expect(
      (await t.as(org.staff.biller, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-19')}/roll` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.as(org.staff.intake, { method: 'GET', url: `/api/v1/sessions/${session('2026-11-19')}/roll` }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps a clinician to the rolls of their programs', async () => {
    const otherProgram = await buildProgram(t.database.db, await buildSite(t.database.db, org.orgId), {
      name: 'Other program',
    });
    const otherTrack = await buildTrack(t.database.db, otherProgram, 'Other track');
    const elsewhere = await buildSession(t.database.db, otherTrack, {
      localDate: '2026-11-16',
      startTime: '09:00',
      endTime: '12:00',
    });
    expect(
      (await t.as(org.staff.clinician, { method: 'GET', url: `/api/v1/sessions/${elsewhere}/roll` })).statusCode,
    ).toBe(403);
    expect((await put(org.staff.clinician, elsewhere, [{ participantId: ana, status: 'present' }])).statusCode).toBe(
      403,
    );
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${elsewhere}/roll` })).statusCode,
    ).toBe(200);
  });

  it('treats an unknown or another organisation’s session as not found', async () => {
    const foreignSite = await buildSite(t.database.db, other.orgId);
    const foreignTrack = await buildTrack(t.database.db, await buildProgram(t.database.db, foreignSite));
    const foreign = await buildSession(t.database.db, foreignTrack, {
      localDate: '2026-11-16',
      startTime: '09:00',
      endTime: '12:00',
    });
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${foreign}/roll` })).statusCode,
    ).toBe(404);
    expect((await put(org.staff.director, foreign, [{ participantId: ana, status: 'present' }])).statusCode).toBe(404);
    expect(
      (await t.as(org.staff.director, { method: 'GET', url: `/api/v1/sessions/${crypto.randomUUID()}/roll` }))
        .statusCode,
    ).toBe(404);
  });
});
