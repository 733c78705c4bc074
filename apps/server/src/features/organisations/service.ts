/**
 * Creating an organisation and its staff. Used by the demo seed and by tests; an onboarding page comes later.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { FAMILY_ROLE, PARTICIPANT_ROLE, type StaffRole } from '@trellis/core';
import type { DbOrTx } from '../../db/index.ts';
import { appUser, authAccount, familyMember, organisation, participantUser, staffNameHistory, staffProgram } from '../../db/schema.ts';
import { passwordProblem } from '../../auth/password-policy.ts';

export async function createOrganisation(db: DbOrTx, input: { name: string; slug: string }): Promise<string> {
  const [org] = await db.insert(organisation).values(input).returning({ id: organisation.id });
  if (!org) throw new Error('organisation not created');
  return org.id;
}

/** A staff member's first name holds from the beginning: nothing of theirs happened before their account. */
export const FIRST_NAME_FROM = new Date(0);

export interface NewStaff {
  orgId: string;
  name: string;
  email: string;
  role: StaffRole;
  password: string;
  credentials?: string;
  programIds?: string[];
}

/** Adds a staff member who can sign in with email and password (the password rules apply here too). */
export async function createStaff(db: DbOrTx, input: NewStaff): Promise<string> {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(`the password for ${input.email} ${problem}`);
  const id = randomUUID();
  const now = new Date();
  await db.insert(appUser).values({
    id,
    orgId: input.orgId,
    name: input.name,
    email: input.email.toLowerCase(),
    emailVerified: true,
    role: input.role,
    credentials: input.credentials ?? null,
  });
  await db.insert(authAccount).values({
    id: randomUUID(),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(staffNameHistory).values({ orgId: input.orgId, userId: id, name: input.name, validFrom: FIRST_NAME_FROM });
  if (input.programIds?.length) {
    await db.insert(staffProgram).values(input.programIds.map((programId) => ({ orgId: input.orgId, userId: id, programId })));
  }
  return id;
}

/** A portal user (participant or family) with a password, signed in at once: the demo's and tests' accounts. */
async function insertPortalUser(
  db: DbOrTx,
  input: { orgId: string; name: string; email: string; password: string; role: typeof PARTICIPANT_ROLE | typeof FAMILY_ROLE },
): Promise<string> {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(`the password for ${input.email} ${problem}`);
  const id = randomUUID();
  const now = new Date();
  await db.insert(appUser).values({ id, orgId: input.orgId, name: input.name, email: input.email.toLowerCase(), emailVerified: true, role: input.role });
  await db.insert(authAccount).values({
    id: randomUUID(),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/**
 * Gives a participant a portal account that can sign in at once (the demo's participant; tests). Staff invite
 * participants through the portal invitation instead, and the participant chooses the password.
 */
export async function createPortalAccount(
  db: DbOrTx,
  input: { orgId: string; participantId: string; name: string; email: string; password: string },
): Promise<string> {
  const id = await insertPortalUser(db, { ...input, role: PARTICIPANT_ROLE });
  await db.insert(participantUser).values({ orgId: input.orgId, userId: id, participantId: input.participantId });
  return id;
}

/** Gives a recorded family member a family-portal account that can sign in at once (the demo's family sign-ins). */
export async function createFamilyAccount(
  db: DbOrTx,
  input: { orgId: string; familyMemberId: string; name: string; email: string; password: string },
): Promise<string> {
  const id = await insertPortalUser(db, { ...input, role: FAMILY_ROLE });
  await db
    .update(familyMember)
    .set({ userId: id, userRole: FAMILY_ROLE, email: input.email.toLowerCase() })
    .where(and(eq(familyMember.orgId, input.orgId), eq(familyMember.id, input.familyMemberId)));
  return id;
}
