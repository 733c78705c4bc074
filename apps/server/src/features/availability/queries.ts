/** Availability rows: clinicians' weekly hours, leave and daily limit; participants' weekly unavailability and exceptions. */
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { UnavailabilityReason, WeeklyTimeRule } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import {
  appUser,
  clinicianAvailability,
  clinicianException,
  clinicianHoursRule,
  participantUnavailability,
  participantUnavailabilityException,
  participantUnavailabilityRule,
  site,
} from '../../db/schema.ts';

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

export async function findStaffMember(db: DbOrTx, orgId: string, userId: string): Promise<StaffMember | null> {
  const [row] = await db
    .select({ id: appUser.id, name: appUser.name, role: appUser.role, active: appUser.active })
    .from(appUser)
    .where(and(eq(appUser.orgId, orgId), eq(appUser.id, userId)));
  return row ?? null;
}

/** The ids among `siteIds` that are sites of the organisation. */
export async function knownSiteIds(db: DbOrTx, orgId: string, siteIds: readonly string[]): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set();
  const rows = await db.select({ id: site.id }).from(site).where(and(eq(site.orgId, orgId), inArray(site.id, [...siteIds])));
  return new Set(rows.map((r) => r.id));
}

export async function clinicianSettings(db: DbOrTx, orgId: string, userId: string) {
  const [row] = await db
    .select({ maxSessionsPerDay: clinicianAvailability.maxSessionsPerDay, version: clinicianAvailability.version })
    .from(clinicianAvailability)
    .where(and(eq(clinicianAvailability.orgId, orgId), eq(clinicianAvailability.userId, userId)));
  return row ?? null;
}

export async function clinicianRules(db: DbOrTx, orgId: string, userId: string, siteId?: string) {
  return db
    .select({ siteId: clinicianHoursRule.siteId, weekday: clinicianHoursRule.weekday, startTime: clinicianHoursRule.startTime, endTime: clinicianHoursRule.endTime })
    .from(clinicianHoursRule)
    .where(
      and(
        eq(clinicianHoursRule.orgId, orgId),
        eq(clinicianHoursRule.userId, userId),
        siteId ? eq(clinicianHoursRule.siteId, siteId) : undefined,
      ),
    )
    .orderBy(asc(clinicianHoursRule.siteId), asc(clinicianHoursRule.weekday), asc(clinicianHoursRule.startTime));
}

/** Saves a clinician's settings and replaces their weekly rules; the version has been checked by the caller. */
export async function replaceClinicianHours(
  tx: DbOrTx,
  orgId: string,
  userId: string,
  maxSessionsPerDay: number | null,
  rules: readonly (WeeklyTimeRule & { siteId: string })[],
  now: Date,
): Promise<number> {
  const [saved] = await tx
    .insert(clinicianAvailability)
    .values({ orgId, userId, maxSessionsPerDay, updatedAt: now })
    .onConflictDoUpdate({
      target: [clinicianAvailability.orgId, clinicianAvailability.userId],
      set: { maxSessionsPerDay, version: sql`${clinicianAvailability.version} + 1`, updatedAt: now },
    })
    .returning({ version: clinicianAvailability.version });
  await tx.delete(clinicianHoursRule).where(and(eq(clinicianHoursRule.orgId, orgId), eq(clinicianHoursRule.userId, userId)));
  if (rules.length > 0) await tx.insert(clinicianHoursRule).values(rules.map((r) => ({ orgId, userId, ...r })));
  return saved!.version;
}

/** Leave and training that end after `from` (all of them when `from` is null), earliest first. */
export async function clinicianExceptions(db: DbOrTx, orgId: string, userId: string, from: string | null, to?: string) {
  return db
    .select({ id: clinicianException.id, startsAt: clinicianException.startsAt, endsAt: clinicianException.endsAt, kind: clinicianException.kind, note: clinicianException.note })
    .from(clinicianException)
    .where(
      and(
        eq(clinicianException.orgId, orgId),
        eq(clinicianException.userId, userId),
        from ? gt(clinicianException.endsAt, from) : undefined,
        to ? lt(clinicianException.startsAt, to) : undefined,
      ),
    )
    .orderBy(asc(clinicianException.startsAt));
}

export async function participantSettings(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({ version: participantUnavailability.version })
    .from(participantUnavailability)
    .where(and(eq(participantUnavailability.orgId, orgId), eq(participantUnavailability.participantId, participantId)));
  return row ?? null;
}

export async function participantRules(db: DbOrTx, orgId: string, participantId: string) {
  return db
    .select({
      reason: participantUnavailabilityRule.reason,
      weekday: participantUnavailabilityRule.weekday,
      startTime: participantUnavailabilityRule.startTime,
      endTime: participantUnavailabilityRule.endTime,
    })
    .from(participantUnavailabilityRule)
    .where(and(eq(participantUnavailabilityRule.orgId, orgId), eq(participantUnavailabilityRule.participantId, participantId)))
    .orderBy(asc(participantUnavailabilityRule.weekday), asc(participantUnavailabilityRule.startTime), asc(participantUnavailabilityRule.reason));
}

export async function replaceParticipantRules(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  rules: readonly (WeeklyTimeRule & { reason: UnavailabilityReason })[],
  now: Date,
): Promise<number> {
  const [saved] = await tx
    .insert(participantUnavailability)
    .values({ orgId, participantId, updatedAt: now })
    .onConflictDoUpdate({
      target: [participantUnavailability.orgId, participantUnavailability.participantId],
      set: { version: sql`${participantUnavailability.version} + 1`, updatedAt: now },
    })
    .returning({ version: participantUnavailability.version });
  await tx
    .delete(participantUnavailabilityRule)
    .where(and(eq(participantUnavailabilityRule.orgId, orgId), eq(participantUnavailabilityRule.participantId, participantId)));
  if (rules.length > 0) await tx.insert(participantUnavailabilityRule).values(rules.map((r) => ({ orgId, participantId, ...r })));
  return saved!.version;
}

export async function participantExceptions(db: DbOrTx, orgId: string, participantId: string, from: string | null, to?: string) {
  const e = participantUnavailabilityException;
  return db
    .select({ id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, note: e.note })
    .from(e)
    .where(and(eq(e.orgId, orgId), eq(e.participantId, participantId), from ? gt(e.endsAt, from) : undefined, to ? lt(e.startsAt, to) : undefined))
    .orderBy(asc(e.startsAt));
}
