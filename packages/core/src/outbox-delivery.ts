/**
 * Delivering the outbox by mail. The outbox row stays the source of truth: a sender leases a message, tries it, and
 * records the outcome on the row. A failed try waits longer each time (exponential backoff with a cap) and delivery
 * stops after a fixed number of tries, so a wrong address or a server that keeps refusing cannot loop forever.
 */

export const OUTBOX_DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxDeliveryStatus = (typeof OUTBOX_DELIVERY_STATUSES)[number];

export interface OutboxDeliveryRules {
  maxAttempts: number;
  firstRetrySeconds: number;
  maxRetrySeconds: number;
  leaseSeconds: number;
}

export const OUTBOX_DELIVERY: Readonly<OutboxDeliveryRules> = {
  /** Tries before a message is marked failed (and left for the administrator's Outbox page). */
  maxAttempts: 6,
  /** The wait after the first failed try; it doubles after each further one. */
  firstRetrySeconds: 60,
  /** No wait is longer than this. */
  maxRetrySeconds: 60 * 60,
  /** How long a sender holds a message it is sending before another sender may take it (a crashed sender's lease). */
  leaseSeconds: 120,
};

/** What happens after a failed try, given how many tries (including this one) have been made. */
export type AfterFailure = { status: 'pending'; retryInSeconds: number } | { status: 'failed' };

/** The next step after a failed delivery: retry after a doubling, capped wait, or give up at the attempt limit. */
export function afterFailedAttempt(attempts: number, rules: Readonly<OutboxDeliveryRules> = OUTBOX_DELIVERY): AfterFailure {
  if (attempts >= rules.maxAttempts) return { status: 'failed' };
  const wait = rules.firstRetrySeconds * 2 ** Math.max(0, attempts - 1);
  return { status: 'pending', retryInSeconds: Math.min(wait, rules.maxRetrySeconds) };
}
