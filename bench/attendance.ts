/**
 * Scenario 1: recording attendance through the real API (signed in, validated, authorised, idempotent, audited, the
 * roll returned) against a bare Fastify route doing the same upsert with none of that, on the same PostgreSQL database
 * in the same run. The headline is the request a facilitator makes: a whole roll of 10 marks against a bare 10-row
 * upsert; one mark against a one-row upsert stands beside it. The load generator runs in its own process. While the
 * whole-roll load runs, the audit sealer runs as in the server and its lag (the oldest unsealed event's age) is sampled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { startAuditSealer } from '../apps/server/src/audit/sealer.ts';
import { loadOrCreateSigner } from '../apps/server/src/audit/signing-key.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { appOn, cpuSpentOn, freshPostgres, median, type CpuSpent, type Scenario } from './support.ts';
import type { Database } from '../apps/server/src/db/index.ts';
import { BENCH_PASSWORD, buildOrg, rowsOf } from './fixtures.ts';
import { runLoad, type LoadRequest, type LoadResult } from './load.ts';

const STATUSES = ['present', 'absent', 'excused'] as const;

interface Member {
  participantId: string;
  episodeId: string;
  sessionId: string;
}

type Measured = LoadResult & { cpu: CpuSpent };

/**
 * Measures real and bare alternately, twice each after a warm-up, and keeps the better run of each, with the CPU
 * each request cost (this process and the database's), which a busy machine moves much less than the throughput.
 */
async function compare(database: Database, real: () => Promise<LoadResult>, bare: () => Promise<LoadResult>) {
  const realRuns: Measured[] = [];
  const bareRuns: Measured[] = [];
  const measured = async (run: () => Promise<LoadResult>): Promise<Measured> => {
    const { result, cpu } = await cpuSpentOn(database, run);
    return { ...result, cpu };
  };
  for (let round = 0; round < 2; round++) {
    bareRuns.push(await measured(bare));
    realRuns.push(await measured(real));
  }
  const best = (runs: Measured[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
  return { real: best(realRuns), bare: best(bareRuns) };
}

/** CPU per request, as "node N + postgres M ms". */
function cpuPerRequest(run: Measured): string {
  const per = (ms: number) => (ms / Math.max(1, run.requests)).toFixed(2);
  return `node ${per(run.cpu.nodeMs)}${run.cpu.postgresMs === null ? '' : ` + postgres ${per(run.cpu.postgresMs)}`} ms`;
}

export async function attendanceScenario(quick: boolean): Promise<Scenario[]> {
  const seconds = quick ? 4 : 10;
  const connections = 10;
  const database = await freshPostgres(10);
  const auditDir = mkdtempSync(join(tmpdir(), 'trellis-bench-audit-'));
  const sealer = startAuditSealer(database.db, {
    signer: loadOrCreateSigner(join(auditDir, 'key.pem')),
    logPath: join(auditDir, 'batches.log'),
    clock: systemClock,
  });
  try {
    const now = new Date();
    // 20 groups of 10 (a realistic roll; the hard stop is 15), each on the latest ended session of its track.
    const org = await buildOrg(database.db, { participants: 200, tracks: 20, historyWeeks: 2, now });
    await database.analyze();
    const members: Member[] = rowsOf(
      await database.db.execute(sql`
        select m.participant_id, m.episode_id,
               (select s.id from session s where s.org_id = m.org_id and s.track_id = m.track_id and s.ends_at <= ${now.toISOString()}
                 order by s.starts_at desc limit 1) as session_id
          from track_membership m where m.org_id = ${org.orgId}`),
    ).map((r) => ({ participantId: r.participant_id as string, episodeId: r.episode_id as string, sessionId: r.session_id as string }));
    const bySession = new Map<string, Member[]>();
    for (const m of members) bySession.set(m.sessionId, [...(bySession.get(m.sessionId) ?? []), m]);
    const rolls = [...bySession.values()];

    const { app } = await appOn(database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIn = await fetch(`${appUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appUrl },
      body: JSON.stringify({ email: org.clinicianEmail, password: BENCH_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    if (!signIn.ok || !cookie) throw new Error(`bench sign-in failed: ${signIn.status} ${await signIn.text()}`);

    const bare = Fastify();
    bare.post('/bare/attendance', async (request) => {
      const body = request.body as { sessionId: string; marks: { participantId: string; episodeId: string; status: string }[] };
      const rows = JSON.stringify(
        body.marks.map((m) => ({
          participant_id: m.participantId,
          episode_id: m.episodeId,
          status: m.status,
          minutes_attended: m.status === 'present' ? 180 : 0,
        })),
      );
      await database.db.execute(sql`
        insert into attendance (org_id, session_id, participant_id, episode_id, status, minutes_attended, recorded_by)
        select ${org.orgId}, ${body.sessionId}, m.participant_id, m.episode_id, m.status, m.minutes_attended, 'bench'
          from json_to_recordset(${rows}::json) as m(participant_id uuid, episode_id uuid, status text, minutes_attended int)
        on conflict (org_id, session_id, participant_id)
        do update set status = excluded.status, minutes_attended = excluded.minutes_attended, version = attendance.version + 1, updated_at = now()`);
      return { ok: true };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

    // Each request changes what it marks (the status moves on each time a roll comes round), so every write writes.
    const realRoll = (roll: Member[], status: string): LoadRequest => ({
      method: 'PUT',
      path: `/api/v1/sessions/${roll[0]!.sessionId}/roll`,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ entries: roll.map((m) => ({ participantId: m.participantId, status })) }),
    });
    const bareRoll = (roll: Member[], status: string): LoadRequest => ({
      method: 'POST',
      path: '/bare/attendance',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: roll[0]!.sessionId, marks: roll.map((m) => ({ ...m, status })) }),
    });
    const wholeRolls = STATUSES.flatMap((status) => rolls.map((roll) => ({ real: realRoll(roll, status), bare: bareRoll(roll, status) })));
    const oneMarks = STATUSES.flatMap((status) => members.map((m) => ({ real: realRoll([m], status), bare: bareRoll([m], status) })));

    const load = (url: string, requests: LoadRequest[], secs: number, fresh: boolean) =>
      runLoad({ url, seconds: secs, connections, requests, freshIdempotencyKey: fresh });

    // Warm both paths.
    await load(appUrl, wholeRolls.map((r) => r.real), 1, true);
    await load(bareUrl, wholeRolls.map((r) => r.bare), 1, false);

    // Seal lag under the whole-roll load: the age of the oldest event not yet sealed, sampled every 100 ms while the
    // real route is under load.
    const lags: number[] = [];
    const sampleLagWhile = async <T>(work: Promise<T>): Promise<T> => {
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const [row] = rowsOf<{ lag_ms: number | null }>(
            await database.db.execute(sql`
              select (extract(epoch from (clock_timestamp() - min(e.occurred_at))) * 1000)::float8 as lag_ms
                from audit_event e where e.tx >= (select sealed_below from audit_seal_state where id = 1)`),
          );
          lags.push(Math.max(0, row?.lag_ms ?? 0));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      try {
        return await work;
      } finally {
        sampling = false;
        await sampler;
      }
    };
    const whole = await compare(
      database,
      () => sampleLagWhile(load(appUrl, wholeRolls.map((r) => r.real), seconds, true)),
      () => load(bareUrl, wholeRolls.map((r) => r.bare), seconds, false),
    );
    const one = await compare(
      database,
      () => load(appUrl, oneMarks.map((r) => r.real), seconds, true),
      () => load(bareUrl, oneMarks.map((r) => r.bare), seconds, false),
    );
    for (const [label, run] of [['whole-roll', whole.real], ['one-mark', one.real]] as const) {
      if (run.errors)
        throw new Error(`the real attendance route answered ${run.errors} errors during the ${label} run (statuses ${JSON.stringify(run.statuses)})`);
    }
    await app.close();
    await bare.close();
    const sortedLags = [...lags].sort((a, b) => a - b);
    const p99Lag = sortedLags[Math.min(sortedLags.length - 1, Math.floor(sortedLags.length * 0.99))] ?? 0;
    return [
      {
        name: 'whole roll (10 marks) via API vs bare 10-row upsert (PostgreSQL, req/s)',
        value: Math.round(whole.real.rps),
        unit: 'req/s',
        baseline: Math.round(whole.bare.rps),
        ratio: Number((whole.real.rps / whole.bare.rps).toFixed(3)),
        goal: 'ratio ≥ 0.40 (then 0.60)',
        notes: `p50/p99 ${whole.real.p50}/${whole.real.p99} ms vs ${whole.bare.p50}/${whole.bare.p99} ms; ${connections} connections, ${seconds} s; CPU per request ${cpuPerRequest(whole.real)} vs ${cpuPerRequest(whole.bare)}`,
      },
      {
        name: 'one mark via API vs bare 1-row upsert (PostgreSQL, req/s)',
        value: Math.round(one.real.rps),
        unit: 'req/s',
        baseline: Math.round(one.bare.rps),
        ratio: Number((one.real.rps / one.bare.rps).toFixed(3)),
        notes: `p50/p99 ${one.real.p50}/${one.real.p99} ms vs ${one.bare.p50}/${one.bare.p99} ms; CPU per request ${cpuPerRequest(one.real)} vs ${cpuPerRequest(one.bare)}`,
      },
      {
        name: 'audit seal lag under the whole-roll load (oldest unsealed event, ms)',
        value: Math.round(median(lags)),
        unit: 'ms median',
        baseline: 1000,
        ratio: Number((p99Lag / 1000).toFixed(3)),
        goal: 'p99 < 1000 ms (ratio < 1)',
        notes: `p99 ${Math.round(p99Lag)} ms, max ${Math.round(sortedLags.at(-1) ?? 0)} ms over ${lags.length} samples; ratio = p99 / 1 s`,
      },
    ];
  } finally {
    await sealer.stop();
    await database.close();
  }
}
