/**
 * Family members, consents and disclosures: plain queries. The family portal's reads take the member and participant
 * from the signed-in principal, never from a request.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppointmentStatus, ConsentCategory, FamilyRelationship } from '@trellis/core';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import {
  appUser,
  authAccount,
  familyConsent,
  familyMember,
  participant,
  part2Disclosure,
  program,
} from '../../db/schema.ts';

const accountState = sql<'none' | 'invited' | 'active' | 'inactive'>`case
  when ${familyMember.userId} is null then 'none'
  when not ${appUser.active} then 'inactive'
  when exists (select 1 from ${authAccount} a where a.user_id = ${familyMember.userId} and a.provider_id = 'credential') then 'active'
  else 'invited' end`;

/** A participant's family members (or the one asked for), with their sign-in's state, in the order they were added. */
export async function familyMembersOf(db: DbOrTx, orgId: string, participantId: string, memberId?: string) {
  return db
    .select({
      id: familyMember.id,
      name: familyMember.name,
      relationship: sql<FamilyRelationship>`${familyMember.relationship}`,
      email: familyMember.email,
      isGuardian: familyMember.isGuardian,
      userId: familyMember.userId,
      version: familyMember.version,
      account: accountState,
    })
    .from(familyMember)
    .leftJoin(appUser, and(eq(appUser.orgId, familyMember.orgId), eq(appUser.id, familyMember.userId)))
    .where(
      and(
        eq(familyMember.orgId, orgId),
        eq(familyMember.participantId, participantId),
        ...(memberId === undefined ? [] : [eq(familyMember.id, memberId)]),
      ),
    )
    .orderBy(familyMember.createdAt, familyMember.id);
}
export type FamilyMemberRow = Awaited<ReturnType<typeof familyMembersOf>>[number];

const consentColumns = {
  id: familyConsent.id,
  familyMemberId: familyConsent.familyMemberId,
  programId: familyConsent.programId,
  programName: program.name,
  part2: familyConsent.part2,
  categories: sql<ConsentCategory[]>`${familyConsent.categories}`,
  purpose: familyConsent.purpose,
  revocationAcknowledged: familyConsent.revocationAcknowledged,
  endsOn: familyConsent.endsOn,
  signedBy: familyConsent.signedBy,
  signedOn: familyConsent.signedOn,
  revokedAt: familyConsent.revokedAt,
  timeZone: sql<string>`(select st.time_zone from site st where st.org_id = ${program.orgId} and st.id = ${program.siteId})`,
};

/**
 * The current consent of each of a participant's members (or of one member): the one not revoked, else the last
 * revoked. `visible` narrows it to the programs whose records the caller may see (a Part 2 program's consents show only
 * to its own staff).
 */
export async function latestConsents(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  visible: SQL = sql`true`,
  memberId?: string,
) {
  return db
    .selectDistinctOn([familyConsent.familyMemberId], consentColumns)
    .from(familyConsent)
    .innerJoin(program, and(eq(program.orgId, familyConsent.orgId), eq(program.id, familyConsent.programId)))
    .where(
      and(
        eq(familyConsent.orgId, orgId),
        eq(familyConsent.participantId, participantId),
        visible,
        ...(memberId === undefined ? [] : [eq(familyConsent.familyMemberId, memberId)]),
      ),
    )
    .orderBy(
      familyConsent.familyMemberId,
      // The one not revoked first (at most one), else the last revoked: creation times can tie (one request's clock
      // for a replacement), so they are only a tie-breaker.
      sql`${familyConsent.revokedAt} is null desc`,
      sql`${familyConsent.revokedAt} desc nulls first`,
      desc(familyConsent.createdAt),
      desc(familyConsent.id),
    );
}
export type ConsentRow = Awaited<ReturnType<typeof latestConsents>>[number];

/** The member's consent not revoked (at most one), with its program's zone; read at each request, so a revocation holds at once. */
export async function consentNotRevoked(db: DbOrTx, orgId: string, memberId: string): Promise<ConsentRow | null> {
  const [row] = await db
    .select(consentColumns)
    .from(familyConsent)
    .innerJoin(program, and(eq(program.orgId, familyConsent.orgId), eq(program.id, familyConsent.programId)))
    .where(
      and(eq(familyConsent.orgId, orgId), eq(familyConsent.familyMemberId, memberId), isNull(familyConsent.revokedAt)),
    );
  return row ?? null;
}

/** Revokes the member's consent in force, if any; the number revoked (0 or 1). */
export async function revokeConsent(
  db: DbOrTx,
  orgId: string,
  memberId: string,
  by: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(familyConsent)
    .set({ revokedAt: at, revokedBy: by })
    .where(
      and(eq(familyConsent.orgId, orgId), eq(familyConsent.familyMemberId, memberId), isNull(familyConsent.revokedAt)),
    )
    .returning({ id: familyConsent.id });
  return rows.length;
}

/** A participant's name as a consent names them, and a program's name and Part 2 flag. */
export async function consentParties(db: DbOrTx, orgId: string, participantId: string, programId: string) {
  const [row] = await db
    .select({
      participantName: sql<string>`${participant.givenName} || ' ' || ${participant.familyName}`,
      programName: program.name,
      part2: program.part2,
    })
    .from(participant)
    .innerJoin(program, and(eq(program.orgId, participant.orgId), eq(program.id, programId)))
    .where(and(eq(participant.orgId, orgId), eq(participant.id, participantId)));
  return row ?? null;
}

/** Whether the participant has (or had) an episode in the program: a consent can only cover a program they were in. */
export async function hasEpisodeIn(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  programId: string,
): Promise<boolean> {
  const result = await db.execute(
    sql`select 1 from episode e where e.org_id = ${orgId} and e.participant_id = ${participantId} and e.program_id = ${programId}::uuid limit 1`,
  );
  return rowsOf(result).length > 0;
}

/** The participant's family-session appointments in a program with a local date between two dates, by start. */
export async function familyAppointments(
  db: DbOrTx,
  orgId: string,
  participantId: string,
  programId: string,
  from: string,
  to: string,
) {
  const result = await db.execute(sql`
    select a.id, a.starts_at, a.ends_at, a.status, r.name as room_name
      from appointment a
      join episode e on e.org_id = a.org_id and e.id = a.episode_id
      left join room r on r.org_id = a.org_id and r.id = a.room_id
     where a.org_id = ${orgId} and a.participant_id = ${participantId} and a.kind = 'family'
       and e.program_id = ${programId}::uuid and a.local_date between ${from}::date and ${to}::date
     order by a.starts_at, a.id`);
  return rowsOf<{
    id: string;
    starts_at: string | Date;
    ends_at: string | Date;
    status: AppointmentStatus;
    room_name: string | null;
  }>(result).map((r) => ({
    id: r.id,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    status: r.status,
    location: r.room_name,
  }));
}

/** The participant's name as their family knows it (their preferred name first). */
export async function participantDisplayName(db: DbOrTx, orgId: string, participantId: string): Promise<string> {
  const [row] = await db
    .select({
      name: sql<string>`coalesce(${participant.preferredName}, ${participant.givenName}) || ' ' || ${participant.familyName}`,
    })
    .from(participant)
    .where(and(eq(participant.orgId, orgId), eq(participant.id, participantId)));
  return row?.name ?? '';
}

/** The accounting of disclosures of a participant's records, newest first; `visible` narrows it to programs the caller may see. */
export async function disclosuresOf(db: DbOrTx, orgId: string, participantId: string, visible: SQL = sql`true`) {
  return db
    .select({
      id: part2Disclosure.id,
      disclosedAt: part2Disclosure.disclosedAt,
      recipientName: part2Disclosure.recipientName,
      programName: program.name,
      category: sql<ConsentCategory>`${part2Disclosure.category}`,
      description: part2Disclosure.description,
    })
    .from(part2Disclosure)
    .innerJoin(program, and(eq(program.orgId, part2Disclosure.orgId), eq(program.id, part2Disclosure.programId)))
    .where(and(eq(part2Disclosure.orgId, orgId), eq(part2Disclosure.participantId, participantId), visible))
    .orderBy(desc(part2Disclosure.disclosedAt), desc(part2Disclosure.id))
    .limit(500);
}
