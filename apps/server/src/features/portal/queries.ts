/**
 * The portal's queries: a participant's own sessions (the roster rule, trellis_expected_attendance, decides which are
 * theirs), their portal account and their calendar feed. Every query takes the participant's id from the signed-in
 * principal or the feed's token, never from a request.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RoomKind, SessionKind } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { appUser, authAccount, calendarFeed, checkIn, participant, participantUser } from '../../db/schema.ts';

export interface ParticipantSessionRow {
  id: string;
  title: string;
  kind: SessionKind;
  localDate: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  version: number;
  siteName: string;
  room: { name: string; kind: RoomKind; meetingUrl: string | null } | null;
}

/** The participant's expected sessions with a local date between two dates (inclusive), cancelled ones too, by start. */
export async function participantSessions(db: DbOrTx, orgId: string, participantId: string, from: string, to: string): Promise<ParticipantSessionRow[]> {
  const result = await db.execute(sql`
    select distinct on (s.starts_at, s.id)
           s.id, s.title, s.kind, s.local_date::text as local_date, s.starts_at, s.ends_at, s.status = 'cancelled' as cancelled,
           s.version, st.name as site_name, r.name as room_name, r.kind as room_kind, r.meeting_url
      from trellis_expected_attendance x
      join session s on s.org_id = x.org_id and s.id = x.session_id
      join site st on st.org_id = s.org_id and st.id = s.site_id
      left join room r on r.org_id = s.org_id and r.id = s.room_id
     where x.org_id = ${orgId} and x.participant_id = ${participantId}
       and x.local_date between ${from}::date and ${to}::date
     order by s.starts_at, s.id`);
  type Row = {
    id: string;
    title: string;
    kind: SessionKind;
    local_date: string;
    starts_at: string | Date;
    ends_at: string | Date;
    cancelled: boolean;
    version: number | string;
    site_name: string;
    room_name: string | null;
    room_kind: RoomKind | null;
    meeting_url: string | null;
  };
  return rowsOf<Row>(result).map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    localDate: r.local_date,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    cancelled: r.cancelled === true,
    version: Number(r.version),
    siteName: r.site_name,
    room: r.room_name === null || r.room_kind === null ? null : { name: r.room_name, kind: r.room_kind, meetingUrl: r.meeting_url ?? null },
  }));
}

/** The portal account linked to a participant: its user, whether a password was ever chosen, and when invited. */
export async function portalAccountOf(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({
      userId: participantUser.userId,
      email: appUser.email,
      active: appUser.active,
      invitedAt: participantUser.createdAt,
      hasPassword: sql<boolean>`exists (select 1 from ${authAccount} a where a.user_id = ${appUser.id} and a.provider_id = 'credential')`,
    })
    .from(participantUser)
    .innerJoin(appUser, and(eq(appUser.orgId, participantUser.orgId), eq(appUser.id, participantUser.userId)))
    .where(and(eq(participantUser.orgId, orgId), eq(participantUser.participantId, participantId)));
  return row ?? null;
}

/** A participant's name and email on record, locked for the invitation being made. */
export async function participantForInvitation(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({
      name: sql<string>`coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}`,
      email: participant.email,
    })
    .from(participant)
    .where(and(eq(participant.orgId, orgId), eq(participant.id, participantId)))
    .for('update');
  return row ?? null;
}

/** The participant a feed token's hash opens, with their organisation; null for an unknown (or reset) token. */
export async function feedByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ orgId: calendarFeed.orgId, participantId: calendarFeed.participantId })
    .from(calendarFeed)
    .where(eq(calendarFeed.tokenHash, tokenHash));
  return row ?? null;
}

export async function feedOf(db: DbOrTx, orgId: string, participantId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeed.createdAt })
    .from(calendarFeed)
    .where(and(eq(calendarFeed.orgId, orgId), eq(calendarFeed.participantId, participantId)));
  return row ?? null;
}

/** Makes or replaces a participant's feed token hash: the earlier address stops working at once. */
export async function replaceFeed(db: DbOrTx, orgId: string, participantId: string, tokenHash: string, at: Date): Promise<void> {
  await db
    .insert(calendarFeed)
    .values({ orgId, participantId, tokenHash, createdAt: at })
    .onConflictDoUpdate({ target: [calendarFeed.orgId, calendarFeed.participantId], set: { tokenHash, createdAt: at } });
}

/**
 * The portal account (a participant's, or a family member's) an invitation link's token was issued for, with when the link expires: better-auth keeps a reset
 * (or invitation) link as a verification row `reset-password:<token>` whose value is the user's id.
 */
export async function invitationByToken(db: DbOrTx, token: string) {
  const result = await db.execute(sql`
    select v.expires_at, u.id as user_id, u.email, u.org_id, u.active, u.role, coalesce(pu.participant_id, fm.participant_id) as participant_id,
           exists (select 1 from auth_account a where a.user_id = u.id and a.provider_id = 'credential') as has_password
      from auth_verification v
      join app_user u on u.id = v.value
      left join participant_user pu on pu.org_id = u.org_id and pu.user_id = u.id
      left join family_member fm on fm.org_id = u.org_id and fm.user_id = u.id
     where v.identifier = ${`reset-password:${token}`}
       and (pu.user_id is not null or fm.user_id is not null)
     order by v.expires_at desc
     limit 1`);
  const [row] = rowsOf<{
    expires_at: string | Date;
    user_id: string;
    email: string;
    org_id: string;
    active: boolean;
    role: string;
    participant_id: string;
    has_password: boolean;
  }>(result);
  return row ? { ...row, expiresAt: new Date(row.expires_at) } : null;
}

/** When each of some episodes last had a check-in (episodes with none are left out). */
export async function lastCheckIns(db: DbOrTx, orgId: string, episodeIds: readonly string[]): Promise<Map<string, Date>> {
  if (episodeIds.length === 0) return new Map();
  const rows = await db
    .select({ episodeId: checkIn.episodeId, last: sql<string>`max(${checkIn.checkedInAt})` })
    .from(checkIn)
    .where(and(eq(checkIn.orgId, orgId), inArray(checkIn.episodeId, [...episodeIds])))
    .groupBy(checkIn.episodeId);
  return new Map(rows.map((r) => [r.episodeId, new Date(r.last)]));
}
