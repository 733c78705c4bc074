/**
 * Availability use cases. A clinician's weekly hours per site, leave and daily limit are set by a director (or an
 * administrator) for anyone, and by a treating clinician for themselves; a participant's weekly unavailability (work,
 * school, childcare, from intake) and one-off exceptions belong to their record, so they follow its access rules and
 * are audited. Weekly rules are merged by core before they are stored: overlapping entries never count twice.
 */
import {
  FACILITATOR_ROLES,
  mergeWeeklyRulesBy,
  type ClinicianAvailability,
  type ClinicianAvailabilityUpdate,
  type ClinicianExceptionCreate,
  type ParticipantExceptionCreate,
  type ParticipantUnavailability,
  type ParticipantUnavailabilityUpdate,
  type StaffRole,
} from '@trellis/core';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, isProgramScoped, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { clinicianException, participantUnavailabilityException } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/index.ts';
import { assertVersion, badRequest, CONFLICT_TITLES, forbidden, notFound, Problem, unprocessable } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import {
  clinicianExceptions,
  clinicianRules,
  clinicianSettings,
  findStaffMember,
  knownSiteIds,
  participantExceptions,
  participantRules,
  participantSettings,
  replaceClinicianHours,
  replaceParticipantRules,
  type StaffMember,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const iso = (instant: string) => new Date(instant).toISOString();
/** Leave that ended longer ago than this is history, not shown with the hours. */
const PAST_EXCEPTION_DAYS = 30;

/** 409 for a stale or missing version of a record replaced as a whole. */
function assertSettingsVersion(stored: number | null, given: number | null, what: string): void {
  if (stored === null && given === null) return;
  if (stored === null || given === null) {
    throw new Problem(409, CONFLICT_TITLES.staleVersion, `${what} was changed by someone else. Reload to see the latest version, then try again.`, [
      { path: 'version', message: `expected ${stored ?? 'null'}, got ${given ?? 'null'}` },
    ]);
  }
  assertVersion(stored, given, what);
}

/** The staff member whose calendar is asked for: 404 outside the organisation; 422 unless they see participants. */
async function treatingStaff(db: DbOrTx, actor: Actor, staffId: string): Promise<StaffMember> {
  const member = await findStaffMember(db, actor.orgId, staffId);
  if (!member) throw notFound('The staff member');
  if (!FACILITATOR_ROLES.includes(member.role as StaffRole)) {
    throw unprocessable('Only directors, clinicians and prescribers keep working hours.', [{ path: 'params.id', message: 'is not a treating role' }]);
  }
  return member;
}

/** A clinician or prescriber sets only their own hours; directors and administrators set anyone's. */
function assertMaySetHours(actor: Actor, staffId: string): void {
  authorize(actor, 'availability.write');
  if (isProgramScoped(actor) && actor.userId !== staffId) throw forbidden();
}

async function clinicianView(db: DbOrTx, actor: Actor, member: StaffMember, now: Date): Promise<ClinicianAvailability> {
  const settings = await clinicianSettings(db, actor.orgId, member.id);
  const rules = await clinicianRules(db, actor.orgId, member.id);
  const since = new Date(now.getTime() - PAST_EXCEPTION_DAYS * 86_400_000).toISOString();
  const exceptions = await clinicianExceptions(db, actor.orgId, member.id, since);
  return {
    staffId: member.id,
    staffName: member.name,
    rules,
    maxSessionsPerDay: settings?.maxSessionsPerDay ?? null,
    exceptions: exceptions.map((e) => ({ ...e, startsAt: iso(e.startsAt), endsAt: iso(e.endsAt), note: e.note ?? null })),
    version: settings?.version ?? null,
  };
}

export async function readClinicianAvailability(deps: Deps, actor: Actor, staffId: string): Promise<ClinicianAvailability> {
  authorize(actor, 'staff.read');
  const member = await treatingStaff(deps.db, actor, staffId);
  return clinicianView(deps.db, actor, member, deps.clock.now());
}

async function auditStaffChange(tx: DbOrTx, deps: Deps, actor: Actor, staffId: string, details: Record<string, unknown>) {
  await recordAudit(tx, actor, actor.orgId, { action: 'availability.update', entityType: 'staff', entityId: staffId, details }, deps.clock.now());
}

export async function setClinicianAvailability(
  deps: Deps,
  actor: Actor,
  staffId: string,
  input: ClinicianAvailabilityUpdate,
): Promise<ClinicianAvailability> {
  assertMaySetHours(actor, staffId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const member = await treatingStaff(tx, actor, staffId);
    const known = await knownSiteIds(tx, actor.orgId, [...new Set(input.rules.map((r) => r.siteId))]);
    const unknown = input.rules.findIndex((r) => !known.has(r.siteId));
    if (unknown >= 0) throw badRequest([{ path: `body.rules.${unknown}.siteId`, message: 'is not a site of this organisation' }]);
    const settings = await clinicianSettings(tx, actor.orgId, staffId);
    assertSettingsVersion(settings?.version ?? null, input.version, 'These working hours');
    const merged = mergeWeeklyRulesBy(input.rules, 'siteId');
    await replaceClinicianHours(tx, actor.orgId, staffId, input.maxSessionsPerDay, merged, now);
    await auditStaffChange(tx, deps, actor, staffId, { rules: input.rules.length, stored: merged.length, maxSessionsPerDay: input.maxSessionsPerDay });
    return clinicianView(tx, actor, member, now);
  });
}

export async function addClinicianException(deps: Deps, actor: Actor, staffId: string, input: ClinicianExceptionCreate): Promise<ClinicianAvailability> {
  assertMaySetHours(actor, staffId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const member = await treatingStaff(tx, actor, staffId);
    const [row] = await tx
      .insert(clinicianException)
      .values({ orgId: actor.orgId, userId: staffId, startsAt: input.startsAt, endsAt: input.endsAt, kind: input.kind, note: input.note ?? null, createdBy: actor.userId })
      .returning({ id: clinicianException.id });
    await auditStaffChange(tx, deps, actor, staffId, { exceptionAdded: row!.id, kind: input.kind });
    return clinicianView(tx, actor, member, now);
  });
}

export async function removeClinicianException(deps: Deps, actor: Actor, staffId: string, exceptionId: string): Promise<ClinicianAvailability> {
  assertMaySetHours(actor, staffId);
  return deps.db.transaction(async (tx) => {
    const member = await treatingStaff(tx, actor, staffId);
    const removed = await tx
      .delete(clinicianException)
      .where(and(eq(clinicianException.orgId, actor.orgId), eq(clinicianException.userId, staffId), eq(clinicianException.id, exceptionId)))
      .returning({ id: clinicianException.id });
    if (removed.length === 0) throw notFound('The exception');
    await auditStaffChange(tx, deps, actor, staffId, { exceptionRemoved: exceptionId });
    return clinicianView(tx, actor, member, deps.clock.now());
  });
}

// ---- Participants ----

async function participantView(db: DbOrTx, orgId: string, participantId: string, now: Date): Promise<ParticipantUnavailability> {
  const settings = await participantSettings(db, orgId, participantId);
  const rules = await participantRules(db, orgId, participantId);
  const since = new Date(now.getTime() - PAST_EXCEPTION_DAYS * 86_400_000).toISOString();
  const exceptions = await participantExceptions(db, orgId, participantId, since);
  return {
    participantId,
    rules,
    exceptions: exceptions.map((e) => ({ id: e.id, startsAt: iso(e.startsAt), endsAt: iso(e.endsAt), note: e.note ?? null })),
    version: settings?.version ?? null,
  };
}

async function auditParticipant(tx: DbOrTx, deps: Deps, actor: Actor, action: AuditAction, participantId: string, details: Record<string, unknown>) {
  await recordAudit(tx, actor, actor.orgId, { action, entityType: 'participant', entityId: participantId, participantId, details }, deps.clock.now());
}

export async function readParticipantUnavailability(deps: Deps, actor: Actor, participantId: string): Promise<ParticipantUnavailability> {
  authorize(actor, 'participant.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'unavailability.read');
  return deps.db.transaction(async (tx) => {
    const view = await participantView(tx, actor.orgId, participantId, deps.clock.now());
    await auditParticipant(tx, deps, actor, 'unavailability.read', participantId, { rules: view.rules.length, exceptions: view.exceptions.length });
    return view;
  });
}

export async function setParticipantUnavailability(
  deps: Deps,
  actor: Actor,
  participantId: string,
  input: ParticipantUnavailabilityUpdate,
): Promise<ParticipantUnavailability> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'unavailability.update');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const settings = await participantSettings(tx, actor.orgId, participantId);
    assertSettingsVersion(settings?.version ?? null, input.version, 'This unavailability');
    const merged = mergeWeeklyRulesBy(input.rules, 'reason');
    await replaceParticipantRules(tx, actor.orgId, participantId, merged, now);
    await auditParticipant(tx, deps, actor, 'unavailability.update', participantId, { rules: input.rules.length, stored: merged.length });
    return participantView(tx, actor.orgId, participantId, now);
  });
}

export async function addParticipantException(deps: Deps, actor: Actor, participantId: string, input: ParticipantExceptionCreate): Promise<ParticipantUnavailability> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'unavailability.update');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(participantUnavailabilityException)
      .values({ orgId: actor.orgId, participantId, startsAt: input.startsAt, endsAt: input.endsAt, note: input.note ?? null })
      .returning({ id: participantUnavailabilityException.id });
    await auditParticipant(tx, deps, actor, 'unavailability.update', participantId, { exceptionAdded: row!.id });
    return participantView(tx, actor.orgId, participantId, now);
  });
}

export async function removeParticipantException(deps: Deps, actor: Actor, participantId: string, exceptionId: string): Promise<ParticipantUnavailability> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'unavailability.update');
  return deps.db.transaction(async (tx) => {
    const e = participantUnavailabilityException;
    const removed = await tx
      .delete(e)
      .where(and(eq(e.orgId, actor.orgId), eq(e.participantId, participantId), eq(e.id, exceptionId)))
      .returning({ id: e.id });
    if (removed.length === 0) throw notFound('The exception');
    await auditParticipant(tx, deps, actor, 'unavailability.update', participantId, { exceptionRemoved: exceptionId });
    return participantView(tx, actor.orgId, participantId, deps.clock.now());
  });
}
