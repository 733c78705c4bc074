/**
 * The participant portal: a participant's own sessions, hours and calendar feed, and the staff side of inviting them.
 * Every portal answer is about the signed-in participant only; no portal route takes a participant's id.
 */
import { z } from 'zod';
import { LEDGER_STATUSES } from '../ledger.ts';
import { ROOM_KINDS } from './setup.ts';
import { SESSION_KINDS } from '../program-rules.ts';
import { emailAddressSchema } from './account.ts';
import { PLAN_SIGNATURE_METHODS } from '../clinical/plan-signatures.ts';

/** GET /api/v1/portal/me: who is signed in to the portal. */
export const portalMeSchema = z.object({
  /** The participant's name as they asked to be called. */
  name: z.string(),
  email: z.string(),
  sessionIdleMinutes: z.number(),
});
export type PortalMe = z.infer<typeof portalMeSchema>;

export const portalSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelled: z.boolean(),
  siteName: z.string(),
  room: z
    .object({
      name: z.string(),
      kind: z.enum(ROOM_KINDS),
      /** The telehealth link of a virtual room. */
      meetingUrl: z.string().nullable(),
    })
    .nullable(),
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

/** The participant's hours this week against what their level of care requires (the ledger's figures). */
export const portalHoursSchema = z.object({
  attendedHours: z.number(),
  scheduledHours: z.number(),
  projectedHours: z.number(),
  requiredHours: z.number(),
  status: z.enum(LEDGER_STATUSES),
});
export type PortalHours = z.infer<typeof portalHoursSchema>;

/** GET /api/v1/portal/week: today and this program week, in the site's zone. */
export const portalWeekSchema = z.object({
  timeZone: z.string(),
  today: z.string(),
  monday: z.string(),
  sunday: z.string(),
  /** This week's sessions in start order; today's are those whose localDate is `today`. */
  sessions: z.array(portalSessionSchema),
  /** Null when the participant has no episode this week. */
  hours: portalHoursSchema.nullable(),
});
export type PortalWeek = z.infer<typeof portalWeekSchema>;

/** GET /api/v1/portal/calendar-feed: whether a private feed address exists (the address itself is shown only once). */
export const calendarFeedStatusSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

/** POST /api/v1/portal/calendar-feed: a new private address; any earlier one stops working. */
export const calendarFeedCreatedSchema = z.object({ url: z.string(), createdAt: z.string() });
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

export const PORTAL_ACCOUNT_STATES = ['none', 'invited', 'active', 'inactive'] as const;
export type PortalAccountState = (typeof PORTAL_ACCOUNT_STATES)[number];

/** GET /api/v1/participants/:id/portal-account: whether the participant has a portal account. */
export const portalAccountSchema = z.object({
  state: z.enum(PORTAL_ACCOUNT_STATES),
  email: z.string().nullable(),
  invitedAt: z.string().nullable(),
});
export type PortalAccount = z.infer<typeof portalAccountSchema>;

/** POST /api/v1/participants/:id/portal-invitation: where to send it (the participant's email on record if left out). */
export const portalInvitationSchema = z.object({
  email: z.string().trim().pipe(emailAddressSchema).optional(),
});
export type PortalInvitation = z.infer<typeof portalInvitationSchema>;

export const PORTAL_INVITATION_STATES = ['valid', 'expired', 'unknown'] as const;
export type PortalInvitationState = (typeof PORTAL_INVITATION_STATES)[number];

/** A link's token as it comes in a path (better-auth's reset tokens are 24 URL-safe characters). */
export const linkTokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'is not a link token') });

/** GET /api/v1/public/portal-invitations/:token: whether the link in an invitation can still be used. */
export const portalInvitationStateSchema = z.object({ state: z.enum(PORTAL_INVITATION_STATES) });

/** POST /api/v1/public/portal-invitations/:token/renewal: always "sent", whether or not the link was one of ours. */
export const portalInvitationRenewalSchema = z.object({ sent: z.literal(true) });

/** A calendar feed's token in its address: 43 URL-safe characters (256 random bits). */
export const calendarFeedParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a calendar feed token') });

// ---- The participant's own plans ----

const plainStepSchema = z.object({
  id: z.string(),
  step: z.string(),
  byDate: z.string(),
  howWeWillKnow: z.string(),
  support: z.array(z.string()),
});

/** A treatment plan in plain words (core's `planInPlainWords`). */
export const planInPlainWordsSchema = z.object({
  goals: z.array(z.object({ goal: z.string(), because: z.string(), steps: z.array(plainStepSchema) })),
  schedule: z.string(),
  strengths: z.string(),
  whenReadyToFinish: z.string(),
});

/** One program's treatment plan in force for the signed-in participant, and whether they have signed it. */
export const portalTreatmentPlanSchema = z.object({
  programName: z.string(),
  number: z.number().int(),
  effectiveOn: z.string(),
  /** What a signature attests: the SHA-256 of the plan as the clinician signed it. */
  contentHash: z.string(),
  clinicianSignedAt: z.string(),
  words: planInPlainWordsSchema,
  participantSignature: z.object({ signedName: z.string(), signedAt: z.string(), method: z.enum(PLAN_SIGNATURE_METHODS) }).nullable(),
});
export type PortalTreatmentPlan = z.infer<typeof portalTreatmentPlanSchema>;

/** GET /api/v1/portal/treatment-plans: the plan in force of each current episode (none before a clinician signs one). */
export const portalTreatmentPlansSchema = z.object({ plans: z.array(portalTreatmentPlanSchema) });
export type PortalTreatmentPlans = z.infer<typeof portalTreatmentPlansSchema>;

/** POST /api/v1/portal/treatment-plans/signature: the participant signs the plan they read, named by its hash. */
export const portalPlanSignSchema = z.object({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'is not a plan’s fingerprint'),
  signedName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  /** The participant ticks that they have read the plan and agree to work on it. */
  agreed: z.literal(true, { error: 'must be ticked to sign' }),
});
export type PortalPlanSign = z.infer<typeof portalPlanSignSchema>;
