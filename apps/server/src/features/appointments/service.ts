/**
 * Appointments: individual, family and prescriber visits of set lengths, booked into time free for the participant
 * (outside their groups and unavailability), the clinician (inside their working hours, outside their groups, leave
 * and daily limit) and a room. A clash is refused with 409 naming it; bookings that race for the same time are
 * serialised per calendar (lockCalendars) and, whatever else happens, the database's exclusion constraints refuse a
 * double booking, also with 409.
 */
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_KIND_RULES,
  SLOT_SEARCH_DAYS,
  Temporal,
  UNAVAILABILITY_REASON_LABELS,
  addDays,
  appointmentLengthMinutes,
  appointmentMarkProblem,
  appointmentTransitionAllowed,
  coversInterval,
  exceedsDailyLimit,
  findFreeSlots,
  fullDays,
  localDateOf,
  normaliseIntervals,
  overlapsAny,
  roomIsShared,
  unavailableTimeWithin,
  workingTimeWithin,
  zonedInstant,
  FACILITATOR_ROLES,
  type Appointment,
  type AppointmentCancel,
  type AppointmentCreate,
  type AppointmentKind,
  type AppointmentList,
  type AppointmentMark,
  type AppointmentReschedule,
  type AppointmentStatus,
  type Interval,
  type SlotList,
  type SlotQuery,
  type StaffDay,
  type StaffRole,
} from '@trellis/core';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { assertEpisodeDetailAccess, authorize, episodeColumns, episodeDetailVisibility, isProgramScoped, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { auditRecordDenied } from '../../audit/denial.ts';
import type { DbOrTx } from '../../db/index.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { appointment } from '../../db/schema.ts';
import { assertVersion, badRequest, conflict, forbidden, notFound, Problem, unprocessable } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { clinicianExceptions, clinicianRules, clinicianSettings, findStaffMember, participantExceptions, participantRules } from '../availability/queries.ts';
import {
  activeEpisode,
  calendar,
  calendars,
  dayAppointments,
  daySessions,
  findAppointment,
  findRoom,
  findSite,
  lockCalendars,
  participantAppointments,
  siteRooms,
  type AppointmentRow,
  type BusyItem,
  type RoomRow,
  type SiteRow,
  type Window,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** "Tue 10 Nov 10:00–10:53" in the site's zone, for a person reading a refusal. */
function when(start: number, end: number, zone: string): string {
  const s = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone);
  const e = Temporal.Instant.fromEpochMilliseconds(end).toZonedDateTimeISO(zone);
  const day = s.toLocaleString('en-US', { weekday: 'short', day: 'numeric', month: 'short' });
  const hm = (z: Temporal.ZonedDateTime) => `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
  return `${day} ${hm(s)}–${hm(e)}`;
}

function describeItem(item: BusyItem): string {
  return item.source === 'session' ? `the group “${item.title}”` : `a ${APPOINTMENT_KIND_LABELS[item.title as AppointmentKind].toLowerCase()} appointment`;
}

/** "the group “Coping skills” at Tue 10 Nov 10:00–11:30": how a refusal names what holds someone's time. */
export function describeBusy(item: BusyItem, zone: string): string {
  return `${describeItem(item)} at ${when(item.start, item.end, zone)}`;
}

export function toView(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    kind: r.kind,
    participantId: r.participantId,
    participantName: r.participantName,
    episodeId: r.episodeId,
    clinicianId: r.clinicianId,
    clinicianName: r.clinicianName,
    siteId: r.siteId,
    timeZone: r.timeZone,
    roomId: r.roomId,
    roomName: r.roomName,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    localDate: r.localDate,
    status: r.status,
    reason: r.reason,
    version: r.version,
  };
}

/** The constraint of an exclusion violation (23P01), looking through driver and ORM wrappers; else null. */
function exclusionViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23P01') {
      const constraint = (e as { constraint?: unknown }).constraint;
      return typeof constraint === 'string' ? constraint : '';
    }
  }
  return null;
}

const EXCLUSION_CLASHES: Record<string, { path: string; message: string }> = {
  appointment_clinician_excl: { path: 'body.clinicianId', message: 'the clinician was booked for this time a moment ago' },
  appointment_participant_excl: { path: 'body.participantId', message: 'the participant was booked for this time a moment ago' },
  appointment_room_excl: { path: 'body.roomId', message: 'the room was booked for this time a moment ago' },
};

/** Runs a booking write; a double booking the database refused becomes 409 naming who was taken. */
async function refusingDoubleBooking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = exclusionViolation(error);
    if (constraint === null) throw error;
    const clash = EXCLUSION_CLASHES[constraint] ?? { path: 'body.startsAt', message: 'was booked a moment ago' };
    throw conflict('That time was just booked by someone else. Choose another time.', [clash]);
  }
}

interface Placement {
  orgId: string;
  kind: AppointmentKind;
  participantId: string;
  clinician: { id: string; name: string };
  site: SiteRow;
  roomId: string | null;
  roomName: string | null;
  /** A shared room (virtual) holds any number at once: its calendar is not checked. */
  roomShared: boolean;
  start: number;
  end: number;
  /** The appointment being moved, left out of its own calendars. */
  exceptId: string | null;
}

/**
 * Refuses a placement that clashes: 409 naming the clash (a group, another appointment, leave, the participant's
 * unavailability), 422 where a rule says no (outside working hours, over the daily limit). Runs after lockCalendars.
 */
async function assertPlacementFree(tx: DbOrTx, p: Placement): Promise<void> {
  const zone = p.site.timeZone;
  const slot: Interval = { start: p.start, end: p.end };
  const slotText = when(p.start, p.end, zone);
  // A day either side, so rules past midnight and leave that starts the day before are seen.
  const around: Interval = { start: p.start - 86_400_000, end: p.end + 86_400_000 };
  const aroundWindow: Window = { start: iso(around.start), end: iso(around.end) };
  const exact: Window = { start: iso(p.start), end: iso(p.end) };

  const clash = (path: string, message: string) => conflict(`Not free at ${slotText}: ${message}.`, [{ path, message }]);

  const clinicianBusy = await calendar(tx, p.orgId, { clinicianId: p.clinician.id }, exact, p.exceptId);
  if (clinicianBusy[0]) throw clash('body.clinicianId', `${p.clinician.name} has ${describeItem(clinicianBusy[0])} at ${when(clinicianBusy[0].start, clinicianBusy[0].end, zone)}`);
  const participantBusy = await calendar(tx, p.orgId, { participantId: p.participantId }, exact, p.exceptId);
  if (participantBusy[0]) throw clash('body.participantId', `the participant has ${describeItem(participantBusy[0])} at ${when(participantBusy[0].start, participantBusy[0].end, zone)}`);
  if (p.roomId && !p.roomShared) {
    const roomBusy = await calendar(tx, p.orgId, { roomId: p.roomId }, exact, p.exceptId);
    if (roomBusy[0]) throw clash('body.roomId', `${p.roomName ?? 'the room'} holds ${describeItem(roomBusy[0])} at ${when(roomBusy[0].start, roomBusy[0].end, zone)}`);
  }

  const leave = await clinicianExceptions(tx, p.orgId, p.clinician.id, aroundWindow.start, aroundWindow.end);
  const onLeave = leave.find((e) => Date.parse(e.startsAt) < p.end && Date.parse(e.endsAt) > p.start);
  if (onLeave) throw clash('body.clinicianId', `${p.clinician.name} is away (${onLeave.kind})`);
  const rules = await clinicianRules(tx, p.orgId, p.clinician.id, p.site.id);
  if (!coversInterval(workingTimeWithin(rules, [], zone, around), slot)) {
    throw unprocessable(`${p.clinician.name} does not work at ${p.site.name} at ${slotText}.`, [
      { path: 'body.startsAt', message: 'is outside the clinician’s working hours at this site' },
    ]);
  }

  const weekly = await participantRules(tx, p.orgId, p.participantId);
  const oneOff = await participantExceptions(tx, p.orgId, p.participantId, aroundWindow.start, aroundWindow.end);
  const busyOneOff = oneOff.map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
  if (overlapsAny(normaliseIntervals(busyOneOff), slot)) throw clash('body.participantId', 'the participant is unavailable then (a one-off exception)');
  const reason = weekly.find((r) => overlapsAny(unavailableTimeWithin([r], [], zone, around), slot));
  if (reason) throw clash('body.participantId', `the participant is unavailable then (${UNAVAILABILITY_REASON_LABELS[reason.reason].toLowerCase()})`);

  const settings = await clinicianSettings(tx, p.orgId, p.clinician.id);
  const maxPerDay = settings?.maxSessionsPerDay ?? null;
  if (maxPerDay !== null) {
    const date = localDateOf(iso(p.start), zone);
    const day = { start: zonedInstant(date, '00:00', zone), end: zonedInstant(addDays(date, 1), '00:00', zone) };
    const thatDay = (await calendar(tx, p.orgId, { clinicianId: p.clinician.id }, day, p.exceptId)).filter((b) => b.start >= Date.parse(day.start));
    if (exceedsDailyLimit(thatDay.length, maxPerDay)) {
      throw unprocessable(`${p.clinician.name} already has ${thatDay.length} sessions on ${date}, their daily limit.`, [
        { path: 'body.startsAt', message: `the clinician’s limit of ${maxPerDay} a day is reached` },
      ]);
    }
  }
}

/** The clinician asked for: a treating member of staff who may see the participant for this kind (422 otherwise). */
async function bookableClinician(tx: DbOrTx, orgId: string, clinicianId: string, kind: AppointmentKind) {
  const member = await findStaffMember(tx, orgId, clinicianId);
  if (!member || !member.active || !FACILITATOR_ROLES.includes(member.role as StaffRole)) {
    throw unprocessable('Appointments are with an active director, clinician or prescriber.', [{ path: 'body.clinicianId', message: 'is not a treating member of staff' }]);
  }
  if (APPOINTMENT_KIND_RULES[kind].prescriberOnly && member.role !== 'prescriber') {
    throw unprocessable('Only a prescriber sees participants for this kind of appointment.', [{ path: 'body.clinicianId', message: 'is not a prescriber' }]);
  }
  return member;
}

/** The room asked for, at the appointment's site and in use (400 otherwise). */
async function usableRoom(tx: DbOrTx, orgId: string, roomId: string | null, siteId: string): Promise<RoomRow | null> {
  if (!roomId) return null;
  const room = await findRoom(tx, orgId, roomId);
  if (!room || room.siteId !== siteId || !room.active) throw badRequest([{ path: 'body.roomId', message: 'is not a room in use at the appointment’s site' }]);
  return room;
}

/** A start on the future side of now: nobody books into the past. */
function assertFuture(start: number, now: Date): void {
  if (start < now.getTime()) throw unprocessable('An appointment is booked ahead of time.', [{ path: 'body.startsAt', message: 'is in the past' }]);
}

/** Runs `work` in a transaction on a participant's record; a refusal under the Part 2 rule is audited on its own. */
async function onParticipant<T>(deps: Deps, actor: Actor, participantId: string, attempted: AuditAction, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  await assertParticipantAccessAudited(deps, actor, participantId, attempted);
  try {
    return await refusingDoubleBooking(() => deps.db.transaction(work));
  } catch (error) {
    if (error instanceof Problem && error.status === 403 && !error.audited) {
      await auditRecordDenied(deps, actor, { entityType: 'participant', entityId: participantId, participantId, attempted });
      error.audited = true;
    }
    throw error;
  }
}

async function audit(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, a: { id: string; participantId: string }, details: Record<string, unknown>) {
  await recordAudit(tx, actor, actor.orgId, { action, entityType: 'appointment', entityId: a.id, participantId: a.participantId, details }, deps.clock.now());
}

export async function bookAppointment(deps: Deps, actor: Actor, input: AppointmentCreate): Promise<Appointment> {
  authorize(actor, 'appointment.write');
  return onParticipant(deps, actor, input.participantId, 'appointment.book', (tx) => bookWithin(tx, deps, actor, input));
}

/**
 * Books one appointment inside the caller's transaction with every check a person's booking gets (episode, Part 2
 * scope, clinician, room, the clash checks under the calendar locks), audited. The auto-scheduler's accept calls it
 * once per placement, each in its own savepoint; a refusal throws the same 409/422 Problem.
 */
export async function bookWithin(tx: DbOrTx, deps: Deps, actor: Actor, input: AppointmentCreate): Promise<Appointment> {
  const now = deps.clock.now();
  return refusingDoubleBooking(async () => {
    const ep = await activeEpisode(tx, actor.orgId, input.participantId);
    if (!ep) throw unprocessable('Appointments are booked for a participant in care.', [{ path: 'body.participantId', message: 'has no active episode' }]);
    await assertEpisodeDetailAccess(tx, actor, ep);
    const site = await findSite(tx, actor.orgId, input.siteId ?? ep.siteId);
    if (!site) throw badRequest([{ path: 'body.siteId', message: 'is not a site of this organisation' }]);
    const clinician = await bookableClinician(tx, actor.orgId, input.clinicianId, input.kind);
    const room = await usableRoom(tx, actor.orgId, input.roomId, site.id);
    const start = Date.parse(input.startsAt);
    const end = start + appointmentLengthMinutes(input.kind) * MINUTE;
    assertFuture(start, now);
    await lockCalendars(tx, [`c:${actor.orgId}:${clinician.id}`, `p:${input.participantId}`, ...(room ? [`r:${room.id}`] : [])]);
    await assertPlacementFree(tx, {
      orgId: actor.orgId,
      kind: input.kind,
      participantId: input.participantId,
      clinician,
      site,
      roomId: room?.id ?? null,
      roomName: room?.name ?? null,
      roomShared: room ? roomIsShared(room.kind) : false,
      start,
      end,
      exceptId: null,
    });
    const [row] = await tx
      .insert(appointment)
      .values({
        orgId: actor.orgId,
        kind: input.kind,
        participantId: input.participantId,
        episodeId: ep.id,
        clinicianId: clinician.id,
        siteId: site.id,
        roomId: room?.id ?? null,
        startsAt: iso(start),
        endsAt: iso(end),
        localDate: localDateOf(iso(start), site.timeZone),
        bookedBy: actor.userId,
      })
      .returning({ id: appointment.id });
    await audit(tx, deps, actor, 'appointment.book', { id: row!.id, participantId: input.participantId }, { kind: input.kind, clinicianId: clinician.id, roomId: room?.id ?? null });
    return toView((await findAppointment(tx, actor.orgId, row!.id))!);
  });
}

/** Loads an appointment the actor may reach (404 unknown; 403 outside the care team or the Part 2 rule, audited). */
async function onAppointment<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  attempted: AuditAction,
  work: (tx: DbOrTx, a: AppointmentRow) => Promise<T>,
): Promise<T> {
  const found = await findAppointment(deps.db, actor.orgId, id);
  if (!found) throw notFound('The appointment');
  return onParticipant(deps, actor, found.participantId, attempted, async (tx) => {
    const a = await findAppointment(tx, actor.orgId, id);
    if (!a) throw notFound('The appointment');
    await assertEpisodeDetailAccess(tx, actor, a);
    return work(tx, a);
  });
}

function assertTransition(a: AppointmentRow, to: AppointmentStatus): void {
  if (!appointmentTransitionAllowed(a.status, to)) {
    throw unprocessable(`The appointment is already ${a.status.replace('_', ' ')}.`, [{ path: 'body.status', message: `cannot change from ${a.status}` }]);
  }
}

export async function rescheduleAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentReschedule): Promise<Appointment> {
  authorize(actor, 'appointment.write');
  const now = deps.clock.now();
  return onAppointment(deps, actor, id, 'appointment.reschedule', async (tx, a) => {
    assertVersion(a.version, input.version, 'The appointment');
    if (a.status !== 'booked') throw unprocessable(`The appointment is ${a.status.replace('_', ' ')}; only a booked one is moved.`, [{ path: 'params.id', message: 'is not booked' }]);
    const site = (await findSite(tx, actor.orgId, a.siteId))!;
    const room = await usableRoom(tx, actor.orgId, input.roomId, site.id);
    const start = Date.parse(input.startsAt);
    const end = start + appointmentLengthMinutes(a.kind) * MINUTE;
    assertFuture(start, now);
    await lockCalendars(tx, [`c:${actor.orgId}:${a.clinicianId}`, `p:${a.participantId}`, ...(room ? [`r:${room.id}`] : [])]);
    await assertPlacementFree(tx, {
      orgId: actor.orgId,
      kind: a.kind,
      participantId: a.participantId,
      clinician: { id: a.clinicianId, name: a.clinicianName },
      site,
      roomId: room?.id ?? null,
      roomName: room?.name ?? null,
      roomShared: room ? roomIsShared(room.kind) : false,
      start,
      end,
      exceptId: a.id,
    });
    await tx.execute(sql`
      update appointment set starts_at = ${iso(start)}::timestamptz, ends_at = ${iso(end)}::timestamptz,
             local_date = ${localDateOf(iso(start), site.timeZone)}::date, room_id = ${room?.id ?? null}::uuid,
             reason = ${input.reason}, version = version + 1, updated_at = ${now.toISOString()}::timestamptz
       where org_id = ${actor.orgId} and id = ${a.id}::uuid`);
    await audit(tx, deps, actor, 'appointment.reschedule', a, { from: a.startsAt, to: iso(start), roomId: room?.id ?? null });
    return toView((await findAppointment(tx, actor.orgId, a.id))!);
  });
}

async function setStatus(tx: DbOrTx, orgId: string, a: AppointmentRow, status: AppointmentStatus, reason: string | null, now: Date) {
  await tx.execute(sql`
    update appointment set status = ${status}, reason = coalesce(${reason}, reason), version = version + 1, updated_at = ${now.toISOString()}::timestamptz
     where org_id = ${orgId} and id = ${a.id}::uuid`);
}

export async function cancelAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentCancel): Promise<Appointment> {
  authorize(actor, 'appointment.write');
  const now = deps.clock.now();
  return onAppointment(deps, actor, id, 'appointment.cancel', async (tx, a) => {
    assertVersion(a.version, input.version, 'The appointment');
    const to = input.late ? 'late_cancelled' : 'cancelled';
    assertTransition(a, to);
    await setStatus(tx, actor.orgId, a, to, input.reason, now);
    await audit(tx, deps, actor, 'appointment.cancel', a, { status: to });
    return toView((await findAppointment(tx, actor.orgId, a.id))!);
  });
}

export async function markAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentMark): Promise<Appointment> {
  authorize(actor, 'appointment.mark');
  const now = deps.clock.now();
  return onAppointment(deps, actor, id, 'appointment.mark', async (tx, a) => {
    assertVersion(a.version, input.version, 'The appointment');
    assertTransition(a, input.status);
    const problem = appointmentMarkProblem(input.status, Date.parse(a.startsAt), now.getTime());
    if (problem) throw unprocessable('The appointment has not started yet.', [{ path: 'body.status', message: problem }]);
    await setStatus(tx, actor.orgId, a, input.status, null, now);
    await audit(tx, deps, actor, 'appointment.mark', a, { status: input.status });
    return toView((await findAppointment(tx, actor.orgId, a.id))!);
  });
}

export async function readParticipantAppointments(deps: Deps, actor: Actor, participantId: string): Promise<AppointmentList> {
  authorize(actor, 'appointment.read');
  return onParticipant(deps, actor, participantId, 'appointment.list', async (tx) => {
    const rows = await participantAppointments(tx, actor.orgId, participantId, episodeDetailVisibility(actor, episodeColumns('e')));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'appointment.list', entityType: 'participant', entityId: participantId, participantId, details: { count: rows.length } },
      deps.clock.now(),
    );
    return { appointments: rows.map(toView) };
  });
}

/** A staff member's day: their appointments and the groups they run. Clinicians and prescribers see their own. */
export async function readStaffDay(deps: Deps, actor: Actor, staffId: string, date: string | undefined): Promise<StaffDay> {
  authorize(actor, 'appointment.read');
  if (isProgramScoped(actor) && actor.userId !== staffId) throw forbidden();
  return deps.db.transaction(async (tx) => {
    const member = await findStaffMember(tx, actor.orgId, staffId);
    if (!member) throw notFound('The staff member');
    const [firstRule] = await clinicianRules(tx, actor.orgId, staffId);
    const zone = await zoneFor(tx, actor.orgId, { siteId: firstRule?.siteId });
    const day = date ?? localDateOf(deps.clock.now().toISOString(), zone);
    // The clinician seeing their own participants is treatment; others see what the Part 2 rule lets them.
    const visible = sql`(a.clinician_id = ${actor.userId} or ${episodeDetailVisibility(actor, episodeColumns('e'))})`;
    const appointments = await dayAppointments(tx, actor.orgId, staffId, day, visible);
    const sessions = await daySessions(tx, actor.orgId, staffId, day);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'appointment.list',
        entityType: 'staff',
        entityId: staffId,
        participantIds: [...new Set(appointments.map((a) => a.participantId))],
        details: { date: day, count: appointments.length },
      },
      deps.clock.now(),
    );
    return { staffId, staffName: member.name, date: day, timeZone: zone, appointments: appointments.map(toView), sessions };
  });
}

/**
 * The next free slots for a participant and a clinician: the clinician's working hours at the site (less leave, and
 * days at their limit), clear of both people's groups and appointments and of the participant's unavailability, with
 * a room of the site free for the whole appointment.
 */
export async function findSlots(deps: Deps, actor: Actor, query: SlotQuery): Promise<SlotList> {
  authorize(actor, 'appointment.read');
  const now = deps.clock.now();
  return onParticipant(deps, actor, query.participantId, 'appointment.slots', async (tx) => {
    const ep = await activeEpisode(tx, actor.orgId, query.participantId);
    if (!ep) throw unprocessable('Appointments are booked for a participant in care.', [{ path: 'query.participantId', message: 'has no active episode' }]);
    await assertEpisodeDetailAccess(tx, actor, ep);
    const site = await findSite(tx, actor.orgId, query.siteId ?? ep.siteId);
    if (!site) throw badRequest([{ path: 'query.siteId', message: 'is not a site of this organisation' }]);
    const clinician = await findStaffMember(tx, actor.orgId, query.clinicianId);
    if (!clinician) throw badRequest([{ path: 'query.clinicianId', message: 'is not a member of staff' }]);
    const zone = site.timeZone;
    const from = Math.max(now.getTime(), query.from ? Date.parse(query.from) : 0);
    const window: Interval = { start: from, end: from + SLOT_SEARCH_DAYS * 86_400_000 };
    const w: Window = { start: iso(window.start), end: iso(window.end) };

    const rules = await clinicianRules(tx, actor.orgId, clinician.id, site.id);
    const leave = (await clinicianExceptions(tx, actor.orgId, clinician.id, w.start, w.end)).map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
    const clinicianHours = workingTimeWithin(rules, leave, zone, window);
    const clinicianBusy = await calendar(tx, actor.orgId, { clinicianId: clinician.id }, w);
    const settings = await clinicianSettings(tx, actor.orgId, clinician.id);
    const participantBusy = await calendar(tx, actor.orgId, { participantId: query.participantId }, w);
    const weekly = await participantRules(tx, actor.orgId, query.participantId);
    const oneOff = (await participantExceptions(tx, actor.orgId, query.participantId, w.start, w.end)).map((e) => ({ start: Date.parse(e.startsAt), end: Date.parse(e.endsAt) }));
    const wantKind = query.virtual ? 'virtual' : 'physical';
    const rooms = (await siteRooms(tx, actor.orgId, site.id)).filter((r) => r.active && r.kind === wantKind);
    // Every room's calendar in one read, however many rooms the site has.
    const busyOf = await calendars(tx, actor.orgId, { roomIds: rooms.map((r) => r.id) }, w);
    const roomCalendars = rooms.map((room) => ({ id: room.id, busy: busyOf.get(room.id) ?? [], shared: roomIsShared(room.kind) }));

    const slots = findFreeSlots({
      kind: query.kind,
      zone,
      window,
      clinicianHours,
      busy: [clinicianBusy, participantBusy, unavailableTimeWithin(weekly, oneOff, zone, window), fullDays(clinicianBusy, settings?.maxSessionsPerDay ?? null, zone)],
      // A site with no rooms of the kind books without one (a call).
      ...(rooms.length > 0 ? { rooms: roomCalendars } : {}),
      count: query.count,
    });
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'appointment.slots', entityType: 'participant', entityId: query.participantId, participantId: query.participantId, details: { clinicianId: clinician.id, found: slots.length } },
      now,
    );
    const names = new Map(rooms.map((r) => [r.id, r.name]));
    return {
      timeZone: zone,
      siteId: site.id,
      lengthMinutes: appointmentLengthMinutes(query.kind),
      slots: slots.map((s) => ({ startsAt: iso(s.start), endsAt: iso(s.end), roomId: s.roomId, roomName: s.roomId ? (names.get(s.roomId) ?? null) : null })),
    };
  });
}
