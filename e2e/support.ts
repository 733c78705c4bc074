/**
 * End-to-end support: a real Trellis server on its own embedded database with the demo organisation, and Debian's
 * Chromium driven by playwright-core (no browser download).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEFAULT_MOMENT, spawnServer, type RunningServer } from './server.ts';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(root, 'e2e', 'artifacts');

export { DEFAULT_MOMENT, type RunningServer } from './server.ts';

/**
 * Starts a server as `npm start` would, on its own port and data directory, with its clock (and so the demo
 * organisation seeded from it) starting at `moment`. It starts from a copy of the run's prepared data (global-setup.ts):
 * already seeded when it stands at the usual moment with the usual settings, else migrated and left to seed itself.
 */
export async function startServer(env: Record<string, string> = {}, moment = DEFAULT_MOMENT): Promise<RunningServer> {
  const templates = inject('e2eTemplates');
  const usual = moment === DEFAULT_MOMENT && Object.keys(env).length === 0;
  const ownDatabase = 'DATABASE_URL' in env || 'TRELLIS_DATA_DIR' in env;
  const from = ownDatabase ? undefined : usual ? templates?.seeded : templates?.migrated;
  return spawnServer({ env, moment, ...(from ? { from } : {}) });
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
