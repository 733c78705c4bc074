/**
 * One process per embedded database: a second server on the same data directory exits with a clear message; once
 * the first has gone (even killed), the directory can be used again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';
import { startServerProcess, type ServerProcess } from '../testing/processes.ts';

describe('the embedded data directory lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'trellis-lock-'));
  const started: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop('SIGKILL')));
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a second holder in the same process tree and frees the directory on release', () => {
    const dir = join(root, 'unit');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = join(root, 'stale');
    lockDataDir(dir)();
    // A pid that cannot be running (above the kernel's pid limit) on this host.
    writeFileSync(join(dir, LOCK_FILE), `4194305\n${hostname()}\n`);
    const release = lockDataDir(dir);
    release();
  });

  it('makes a second `npm start` on the same directory exit with a clear message', async () => {
    const env = { TRELLIS_DATA_DIR: join(root, 'data'), TRELLIS_SEED_DEMO: 'false', DATABASE_URL: '' };
    const first = await startServerProcess(env);
    started.push(first);
    await first.healthy();

    const second = await startServerProcess(env);
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Another Trellis process \(pid \d+\) is already using the embedded database/);
    expect((await fetch(`${first.url}/api/health`)).ok).toBe(true);

    // Killed without a chance to clean up: the next start takes the directory over.
    await first.stop('SIGKILL');
    const third = await startServerProcess(env);
    started.push(third);
    await third.healthy();
  }, 300_000);
});
