/**
 * Sends the outbox over SMTP (nodemailer). The outbox row stays the source of truth: a sender leases the messages
 * that are due (one UPDATE over a SKIP LOCKED pick, so any number of app processes share the work without sending a
 * message twice while a lease holds), tries each, and writes the outcome back to the row — sent, or a retry after
 * core's backoff, or failed after the last allowed try. Without TRELLIS_SMTP_HOST nothing is sent and the messages
 * stay on the administrator's Outbox page as before.
 */
import { afterFailedAttempt, OUTBOX_DELIVERY } from '@trellis/core';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { DbOrTx } from '../db/index.ts';
import { outboxMessage } from '../db/schema.ts';

/** What the sender needs of a mail transport (nodemailer's, or a test double). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** A nodemailer SMTP transport from the configuration, or null when no SMTP host is set. */
export function smtpTransport(smtp: Config['smtp']): MailTransport | null {
  if (!smtp.host) return null;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
  });
}

const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/** Leases up to `limit` due messages (oldest first) for this sender, counting the try. */
async function leaseDue(db: DbOrTx, now: Date, limit: number) {
  const due = db
    .select({ id: outboxMessage.id })
    .from(outboxMessage)
    .where(
      and(
        eq(outboxMessage.deliveryStatus, 'pending'),
        or(isNull(outboxMessage.nextAttemptAt), lte(outboxMessage.nextAttemptAt, now)),
        or(isNull(outboxMessage.leasedUntil), lte(outboxMessage.leasedUntil, now)),
      ),
    )
    .orderBy(asc(outboxMessage.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const leasedUntil = plusSeconds(now, OUTBOX_DELIVERY.leaseSeconds);
  const rows = await db
    .update(outboxMessage)
    .set({ leasedUntil, attempts: sql`${outboxMessage.attempts} + 1` })
    .where(inArray(outboxMessage.id, due))
    .returning({
      id: outboxMessage.id,
      toEmail: outboxMessage.toEmail,
      subject: outboxMessage.subject,
      body: outboxMessage.body,
      link: outboxMessage.link,
      attempts: outboxMessage.attempts,
    });
  return { rows, leasedUntil };
}

/** The mail server's refusal in a few words (its code and first line), never the message's content. */
function refusalOf(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const first = (e.message ?? 'unknown error').split('\n')[0]!.slice(0, 200);
  return [e.responseCode ?? e.code, first].filter(Boolean).join(' ');
}

export interface DeliveryRound {
  sent: number;
  retrying: number;
  failed: number;
}

/** One round: lease what is due, send each, record each outcome on its row (only while the lease is still ours). */
export async function deliverOutbox(deps: { db: DbOrTx; clock: Clock }, transport: MailTransport, from: string, limit = 20): Promise<DeliveryRound> {
  const { rows, leasedUntil } = await leaseDue(deps.db, deps.clock.now(), limit);
  const round: DeliveryRound = { sent: 0, retrying: 0, failed: 0 };
  for (const m of rows) {
    const ours = and(eq(outboxMessage.id, m.id), eq(outboxMessage.leasedUntil, leasedUntil));
    try {
      await transport.sendMail({ from, to: m.toEmail, subject: m.subject, text: `${m.body}\n\n${m.link}\n` });
      await deps.db.update(outboxMessage).set({ deliveryStatus: 'sent', sentAt: deps.clock.now(), leasedUntil: null, lastError: null }).where(ours);
      round.sent += 1;
    } catch (error) {
      const next = afterFailedAttempt(m.attempts);
      const now = deps.clock.now();
      await deps.db
        .update(outboxMessage)
        .set({
          deliveryStatus: next.status,
          nextAttemptAt: next.status === 'pending' ? plusSeconds(now, next.retryInSeconds) : null,
          leasedUntil: null,
          lastError: refusalOf(error),
        })
        .where(ours);
      round[next.status === 'pending' ? 'retrying' : 'failed'] += 1;
    }
  }
  return round;
}

/** Sends the outbox every `pollSeconds` while the server runs, when SMTP is configured; returns a stopper. */
export function startOutboxDelivery(deps: { db: DbOrTx; clock: Clock }, config: Config): { stop(): void } | null {
  const transport = smtpTransport(config.smtp);
  if (!transport) return null;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverOutbox(deps, transport, config.smtp.from)
      .catch((e: unknown) => console.error('outbox delivery failed', (e as Error).name))
      .finally(() => {
        running = false;
      });
  }, config.smtp.pollSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
