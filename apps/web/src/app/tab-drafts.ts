/**
 * Unsaved work kept in this tab (sessionStorage) so that an idle logoff does not lose it: it is restored when the
 * same person signs in again in the same tab. Drafts hold ids and marks, never names. An explicit sign-out clears
 * every draft, and so does a different person signing in, so nothing clinical stays in the browser for the next user.
 */
const PREFIX = 'trellis.draft:';

function keyOf(userId: string, what: string): string {
  return `${PREFIX}${userId}:${what}`;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused (private browsing): drafts simply are not kept
  }
}

export function storeTabDraft(userId: string, what: string, value: unknown): void {
  try {
    storage()?.setItem(keyOf(userId, what), JSON.stringify(value));
  } catch {
    // Quota or refusal: the page still has its draft in memory.
  }
}

export function loadTabDraft(userId: string, what: string): unknown {
  const text = storage()?.getItem(keyOf(userId, what));
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function forgetTabDraft(userId: string, what: string): void {
  storage()?.removeItem(keyOf(userId, what));
}

/** Removes every draft in this tab, or every draft but `keepUserId`'s. */
export function forgetTabDrafts(keepUserId: string | null = null): void {
  const store = storage();
  if (!store) return;
  const keep = keepUserId ? `${PREFIX}${keepUserId}:` : null;
  const doomed: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX) && !(keep && key.startsWith(keep))) doomed.push(key);
  }
  for (const key of doomed) store.removeItem(key);
}
