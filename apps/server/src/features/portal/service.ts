/**
 * The participant portal's use cases. A participant's use cases take the participant from the signed-in principal
 * (`ParticipantActor`), never from the request, so there is no id to swap for someone else's. Staff use cases (invite
 * to the portal, see whether an account exists) follow the staff rules: role, care team, audit.
 */
import { randomUUID } from 'node:crypto';
import {
  addDays,
  calendarFeedText,
  FEED_CALENDAR_NAME,
  localDateOf,
  participantFeedEvent,
  programWeekContaining,
  PARTICIPANT_ROLE,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type PortalAccount,
  type PortalInvitation,
  type PortalInvitationState,
  type PortalMe,
  type PortalWeek,
} from '@trellis/core';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { authorize, type Actor, type ParticipantActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { appUser, participantUser } from '../../db/schema.ts';
import { zoneFor } from '../../db/site-zone.ts';
import { feedDomain, feedTokenHash, issueFeedAddress } from '../../http/calendar-feed.ts';
import { conflict, unprocessable } from '../../http/problems.ts';
import { currentWeekLedger } from '../ledger/service.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { refusingDuplicates } from '../setup/unique.ts';
import {
  feedByTokenHash,
  feedOf,
  invitationByToken,
  participantForInvitation,
  participantSessions,
  portalAccountOf,
  replaceFeed,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Weeks of past sessions a calendar feed keeps, and weeks ahead it shows (tracks are generated eight weeks ahead). */
export const FEED_WEEKS_BACK = 2;
export const FEED_WEEKS_AHEAD = 8;

const DUPLICATE_EMAIL = {
  app_user_email_unique: { path: 'body.email', message: 'is already used by another account', detail: 'Another account already uses this email.' },
};

export function portalMe(deps: Deps, me: ParticipantActor): PortalMe {
  return { name: me.name, email: me.email, sessionIdleMinutes: deps.config.sessionIdleMinutes };
}

/** Today and this program week for the signed-in participant: their sessions and hours, in their site's zone. */
export async function readPortalWeek(deps: Deps, me: ParticipantActor): Promise<PortalWeek> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const current = await currentWeekLedger(tx, me.orgId, me.participantId, now);
    const zone = current?.week.zone ?? (await zoneFor(tx, me.orgId, {}));
    const week = current?.week ?? programWeekContaining(now.toISOString(), zone);
    const sessions = await participantSessions(tx, me.orgId, me.participantId, week.monday, week.sunday);
    await recordAudit(
      tx,
      me,
      me.orgId,
      { action: 'portal.read', entityType: 'participant', entityId: me.participantId, participantId: me.participantId, details: { week: week.monday } },
      now,
    );
    const l = current?.ledger;
    return {
      timeZone: zone,
      today: localDateOf(now.toISOString(), zone),
      monday: week.monday,
      sunday: week.sunday,
      sessions: sessions.map(({ version: _version, ...s }) => s),
      hours: l
        ? { attendedHours: l.attendedHours, scheduledHours: l.scheduledHours, projectedHours: l.projectedHours, requiredHours: l.requiredHours, status: l.status }
        : null,
    };
  });
}

export async function readFeedStatus(deps: Deps, me: ParticipantActor): Promise<CalendarFeedStatus> {
  const feed = await feedOf(deps.db, me.orgId, me.participantId);
  return { active: !!feed, createdAt: feed ? feed.createdAt.toISOString() : null };
}

/**
 * Makes a new private feed address (256 random bits, stored only as its hash); an earlier address stops working. The
 * address is answered once: it cannot be read back later, only replaced.
 */
export async function resetFeed(deps: Deps, me: ParticipantActor): Promise<CalendarFeedCreated> {
  return issueFeedAddress(deps, 'calendar-feeds', async (tx, tokenHash, now) => {
    const replaced = !!(await feedOf(tx, me.orgId, me.participantId));
    await replaceFeed(tx, me.orgId, me.participantId, tokenHash, now);
    await recordAudit(
      tx,
      me,
      me.orgId,
      { action: 'calendar-feed.reset', entityType: 'calendar-feed', entityId: me.participantId, participantId: me.participantId, details: { replaced } },
      now,
    );
  });
}

/**
 * The feed's iCalendar text for whoever holds the token, or null for an unknown (or reset) token. Each fetch is a
 * disclosure of the participant's schedule and is audited under their record, with no actor (nobody signed in).
 */
export async function calendarFeedFor(deps: Deps, token: string): Promise<string | null> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const feed = await feedByTokenHash(tx, feedTokenHash(token));
    if (!feed) return null;
    const zone = await zoneFor(tx, feed.orgId, {});
    const today = localDateOf(nowIso, zone);
    const sessions = await participantSessions(tx, feed.orgId, feed.participantId, addDays(today, -7 * FEED_WEEKS_BACK), addDays(today, 7 * FEED_WEEKS_AHEAD));
    await recordAudit(
      tx,
      null,
      feed.orgId,
      { action: 'calendar-feed.read', entityType: 'calendar-feed', entityId: feed.participantId, participantId: feed.participantId, details: { sessions: sessions.length } },
      now,
    );
    return calendarFeedText({
      domain: feedDomain(deps.config),
      now: nowIso,
      name: FEED_CALENDAR_NAME,
      events: sessions.map((s) =>
        participantFeedEvent({
        id: s.id,
        kind: s.kind,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        location: s.room ? (s.room.kind === 'virtual' ? 'Online (the link is in your portal)' : s.room.name) : null,
        cancelled: s.cancelled,
        version: s.version,
      }),
      ),
    });
  });
}

// ---- Staff: inviting a participant ----

function accountView(row: Awaited<ReturnType<typeof portalAccountOf>>): PortalAccount {
  if (!row) return { state: 'none', email: null, invitedAt: null };
  const state = !row.active ? 'inactive' : row.hasPassword ? 'active' : 'invited';
  return { state, email: row.email, invitedAt: row.invitedAt.toISOString() };
}

export async function readPortalAccount(deps: Deps, actor: Actor, participantId: string): Promise<PortalAccount> {
  authorize(actor, 'participant.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'portal.account-read');
  return deps.db.transaction(async (tx) => {
    const view = accountView(await portalAccountOf(tx, actor.orgId, participantId));
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      { action: 'portal.account-read', entityType: 'participant', entityId: participantId, participantId, details: { state: view.state } },
      deps.clock.now(),
    );
    return view;
  });
}

/**
 * Invites a participant to the portal: an account with the role 'participant', linked to them, with no password yet;
 * the link to choose one goes out through the outbox as staff invitations do. An invitation not yet accepted is sent
 * again; an account already in use is left alone (409).
 */
export async function inviteToPortal(
  deps: Deps & Pick<AppDeps, 'auth'>,
  actor: Actor,
  participantId: string,
  input: PortalInvitation,
): Promise<PortalAccount> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'portal.invite');
  const now = deps.clock.now();
  const email = await refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const person = await participantForInvitation(tx, actor.orgId, participantId);
        const existing = await portalAccountOf(tx, actor.orgId, participantId);
        if (existing?.hasPassword) throw conflict('This participant already uses the portal.');
        if (existing && !existing.active) throw unprocessable('This participant’s portal account is turned off.');
        const address = (input.email ?? existing?.email ?? person?.email ?? '').toLowerCase();
        if (!address) {
          throw unprocessable('There is no email address to send the invitation to.', [
            { path: 'body.email', message: 'is required: the participant has no email on record' },
          ]);
        }
        if (existing) {
          if (address !== existing.email) await tx.update(appUser).set({ email: address, updatedAt: now }).where(eq(appUser.id, existing.userId));
        } else {
          const userId = randomUUID();
          await tx.insert(appUser).values({
            id: userId,
            orgId: actor.orgId,
            name: person?.name ?? address,
            email: address,
            emailVerified: false,
            role: PARTICIPANT_ROLE,
            createdAt: now,
            updatedAt: now,
          });
          await tx.insert(participantUser).values({ orgId: actor.orgId, userId, participantId, invitedBy: actor.userId, createdAt: now });
        }
        await recordAudit(
          tx,
          actor,
          actor.orgId,
          { action: 'portal.invite', entityType: 'participant', entityId: participantId, participantId, details: { resent: !!existing } },
          now,
        );
        return address;
      }),
    DUPLICATE_EMAIL,
  );
  await deps.auth.api.requestPasswordReset({ body: { email } });
  return accountView(await portalAccountOf(deps.db, actor.orgId, participantId));
}

// ---- Public: an invitation link ----

/**
 * Whether an invitation link can still be used. better-auth judges a link's expiry on the wall clock when it is used,
 * so this does too: the page must not say "valid" to a link the sign-in library will then refuse.
 */
export async function invitationState(deps: Deps, token: string): Promise<PortalInvitationState> {
  const found = await invitationByToken(deps.db, token);
  if (!found || !found.active) return 'unknown';
  return found.expiresAt.getTime() < Date.now() ? 'expired' : 'valid';
}

/**
 * Sends a new invitation for an expired link, to the account's own address (never one the asker gives), if the link
 * was a portal invitation whose account has not chosen a password yet. The answer is the same either way.
 */
export async function renewInvitation(deps: Deps & Pick<AppDeps, 'auth'>, token: string): Promise<{ sent: true }> {
  const found = await invitationByToken(deps.db, token);
  if (found && found.active && !found.has_password) {
    await deps.db.transaction((tx) =>
      recordAudit(
        tx,
        { userId: found.user_id, role: found.role, orgId: found.org_id },
        found.org_id,
        { action: 'portal.invitation-renewal', entityType: 'participant', entityId: found.participant_id, participantId: found.participant_id },
        deps.clock.now(),
      ),
    );
    await deps.auth.api.requestPasswordReset({ body: { email: found.email } });
  }
  return { sent: true };
}
