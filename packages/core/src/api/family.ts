/**
 * Family members of a participant, their consents, their sign-in, the family portal, and the accounting of Part 2
 * disclosures. Staff record members and consents on the participant's page; a family member sees only what the
 * member's consent allows.
 */
import { z } from 'zod';
import { CONSENT_CATEGORIES, FAMILY_RELATIONSHIPS } from '../family-consent.ts';
import { APPOINTMENT_STATUSES } from '../scheduling/availability.ts';
import { emailAddressSchema } from './account.ts';
import { saneDateSchema } from './dates.ts';
import { PORTAL_ACCOUNT_STATES } from './portal.ts';

const name = z.string().trim().min(1, 'is required').max(200);

/** POST /participants/:id/family-members, PATCH …/:memberId: who the family member is. */
export const familyMemberInputSchema = z.object({
  name,
  relationship: z.enum(FAMILY_RELATIONSHIPS),
  email: z.union([z.literal(''), z.pipe(z.string().trim(), emailAddressSchema)]).optional(),
  isGuardian: z.boolean().default(false),
});
export type FamilyMemberInput = z.input<typeof familyMemberInputSchema>;

/** PUT …/family-members/:memberId: the details and the version they were read at (a stale version is 409). */
export const familyMemberUpdateSchema = familyMemberInputSchema.extend({ version: z.number().int().positive() });
export type FamilyMemberUpdate = z.input<typeof familyMemberUpdateSchema>;

export const familyMemberParamsSchema = z.object({ id: z.uuid(), memberId: z.uuid() });

/**
 * POST …/family-members/:memberId/consent: a new written consent (it replaces the one in force, if any). The written
 * elements a Part 2 program needs are checked by the server (422 naming the first one missing), not here, so a consent
 * for other records can leave the purpose or signature out.
 */
export const familyConsentInputSchema = z.object({
  /** The program whose records it lets the family member see (the discloser). */
  programId: z.uuid(),
  categories: z
    .array(z.enum(CONSENT_CATEGORIES))
    .max(CONSENT_CATEGORIES.length)
    .refine((c) => new Set(c).size === c.length, 'lists a category twice'),
  purpose: z.string().trim().max(500).default(''),
  /** The participant (or guardian) was told, in writing, that they may revoke it at any time. */
  revocationAcknowledged: z.boolean().default(false),
  endsOn: saneDateSchema,
  /** The name of who signed it: the participant, or their guardian. */
  signedBy: z.string().trim().max(200).default(''),
  signedOn: saneDateSchema,
});
export type FamilyConsentInput = z.input<typeof familyConsentInputSchema>;

export const familyConsentSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  part2: z.boolean(),
  categories: z.array(z.enum(CONSENT_CATEGORIES)),
  purpose: z.string(),
  revocationAcknowledged: z.boolean(),
  endsOn: z.string(),
  signedBy: z.string(),
  signedOn: z.string(),
  revokedAt: z.string().nullable(),
  /** Whether it lets the member see anything now (not revoked, not ended). */
  inForce: z.boolean(),
});
export type FamilyConsent = z.infer<typeof familyConsentSchema>;

export const familyMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  relationship: z.enum(FAMILY_RELATIONSHIPS),
  email: z.string().nullable(),
  isGuardian: z.boolean(),
  account: z.enum(PORTAL_ACCOUNT_STATES),
  version: z.number(),
  /** The current consent (the one not revoked, else the last revoked); null when none was ever recorded. */
  consent: familyConsentSchema.nullable(),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

export const familyMemberListSchema = z.object({ items: z.array(familyMemberSchema) });
export type FamilyMemberList = z.infer<typeof familyMemberListSchema>;

// ---- The family portal ----

/** GET /api/v1/family/me: who is signed in, whose family they are, and what their consent lets them see now. */
export const familyMeSchema = z.object({
  name: z.string(),
  email: z.string(),
  participantName: z.string(),
  allowed: z.array(z.enum(CONSENT_CATEGORIES)),
  consentEndsOn: z.string().nullable(),
  sessionIdleMinutes: z.number(),
  /** Whether they act for the participant as guardian (a minor's recorded legal guardian), and what that lets them do. */
  guardian: z.object({
    status: z.enum(['not_guardian', 'guardian', 'refused']),
    /** Why guardian rights are refused (the participant is an adult), else null. */
    reason: z.string().nullable(),
    may: z.array(z.string()),
    mayNot: z.array(z.string()),
  }),
});
export type FamilyMe = z.infer<typeof familyMeSchema>;

/** Every answer that discloses a Part 2 record carries the redisclosure notice (42 CFR 2.32); null otherwise. */
const notice = z.string().nullable();

export const familySessionsSchema = z.object({
  timeZone: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.enum(APPOINTMENT_STATUSES),
      location: z.string().nullable(),
    }),
  ),
  notice,
});
export type FamilySessions = z.infer<typeof familySessionsSchema>;

export const familyAttendanceSchema = z.object({
  weekOf: z.string().nullable(),
  attendedHours: z.number().nullable(),
  requiredHours: z.number().nullable(),
  notice,
});
export type FamilyAttendance = z.infer<typeof familyAttendanceSchema>;

export const familyEducationSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), summary: z.string() })),
});
export type FamilyEducation = z.infer<typeof familyEducationSchema>;

export const familyPlanGoalsSchema = z.object({ goals: z.array(z.string()), notice });
export type FamilyPlanGoals = z.infer<typeof familyPlanGoalsSchema>;

// ---- A guardian in the family portal ----

/** POST /api/v1/family/guardian/family-members: a guardian records a family member (only staff record a guardian). */
export const guardianFamilyMemberInputSchema = familyMemberInputSchema.omit({ isGuardian: true });
export type GuardianFamilyMemberInput = z.input<typeof guardianFamilyMemberInputSchema>;

/** `…/family/guardian/family-members/:id/…`: one of the participant's family members. */
export const guardianMemberParamsSchema = z.object({ id: z.uuid() });

/** GET /api/v1/family/guardian/family-members: the minor's family members and their consents, for their guardian. */
export const guardianFamilySchema = z.object({
  participantName: z.string(),
  /** The programs a consent may name (the participant's, not Part 2). */
  programs: z.array(z.object({ id: z.string(), name: z.string() })),
  items: z.array(familyMemberSchema),
});
export type GuardianFamily = z.infer<typeof guardianFamilySchema>;

// ---- The accounting of disclosures ----

export const part2DisclosureSchema = z.object({
  id: z.string(),
  disclosedAt: z.string(),
  recipientName: z.string(),
  programName: z.string(),
  category: z.enum(CONSENT_CATEGORIES),
  description: z.string(),
});
export const part2DisclosureListSchema = z.object({ items: z.array(part2DisclosureSchema) });
export type Part2DisclosureList = z.infer<typeof part2DisclosureListSchema>;
