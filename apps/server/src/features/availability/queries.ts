/** Availability rows: clinicians' weekly hours, leave and daily limit; participants' weekly unavailability and exceptions. */
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { UnavailabilityReason, WeeklyTimeRule } from '@trellis/core';
import { groupedBy, type DbOrTx } from '../../db/index.ts';
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

/** Each clinician's daily limit (null: none set), keyed by id; a clinician who never saved settings is absent. */
export async function cliniciansMaxSessionsPerDay(db: DbOrTx, orgId: string, userIds: readonly string[]): Promise<Map<string, number | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: clinicianAvailability.userId, maxSessionsPerDay: clinicianAvailability.maxSessionsPerDay })
    .from(clinicianAvailability)
    .where(and(eq(clinicianAvailability.orgId, orgId), inArray(clinicianAvailability.userId, [...userIds])));
  return new Map(rows.map((r) => [r.userId, r.maxSessionsPerDay]));
}

export async function clinicianRules(db: DbOrTx, orgId: string, userId: string, siteId?: string) {
  return ((await cliniciansRules(db, orgId, [userId], siteId)).get(userId) ?? []).map(({ userId: _, ...rule }) => rule);
}

/** Weekly working hours of many clinicians (at one site, or all), keyed by clinician, in `clinicianRules`' order. */
export async function cliniciansRules(db: DbOrTx, orgId: string, userIds: readonly string[], siteId?: string) {
  if (userIds.length === 0) return new Map<string, never[]>();
  const rows = await db
    .select({
      userId: clinicianHoursRule.userId,
      siteId: clinicianHoursRule.siteId,
      weekday: clinicianHoursRule.weekday,
      startTime: clinicianHoursRule.startTime,
      endTime: clinicianHoursRule.endTime,
    })
    .from(clinicianHoursRule)
    .where(
      and(
        eq(clinicianHoursRule.orgId, orgId),
        inArray(clinicianHoursRule.userId, [...userIds]),
        siteId ? eq(clinicianHoursRule.siteId, siteId) : undefined,
      ),
    )
    .orderBy(asc(clinicianHoursRule.userId), asc(clinicianHoursRule.siteId), asc(clinicianHoursRule.weekday), asc(clinicianHoursRule.startTime));
  return groupedBy(rows, (r) => r.userId);
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
  return ((await cliniciansExceptions(db, orgId, [userId], from, to)).get(userId) ?? []).map(({ userId: _, ...e }) => e);
}

/** Many clinicians' leave and training (as `clinicianExceptions` reads one), keyed by clinician. */
export async function cliniciansExceptions(db: DbOrTx, orgId: string, userIds: readonly string[], from: string | null, to?: string) {
  if (userIds.length === 0) return new Map<string, never[]>();
  const e = clinicianException;
  const rows = await db
    .select({ userId: e.userId, id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, kind: e.kind, note: e.note })
    .from(e)
    .where(and(eq(e.orgId, orgId), inArray(e.userId, [...userIds]), from ? gt(e.endsAt, from) : undefined, to ? lt(e.startsAt, to) : undefined))
    .orderBy(asc(e.startsAt), asc(e.id));
  return groupedBy(rows, (r) => r.userId);
}

export async function participantSettings(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({ version: participantUnavailability.version })
    .from(participantUnavailability)
    .where(and(eq(participantUnavailability.orgId, orgId), eq(participantUnavailability.participantId, participantId)));
  return row ?? null;
}

export async function participantRules(db: DbOrTx, orgId: string, participantId: string) {
  return ((await participantsRules(db, orgId, [participantId])).get(participantId) ?? []).map(({ participantId: _, ...rule }) => rule);
}

/** Many participants' weekly unavailability (as `participantRules` reads one), keyed by participant. */
export async function participantsRules(db: DbOrTx, orgId: string, participantIds: readonly string[]) {
  if (participantIds.length === 0) return new Map<string, never[]>();
  const r = participantUnavailabilityRule;
  const rows = await db
    .select({ participantId: r.participantId, reason: r.reason, weekday: r.weekday, startTime: r.startTime, endTime: r.endTime })
    .from(r)
    .where(and(eq(r.orgId, orgId), inArray(r.participantId, [...participantIds])))
    .orderBy(asc(r.participantId), asc(r.weekday), asc(r.startTime), asc(r.reason));
  return groupedBy(rows, (row) => row.participantId);
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
  return ((await participantsExceptions(db, orgId, [participantId], from, to)).get(participantId) ?? []).map(({ participantId: _, ...e }) => e);
}

/** Many participants' one-off unavailability (as `participantExceptions` reads one), keyed by participant. */
export async function participantsExceptions(db: DbOrTx, orgId: string, participantIds: readonly string[], from: string | null, to?: string) {
  if (participantIds.length === 0) return new Map<string, never[]>();
  const e = participantUnavailabilityException;
  const rows = await db
    .select({ participantId: e.participantId, id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, note: e.note })
    .from(e)
    .where(and(eq(e.orgId, orgId), inArray(e.participantId, [...participantIds]), from ? gt(e.endsAt, from) : undefined, to ? lt(e.startsAt, to) : undefined))
    .orderBy(asc(e.startsAt), asc(e.id));
  return groupedBy(rows, (r) => r.participantId);
}
