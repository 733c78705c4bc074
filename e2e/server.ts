/**
 * A real Trellis server for the browser tests, started as `npm start` would (after the web build) on its own port and
 * data directory. No Vitest here: the run's global set-up (e2e/global-setup.ts) starts servers too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/server/src/testing/processes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The moment the browser tests stand at unless a test picks another: a Wednesday mid-morning at the New York site
 * (10:30 EST; 07:30 at the Los Angeles site), a morning group under way and half the program week left.
 */
export const DEFAULT_MOMENT = '2026-11-18T15:30:00Z';

export interface RunningServer {
  url: string;
  /** The instant the server's clock started at (TRELLIS_CLOCK). */
  moment: string;
  /** The server's "now", near enough: its starting instant plus the real time since it was started. */
  now(): Date;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and deletes its data directory. */
  stop(): Promise<void>;
  /** Stops the server and waits for it to close its database cleanly; the data directory stays (see `dataDir`). */
  shutDown(): Promise<void>;
  /** The embedded database's directory. */
  dataDir: string;
  output(): string;
}

export interface StartOptions {
  env?: Record<string, string>;
  moment?: string;
  /**
   * A data directory to start from (copied, never used in place), as a server that already ran would find it: one the
   * run's set-up migrated, or migrated and seeded at the same moment. Without it the server migrates and seeds afresh.
   */
  from?: string;
}

/** Starts a server with its clock (and so the demo organisation seeded from it) starting at `moment`. */
export async function spawnServer({ env = {}, moment = DEFAULT_MOMENT, from }: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
  const dataDir = join(dir, 'data');
  if (from) cpSync(from, dataDir, { recursive: true });
  const spawnedAt = Date.now();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRELLIS_DATA_DIR: dataDir,
      TRELLIS_SIGNIN_ATTEMPTS_PER_MINUTE: '60',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      TRELLIS_CLOCK: moment,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stopWithin = async (ms: number) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, ms))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return {
    url,
    moment,
    dataDir,
    now: () => new Date(Date.parse(moment) + (Date.now() - spawnedAt)),
    output: () => output,
    stop: async () => {
      await stopWithin(500);
      rmSync(dir, { recursive: true, force: true });
    },
    shutDown: async () => {
      await stopWithin(60_000);
      if (child.exitCode !== 0) throw new Error(`server did not shut down cleanly (exit ${child.exitCode}):\n${output}`);
    },
  };
}
