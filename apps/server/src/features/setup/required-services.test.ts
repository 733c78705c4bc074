import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { createSetup, latestAudit, type SetupFixture } from './test-fixtures.ts';

describe('a program’s required services', () => {
  let t: TestApp;
  let org: TestOrg;
  let mine: SetupFixture;
  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Services Clinic');
    mine = await createSetup(t, org, 'Main');
  });
  afterAll(async () => t.close());

  const patch = (payload: Record<string, unknown>, who: keyof TestOrg['staff'] = 'director') =>
    t.as(org.staff[who], { method: 'PATCH', url: `/api/v1/programs/${mine.programId}`, payload });
  const current = async () =>
    (await t.as(org.staff.director, { method: 'GET', url: '/api/v1/programs' })).json<{ items: { id: string; requiredServices: unknown; version: number }[] }>().items.find((p) => p.id === mine.programId)!;

  it('starts unset (the default applies), is set, audited, and set back to the default with null', async () => {
    expect((await current()).requiredServices).toBeNull();
    const lines = [
      { kind: 'individual', count: 1, everyWeeks: 1 },
      { kind: 'psychiatry', count: 1, everyWeeks: 4 },
      { kind: 'family', count: 1, everyWeeks: 2 },
    ];
    const set = await patch({ version: (await current()).version, requiredServices: lines });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().requiredServices).toEqual(lines);
    expect(await current()).toMatchObject({ requiredServices: lines });
    expect(await latestAudit(t, org.orgId)).toMatchObject({ action: 'setup.update', entityType: 'program', details: { fields: ['requiredServices'] } });

    // The same lines again change nothing worth naming.
    const same = await patch({ version: set.json().version, requiredServices: lines });
    expect(same.statusCode).toBe(200);
    expect(await latestAudit(t, org.orgId)).toMatchObject({ details: { fields: [] } });

    const none = await patch({ version: same.json().version, requiredServices: [] });
    expect(none.json().requiredServices).toEqual([]);
    const reset = await patch({ version: none.json().version, requiredServices: null });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().requiredServices).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a count of 0', [{ kind: 'individual', count: 0, everyWeeks: 1 }], 'body.requiredServices.0.count'],
    ['every 13 weeks', [{ kind: 'individual', count: 1, everyWeeks: 13 }], 'body.requiredServices.0.everyWeeks'],
    ['half a session', [{ kind: 'family', count: 1.5, everyWeeks: 1 }], 'body.requiredServices.0.count'],
    ['an unknown kind', [{ kind: 'massage', count: 1, everyWeeks: 1 }], 'body.requiredServices.0.kind'],
    [
      'the same kind twice',
      [
        { kind: 'individual', count: 1, everyWeeks: 1 },
        { kind: 'individual', count: 2, everyWeeks: 1 },
      ],
      'body.requiredServices.1.kind',
    ],
    ['not a list', { kind: 'individual' }, 'body.requiredServices'],
  ])('refuses %s naming the field (400)', async (_name, requiredServices, path) => {
    const res = await patch({ version: (await current()).version, requiredServices });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is setup for directors and admins only (403 for a clinician)', async () => {
    const res = await patch({ version: (await current()).version, requiredServices: null }, 'clinician');
    expect(res.statusCode).toBe(403);
  });
});
