/**
 * A second `npm start` is quick (issue 5: healthy in under 10 s). Each start runs as `npm start` does — the web build
 * step (which skips the build when the sources are unchanged), then the server — on the same data directory with its
 * own PORT: the first creates, migrates and seeds the demo organisation; the second finds it all there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../apps/server/src/testing/processes.ts';
import { DEFAULT_MOMENT } from './support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Issue 5: a second start is healthy in under 10 s. */
export const SECOND_START_BUDGET_MS = 10_000;

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  const path = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(path)) return undefined;
  // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; USER_HZ is 100 on Linux
}

describe('a second start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-second-start-'));
  const env = { TRELLIS_DATA_DIR: join(dataDir, 'data'), DATABASE_URL: '', TRELLIS_CLOCK: DEFAULT_MOMENT, TRELLIS_WEB_DIST: join(root, 'apps', 'web', 'dist') };
  const running: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm start` on the data directory: the web build step, then the server until /api/health answers. Milliseconds. */
  async function start(): Promise<{ ms: number; cpu: number | undefined; server: ServerProcess; buildOutput: string }> {
    const started = Date.now();
    const buildCpu = process.resourceUsage();
    const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const server = await startServerProcess(env);
    running.push(server);
    await server.healthy(240_000);
    const ms = Date.now() - started;
    const serverCpu = cpuSeconds(server.pid);
    // The build step's CPU: a child of this process, counted once it has ended.
    const children = process.resourceUsage();
    const buildSeconds = (children.userCPUTime - buildCpu.userCPUTime + children.systemCPUTime - buildCpu.systemCPUTime) / 1e6;
    return { ms, cpu: serverCpu === undefined ? undefined : serverCpu + buildSeconds, server, buildOutput: build.stdout };
  }

  it(`is healthy in under ${SECOND_START_BUDGET_MS / 1000} s on the data the first start made`, async () => {
    // Load per core when the test began: on a machine shared with other work the wall-clock time says little.
    const busy = (loadavg()[0] ?? 0) / availableParallelism();
    const first = await start();
    expect(first.server.output()).toMatch(/seeded the demo organisation/);
    await first.server.stop('SIGTERM');

    const second = await start();
    const cpu = (r: { cpu: number | undefined }) => (r.cpu === undefined ? '' : `, ${r.cpu.toFixed(1)} s of CPU`);
    console.log(
      `npm start: first ${(first.ms / 1000).toFixed(1)} s${cpu(first)} (new database, demo seeded), ` +
        `second ${(second.ms / 1000).toFixed(1)} s${cpu(second)}; load ${busy.toFixed(1)} per core`,
    );
    // The second found the web app built and the organisation there: it neither built nor seeded.
    expect(second.buildOutput).toContain('up to date');
    expect(second.server.output()).not.toMatch(/seeded the demo organisation/);
    expect((await fetch(`${second.server.url}/sign-in`)).status).toBe(200);
    // The budget is wall-clock time on a machine that is not oversubscribed (CI's runner). On a shared machine running
    // more than a process per core the time says little (CPU time inflates too), so it is only reported there.
    if (busy < 1) expect(second.ms).toBeLessThan(SECOND_START_BUDGET_MS);
    else console.log(`second start not held to the budget: load ${busy.toFixed(1)} per core when the test began`);
  }, 300_000);
});
