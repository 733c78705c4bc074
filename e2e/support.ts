/**
 * End-to-end support: a real Trellis server on a fresh embedded database with the demo organisation, and Debian's
 * Chromium driven by playwright-core (no browser download).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(root, 'e2e', 'artifacts');

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
  stop(): Promise<void>;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the server as `npm start` would (after the web build), on its own port and data directory, with its clock
 * (and so the demo organisation seeded from it) starting at `moment`.
 */
export async function startServer(env: Record<string, string> = {}, moment = DEFAULT_MOMENT): Promise<RunningServer> {
  const port = await freePort();
  const spawnedAt = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRELLIS_DATA_DIR: join(dataDir, 'data'),
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
  return {
    url,
    moment,
    now: () => new Date(Date.parse(moment) + (Date.now() - spawnedAt)),
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface ServerAndBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * A server (as startServer, with its env and moment) and a browser for the tests of the calling describe block:
 * started before them, closed after them. Read `server` and `browser` inside the tests (they exist once started).
 */
export function useServerAndBrowser(env: Record<string, string> = {}, moment = DEFAULT_MOMENT): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env, moment);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} has not started (use it inside a test)`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}

/** A browser context whose clock starts at the server's moment and runs on from there, as the server's does. */
export async function contextAt(browser: Browser, server: RunningServer, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.clock.install({ time: server.now() });
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (the context must bypass CSP to inject it) and returns serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function signIn(page: Page, baseUrl: string, email: string, password = 'trellis-demo'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/**
 * Words in the text under `selector` that the layout split across two lines between two letters (a break after a
 * dash or a slash is a normal line break; "psychoeducati/on" is not). Each word is measured letter by letter.
 */
export async function wordsBrokenMidWord(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const broken = new Set<string>();
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const match of node.data.matchAll(/\S+/g)) {
          let previousTop: number | null = null;
          for (let i = 0; i < match[0].length; i++) {
            const range = document.createRange();
            range.setStart(node, match.index + i);
            range.setEnd(node, match.index + i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top);
            if (previousTop !== null && top > previousTop + 2 && /\p{L}/u.test(match[0][i - 1]!) && /\p{L}/u.test(match[0][i]!)) broken.add(match[0]);
            previousTop = top;
          }
        }
      }
    }
    return [...broken];
  }, selector);
}
