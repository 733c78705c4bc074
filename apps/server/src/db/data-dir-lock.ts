/**
 * One process per embedded database: PGlite has no postmaster to keep a second process out of its data directory,
 * and two processes writing one directory lose acknowledged writes. A pid file created exclusively (O_EXCL) marks
 * the directory taken; a file left by a process that no longer runs (killed, power cut) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Trellis process (pid ${pid}) is already using the embedded database in ${dataDir}. ` +
        'Stop it first, or give this one its own TRELLIS_DATA_DIR. Two processes on one embedded database lose data.',
    );
    this.name = 'DataDirLockedError';
  }
}

export const LOCK_FILE = 'trellis.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(file, 'utf8').split('\n');
    return { pid: Number(pid), host: host ?? '' };
  } catch {
    return null;
  }
}

function youngerThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < ms;
  } catch {
    return false;
  }
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n${hostname()}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the data directory for this process or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 30; attempt++) {
    if (tryCreate(file)) return () => release(file);
    const current = holder(file);
    const valid = current !== null && Number.isInteger(current.pid) && current.pid > 0;
    if (valid && (current.host !== hostname() || alive(current.pid))) throw new DataDirLockedError(dataDir, current.pid);
    if (!valid && youngerThan(file, 2_000)) {
      // Just created by a process that has not written its pid yet.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    takeOverStale(file, current);
  }
  throw new Error(`Could not take the embedded database in ${dataDir}: its lock file keeps changing.`);
}

/** Removes a stale pid file, one process at a time, and only if it is still the one found stale. */
function takeOverStale(file: string, stale: { pid: number; host: string } | null): void {
  const guard = `${file}.takeover`;
  try {
    mkdirSync(guard);
  } catch {
    // Someone else is taking it over; a guard left by a process killed mid-takeover is cleared after a few seconds.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5_000) rmdirSync(guard);
    } catch {
      // gone already
    }
    return;
  }
  try {
    const now = holder(file);
    if (now?.pid === stale?.pid && now?.host === stale?.host) unlinkSync(file);
  } catch {
    // already removed
  } finally {
    rmdirSync(guard);
  }
}

function release(file: string): void {
  try {
    if (holder(file)?.pid === process.pid) unlinkSync(file);
  } catch {
    // nothing to release
  }
}
