import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { appointment, auditEvent, room, session } from '../../db/schema.ts';
import { enrol } from '../setup/test-fixtures.ts';
import { assignToProgram, buildProgram, buildSession, buildSite, buildTrack, type ProgramFixture, type TrackFixture } from '../ledger/fixtures.ts';

// Monday 16 November 2026, 09:00 in New York.
const MONDAY_9AM = '2026-11-16T14:00:00Z';
const ny = (date: string, time: string) => new Date(`${date}T${time}:00-05:00`).toISOString();

interface View {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  roomId: string | null;
  version: number;
  reason: string | null;
}

describe('appointments', () => {
  let t: TestApp;
  let org: TestOrg;
  let clinician: TestStaff;
  let prescriber: TestStaff;
  let director: TestStaff;
  let program: ProgramFixture;
  let track: TrackFixture;
  let cedar: string;
  let birch: string;
  let telehealth: string;
  let siteId: string;
  const people: { participantId: string; episodeId: string }[] = [];
  const ana = () => people[0]!;
  const ben = () => people[1]!;

  const as = (staff: TestStaff | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.as(staff, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const book = (staff: TestStaff, body: Record<string, unknown>) => as(staff, 'POST', '/api/v1/appointments', body);
  const individual = (who: { participantId: string }, startsAt: string, extra: Record<string, unknown> = {}) => ({
    participantId: who.participantId,
    clinicianId: clinician.id,
    kind: 'individual',
    startsAt,
    roomId: cedar,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({ now: MONDAY_9AM });
    org = await t.createOrg('Appointments');
    ({ clinician, prescriber, director } = org.staff);
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    siteId = site.id;
    program = await buildProgram(db, site, { minWeeklyMinutes: 540 });
    track = await buildTrack(db, program);
    for (const userId of [clinician.id, prescriber.id]) await assignToProgram(db, org.orgId, userId, program.id);
    const rooms = await db
      .insert(room)
      .values([
        { orgId: org.orgId, siteId, name: 'Cedar', kind: 'physical', capacity: 4 },
        { orgId: org.orgId, siteId, name: 'Birch', kind: 'physical', capacity: 4 },
        { orgId: org.orgId, siteId, name: 'Telehealth', kind: 'virtual', meetingUrl: 'https://meet.example.org/trellis-test' },
      ])
      .returning({ id: room.id, name: room.name });
    cedar = rooms.find((r) => r.name === 'Cedar')!.id;
    birch = rooms.find((r) => r.name === 'Birch')!.id;
    telehealth = rooms.find((r) => r.name === 'Telehealth')!.id;
    for (let i = 0; i < 10; i++) people.push(await enrol(t, org.orgId, program.id, track.id, '2026-11-02'));
    // The track's morning group on Monday (run by the director) and a group the clinician runs on Wednesday afternoon.
    await buildSession(db, track, { localDate: '2026-11-16', startTime: '10:00', endTime: '11:00', title: 'Morning process group' });
    const wednesday = await buildSession(db, track, { localDate: '2026-11-18', startTime: '14:00', endTime: '15:00', title: 'Coping skills' });
    await db.update(session).set({ facilitatorId: clinician.id, chosenRoster: true }).where(eq(session.id, wednesday));
  });
  afterAll(async () => t?.close());

  describe('working hours and unavailability', () => {
    it('merges overlapping weekly rules instead of storing them twice', async () => {
      const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ siteId, weekday, startTime: '09:00', endTime: '17:00' }));
      const res = await as(clinician, 'PUT', `/api/v1/staff/${clinician.id}/availability`, {
        rules: [...weekdays, { siteId, weekday: 1, startTime: '12:00', endTime: '18:00' }, { siteId, weekday: 2, startTime: '09:00', endTime: '17:00' }],
        maxSessionsPerDay: 3,
        version: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ rules: { weekday: number; startTime: string; endTime: string }[]; version: number }>();
      expect(body.rules).toHaveLength(5);
      expect(body.rules.find((r) => r.weekday === 1)).toMatchObject({ startTime: '09:00', endTime: '18:00' });
      expect(body.version).toBe(1);
      const prescriberHours = await as(director, 'PUT', `/api/v1/staff/${prescriber.id}/availability`, {
        rules: weekdays,
        maxSessionsPerDay: null,
        version: null,
      });
      expect(prescriberHours.statusCode, prescriberHours.body).toBe(200);
    });

    it('refuses another clinician’s hours, a stale version, a malformed rule and an unknown site, naming the field', async () => {
      const ok = { rules: [], maxSessionsPerDay: null, version: 1 };
      expect((await as(prescriber, 'PUT', `/api/v1/staff/${clinician.id}/availability`, ok)).statusCode).toBe(403);
      expect((await as(org.staff.intake, 'PUT', `/api/v1/staff/${clinician.id}/availability`, ok)).statusCode).toBe(403);
      expect((await as(null, 'PUT', `/api/v1/staff/${clinician.id}/availability`, {})).statusCode).toBe(401);
      const stale = await as(clinician, 'PUT', `/api/v1/staff/${clinician.id}/availability`, { ...ok, version: null });
      expect(stale.statusCode).toBe(409);
      const same = await as(clinician, 'PUT', `/api/v1/staff/${clinician.id}/availability`, {
        ...ok,
        rules: [{ siteId, weekday: 1, startTime: '09:00', endTime: '09:00' }],
      });
      expect(same.statusCode).toBe(400);
      expect(same.json().errors[0].path).toBe('body.rules.0.endTime');
      const unknown = await as(clinician, 'PUT', `/api/v1/staff/${clinician.id}/availability`, {
        ...ok,
        rules: [{ siteId: '00000000-0000-4000-8000-000000000000', weekday: 1, startTime: '09:00', endTime: '10:00' }],
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].path).toBe('body.rules.0.siteId');
    });

    it('keeps a participant’s weekly unavailability merged per reason, and audits reading it', async () => {
      const res = await as(clinician, 'PUT', `/api/v1/participants/${ana().participantId}/unavailability`, {
        rules: [
          { reason: 'work', weekday: 2, startTime: '09:00', endTime: '12:00' },
          { reason: 'work', weekday: 2, startTime: '11:00', endTime: '13:00' },
        ],
        version: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().rules).toEqual([{ reason: 'work', weekday: 2, startTime: '09:00', endTime: '13:00' }]);
      const read = await as(clinician, 'GET', `/api/v1/participants/${ana().participantId}/unavailability`);
      expect(read.statusCode).toBe(200);
      const [event] = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'unavailability.read')));
      expect(event?.participantId).toBe(ana().participantId);
    });
  });

  describe('slot finder and booking', () => {
    it('shows the next free slots clear of the group, in working hours, with a room', async () => {
      const res = await as(
        clinician,
        'GET',
        `/api/v1/appointments/slots?participantId=${ana().participantId}&clinicianId=${clinician.id}&kind=individual&count=40`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ slots: { startsAt: string; endsAt: string; roomId: string }[]; lengthMinutes: number }>();
      expect(body.lengthMinutes).toBe(53);
      expect(body.slots[0]).toMatchObject({ startsAt: ny('2026-11-16', '09:00'), endsAt: ny('2026-11-16', '09:53'), roomId: birch });
      // Rooms are tried by name: Birch before Cedar.
      const starts = body.slots.map((s) => s.startsAt);
      // The morning group runs 10:00–11:00: no slot overlaps it.
      for (const s of body.slots) {
        expect(Date.parse(s.endsAt) <= Date.parse(ny('2026-11-16', '10:00')) || Date.parse(s.startsAt) >= Date.parse(ny('2026-11-16', '11:00'))).toBe(true);
      }
      // Tuesday: at work until 13:00, so the first Tuesday slot is 13:00.
      expect(starts.filter((s) => s.startsWith('2026-11-17'))[0]).toBe(ny('2026-11-17', '13:00'));
    });

    it('books a slot, and refuses the same clinician at an overlapping time with 409 naming the clash', async () => {
      const res = await book(clinician, individual(ana(), ny('2026-11-16', '09:00')));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'booked', endsAt: ny('2026-11-16', '09:53'), roomName: 'Cedar' });
      const clash = await book(clinician, individual(ben(), ny('2026-11-16', '09:30'), { roomId: birch }));
      expect(clash.statusCode).toBe(409);
      expect(clash.json().errors[0].path).toBe('body.clinicianId');
      expect(clash.json().errors[0].message).toContain('individual therapy appointment');
    });

    it('refuses the participant’s group, the clinician’s group, the room, leave and unavailability — each named', async () => {
      const group = await book(clinician, individual(ben(), ny('2026-11-16', '10:15')));
      expect(group.statusCode).toBe(409);
      expect(group.json().errors[0]).toMatchObject({ path: 'body.participantId' });
      expect(group.json().errors[0].message).toContain('Morning process group');

      const runs = await book(clinician, individual(ben(), ny('2026-11-18', '14:30')));
      expect(runs.statusCode).toBe(409);
      expect(runs.json().errors[0].path).toBe('body.clinicianId');
      expect(runs.json().errors[0].message).toContain('Coping skills');

      const room = await book(prescriber, { participantId: ben().participantId, clinicianId: prescriber.id, kind: 'psychiatry', startsAt: ny('2026-11-16', '09:15'), roomId: cedar });
      expect(room.statusCode).toBe(409);
      expect(room.json().errors[0].path).toBe('body.roomId');

      const unavailable = await book(clinician, individual(ana(), ny('2026-11-17', '10:00')));
      expect(unavailable.statusCode).toBe(409);
      expect(unavailable.json().errors[0].message).toContain('work');

      const leave = await as(clinician, 'POST', `/api/v1/staff/${clinician.id}/availability/exceptions`, {
        startsAt: ny('2026-11-19', '00:00'),
        endsAt: ny('2026-11-20', '00:00'),
        kind: 'training',
      });
      expect(leave.statusCode, leave.body).toBe(201);
      const away = await book(clinician, individual(ben(), ny('2026-11-19', '10:00')));
      expect(away.statusCode).toBe(409);
      expect(away.json().errors[0].message).toContain('training');

      const evening = await book(clinician, individual(ben(), ny('2026-11-16', '19:00')));
      expect(evening.statusCode).toBe(422);
      expect(evening.json().errors[0].path).toBe('body.startsAt');
    });

    it('books psychiatry only with a prescriber, and refuses bad input and the past', async () => {
      const notPrescriber = await book(clinician, individual(ben(), ny('2026-11-20', '09:00'), { kind: 'psychiatry' }));
      expect(notPrescriber.statusCode).toBe(422);
      expect(notPrescriber.json().errors[0].path).toBe('body.clinicianId');
      const bad = await book(clinician, individual(ben(), 'tomorrow'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('body.startsAt');
      const past = await book(clinician, individual(ben(), ny('2026-11-13', '09:00')));
      expect(past.statusCode).toBe(422);
      expect((await as(null, 'POST', '/api/v1/appointments', {})).statusCode).toBe(401);
      expect((await book(org.staff.biller, individual(ben(), ny('2026-11-20', '09:00')))).statusCode).toBe(403);
    });

    it('holds the daily limit', async () => {
      // The clinician's limit is 3; Friday takes three, the fourth is refused.
      for (const [i, time] of ['09:00', '10:00', '11:00'].entries()) {
        const res = await book(clinician, individual(people[2 + i]!, ny('2026-11-20', time), { roomId: null }));
        expect(res.statusCode, res.body).toBe(201);
      }
      const fourth = await book(clinician, individual(people[5]!, ny('2026-11-20', '13:00'), { roomId: null }));
      expect(fourth.statusCode).toBe(422);
      expect(fourth.json().errors[0].message).toContain('limit of 3');
    });
  });

  describe('concurrent bookings', () => {
    it('gives exactly one of many simultaneous bookings of one clinician’s slot, the rest 409', async () => {
      const slot = ny('2026-11-24', '15:00');
      const results = await Promise.all(people.slice(2, 10).map((who) => book(clinician, individual(who, slot, { roomId: null }))));
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(results.length - 1);
      const rows = await t.database.db
        .select({ id: appointment.id })
        .from(appointment)
        .where(and(eq(appointment.orgId, org.orgId), eq(appointment.startsAt, slot)));
      expect(rows).toHaveLength(1);
    });

    it('gives one of many simultaneous bookings of one room by different clinicians', async () => {
      const slot = ny('2026-11-25', '09:00');
      const results = await Promise.all([
        book(clinician, individual(people[6]!, slot, { roomId: birch })),
        book(prescriber, { participantId: people[7]!.participantId, clinicianId: prescriber.id, kind: 'psychiatry', startsAt: slot, roomId: birch }),
        book(director, { participantId: people[8]!.participantId, clinicianId: prescriber.id, kind: 'medication_management', startsAt: slot, roomId: birch }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    });

    it('lets a virtual room (a meeting link) hold appointments of different clinicians at once: slots, booking and database', async () => {
      const slot = ny('2026-11-25', '11:00');
      const visit = await book(prescriber, { participantId: people[7]!.participantId, clinicianId: prescriber.id, kind: 'psychiatry', startsAt: slot, roomId: telehealth });
      expect(visit.statusCode, visit.body).toBe(201);
      // The slot finder offers the link while the prescriber's visit holds it.
      const res = await as(
        clinician,
        'GET',
        `/api/v1/appointments/slots?participantId=${people[6]!.participantId}&clinicianId=${clinician.id}&kind=individual&virtual=true&from=${encodeURIComponent(slot)}&count=1`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ slots: { startsAt: string; roomId: string }[] }>().slots[0]).toMatchObject({ startsAt: slot, roomId: telehealth });
      const session = await book(clinician, individual(people[6]!, slot, { roomId: telehealth }));
      expect(session.statusCode, session.body).toBe(201);
      // The database copied the room's kind, which lets the exclusion constraint pass the link.
      const rows = await t.database.db
        .select({ roomKind: appointment.roomKind })
        .from(appointment)
        .where(and(eq(appointment.orgId, org.orgId), eq(appointment.roomId, telehealth), eq(appointment.startsAt, slot)));
      expect(rows.map((r) => r.roomKind)).toEqual(['virtual', 'virtual']);
      // The clinician's own clash still holds in the link.
      const twice = await book(clinician, individual(people[8]!, slot, { roomId: telehealth }));
      expect(twice.statusCode).toBe(409);
      expect(twice.json().errors[0].path).toBe('body.clinicianId');
    });

    it('the database itself refuses an overlapping booking that skips the application', async () => {
      const [first] = await t.database.db
        .select()
        .from(appointment)
        .where(and(eq(appointment.orgId, org.orgId), eq(appointment.startsAt, ny('2026-11-24', '15:00'))));
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = first!;
      const overlapping = { ...copy, participantId: people[9]!.participantId, episodeId: people[9]!.episodeId, startsAt: ny('2026-11-24', '15:30'), endsAt: ny('2026-11-24', '16:23') };
      const error = await t.database.db.insert(appointment).values(overlapping).then(
        () => null,
        (e: unknown) => e,
      );
      const codeOf = (e: unknown): unknown => (e && typeof e === 'object' ? ((e as { code?: unknown }).code ?? codeOf((e as { cause?: unknown }).cause)) : undefined);
      expect(codeOf(error)).toBe('23P01');
      // Back to back is not a clash: [start, end) ranges.
      const after = { ...overlapping, startsAt: ny('2026-11-24', '15:53'), endsAt: ny('2026-11-24', '16:46') };
      await expect(t.database.db.insert(appointment).values(after)).resolves.toBeDefined();
      // A physical room cannot pass for a virtual one: the trigger copies the room's own kind over what is sent.
      const posing = { ...overlapping, roomKind: 'virtual' as const };
      expect(codeOf(await t.database.db.insert(appointment).values(posing).then(() => null, (e: unknown) => e))).toBe('23P01');
    });
  });

  describe('rescheduling, cancelling and marking', () => {
    let id: string;
    let version: number;

    beforeAll(async () => {
      const res = await book(clinician, individual(ben(), ny('2026-11-17', '09:00'), { roomId: birch }));
      expect(res.statusCode, res.body).toBe(201);
      ({ id, version } = res.json<View>());
    });

    it('moves a booked appointment with a reason, and refuses a stale version', async () => {
      const moved = await as(clinician, 'POST', `/api/v1/appointments/${id}/reschedule`, { version, startsAt: ny('2026-11-17', '11:00'), roomId: birch, reason: 'Bus strike' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ startsAt: ny('2026-11-17', '11:00'), reason: 'Bus strike', version: version + 1 });
      const stale = await as(clinician, 'POST', `/api/v1/appointments/${id}/reschedule`, { version, startsAt: ny('2026-11-17', '12:00'), roomId: birch, reason: 'Again' });
      expect(stale.statusCode).toBe(409);
      version += 1;
      // Moving onto its own old time is fine; moving onto another booking is not.
      const onto = await as(clinician, 'POST', `/api/v1/appointments/${id}/reschedule`, { version, startsAt: ny('2026-11-16', '09:30'), roomId: birch, reason: 'Earlier' });
      expect(onto.statusCode).toBe(409);
    });

    it('refuses marking before the start, then records attendance once it has happened', async () => {
      const early = await as(clinician, 'POST', `/api/v1/appointments/${id}/mark`, { version, status: 'attended' });
      expect(early.statusCode).toBe(422);
      expect((await as(org.staff.intake, 'POST', `/api/v1/appointments/${id}/mark`, { version, status: 'attended' })).statusCode).toBe(403);
      t.clock.set(ny('2026-11-17', '12:00'));
      try {
        const marked = await as(clinician, 'POST', `/api/v1/appointments/${id}/mark`, { version, status: 'attended' });
        expect(marked.statusCode, marked.body).toBe(200);
        expect(marked.json().status).toBe('attended');
        const again = await as(clinician, 'POST', `/api/v1/appointments/${id}/cancel`, { version: version + 1, reason: 'x' });
        expect(again.statusCode).toBe(422);
      } finally {
        t.clock.set(MONDAY_9AM);
      }
    });

    it('records a late cancellation with its reason, which frees the time', async () => {
      const res = await book(clinician, individual(ben(), ny('2026-11-23', '09:00')));
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json<View>();
      const noReason = await as(clinician, 'POST', `/api/v1/appointments/${a.id}/cancel`, { version: a.version });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].path).toBe('body.reason');
      const cancelled = await as(clinician, 'POST', `/api/v1/appointments/${a.id}/cancel`, { version: a.version, reason: 'Called at 8:30', late: true });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'late_cancelled', reason: 'Called at 8:30' });
      const rebooked = await book(clinician, individual(ana(), ny('2026-11-23', '09:00')));
      expect(rebooked.statusCode, rebooked.body).toBe(201);
    });
  });

  describe('weekly hours and the prescriber’s day', () => {
    it('counts an attended individual appointment toward the week, and not a prescriber visit', async () => {
      const census = async () => {
        const res = await as(director, 'GET', `/api/v1/census?week=2026-11-16&programId=${program.id}`);
        expect(res.statusCode, res.body).toBe(200);
        const rows = res.json().rows as { participantId: string; ledger: { attendedMinutes: number; scheduledMinutes: number } }[];
        return rows.find((r) => r.participantId === people[9]!.participantId)!.ledger;
      };
      const before = await census();
      const visit = await book(prescriber, { participantId: people[9]!.participantId, clinicianId: prescriber.id, kind: 'psychiatry', startsAt: ny('2026-11-16', '13:00'), roomId: null });
      expect(visit.statusCode, visit.body).toBe(201);
      const therapy = await book(clinician, individual(people[9]!, ny('2026-11-16', '14:00'), { roomId: null }));
      expect(therapy.statusCode, therapy.body).toBe(201);
      const booked = await census();
      expect(booked.scheduledMinutes).toBe(before.scheduledMinutes + 53);
      t.clock.set(ny('2026-11-16', '16:00'));
      try {
        for (const [staff, a] of [[prescriber, visit], [clinician, therapy]] as const) {
          const view = a.json<View>();
          const res = await as(staff, 'POST', `/api/v1/appointments/${view.id}/mark`, { version: view.version, status: 'attended' });
          expect(res.statusCode, res.body).toBe(200);
        }
        const after = await census();
        expect(after.attendedMinutes).toBe(before.attendedMinutes + 53);
        const own = await as(clinician, 'GET', `/api/v1/participants/${people[9]!.participantId}/ledger`);
        expect(own.statusCode).toBe(200);
        const week = (own.json().weeks as { weekMonday: string; attendedMinutes: number }[]).find((w) => w.weekMonday === '2026-11-16');
        expect(week?.attendedMinutes).toBe(after.attendedMinutes);
      } finally {
        t.clock.set(MONDAY_9AM);
      }
    });

    it('shows a prescriber their day, and no one else’s day to a clinician', async () => {
      const day = await as(prescriber, 'GET', `/api/v1/staff/${prescriber.id}/day?date=2026-11-16`);
      expect(day.statusCode, day.body).toBe(200);
      const body = day.json<{ appointments: { kind: string; participantId: string; status: string }[]; timeZone: string }>();
      expect(body.timeZone).toBe('America/New_York');
      expect(body.appointments).toEqual([expect.objectContaining({ kind: 'psychiatry', participantId: people[9]!.participantId, status: 'attended' })]);
      expect((await as(clinician, 'GET', `/api/v1/staff/${prescriber.id}/day?date=2026-11-16`)).statusCode).toBe(403);
      expect((await as(director, 'GET', `/api/v1/staff/${prescriber.id}/day?date=2026-11-16`)).statusCode).toBe(200);
    });

    it('lists a participant’s appointments, newest first, audited', async () => {
      const res = await as(clinician, 'GET', `/api/v1/participants/${ben().participantId}/appointments`);
      expect(res.statusCode).toBe(200);
      const list = res.json().appointments as View[];
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.map((a) => a.startsAt)).toEqual([...list.map((a) => a.startsAt)].sort().reverse());
      const events = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.orgId, org.orgId), eq(auditEvent.action, 'appointment.list'), eq(auditEvent.participantId, ben().participantId)));
      expect(events.length).toBe(1);
    });
  });
});
