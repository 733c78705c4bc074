#!/usr/bin/env node
// Builds the web app unless its sources are unchanged since the last build: a hash of apps/web and packages/core
// (sources, configs, the lock file) is stamped into dist, so a second `npm start` skips a build of half a minute.
// `--force` builds regardless.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'apps', 'web');
const stamp = join(web, 'dist', '.source-hash');
const inputs = [join(web), join(root, 'packages', 'core'), join(root, 'package-lock.json')];
const skip = new Set(['node_modules', 'dist', '.vite']);

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !skip.has(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files)) {
    if (file.endsWith('.test.ts') || file.endsWith('.test.tsx')) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const hash = sourceHash();
if (!force && existsSync(join(web, 'dist', 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('Web app: up to date (sources unchanged since the last build).');
  process.exit(0);
}
const started = Date.now();
// The staff app, then the public way in on its own (apps/web/vite.config.ts): it adds its files to the same dist.
for (const args of [['vite', 'build'], ['vite', 'build', '--mode', 'way-in']]) {
  const result = spawnSync('npx', args, { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${hash}\n`);
console.log(`Web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
