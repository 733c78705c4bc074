/**
 * The staff side of family access, on the participant's page: record family members, a written consent for each
 * (replacing the one in force), revoke it (effective at the member's next request), invite the member to the family
 * portal through the outbox, and read the accounting of Part 2 disclosures. Every use case checks role and care team
 * first; a consent for a Part 2 program's records is recorded only by that program's staff and must carry every
 * written element (42 CFR 2.31(a)): 422 naming the first one missing.
 */
import { randomUUID } from 'node:crypto';
import {
  consentAllows,
  FAMILY_ROLE,
  familyConsentInputSchema,
  familyMemberInputSchema,
  familyMemberUpdateSchema,
  missingPart2Element,
  PART2_CONSENT_ELEMENT_LABELS,
  type FamilyConsent,
  type FamilyConsentInput,
  type FamilyMember,
  type FamilyMemberInput,
  type FamilyMemberUpdate,
  type FamilyMemberList,
  type Part2ConsentElement,
  type Part2DisclosureList,
} from '@trellis/core';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import { assertProgramRecordAccess, authorize, programRecordVisibility, type Actor } from '../../auth/access.ts';
import { recordAudit, type AuditAction } from '../../audit/audit.ts';
import { betterAuthCall } from '../../auth/auth-calls.ts';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, familyConsent, familyMember } from '../../db/schema.ts';
import { conflict, notFound, unprocessable } from '../../http/problems.ts';
import { assertParticipantAccessAudited } from '../participants/access-audit.ts';
import { refusingDuplicates } from '../setup/unique.ts';
import {
  consentParties,
  disclosuresOf,
  familyMembersOf,
  hasEpisodeIn,
  latestConsents,
  revokeConsent,
  type ConsentRow,
  type FamilyMemberRow,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const DUPLICATE_EMAIL = {
  app_user_email_unique: {
    path: 'body.email',
    message: 'is already used by another account',
    detail: 'Another account already uses this email.',
  },
};

/** The request field that carries each written element (the names come from the records themselves). */
const ELEMENT_PATHS: Record<Part2ConsentElement, string> = {
  patientName: 'participant',
  disclosingProgram: 'body.programId',
  information: 'body.categories',
  recipientName: 'member',
  purpose: 'body.purpose',
  revocationStatement: 'body.revocationAcknowledged',
  expiry: 'body.endsOn',
  signature: 'body.signedBy',
  signedOn: 'body.signedOn',
};

const visibleTo = (actor: Actor) =>
  programRecordVisibility(actor, sql`${familyConsent.programId}`, sql`${familyConsent.participantId}`);

export function consentView(row: ConsentRow, now: Date): FamilyConsent {
  const revokedAt = row.revokedAt ? row.revokedAt.toISOString() : null;
  return {
    id: row.id,
    programId: row.programId,
    programName: row.programName,
    part2: row.part2,
    categories: row.categories,
    purpose: row.purpose,
    revocationAcknowledged: row.revocationAcknowledged,
    endsOn: row.endsOn,
    signedBy: row.signedBy,
    signedOn: row.signedOn,
    revokedAt,
    inForce: row.categories.some((c) => consentAllows({ ...row, revokedAt }, c, now.toISOString())),
  };
}

function memberView(m: FamilyMemberRow, consent: ConsentRow | undefined, now: Date): FamilyMember {
  return {
    id: m.id,
    version: m.version,
    name: m.name,
    relationship: m.relationship,
    email: m.email,
    isGuardian: m.isGuardian,
    account: m.account,
    consent: consent ? consentView(consent, now) : null,
  };
}

async function audit(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  action: AuditAction,
  participantId: string,
  entityId: string,
  details: Record<string, unknown> = {},
) {
  await recordAudit(
    tx,
    actor,
    actor.orgId,
    { action, entityType: 'family-member', entityId, participantId, details },
    deps.clock.now(),
  );
}

/** One member as the caller sees it: `visible` narrows the consents to the programs whose records they may see. */
export async function oneMemberView(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  memberId: string,
  visible: SQL,
  now: Date,
): Promise<FamilyMember> {
  const [m] = await familyMembersOf(tx, orgId, participantId, memberId);
  if (!m) throw notFound('The family member');
  const [consent] = await latestConsents(tx, orgId, participantId, visible, memberId);
  return memberView(m, consent, now);
}

const oneMember = (tx: DbOrTx, actor: Actor, participantId: string, memberId: string, now: Date) =>
  oneMemberView(tx, actor.orgId, participantId, memberId, visibleTo(actor), now);

/** A participant's members with their current consents as the caller sees them (`visible`, as for one member). */
export async function memberViews(tx: DbOrTx, orgId: string, participantId: string, visible: SQL, now: Date): Promise<FamilyMember[]> {
  const members = await familyMembersOf(tx, orgId, participantId);
  const consents = new Map((await latestConsents(tx, orgId, participantId, visible)).map((c) => [c.familyMemberId, c]));
  return members.map((m) => memberView(m, consents.get(m.id), now));
}

/** Records a family member (by staff or the participant's guardian); the new member's id. */
export async function insertFamilyMember(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  member: { name: string; relationship: FamilyMemberRow['relationship']; email?: string | undefined; isGuardian: boolean },
  by: string,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await tx.insert(familyMember).values({
    id,
    orgId,
    participantId,
    name: member.name,
    relationship: member.relationship,
    email: member.email ? member.email.toLowerCase() : null,
    isGuardian: member.isGuardian,
    createdBy: by,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/**
 * Checks a consent and records it for a member, replacing the one in force (revoked in the same transaction): the
 * program must be one the participant is or was in, `assertProgram` may refuse it (the caller's reach), it cannot end
 * before it was signed, and a Part 2 program's consent must carry every written element. Answers the details to audit.
 */
export async function writeConsent(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  member: FamilyMemberRow,
  consent: ReturnType<typeof familyConsentInputSchema.parse>,
  by: string,
  now: Date,
  assertProgram: (program: { id: string; part2: boolean }) => Promise<void>,
): Promise<Record<string, unknown>> {
  const parties = await consentParties(tx, orgId, participantId, consent.programId);
  if (!parties || !(await hasEpisodeIn(tx, orgId, participantId, consent.programId))) {
    throw unprocessable('The consent must name a program the participant is or was in.', [
      { path: 'body.programId', message: 'is not a program of this participant' },
    ]);
  }
  await assertProgram({ id: consent.programId, part2: parties.part2 });
  if (consent.endsOn < consent.signedOn) {
    throw unprocessable('The consent cannot end before it was signed.', [
      { path: 'body.endsOn', message: 'is before the date signed' },
    ]);
  }
  if (parties.part2) {
    const missing = missingPart2Element({
      patientName: parties.participantName,
      disclosingProgram: parties.programName,
      categories: consent.categories,
      recipientName: member.name,
      purpose: consent.purpose,
      revocationAcknowledged: consent.revocationAcknowledged,
      endsOn: consent.endsOn,
      signedBy: consent.signedBy,
      signedOn: consent.signedOn,
    });
    if (missing) {
      throw unprocessable(
        `A consent for this program's records (42 CFR Part 2) must state ${PART2_CONSENT_ELEMENT_LABELS[missing]}.`,
        [{ path: ELEMENT_PATHS[missing], message: `is required for a Part 2 consent (${missing})` }],
      );
    }
  }
  const replaced = await revokeConsent(tx, orgId, member.id, by, now);
  await tx.insert(familyConsent).values({
    orgId,
    familyMemberId: member.id,
    participantId,
    programId: consent.programId,
    part2: parties.part2,
    categories: consent.categories,
    purpose: consent.purpose,
    revocationAcknowledged: consent.revocationAcknowledged,
    endsOn: consent.endsOn,
    signedBy: consent.signedBy,
    signedOn: consent.signedOn,
    recordedBy: by,
    createdAt: now,
  });
  return { categories: consent.categories, endsOn: consent.endsOn, part2: parties.part2, replaced: replaced > 0 };
}

/**
 * Revokes a member's consent in force after `assertProgram` allows its program (409 when none the caller may see,
 * `visible`, is in force); its id.
 */
export async function revokeConsentInForce(
  tx: DbOrTx,
  orgId: string,
  participantId: string,
  memberId: string,
  by: string,
  now: Date,
  assertProgram: (program: { id: string; part2: boolean }) => Promise<void>,
  visible: SQL = sql`true`,
): Promise<string> {
  const [member] = await familyMembersOf(tx, orgId, participantId, memberId);
  if (!member) throw notFound('The family member');
  const [current] = await latestConsents(tx, orgId, participantId, visible, memberId);
  if (!current || current.revokedAt) throw conflict('This family member has no consent in force to revoke.');
  await assertProgram({ id: current.programId, part2: current.part2 });
  await revokeConsent(tx, orgId, memberId, by, now);
  return current.id;
}

export async function listFamilyMembers(deps: Deps, actor: Actor, participantId: string): Promise<FamilyMemberList> {
  authorize(actor, 'participant.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'family.list');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const items = await memberViews(tx, actor.orgId, participantId, visibleTo(actor), now);
    await audit(tx, deps, actor, 'family.list', participantId, participantId, { members: items.length });
    return { items };
  });
}

export async function addFamilyMember(
  deps: Deps,
  actor: Actor,
  participantId: string,
  input: FamilyMemberInput,
): Promise<FamilyMember> {
  authorize(actor, 'participant.write');
  const member = familyMemberInputSchema.parse(input);
  await assertParticipantAccessAudited(deps, actor, participantId, 'family.create');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const id = await insertFamilyMember(tx, actor.orgId, participantId, member, actor.userId, now);
    await audit(tx, deps, actor, 'family.create', participantId, id, {
      relationship: member.relationship,
      isGuardian: member.isGuardian,
    });
    return oneMember(tx, actor, participantId, id, now);
  });
}

export async function updateFamilyMember(
  deps: Deps,
  actor: Actor,
  participantId: string,
  memberId: string,
  input: FamilyMemberUpdate,
): Promise<FamilyMember> {
  authorize(actor, 'participant.write');
  const member = familyMemberUpdateSchema.parse(input);
  await assertParticipantAccessAudited(deps, actor, participantId, 'family.update');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [stored] = await familyMembersOf(tx, actor.orgId, participantId, memberId);
    if (!stored) throw notFound('The family member');
    const email = member.email ? member.email.toLowerCase() : null;
    // A member who signs in keeps the address their sign-in uses: it changes with their account, not here.
    if (stored.userId && email !== stored.email) {
      throw unprocessable('This family member signs in with their email; it cannot be changed here.', [
        { path: 'body.email', message: 'cannot change once invited' },
      ]);
    }
    const fields: string[] = (['name', 'relationship', 'isGuardian'] as const).filter((f) => member[f] !== stored[f]);
    if (email !== stored.email) fields.push('email');
    const updated = await tx
      .update(familyMember)
      .set({
        name: member.name,
        relationship: member.relationship,
        email,
        isGuardian: member.isGuardian,
        updatedAt: now,
        version: sql`${familyMember.version} + 1`,
      })
      .where(
        and(
          eq(familyMember.orgId, actor.orgId),
          eq(familyMember.id, memberId),
          eq(familyMember.version, member.version),
        ),
      )
      .returning({ id: familyMember.id });
    if (updated.length === 0) throw conflict('Someone else changed this family member. Reload to see their changes.');
    if (stored.userId && member.name !== stored.name)
      await tx.update(appUser).set({ name: member.name, updatedAt: now }).where(eq(appUser.id, stored.userId));
    await audit(tx, deps, actor, 'family.update', participantId, memberId, { fields });
    return oneMember(tx, actor, participantId, memberId, now);
  });
}

/**
 * Records a written consent for a member; it replaces the one in force (revoked in the same transaction). A Part 2
 * program's consent is for that program's staff to record, and must carry every written element.
 */
export async function recordFamilyConsent(
  deps: Deps,
  actor: Actor,
  participantId: string,
  memberId: string,
  input: FamilyConsentInput,
): Promise<FamilyMember> {
  authorize(actor, 'participant.write');
  const consent = familyConsentInputSchema.parse(input);
  await assertParticipantAccessAudited(deps, actor, participantId, 'family-consent.record');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [member] = await familyMembersOf(tx, actor.orgId, participantId, memberId);
    if (!member) throw notFound('The family member');
    const details = await writeConsent(tx, actor.orgId, participantId, member, consent, actor.userId, now, (program) =>
      assertProgramRecordAccess(tx, actor, program),
    );
    await audit(tx, deps, actor, 'family-consent.record', participantId, memberId, details);
    return oneMember(tx, actor, participantId, memberId, now);
  });
}

/** Revokes the member's consent in force: from the member's next request they see nothing. */
export async function revokeFamilyConsent(
  deps: Deps,
  actor: Actor,
  participantId: string,
  memberId: string,
): Promise<FamilyMember> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'family-consent.revoke');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const consentId = await revokeConsentInForce(tx, actor.orgId, participantId, memberId, actor.userId, now, (program) =>
      assertProgramRecordAccess(tx, actor, program),
    );
    await audit(tx, deps, actor, 'family-consent.revoke', participantId, memberId, { consentId });
    return oneMember(tx, actor, participantId, memberId, now);
  });
}

/**
 * Invites a member to the family portal: an account with the role 'family', linked to them, with no password yet; the
 * link to choose one goes out through the outbox exactly as staff and participant invitations do (auth/account-rules.ts).
 */
export async function inviteFamilyMember(
  deps: Deps & Pick<AppDeps, 'auth'>,
  actor: Actor,
  participantId: string,
  memberId: string,
): Promise<FamilyMember> {
  authorize(actor, 'participant.write');
  await assertParticipantAccessAudited(deps, actor, participantId, 'family.invite');
  const now = deps.clock.now();
  const email = await refusingDuplicates(
    () =>
      deps.db.transaction(async (tx) => {
        const [member] = await familyMembersOf(tx, actor.orgId, participantId, memberId);
        if (!member) throw notFound('The family member');
        if (member.account === 'active') throw conflict('This family member already uses the family portal.');
        if (member.account === 'inactive') throw unprocessable('This family member’s account is turned off.');
        if (!member.email) {
          throw unprocessable('There is no email address to send the invitation to.', [
            { path: 'body.email', message: 'is required: the family member has no email on record' },
          ]);
        }
        if (!member.userId) {
          const userId = randomUUID();
          await tx.insert(appUser).values({
            id: userId,
            orgId: actor.orgId,
            name: member.name,
            email: member.email,
            emailVerified: false,
            role: FAMILY_ROLE,
            createdAt: now,
            updatedAt: now,
          });
          await tx
            .update(familyMember)
            .set({ userId, userRole: FAMILY_ROLE, updatedAt: now })
            .where(and(eq(familyMember.orgId, actor.orgId), eq(familyMember.id, memberId)));
        }
        await audit(tx, deps, actor, 'family.invite', participantId, memberId, { resent: !!member.userId });
        return member.email;
      }),
    DUPLICATE_EMAIL,
  );
  await betterAuthCall(() => deps.auth.api.requestPasswordReset({ body: { email } }));
  return oneMember(deps.db, actor, participantId, memberId, now);
}

/** The accounting of disclosures of the participant's Part 2 records, for staff who may see those programs' records. */
export async function readDisclosures(deps: Deps, actor: Actor, participantId: string): Promise<Part2DisclosureList> {
  authorize(actor, 'participant.read');
  await assertParticipantAccessAudited(deps, actor, participantId, 'disclosure.read');
  return deps.db.transaction(async (tx) => {
    const rows = await disclosuresOf(
      tx,
      actor.orgId,
      participantId,
      programRecordVisibility(actor, sql`part2_disclosure.program_id`, sql`part2_disclosure.participant_id`),
    );
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'disclosure.read',
        entityType: 'participant',
        entityId: participantId,
        participantId,
        details: { rows: rows.length },
      },
      deps.clock.now(),
    );
    return { items: rows.map((r) => ({ ...r, disclosedAt: r.disclosedAt.toISOString() })) };
  });
}
