import { randomUUID } from 'node:crypto';
import { freshPostgres, appOn } from './support.ts';
import { BENCH_PASSWORD, buildOrg, rowsOf } from './fixtures.ts';
import { sql } from 'drizzle-orm';
const database = await freshPostgres(10);
const now = new Date();
const org = await buildOrg(database.db, { participants: 20, tracks: 2, historyWeeks: 2, now });
const roster = rowsOf(await database.db.execute(sql`select m.participant_id, (select s.id from session s where s.org_id = m.org_id and s.track_id = m.track_id and s.ends_at <= ${now.toISOString()} order by s.starts_at desc limit 1) as session_id from track_membership m where m.org_id = ${org.orgId}`));
const { app } = await appOn(database);
await app.ready();
const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: org.clinicianEmail, password: BENCH_PASSWORD } });
const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
const statuses = ['present', 'absent', 'excused'];
for (let round = 0; round < 3; round++) {
  const t = performance.now();
  for (let i = 0; i < 500; i++) {
    const who = roster[i % roster.length]!;
    const r = await app.inject({ method: 'PUT', url: `/api/v1/sessions/${who.session_id}/roll`, headers: { cookie, 'idempotency-key': randomUUID() }, payload: { entries: [{ participantId: who.participant_id, status: statuses[(i + round) % 3] }] } });
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  console.log('PUT roll x500 ms', (performance.now() - t).toFixed(0));
}
await app.close(); await database.close();
