/**
 * Staff accounts, managed by the organisation's administrator: invitations, role, programs, supervisor,
 * deactivation and password resets. Messages the system sends are kept in the outbox, which is sent over SMTP when configured.
 */
import { z } from 'zod';
import { OUTBOX_DELIVERY_STATUSES } from '../outbox-delivery.ts';
import { STAFF_ROLES } from '../roles.ts';
import { emailAddressSchema } from './account.ts';
import { setupNameSchema as staffName, staffIdFieldSchema as staffId } from './setup.ts';

export const staffAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  credentials: z.string().nullable(),
  programIds: z.array(z.string()),
  supervisorId: z.string().nullable(),
  supervisorName: z.string().nullable(),
  /** Pre-licensed (intern, associate): their signed notes wait for the supervisor's co-signature. */
  preLicensed: z.boolean(),
  active: z.boolean(),
  /** Invited but has not set a password yet. */
  invitationPending: z.boolean(),
  twoFactorEnabled: z.boolean(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;
export const staffAccountListSchema = z.object({ items: z.array(staffAccountSchema) });

export const staffInvitationSchema = z.object({
  name: staffName,
  email: emailAddressSchema,
  role: z.enum(STAFF_ROLES),
  credentials: z.string().trim().max(40).nullish(),
  programIds: z.array(z.uuid()).max(100).default([]),
  supervisorId: staffId.nullish(),
  preLicensed: z.boolean().default(false),
});
export type StaffInvitation = z.input<typeof staffInvitationSchema>;

export const staffAccountUpdateSchema = z
  .object({
    name: staffName,
    role: z.enum(STAFF_ROLES),
    credentials: z.string().trim().max(40).nullable(),
    programIds: z.array(z.uuid()).max(100),
    supervisorId: staffId.nullable(),
    preLicensed: z.boolean(),
  })
  .partial();
export type StaffAccountUpdate = z.infer<typeof staffAccountUpdateSchema>;

export const staffAccountParamsSchema = z.object({ id: staffId });

/** The answer to a password reset: the link is in the outbox (202). */
export const passwordResetSentSchema = z.object({ sent: z.literal(true) });

/** What the system sends: a staff invitation, a password reset, or a participant's invitation to the portal. */
export const OUTBOX_KINDS = ['invitation', 'password-reset', 'portal-invitation', 'family-invitation'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const outboxMessageSchema = z.object({
  id: z.string(),
  kind: z.enum(OUTBOX_KINDS),
  toEmail: z.string(),
  subject: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  /** Mail delivery, when SMTP is configured: pending, sent (at sentAt) or failed after the last try (lastError). */
  deliveryStatus: z.enum(OUTBOX_DELIVERY_STATUSES),
  attempts: z.number(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxListSchema = z.object({ items: z.array(outboxMessageSchema) });

export const organisationSecuritySchema = z.object({ requireTwoFactor: z.boolean() });
export type OrganisationSecurity = z.infer<typeof organisationSecuritySchema>;
