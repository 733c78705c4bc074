/** Pages with unsaved work register a way to save it, so the idle-logoff warning can offer "Save now". */
export interface UnsavedWork {
  /** What would be lost, in a few words ("attendance marks"). */
  what: string;
  save: () => Promise<unknown>;
}

const pending = new Set<UnsavedWork>();
const listeners = new Set<() => void>();
// One array per change, so React's external-store snapshot stays the same between changes.
let snapshot: UnsavedWork[] = [];

function changed(): void {
  snapshot = [...pending];
  for (const listener of listeners) listener();
}

/** Registers unsaved work until the returned function is called. */
export function registerUnsavedWork(work: UnsavedWork): () => void {
  pending.add(work);
  changed();
  return () => {
    pending.delete(work);
    changed();
  };
}

export function unsavedWork(): UnsavedWork[] {
  return snapshot;
}

export function onUnsavedWorkChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
