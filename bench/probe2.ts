import { freshPostgres, appOn } from './support.ts';
import { BENCH_PASSWORD, buildOrg } from './fixtures.ts';
import { sql } from 'drizzle-orm';
const database = await freshPostgres(10);
const org = await buildOrg(database.db, { participants: 20, tracks: 2, historyWeeks: 1, now: new Date() });
const { app, deps } = await appOn(database);
await app.ready();
const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: org.clinicianEmail, password: BENCH_PASSWORD } });
const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
const headers = new Headers({ cookie });
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  for (let i = 0; i < 1000; i++) await deps.auth.api.getSession({ headers });
  console.log('getSession x1000 ms', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < 1000; i++) await database.db.execute(sql`select s.id, u.id, u.role from auth_session s join app_user u on u.id = s.user_id where s.token = 'x'`);
  console.log('raw join x1000 ms', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < 1000; i++) await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  console.log('inject /me x1000 ms', (performance.now() - t).toFixed(0));
}
await app.close(); await database.close();
