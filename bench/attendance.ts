/**
 * Scenario 1: recording attendance through the real API (signed in, validated, authorised, audited, idempotent) against
 * a bare Fastify route doing the same upsert with none of that, on the same PostgreSQL database in the same run.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { appOn, freshPostgres, type Scenario } from './support.ts';
import { BENCH_PASSWORD, buildOrg, rowsOf } from './fixtures.ts';

async function load(url: string, seconds: number, request: (i: number) => { method: 'PUT' | 'POST'; path: string; headers: Record<string, string>; body: string }) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = request(i++);
          return { ...req, ...r };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function attendanceScenario(quick: boolean): Promise<Scenario[]> {
  const seconds = quick ? 4 : 10;
  const database = await freshPostgres(10);
  try {
    const now = new Date();
    // 20 groups of 10 (a realistic roll; the hard stop is 15): each request marks one participant on the latest
    // ended session of their track.
    const org = await buildOrg(database.db, { participants: 200, tracks: 20, historyWeeks: 2, now });
    const roster = rowsOf(
      await database.db.execute(sql`
        select m.participant_id, m.episode_id,
               (select s.id from session s where s.org_id = m.org_id and s.track_id = m.track_id and s.ends_at <= ${now.toISOString()}
                 order by s.starts_at desc limit 1) as session_id
          from track_membership m where m.org_id = ${org.orgId}`),
    ).map((r) => ({ participantId: r.participant_id as string, episodeId: r.episode_id as string, sessionId: r.session_id as string }));
    const statuses = ['present', 'absent', 'excused'] as const;

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
      const body = request.body as { sessionId: string; participantId: string; episodeId: string; status: string };
      const minutes = body.status === 'present' ? 180 : 0;
      await database.db.execute(sql`
        insert into attendance (org_id, session_id, participant_id, episode_id, status, minutes_attended, recorded_by)
        values (${org.orgId}, ${body.sessionId}, ${body.participantId}, ${body.episodeId}, ${body.status}, ${minutes}, 'bench')
        on conflict (org_id, session_id, participant_id)
        do update set status = excluded.status, minutes_attended = excluded.minutes_attended, version = attendance.version + 1, updated_at = now()`);
      return { ok: true };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

    const realRequest = (i: number) => {
      const who = roster[i % roster.length]!;
      return {
        method: 'PUT' as const,
        path: `/api/v1/sessions/${who.sessionId}/roll`,
        headers: { 'content-type': 'application/json', cookie, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ entries: [{ participantId: who.participantId, status: statuses[i % 3] }] }),
      };
    };
    const bareRequest = (i: number) => {
      const who = roster[i % roster.length]!;
      return {
        method: 'POST' as const,
        path: '/bare/attendance',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: who.sessionId, participantId: who.participantId, episodeId: who.episodeId, status: statuses[i % 3] }),
      };
    };

    // Warm both, then measure each twice in alternating order and keep the better run of each.
    await load(appUrl, 1, realRequest);
    await load(bareUrl, 1, bareRequest);
    const realRuns = [];
    const bareRuns = [];
    for (let round = 0; round < 2; round++) {
      bareRuns.push(await load(bareUrl, seconds, bareRequest));
      realRuns.push(await load(appUrl, seconds, realRequest));
    }
    const real = realRuns.reduce((a, b) => (b.rps > a.rps ? b : a));
    const baseline = bareRuns.reduce((a, b) => (b.rps > a.rps ? b : a));
    if (real.errors) throw new Error(`the real attendance route answered ${real.errors} errors during the run`);
    await app.close();
    await bare.close();
    return [
      {
        name: 'attendance via API vs bare insert (PostgreSQL, req/s)',
        value: Math.round(real.rps),
        unit: 'req/s',
        baseline: Math.round(baseline.rps),
        ratio: Number((real.rps / baseline.rps).toFixed(3)),
        goal: 'ratio ≥ 0.40',
        notes: `p99 ${real.p99} ms vs ${baseline.p99} ms; 10 connections, ${seconds} s`,
      },
    ];
  } finally {
    await database.close();
  }
}
