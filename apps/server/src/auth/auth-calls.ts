/**
 * better-auth keeps its request context in AsyncLocalStorage. On Node 20 an AsyncLocalStorage that has run once turns
 * async hooks on for the whole process, and they stay on: from the first sign-in, every promise of every request pays
 * an init hook (a roll write's awaits cost several times what they do without). better-auth needs its storages only
 * while one of its calls runs, so every call into it goes through `betterAuthCall`, which switches them off again when
 * the last call in flight has finished. (On Node 24 and later AsyncLocalStorage needs no hooks; this then only saves
 * a little bookkeeping.)
 */
import type { AsyncLocalStorage } from 'node:async_hooks';

/** Where better-auth keeps its AsyncLocalStorage instances (`@better-auth/core` context/global). */
const BETTER_AUTH_GLOBAL = Symbol.for('better-auth:global');
const STORAGES = ['endpointContextAsyncStorage', 'requestStateAsyncStorage', 'adapterAsyncStorage'] as const;

let inFlight = 0;

/** better-auth's AsyncLocalStorage instances created so far (none before its first call). */
export function betterAuthStorages(): AsyncLocalStorage<unknown>[] {
  const global = (globalThis as Record<symbol, { context?: Record<string, unknown> } | undefined>)[BETTER_AUTH_GLOBAL];
  return STORAGES.flatMap((key) => {
    const storage = global?.context?.[key] as AsyncLocalStorage<unknown> | undefined;
    return storage && typeof storage.disable === 'function' ? [storage] : [];
  });
}

/** Runs one call into better-auth; when no other is under way, its storages are switched off after it. */
export async function betterAuthCall<T>(call: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await call();
  } finally {
    // The next call's run() switches them on again; nothing of better-auth is running that could still read them.
    if (--inFlight === 0) for (const storage of betterAuthStorages()) storage.disable();
  }
}
