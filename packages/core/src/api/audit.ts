import { z } from 'zod';

export const auditQuerySchema = z.object({
  participantId: z.uuid().optional(),
  userId: z.string().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventViewSchema = z.object({
  id: z.string(),
  seq: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'denied']),
  entityType: z.string(),
  entityId: z.string().nullable(),
  participantId: z.string().nullable(),
  participantName: z.string().nullable(),
  /**
   * For a list view (census, participant list): how many participants it showed, whose ids the event records. Asked
   * about one participant, such an event is shown against that participant.
   */
  participantsShown: z.number().int().nullable(),
  /** For readers who keep no participant records (the administrator): a stable pseudonym instead of id and name. */
  participantRef: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventViewSchema),
  nextCursor: z.number().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
