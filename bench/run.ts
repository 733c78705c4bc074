/**
 * `npm run bench [-- --quick] [-- --only=<scenario>]`: runs every scenario (or one), prints a table, and writes
 * bench/results/latest.json ({ scenarios: [{ name, value, unit, baseline, ratio, details? }] }) and latest.md. With
 * --only, the other scenarios' last figures stay in latest.json (each row says when and on what host it ran). Each figure comes with a ratio against a
 * baseline measured in the same run, because these machines are noisy.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { attendanceScenario } from './attendance.ts';
import { censusScenario } from './census.ts';
import { groupNoteScenario } from './group-note.ts';
import { outcomesScenario } from './outcomes.ts';
import { schedulerScenario } from './scheduler.ts';
import { ADMIN_URL, type Scenario } from './support.ts';

const quick = process.argv.includes('--quick');
const started = Date.now();
const scenarios: Scenario[] = [];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
for (const [label, run] of [
  ['attendance', attendanceScenario],
  ['census', censusScenario],
  ['group-note', groupNoteScenario],
  ['outcomes', outcomesScenario],
  ['scheduler', schedulerScenario],
] as const) {
  if (only && only !== label) continue;
  process.stdout.write(`running ${label}${quick ? ' (quick)' : ''}…\n`);
  scenarios.push(...(await run(quick)));
}

// These figures depend on the machine: say what it was, and whether PostgreSQL ran on the same cores.
const dbHost = new URL(ADMIN_URL).hostname;
const host = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  postgres: dbHost,
  postgresSharesCores: ['127.0.0.1', 'localhost', '::1', ''].includes(dbHost),
  loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
  loadGenerator: 'autocannon in a child process on the same machine',
};

const table = [
  '| Scenario | Value | Baseline | Ratio | Goal | Notes |',
  '|---|---|---|---|---|---|',
  ...scenarios.map((s) => `| ${s.name} | ${s.value} ${s.unit} | ${s.baseline} | ${s.ratio} | ${s.goal ?? ''} | ${s.notes ?? ''} |`),
].join('\n');
console.log(`\n${table}\n\n(${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ', quick' : ''}; ${host.cpus} cores, PostgreSQL ${host.postgresSharesCores ? 'on the same cores' : `on ${dbHost}`}, load ${host.loadAverageAtEnd.join(' ')})`);

const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const at = new Date().toISOString();
const measured = scenarios.map(({ name, value, unit, baseline, ratio, goal, notes, details }) => ({ name, value, unit, baseline, ratio, goal, notes, details, at, quick, host }));
// A partial run (--only) replaces its own rows and keeps the others' last figures, each with its own time and host.
type Row = (typeof measured)[number];
const earlier: Row[] = only && existsSync(`${dir}latest.json`) ? ((JSON.parse(readFileSync(`${dir}latest.json`, 'utf8')) as { scenarios?: Row[] }).scenarios ?? []) : [];
const kept = earlier.filter((row) => !measured.some((m) => m.name === row.name));
const rows = [...kept, ...measured];
writeFileSync(`${dir}latest.json`, `${JSON.stringify({ at, quick, host, scenarios: rows }, null, 2)}\n`);
const mdRow = (s: Row) => `| ${s.name} | ${s.value} ${s.unit} | ${s.baseline} | ${s.ratio} | ${s.goal ?? ''} | ${s.notes ?? ''} | ${s.at} |`;
writeFileSync(
  `${dir}latest.md`,
  [table.split('\n')[0] + ' Measured |', table.split('\n')[1] + '---|', ...rows.map(mdRow)].join('\n') +
    `\n\nHost: ${host.cpus} × ${host.cpuModel}, Node ${host.node}, PostgreSQL at ${dbHost} (${host.postgresSharesCores ? 'shares the cores' : 'separate'}), load generator in its own process.\n`,
);
process.exit(0);
