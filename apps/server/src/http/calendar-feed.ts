/**
 * What every private calendar feed (a participant's, a staff member's) shares: the secret address and how the
 * iCalendar text is answered. A calendar app fetches without cookies, so the token in the address is the credential:
 * 256 random bits, of which the database keeps only the sha-256, so a copy of the database opens no feed. An unknown,
 * replaced or revoked token (or one whose owner can no longer sign in) answers 404, the same as an address that never
 * existed, so a fetch learns nothing about whose it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { calendarFeedParamsSchema, type CalendarFeedCreated } from '@trellis/core';
import type { AppDeps } from '../app.ts';
import type { DbOrTx } from '../db/index.ts';
import type { ApiScope } from '../features/index.ts';
import { notFound } from './problems.ts';
import { rateLimitHook } from './rate-limit.ts';

/** A new feed token: 32 random bytes, base64url (43 characters, the shape calendarFeedParamsSchema accepts). */
function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sha-256 (hex) of a feed token: what is stored and looked up, so the database never holds a usable address. */
export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The address a calendar app subscribes to, under the public API: `<base>/api/v1/public/<collection>/<token>/calendar.ics`. */
function feedUrl(config: AppDeps['config'], collection: string, token: string): string {
  const base = config.baseUrl ?? `http://localhost:${config.port || 3000}`;
  return `${base}/api/v1/public/${collection}/${token}/calendar.ics`;
}

/**
 * Makes a new feed address: a new token whose hash `store` keeps (replacing any earlier one, and auditing), in one
 * transaction; the address is answered once and cannot be read back later, only replaced.
 */
export async function issueFeedAddress(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  collection: string,
  store: (tx: DbOrTx, tokenHash: string, now: Date) => Promise<void>,
): Promise<CalendarFeedCreated> {
  const now = deps.clock.now();
  const token = newFeedToken();
  await deps.db.transaction((tx) => store(tx, feedTokenHash(token), now));
  return { url: feedUrl(deps.config, collection, token), createdAt: now.toISOString() };
}

/** The host a feed's UIDs are qualified by. */
export function feedDomain(config: AppDeps['config']): string {
  return new URL(feedUrl(config, 'x', 'x')).hostname;
}

const MINUTE_MS = 60_000;

/**
 * Registers a feed's public address, `GET /v1/public/<collection>/:token/calendar.ics`: rate limited per address, the
 * token checked for shape (400), the text answered as iCalendar or 404 for every reason there is none (the API's
 * no-store stands). `read` looks the token up, audits the fetch, and builds the text.
 */
export function calendarFeedRoute(
  app: ApiScope,
  deps: AppDeps,
  feed: { collection: string; tags: string[]; summary: string; read: (token: string) => Promise<string | null> },
): void {
  const limit = rateLimitHook(
    deps.db,
    () => deps.clock.now(),
    () => ({ name: 'calendar-feed', windowMs: MINUTE_MS, max: deps.config.publicReadsPerMinute }),
  );
  app.get(
    `/v1/public/${feed.collection}/:token/calendar.ics`,
    {
      config: { permission: 'public' },
      onRequest: limit,
      schema: { tags: feed.tags, summary: feed.summary, params: calendarFeedParamsSchema, produces: ['text/calendar'] },
    },
    async (request, reply) => {
      const text = await feed.read(request.params.token);
      if (text === null) throw notFound('The calendar feed');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(text);
    },
  );
}
