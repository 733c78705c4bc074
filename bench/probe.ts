import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { appOn, freshPostgres } from './support.ts';
import { BENCH_PASSWORD, buildOrg } from './fixtures.ts';
const database = await freshPostgres(10);
const org = await buildOrg(database.db, { participants: 200, tracks: 20, historyWeeks: 2, now: new Date() });
const { app } = await appOn(database);
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const signIn = await fetch(`${url}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email: org.clinicianEmail, password: BENCH_PASSWORD }) });
const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
for (const path of ['/api/health', '/api/v1/me']) {
  const r = await autocannon({ url: url + path, connections: 10, duration: 4, headers: { cookie } });
  console.log(path, Math.round(r.requests.average), 'req/s p99', r.latency.p99, 'non2xx', r.non2xx);
}
await app.close(); await database.close();
