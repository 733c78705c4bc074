/**
 * Safety alerts pushed to open pages. Each app process holds ONE listener on the `trellis_safety_alert` channel — a
 * dedicated connection of its own on PostgreSQL (so every process on the database hears every alert, on commit), or
 * PGlite's in-process `listen` when embedded — and fans each notification out to the Server-Sent Event streams open
 * on that process. A stream gets an event only when its user must see the alert, decided by the open list's own rule
 * (`mustSeeAlertById`); events carry the alert's id only, and the page then fetches the (audited) list.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { StaffRole } from '@trellis/core';
import type { Db } from '../../db/index.ts';
import { mustSeeAlertById, SAFETY_ALERT_CHANNEL } from './queries.ts';

/** How often an idle stream sends a comment, so that proxies keep it open and a revoked session is noticed (our choice). */
export const ALERT_STREAM_HEARTBEAT_MS = 25_000;
/** How long the listener waits before reconnecting after its PostgreSQL connection is lost (our choice). */
const RELISTEN_DELAY_MS = 1_000;

export interface AlertNotice {
  orgId: string;
  alertId: string;
  episodeId: string;
  /** True when the notice is of an acknowledgement rather than a new alert. */
  acknowledged: boolean;
}

export interface AlertSubscriber {
  orgId: string;
  user: { id: string; role: StaffRole };
  /** Called with an alert the user must see. */
  deliver(notice: AlertNotice): void;
  /** Ends the stream (the app is closing). */
  end(): void;
}

export interface AlertHub {
  /** Starts listening if not yet; resolves once notifications will be heard. */
  ready(): Promise<void>;
  subscribe(subscriber: AlertSubscriber): () => void;
  /** Ends every open stream (before the server stops accepting, so that it need not wait for them). */
  endStreams(): void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The notice a payload carries, or null for anything else (the channel is ours, but a payload is never trusted). */
export function parseAlertNotice(payload: string | undefined): AlertNotice | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    const { orgId, alertId, episodeId, acknowledged = false } = value;
    if (typeof orgId !== 'string' || typeof alertId !== 'string' || typeof episodeId !== 'string') return null;
    if (![orgId, alertId, episodeId].every((id) => UUID.test(id)) || typeof acknowledged !== 'boolean') return null;
    return { orgId, alertId, episodeId, acknowledged };
  } catch {
    return null;
  }
}

export function createAlertHub(db: Db, dbKind: 'pglite' | 'postgres', log: (message: string) => void): AlertHub {
  const subscribers = new Set<AlertSubscriber>();
  let started: Promise<void> | null = null;
  let stop: (() => Promise<void>) | null = null;
  let closed = false;

  const fanOut = async (payload: string | undefined) => {
    const notice = parseAlertNotice(payload);
    if (!notice) return;
    await Promise.all(
      [...subscribers]
        .filter((s) => s.orgId === notice.orgId)
        .map(async (s) => {
          try {
            if (await mustSeeAlertById(db, notice.orgId, notice.alertId, s.user)) s.deliver(notice);
          } catch (error) {
            log(`safety alert fan-out failed (${(error as Error).name})`);
          }
        }),
    );
  };

  const listenPglite = async () => {
    const client = (db as unknown as { $client: PGlite }).$client;
    const unlisten = await client.listen(SAFETY_ALERT_CHANNEL, (payload) => void fanOut(payload));
    stop = unlisten;
  };

  // A connection of its own, made with the pool's settings: LISTEN holds it for the life of the process.
  const listenPostgres = async (): Promise<void> => {
    const pool = (db as unknown as { $client: pg.Pool }).$client;
    const client = new pg.Client((pool as unknown as { options: pg.ClientConfig }).options);
    client.on('notification', (n) => {
      if (n.channel === SAFETY_ALERT_CHANNEL) void fanOut(n.payload);
    });
    client.on('error', (error: Error & { code?: string }) => {
      log(`safety alert listener lost its connection (${error.code ?? error.name})`);
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listenPostgres().catch(() => undefined), RELISTEN_DELAY_MS).unref();
    });
    await client.connect();
    await client.query(`listen ${SAFETY_ALERT_CHANNEL}`);
    stop = () => client.end();
  };

  return {
    ready() {
      started ??= dbKind === 'pglite' ? listenPglite() : listenPostgres();
      return started;
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
    endStreams() {
      for (const s of [...subscribers]) s.end();
    },
    async close() {
      closed = true;
      subscribers.clear();
      if (started) await started.catch(() => undefined);
      await stop?.();
    },
  };
}
