/**
 * Scenario 2: the census for 2,000 active participants with 12 weeks of history, then with 120 weeks — median server
 * time of each and their ratio. The cost should follow active participants, not history.
 */
import { appOn, freshPostgres, median, type Scenario } from './support.ts';
import { BENCH_PASSWORD, buildOrg } from './fixtures.ts';

async function censusMedian(historyWeeks: number, runs: number): Promise<number> {
  const database = await freshPostgres(10);
  try {
    const now = new Date();
    const org = await buildOrg(database.db, { participants: 2000, tracks: 20, historyWeeks, now });
    await database.analyze();
    const { app } = await appOn(database);
    await app.ready();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: org.directorEmail, password: BENCH_PASSWORD },
    });
    const cookie = [signIn.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: `/api/v1/census?week=${org.thisMonday}`, headers: { cookie } });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode !== 200) throw new Error(`census answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      const rows = res.json<{ rows: unknown[] }>().rows.length;
      if (rows !== 2000) throw new Error(`census listed ${rows} participants, expected 2000`);
      if (i >= 3) times.push(ms);
    }
    await app.close();
    return median(times);
  } finally {
    await database.close();
  }
}

export async function censusScenario(quick: boolean): Promise<Scenario[]> {
  const runs = quick ? 11 : 31;
  const short = await censusMedian(12, runs);
  const long = await censusMedian(120, runs);
  return [
    {
      name: 'census, 2,000 active participants, 12 weeks of history (PostgreSQL, median ms)',
      value: Number(short.toFixed(1)),
      unit: 'ms',
      baseline: 100,
      ratio: Number((short / 100).toFixed(3)),
      goal: 'under 100 ms (ratio to the 100 ms goal < 1)',
    },
    {
      name: 'census, 120 weeks vs 12 weeks of history (PostgreSQL, median ms)',
      value: Number(long.toFixed(1)),
      unit: 'ms',
      baseline: Number(short.toFixed(1)),
      ratio: Number((long / short).toFixed(3)),
      goal: 'ratio < 1.5',
    },
  ];
}
