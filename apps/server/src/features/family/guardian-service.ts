/**
 * A guardian in the family portal: a family member the program's staff recorded as the legal guardian of a minor
 * participant manages that participant's family members and their consents, as the participant would. Both ids come
 * from the signed-in member, never from the request. A member who is not a guardian gets 403 (audited by the app's
 * error handler, under the participant); once the participant is an adult the rights are refused (422 with the reason).
 *
 * A guardian does not record or revoke their own consent (that would let them widen what they see: the staff record
 * it with them), and does not touch a Part 2 program's consents: whether a minor's substance use records may be
 * disclosed to a parent depends on who consented to treatment under state law (42 CFR 2.14), so those stay with the
 * program's staff, and the guardian's view of members leaves Part 2 consents out (it would disclose the program).
 */
import {
  GUARDIAN_MAY,
  GUARDIAN_MAY_NOT,
  guardianFamilyMemberInputSchema,
  guardianStanding,
  familyConsentInputSchema,
  localDateOf,
  type FamilyConsentInput,
  type FamilyMe,
  type FamilyMember,
  type GuardianFamily,
  type GuardianFamilyMemberInput,
  type GuardianStanding,
} from '@trellis/core';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { FamilyActor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { rowsOf, type DbOrTx } from '../../db/index.ts';
import { familyConsent, familyMember, participant } from '../../db/schema.ts';
import { forbidden, notFound, unprocessable } from '../../http/problems.ts';
import { consentNotRevoked, familyMembersOf, participantDisplayName } from './queries.ts';
import { insertFamilyMember, memberViews, oneMemberView, revokeConsentInForce, writeConsent } from './staff-service.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A guardian sees and manages consents of the participant's programs other than Part 2 ones. */
const notPart2 = sql`${familyConsent.part2} = false`;

/**
 * The member's standing as guardian today. The participant's age is read on today's date in the zone of their latest
 * program's site (UTC when they have none).
 */
export async function guardianStandingOf(db: DbOrTx, me: FamilyActor, now: Date): Promise<GuardianStanding> {
  const [row] = await db
    .select({
      isGuardian: familyMember.isGuardian,
      dateOfBirth: participant.dateOfBirth,
      timeZone: sql<string | null>`(select st.time_zone from episode e
                                      join program pr on pr.org_id = e.org_id and pr.id = e.program_id
                                      join site st on st.org_id = pr.org_id and st.id = pr.site_id
                                     where e.org_id = ${participant.orgId} and e.participant_id = ${participant.id}
                                     order by e.admitted_on desc, e.id limit 1)`,
    })
    .from(familyMember)
    .innerJoin(participant, and(eq(participant.orgId, familyMember.orgId), eq(participant.id, familyMember.participantId)))
    .where(and(eq(familyMember.orgId, me.orgId), eq(familyMember.id, me.familyMemberId)));
  if (!row) return { status: 'not_guardian' };
  return guardianStanding(row, row.dateOfBirth, localDateOf(now.toISOString(), row.timeZone ?? 'UTC'));
}

/** What `/family/me` says of the member as guardian. */
export async function guardianOfMe(db: DbOrTx, me: FamilyActor, now: Date): Promise<FamilyMe['guardian']> {
  const standing = await guardianStandingOf(db, me, now);
  return {
    status: standing.status,
    reason: standing.status === 'refused' ? standing.reason : null,
    may: standing.status === 'guardian' ? [...GUARDIAN_MAY] : [],
    mayNot: standing.status === 'guardian' ? [...GUARDIAN_MAY_NOT] : [],
  };
}

/** 403 for a member who is not a guardian, 422 with the reason once the participant is an adult. */
async function assertGuardian(tx: DbOrTx, me: FamilyActor, now: Date): Promise<void> {
  const standing = await guardianStandingOf(tx, me, now);
  if (standing.status === 'not_guardian') throw forbidden();
  if (standing.status === 'refused') throw unprocessable(standing.reason, [{ path: 'guardian', message: 'the participant is an adult' }]);
}

async function audit(tx: DbOrTx, me: FamilyActor, action: AuditAction, entityId: string, now: Date, details: Record<string, unknown> = {}) {
  await recordAudit(
    tx,
    me,
    me.orgId,
    { action, entityType: 'family-member', entityId, participantId: me.participantId, details: { ...details, by: 'guardian' } },
    now,
  );
}

/** Refuses the guardian's own record, and a Part 2 program (as a 422 naming the field). */
function assertMayConsentFor(me: FamilyActor, memberId: string) {
  if (memberId === me.familyMemberId) {
    throw unprocessable('Your own consent is recorded by the program’s staff with you.', [
      { path: 'params.id', message: 'is your own record' },
    ]);
  }
  return async (program: { id: string; part2: boolean }) => {
    if (program.part2) {
      throw unprocessable(
        'Consents for a substance use program’s records (42 CFR Part 2) are recorded by the program’s staff with the participant.',
        [{ path: 'body.programId', message: 'is a Part 2 program' }],
      );
    }
  };
}

async function guardianMember(tx: DbOrTx, me: FamilyActor, memberId: string, now: Date): Promise<FamilyMember> {
  return oneMemberView(tx, me.orgId, me.participantId, memberId, notPart2, now);
}

/** The participant's family members and their consents (Part 2 consents left out), and the programs a consent may name. */
export async function readGuardianFamily(deps: Deps, me: FamilyActor): Promise<GuardianFamily> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await assertGuardian(tx, me, now);
    const items = await memberViews(tx, me.orgId, me.participantId, notPart2, now);
    const programs = rowsOf<{ id: string; name: string }>(
      await tx.execute(sql`select distinct pr.id::text as id, pr.name from episode e
                             join program pr on pr.org_id = e.org_id and pr.id = e.program_id
                            where e.org_id = ${me.orgId} and e.participant_id = ${me.participantId} and not pr.part2
                            order by pr.name`),
    );
    await audit(tx, me, 'family.list', me.participantId, now, { members: items.length });
    return { participantName: await participantDisplayName(tx, me.orgId, me.participantId), programs, items };
  });
}

/** The guardian records a family member (never a guardian: staff record guardianship, having seen the papers). */
export async function addFamilyMemberAsGuardian(deps: Deps, me: FamilyActor, input: GuardianFamilyMemberInput): Promise<FamilyMember> {
  const member = guardianFamilyMemberInputSchema.parse(input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await assertGuardian(tx, me, now);
    const id = await insertFamilyMember(tx, me.orgId, me.participantId, { ...member, isGuardian: false }, me.userId, now);
    await audit(tx, me, 'family.create', id, now, { relationship: member.relationship, isGuardian: false });
    return guardianMember(tx, me, id, now);
  });
}

/** The guardian records a consent for another of the participant's members, replacing the one in force. */
export async function recordConsentAsGuardian(deps: Deps, me: FamilyActor, memberId: string, input: FamilyConsentInput): Promise<FamilyMember> {
  const consent = familyConsentInputSchema.parse(input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await assertGuardian(tx, me, now);
    const [member] = await familyMembersOf(tx, me.orgId, me.participantId, memberId);
    if (!member) throw notFound('The family member');
    const mayConsent = assertMayConsentFor(me, memberId);
    // A Part 2 consent in force stays with the staff who recorded it: a new one would replace (revoke) it.
    if ((await consentNotRevoked(tx, me.orgId, memberId))?.part2) await mayConsent({ id: '', part2: true });
    const details = await writeConsent(tx, me.orgId, me.participantId, member, consent, me.userId, now, mayConsent);
    await audit(tx, me, 'family-consent.record', memberId, now, details);
    return guardianMember(tx, me, memberId, now);
  });
}

/** The guardian revokes another member's consent in force: from that member's next request they see nothing. */
export async function revokeConsentAsGuardian(deps: Deps, me: FamilyActor, memberId: string): Promise<FamilyMember> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await assertGuardian(tx, me, now);
    const [member] = await familyMembersOf(tx, me.orgId, me.participantId, memberId);
    if (!member) throw notFound('The family member');
    const consentId = await revokeConsentInForce(
      tx,
      me.orgId,
      me.participantId,
      memberId,
      me.userId,
      now,
      assertMayConsentFor(me, memberId),
      notPart2,
    );
    await audit(tx, me, 'family-consent.revoke', memberId, now, { consentId });
    return guardianMember(tx, me, memberId, now);
  });
}
