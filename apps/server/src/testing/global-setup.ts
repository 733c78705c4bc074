/**
 * Vitest global setup for the API suites: migrates one template database per run, which every suite's fresh
 * database is copied from — a PGlite data-directory image in a temporary file, or a PostgreSQL template database
 * (`CREATE DATABASE … TEMPLATE`). Migrating twenty-odd migrations for each of ~100 suites was a third of the API run.
 * Each suite still gets its own database, and still runs the migrator on it (which finds nothing left to apply).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a migrated PGlite data-directory image ('' when the suites run on PostgreSQL). */
    pgliteImage: string;
    /** Name of a migrated template database on TEST_DATABASE_URL's server ('' on PGlite). */
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-pglite-image-'));
    const database = await openDatabase({ dataDir: 'memory://', asOwner: true });
    const image = await database.image!();
    await database.close();
    const path = join(dir, 'image.tar');
    writeFileSync(path, Buffer.from(await image.arrayBuffer()));
    project.provide('pgliteImage', path);
    project.provide('pgTemplate', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `trellis_tpl_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize: 1 });
  await database.close(); // a template must have no connections while it is copied
  project.provide('pgliteImage', '');
  project.provide('pgTemplate', name);
  return async () => {
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}
