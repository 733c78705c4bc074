#!/usr/bin/env node
// The whole suite: lint, typecheck, unit, API tests on PGlite (and on PostgreSQL when TEST_DATABASE_URL is set),
// then browser tests in Chromium; with TRELLIS_LTS_NODE (a node binary, which .ci/run installs) the unit and API tests
// run again under that Node. Ends with one line "Tests: N passed, N failed" counting every test run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv[2]; // optional: lint | typecheck | unit | web | api | e2e | lts
// After a step, test files to run instead of all of its project's (e.g. `e2e e2e/family.e2e.ts`); the step's setup still runs.
const files = process.argv.slice(3);
const ltsNode = process.env.TRELLIS_LTS_NODE;
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const failedTests = [];
const reportDir = mkdtempSync(join(tmpdir(), 'trellis-test-'));

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const res = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    failures.push(label);
    console.log(`=== ${label}: FAILED (${seconds} s) ===`);
    return false;
  }
  console.log(`=== ${label}: ok (${seconds} s) ===`);
  return true;
}

function vitest(label, projects, env = {}, node = undefined) {
  const out = join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  // Under another Node: that binary first on PATH, so npx and everything vitest starts run on it.
  const path = node ? { PATH: `${dirname(node)}:${process.env.PATH}` } : {};
  const ok = run(label, 'npx', args, { ...env, ...path });
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    results.passed += report.numPassedTests ?? 0;
    results.failed += report.numFailedTests ?? 0;
    results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (!ok && (report.numFailedTests ?? 0) === 0) results.failed += 1; // a suite that failed to load
    failedTests.push(...failedIn(label, report));
  } else if (!ok) {
    results.failed += 1;
  }
}

/** The failed tests (or files that failed to load) of one JSON report, with the first line of each message. */
function failedIn(label, report) {
  const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim()) ?? '';
  const out = [];
  for (const file of report.testResults ?? []) {
    const name = file.name?.replace(`${process.cwd()}/`, '') ?? '?';
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) out.push(`[${label}] ${name} > ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`);
    if (!failed.length && file.status === 'failed') out.push(`[${label}] ${name}: ${firstLine(file.message)}`);
  }
  return out;
}

const want = (step) => !only || only === step;

if (want('lint')) run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
if (want('typecheck')) run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('unit')) vitest('unit (core)', ['core']);
if (want('web')) vitest('web app (happy-dom)', ['web']);
if (want('api')) {
  vitest('api on PGlite', ['server'], { TEST_DATABASE_URL: '' });
  if (process.env.TEST_DATABASE_URL) vitest('api on PostgreSQL', ['server'], { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL });
  else console.log('\n(API tests on PostgreSQL skipped: TEST_DATABASE_URL is not set; .ci/run sets it.)');
}
if (want('lts') && ltsNode) {
  const version = spawnSync(ltsNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  vitest(`unit (core) on Node ${version}`, ['core'], {}, ltsNode);
  // The API tests once more on the embedded database: PGlite (WebAssembly, the file system) is what depends most on
  // the Node version; PostgreSQL's run on Node 20 already holds every route to the server database. Running both here
  // too would add some eight minutes to CI for little.
  vitest(`api on PGlite on Node ${version}`, ['server'], { TEST_DATABASE_URL: '' }, ltsNode);
} else if (only === 'lts') {
  console.log('\n(TRELLIS_LTS_NODE is not set: .ci/run installs the current LTS Node and sets it.)');
}
if (want('e2e')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const message = `Chromium was not found at ${chromium}: the browser tests cannot run. Install Debian's chromium or set CHROMIUM_PATH.`;
    if (ci) {
      console.error(`\n!!! ${message}`);
      failures.push('e2e (no Chromium)');
      results.failed += 1;
    } else {
      console.warn(`\n${'!'.repeat(100)}\n!!! ${message}\n!!! SKIPPING THE BROWSER TESTS.\n${'!'.repeat(100)}`);
    }
  } else if (run('build web app', 'node', ['scripts/build-web.mjs'])) {
    vitest('browser (Chromium)', ['e2e'], { CHROMIUM_PATH: chromium });
  }
}

// Printed last so that a log's tail names what failed.
if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ${t.slice(0, 400)}`).join('\n')}`);
console.log(`\n${failures.length ? `Failed steps: ${failures.join(', ')}` : 'All steps passed.'}`);
console.log(`Tests: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(failures.length || results.failed ? 1 : 0);
