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
import { recordAudit } from '../../audit/audit.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { feedDomain, feedTokenHash, feedUrl, newFeedToken } from '../../http/calendar-feed.ts';
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

/**
 * Makes a new private feed address (256 random bits, stored only as its hash); an earlier address stops working. The
 * address is answered once: it cannot be read back later, only replaced.
 */
export async function createStaffFeed(deps: Deps, me: Actor): Promise<CalendarFeedCreated> {
  authorize(me, CALENDAR_ACTION);
  const now = deps.clock.now();
  const token = newFeedToken();
  await deps.db.transaction(async (tx) => {
    const replaced = !!(await staffFeedOf(tx, me.orgId, me.userId));
    await replaceStaffFeed(tx, me.orgId, me.userId, feedTokenHash(token), now);
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'staff-calendar-feed.create',
        entityType: 'staff-calendar-feed',
        entityId: me.userId,
        details: { replaced },
      },
      now,
    );
  });
  return { url: feedUrl(deps.config, STAFF_FEED_COLLECTION, token), createdAt: now.toISOString() };
}

/** Stops the feed's address working. Revoking when there is none answers the same (nothing to stop). */
export async function revokeStaffFeed(deps: Deps, me: Actor): Promise<CalendarFeedStatus> {
  authorize(me, CALENDAR_ACTION);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const revoked = await deleteStaffFeed(tx, me.orgId, me.userId);
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'staff-calendar-feed.revoke',
        entityType: 'staff-calendar-feed',
        entityId: me.userId,
        details: { revoked },
      },
      now,
    );
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
    await recordAudit(
      tx,
      null,
      feed.orgId,
      {
        action: 'staff-calendar-feed.read',
        entityType: 'staff-calendar-feed',
        entityId: feed.userId,
        details: { items: items.length },
      },
      now,
    );
    return calendarFeedText({
      domain: feedDomain(deps.config),
      now: nowIso,
      name: STAFF_FEED_CALENDAR_NAME,
      events: items.map(staffFeedEvent),
    });
  });
}
