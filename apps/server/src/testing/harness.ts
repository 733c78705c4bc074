/**
 * Test harness: a fresh database per suite — in-memory PGlite, or a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL — and the real app on top of it, driven through `app.inject()`.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { StaffRole } from '@trellis/core';
import { buildApp, type AppDeps, type RegisteredRoute } from '../app.ts';
import { fixedClock } from '../clock.ts';
import { testConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/index.ts';
import { createOrganisation, createStaff } from '../features/organisations/service.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
/** The origin `app.inject` addresses (Host: localhost:80): what the app's own pages send as `Origin`. */
export const TEST_ORIGIN = 'http://localhost:80';

/**
 * The run's migrated template (testing/global-setup.ts); none outside the API test project (scripts may use this
 * harness too, and `vitest` cannot even be imported outside a test run).
 */
async function provided(key: 'pgliteImage' | 'pgTemplate'): Promise<string> {
  if (!process.env.VITEST) return '';
  const { inject } = await import('vitest');
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}

let pgliteImage: Promise<Blob> | undefined;

/** Opens a fresh, migrated database for one suite: a copy of the run's template when there is one. */
export async function openTestDatabase(): Promise<Database & { name: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const imagePath = await provided('pgliteImage');
    if (imagePath) pgliteImage ??= readFile(imagePath).then((bytes) => new Blob([bytes]));
    const image = imagePath ? await pgliteImage : undefined;
    return { ...(await openDatabase({ dataDir: 'memory://', ...(image ? { image } : {}) })), name: 'pglite' };
  }
  const name = `trellis_t_${randomBytes(6).toString('hex')}`;
  const template = await provided('pgTemplate');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize: 5 });
  return {
    ...database,
    name,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestStaff {
  id: string;
  email: string;
  role: StaffRole;
  cookie: string;
}

export interface TestOrg {
  orgId: string;
  staff: Record<StaffRole, TestStaff>;
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  routes: RegisteredRoute[];
  clock: ReturnType<typeof fixedClock>;
  database: Database;
  /** Creates an organisation with one signed-in staff member in every role. */
  createOrg(name: string): Promise<TestOrg>;
  signIn(email: string, password?: string): Promise<string>;
  /** `app.inject` with a staff member's session cookie. */
  as(staff: TestStaff | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const ROLES: StaffRole[] = ['admin', 'director', 'clinician', 'prescriber', 'intake', 'biller'];

export async function startTestApp(options: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = fixedClock(options.now ?? '2026-11-18T15:00:00Z');
  const { app, deps, routes } = await buildApp({
    db: database.db,
    dbKind: database.kind,
    clock,
    config: testConfig(options.config),
  });
  await app.ready();

  let signIns = 0;
  const signIn = async (email: string, password = TEST_PASSWORD) => {
    // Each fixture sign-in comes from its own address so that tests of the sign-in rate limit start clean.
    signIns += 1;
    const remoteAddress = `10.200.${Math.floor(signIns / 250)}.${(signIns % 250) + 1}`;
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress });
    if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
    const cookies = [res.headers['set-cookie']].flat().filter((c): c is string => !!c);
    return cookies.map((c) => c.split(';')[0]).join('; ');
  };

  let orgCount = 0;
  const createOrg = async (name: string): Promise<TestOrg> => {
    orgCount += 1;
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${orgCount}`;
    const orgId = await createOrganisation(database.db, { name, slug });
    const staff = {} as Record<StaffRole, TestStaff>;
    for (const role of ROLES) {
      const email = `${role}@${slug}.test`;
      const id = await createStaff(database.db, { orgId, name: `${role} of ${name}`, email, role, password: TEST_PASSWORD });
      staff[role] = { id, email, role, cookie: await signIn(email) };
    }
    return { orgId, staff };
  };

  return {
    app,
    deps,
    routes,
    clock,
    database,
    createOrg,
    signIn,
    // Requests come as the web app sends them: from its own origin (state-changing API calls check it).
    as: (staff, opts) =>
      app.inject({ ...opts, headers: { origin: TEST_ORIGIN, ...(opts.headers ?? {}), ...(staff ? { cookie: staff.cookie } : {}) } }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
