/**
 * Production on PostgreSQL: the app's login is only a member of trellis_app and migrations run as the owner through
 * TRELLIS_MIGRATION_DATABASE_URL. Such an app works, and cannot leave its role to alter the audit trail.
 * (PGlite is one embedded user: there is no other login to give the app.)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLoginCanBecomeOwner, openDatabase, rowsOf, type Database } from './index.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('an app login that is only a member of trellis_app', () => {
  const suffix = randomBytes(4).toString('hex');
  const dbName = `trellis_login_${suffix}`;
  const login = `trellis_app_login_${suffix}`;
  let admin: pg.Client;
  let app: Database;
  let owner: Database;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const ownerUrl = new URL(url!);
    ownerUrl.pathname = `/${dbName}`;
    const appUrl = new URL(ownerUrl);
    appUrl.username = login;
    appUrl.password = '';
    owner = await openDatabase({ url: ownerUrl.toString(), poolSize: 1 }); // migrates, making trellis_app if new
    await admin.query(`create role ${login} login in role trellis_app`);
    app = await openDatabase({ url: appUrl.toString(), migrationUrl: ownerUrl.toString(), poolSize: 2 });
  });

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`drop role if exists ${login}`);
    await admin.end();
  });

  it('migrates as the owner and works as trellis_app', async () => {
    const [who] = rowsOf<{ session_user: string; current_user: string }>(await app.db.execute(sql`select session_user, current_user`));
    expect(who).toEqual({ session_user: login, current_user: 'trellis_app' });
    expect(await appLoginCanBecomeOwner(app.db)).toBe(false);
    // The owner's own login could: that is what the start-up warning says.
    expect(await appLoginCanBecomeOwner(owner.db)).toBe(true);
  });

  it('cannot leave its role to disable the audit trail’s guard', async () => {
    const refusal = (statement: string) =>
      app.db.execute(sql.raw(statement)).then(
        () => 'allowed',
        (error: Error & { cause?: Error }) => (error.cause ?? error).message,
      );
    expect(await refusal('reset role; alter table audit_event disable trigger all')).toMatch(/must be owner/);
    expect(await refusal(`set role ${new URL(url!).username || 'postgres'}`)).toMatch(/permission denied/);
    expect(await refusal('reset role; delete from audit_event')).toMatch(/permission denied/);
  });
});
