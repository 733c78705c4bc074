/**
 * `npm run bench [-- --quick]`: runs every scenario, prints a table, and writes bench/results/latest.json
 * ({ scenarios: [{ name, value, unit, baseline, ratio }] }) and latest.md. Each figure comes with a ratio against a
 * baseline measured in the same run, because these machines are noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attendanceScenario } from './attendance.ts';
import { censusScenario } from './census.ts';
import type { Scenario } from './support.ts';

const quick = process.argv.includes('--quick');
const started = Date.now();
const scenarios: Scenario[] = [];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
for (const [label, run] of [
  ['attendance', attendanceScenario],
  ['census', censusScenario],
] as const) {
  if (only && only !== label) continue;
  process.stdout.write(`running ${label}${quick ? ' (quick)' : ''}…\n`);
  scenarios.push(...(await run(quick)));
}

const table = [
  '| Scenario | Value | Baseline | Ratio | Goal | Notes |',
  '|---|---|---|---|---|---|',
  ...scenarios.map((s) => `| ${s.name} | ${s.value} ${s.unit} | ${s.baseline} | ${s.ratio} | ${s.goal ?? ''} | ${s.notes ?? ''} |`),
].join('\n');
console.log(`\n${table}\n\n(${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ', quick' : ''})`);

const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}latest.json`,
  `${JSON.stringify({ quick, at: new Date().toISOString(), scenarios: scenarios.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio })) }, null, 2)}\n`,
);
writeFileSync(`${dir}latest.md`, `${table}\n`);
process.exit(0);
