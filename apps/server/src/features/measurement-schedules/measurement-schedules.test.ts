import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementScheduleView } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';

describe('measurement schedules per program', () => {
  let t: TestApp;
  let org: TestOrg;
  let sud: ProgramFixture;
  const url = () => `/api/v1/programs/${sud.id}/measurement-schedule`;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Schedule Clinic');
    sud = await buildProgram(t.database.db, await buildSite(t.database.db, org.orgId), { name: 'SUD IOP', focus: 'substance_use' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts from the defaults for the program’s focus', async () => {
    const res = await t.as(org.staff.clinician, { method: 'GET', url: url() });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<MeasurementScheduleView>();
    expect(view.isDefault).toBe(true);
    expect(view.rules.map((r) => `${r.shortName}:${r.everyDays ?? '-'}`)).toEqual(['PHQ-9:7', 'GAD-7:7', 'AUDIT:-', 'DAST-10:-', 'BAM:7']);
  });

  it('lets setup roles change it, names bad rules, and returns to the defaults on an empty list', async () => {
    expect((await t.as(null, { method: 'PUT', url: url(), payload: {} })).statusCode).toBe(401);
    const rules = [{ instrument: 'phq-9', atAdmission: true, everyDays: 14, atDischarge: true }];
    expect((await t.as(org.staff.clinician, { method: 'PUT', url: url(), payload: { rules } })).statusCode).toBe(403);
    const bad = await t.as(org.staff.director, { method: 'PUT', url: url(), payload: { rules: [...rules, rules[0]] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({ path: 'body.rules.1.instrument', message: 'is listed twice' });
    const saved = await t.as(org.staff.director, { method: 'PUT', url: url(), payload: { rules } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<MeasurementScheduleView>()).toMatchObject({ isDefault: false, rules: [{ instrument: 'phq-9', everyDays: 14 }] });
    const back = await t.as(org.staff.admin, { method: 'PUT', url: url(), payload: { rules: [] } });
    expect(back.json<MeasurementScheduleView>().isDefault).toBe(true);
  });
});
