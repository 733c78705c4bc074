/**
 * A staff member's private calendar feed (issue 9): their own groups (lead or co-facilitator), appointments and time
 * off, for their phone's calendar. The use cases take the staff member from the signed-in principal, never from the
 * request. What the feed may say is core's (staffFeedEvent): no participant, no reason, no note — a synced calendar is
 * a disclosure outside the program (42 CFR Part 2, minimum necessary). Creating, regenerating, revoking and every
 * fetch are audited; a fetch has no actor (a calendar app signs in as nobody) and is recorded under the staff member.
 */
import {
  addDays,
  calendarFeedText,
  localDateOf,
  staffFeedEvent,
  STAFF_FEED_CALENDAR_NAME,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
} from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { feedDomain, feedTokenHash, issueFeedAddress } from '../../http/calendar-feed.ts';
import { deleteStaffFeed, replaceStaffFeed, staffCalendarItems, staffFeedByTokenHash, staffFeedOf } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Weeks of past items a staff feed keeps, and weeks ahead it shows. */
export const STAFF_FEED_WEEKS_BACK = 4;
export const STAFF_FEED_WEEKS_AHEAD = 12;

/** Where a staff feed's public address lives: `/api/v1/public/staff-calendar-feeds/<token>/calendar.ics`. */
export const STAFF_FEED_COLLECTION = 'staff-calendar-feeds';

/** Who has a calendar to subscribe to: the roles that run groups or see people (appointment.read). */
const CALENDAR_ACTION = 'appointment.read';

export async function readStaffFeedStatus(deps: Deps, me: Actor): Promise<CalendarFeedStatus> {
  authorize(me, CALENDAR_ACTION);
  const feed = await staffFeedOf(deps.db, me.orgId, me.userId);
  return { active: !!feed, createdAt: feed ? feed.createdAt.toISOString() : null };
}

/** Audits a change to, or a fetch of, a staff member's feed under that staff member (no participant, no token). */
function auditFeed(
  tx: DbOrTx,
  actor: Actor | null,
  orgId: string,
  userId: string,
  action: AuditAction,
  details: Record<string, unknown>,
  now: Date,
) {
  return recordAudit(tx, actor, orgId, { action, entityType: 'staff-calendar-feed', entityId: userId, details }, now);
}

/** Makes a new private feed address (shown once); an earlier address stops working. */
export async function createStaffFeed(deps: Deps, me: Actor): Promise<CalendarFeedCreated> {
  authorize(me, CALENDAR_ACTION);
  return issueFeedAddress(deps, STAFF_FEED_COLLECTION, async (tx, tokenHash, now) => {
    const replaced = !!(await staffFeedOf(tx, me.orgId, me.userId));
    await replaceStaffFeed(tx, me.orgId, me.userId, tokenHash, now);
    await auditFeed(tx, me, me.orgId, me.userId, 'staff-calendar-feed.create', { replaced }, now);
  });
}

/** Stops the feed's address working. Revoking when there is none answers the same (nothing to stop). */
export async function revokeStaffFeed(deps: Deps, me: Actor): Promise<CalendarFeedStatus> {
  authorize(me, CALENDAR_ACTION);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const revoked = await deleteStaffFeed(tx, me.orgId, me.userId);
    await auditFeed(tx, me, me.orgId, me.userId, 'staff-calendar-feed.revoke', { revoked }, now);
  });
  return { active: false, createdAt: null };
}

/**
 * The feed's iCalendar text for whoever holds the token, or null for an unknown, replaced or revoked token or a
 * deactivated staff member. The window is the organisation's local dates around today, on the injected clock.
 */
export async function staffCalendarFeedFor(deps: Deps, token: string): Promise<string | null> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const feed = await staffFeedByTokenHash(tx, feedTokenHash(token));
    if (!feed) return null;
    const zone = await zoneFor(tx, feed.orgId, {});
    const today = localDateOf(nowIso, zone);
    const items = await staffCalendarItems(
      tx,
      feed.orgId,
      feed.userId,
      addDays(today, -7 * STAFF_FEED_WEEKS_BACK),
      addDays(today, 7 * STAFF_FEED_WEEKS_AHEAD),
    );
    await auditFeed(tx, null, feed.orgId, feed.userId, 'staff-calendar-feed.read', { items: items.length }, now);
    return calendarFeedText({
      domain: feedDomain(deps.config),
      now: nowIso,
      name: STAFF_FEED_CALENDAR_NAME,
      events: items.map(staffFeedEvent),
    });
  });
}
