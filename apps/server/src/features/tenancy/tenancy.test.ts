/**
 * Organisations are tenants. Two full demo organisations; every user of one tries to read, list, count and change
 * the other's records through every route. Nothing of the other may be seen or changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/index.ts';
import { seedDemo, DEMO_PASSWORD } from '../../seed/demo.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

const TENANT_TABLES = [
  'site',
  'room',
  'program',
  'staff_program',
  'track',
  'track_block',
  'participant',
  'episode',
  'track_membership',
  'session',
  'attendance',
  'audit_event',
  'app_user',
  'staff_name_history',
  'outbox_message',
  'measure_response',
  'safety_alert',
  'inquiry',
  'appointment',
  'clinician_availability',
  'clinician_hours_rule',
  'clinician_exception',
  'participant_unavailability',
  'participant_unavailability_rule',
  'participant_unavailability_exception',
  'clinical_note',
  'group_note',
  'treatment_plan_version',
  'treatment_plan_signature',
  'plan_review',
  'plan_review_progress',
  'certification',
  'intake_assessment',
  'intake_assessment_addendum',
];


describe('tenant isolation', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const cookies: Record<string, string> = {};
  let idsOfB: Record<string, string[]> = {};
  let namesOfB: string[] = [];

  async function snapshotOf(orgId: string): Promise<Record<string, string>> {
    const snapshot: Record<string, string> = {};
    for (const table of TENANT_TABLES) {
      const [row] = rowsOf<{ n: string; h: string | null }>(
        await t.database.db.execute(
          sql.raw(`select count(*)::text as n, md5(string_agg(x::text, '|' order by x::text)) as h from ${table} x where org_id = '${orgId}'`),
        ),
      );
      snapshot[table] = `${row?.n}:${row?.h}`;
    }
    return snapshot;
  }

  async function ids(table: string, orgId: string): Promise<string[]> {
    return rowsOf<{ id: string }>(await t.database.db.execute(sql.raw(`select id::text as id from ${table} where org_id = '${orgId}'`))).map((r) => r.id);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: new Date().toISOString() });
    orgA = (await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'org-a', emailDomain: 'a.test', name: 'Clinic A' }))).orgId;
    orgB = (await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'org-b', emailDomain: 'b.test', name: 'Clinic B', randomSeed: 7 }))).orgId;
    for (const role of ['director', 'clinician', 'prescriber', 'intake', 'biller', 'admin']) {
      cookies[role] = await t.signIn(`${role}@a.test`, DEMO_PASSWORD);
    }
    // A's adolescent's guardian (the demo's family-portal guardian), for the guardian routes that take a member's id.
    cookies.guardian = await t.signIn('guardian@a.test', DEMO_PASSWORD);
    // The demo has no measures yet: give B one response with a safety alert, so the alert routes are tried too.
    await t.database.db.execute(sql`
      with e as (select id, participant_id from episode where org_id = ${orgB} limit 1),
           u as (select id from app_user where org_id = ${orgB} and role = 'clinician' limit 1),
           r as (insert into measure_response (org_id, episode_id, participant_id, instrument_id, answers, total, subscales, band_id, flags, administered_at, entered_by, source)
                 select ${orgB}, e.id, e.participant_id, 'phq-9', '{}'::jsonb, 1, '{}'::jsonb, 'minimal', '[]'::jsonb, now(), u.id, 'staff' from e, u
                 returning id, episode_id, participant_id)
      insert into safety_alert (org_id, participant_id, episode_id, response_id, kind, created_at)
      select ${orgB}, r.participant_id, r.episode_id, r.id, 'phq9-item9', now() from r`);
    // The demo has no notes: give B a draft, so the note routes are walked too.
    await t.database.db.execute(sql`
      insert into clinical_note (org_id, episode_id, participant_id, part2, kind, format, starts_at, ends_at, sections, author_id)
      select e.org_id, e.id, e.participant_id, e.part2, 'individual', 'dap', now() - interval '2 hours', now() - interval '1 hour',
             '{"data":"","assessment":"","plan":""}'::jsonb, u.id
        from episode e, app_user u
       where e.org_id = ${orgB} and u.org_id = ${orgB} and u.role = 'clinician' and not e.part2
       limit 1`);
    // The demo has no intake assessments: give B a draft, so the assessment routes are walked too.
    await t.database.db.execute(sql`
      insert into intake_assessment (org_id, episode_id, participant_id, part2, content, author_id)
      select e.org_id, e.id, e.participant_id, e.part2, '{}'::jsonb, u.id
        from episode e, app_user u
       where e.org_id = ${orgB} and u.org_id = ${orgB} and u.role = 'clinician'
       limit 1`);
    // The demo has no closures: give B one, so the closure routes are walked too.
    await t.database.db.execute(sql`insert into site_closure (org_id, site_id, from_date, to_date, reason)
      select org_id, id, '2026-12-25', '2026-12-25', 'Christmas' from site where org_id = ${orgB} limit 1`);
    // The demo has no appointments: give B one, so the appointment routes are walked too.
    await t.database.db.execute(sql`insert into appointment (org_id, kind, participant_id, episode_id, clinician_id, site_id, starts_at, ends_at, local_date, booked_by)
      select e.org_id, 'individual', e.participant_id, e.id, u.id, pr.site_id, '2026-12-01T15:00:00Z', '2026-12-01T15:53:00Z', '2026-12-01', u.id
        from episode e join program pr on pr.org_id = e.org_id and pr.id = e.program_id
        join app_user u on u.org_id = e.org_id and u.role = 'clinician'
       where e.org_id = ${orgB} and e.status = 'active' limit 1`);
    // Nor schedule runs: give B one (queued), so the run routes are walked too.
    await t.database.db.execute(sql`insert into schedule_run (org_id, week_monday, requested_by)
      select org_id, '2026-12-07', id from app_user where org_id = ${orgB} and role = 'director' limit 1`);
    idsOfB = {
      scheduleRun: await ids('schedule_run', orgB),
      appointment: await ids('appointment', orgB),
      safetyAlert: await ids('safety_alert', orgB),
      site: await ids('site', orgB),
      closure: await ids('site_closure', orgB),
      room: await ids('room', orgB),
      program: await ids('program', orgB),
      track: await ids('track', orgB),
      participant: await ids('participant', orgB),
      episode: await ids('episode', orgB),
      session: await ids('session', orgB),
      inquiry: await ids('inquiry', orgB),
      note: await ids('clinical_note', orgB),
      intakeAssessment: await ids('intake_assessment', orgB),
      familyMember: await ids('family_member', orgB),
      staff: rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from app_user where org_id = ${orgB}`)).map((r) => r.id),
    };
    // Names of B's participants that no participant of A shares (both are synthetic and may coincide).
    const names = async (orgId: string) =>
      rowsOf<{ name: string }>(
        await t.database.db.execute(sql`select given_name || ' ' || family_name as name from participant where org_id = ${orgId}`),
      ).map((r) => r.name);
    // A's names as shown, too: a preferred name can make an A participant's displayed name one of B's legal names.
    const shownNames = async (orgId: string) =>
      rowsOf<{ name: string }>(
        await t.database.db.execute(sql`select coalesce(preferred_name, given_name) || ' ' || family_name as name from participant where org_id = ${orgId}`),
      ).map((r) => r.name);
    const namesOfA = new Set([...(await names(orgA)), ...(await shownNames(orgA))]);
    namesOfB = (await names(orgB)).filter((n) => !namesOfA.has(n));
    expect(namesOfB.length).toBeGreaterThan(20);
  }, 240_000);
  afterAll(async () => t.close());

  const allIdsOfB = () => Object.values(idsOfB).flat();

  /** The id of B to put in a route's `:id`, by what the route is about. */
  function idFor(url: string): string[] {
    const kind = url.split('/')[3]; // /api/v1/<kind>/:id
    const map: Record<string, string> = {
      sites: 'site',
      rooms: 'room',
      programs: 'program',
      tracks: 'track',
      participants: 'participant',
      episodes: 'episode',
      sessions: 'session',
      closures: 'closure',
      'staff-accounts': 'staff',
      'safety-alerts': 'safetyAlert',
      inquiries: 'inquiry',
      staff: 'staff',
      appointments: 'appointment',
      notes: 'note',
      'intake-assessments': 'intakeAssessment',
      'schedule-runs': 'scheduleRun',
      // /v1/family/guardian/family-members/:id/…: walked with A's guardian sign-in too (below).
      family: 'familyMember',
    };
    const ids = idsOfB[map[kind ?? ''] ?? ''];
    if (!ids?.length) throw new Error(`no ids of org B for ${url}`);
    return ids.slice(0, 3);
  }

  it('answers 404 to every route with another organisation’s id, for every role, and changes nothing', async () => {
    const before = await snapshotOf(orgB);
    const withIds = t.routes.filter((r) => r.url.includes(':id'));
    expect(withIds.length).toBeGreaterThan(8);
    const leaks: string[] = [];
    for (const route of withIds) {
      for (const id of idFor(route.url)) {
        for (const [role, cookie] of Object.entries(cookies)) {
          const body = route.method === 'GET' ? undefined : { version: 1, reason: 'test', name: 'x', entries: [], trackId: idsOfB.track![0], fromDate: '2026-01-05', dischargedOn: '2026-01-05', disposition: 'completed', programId: idsOfB.program![0], admittedOn: '2026-01-05', primaryClinicianId: idsOfB.staff![0], blocks: [], active: true, action: 'contacted' };
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: route.url.replace(':id', id),
            headers: { cookie },
            ...(body ? { payload: body } : {}),
          });
          // 404 (unknown here), or 403 for a role that may not use the route at all; 400 when the body is refused first.
          if (![400, 403, 404].includes(res.statusCode)) leaks.push(`${role} ${route.method} ${route.url} → ${res.statusCode}`);
          if (res.statusCode === 403 || res.statusCode === 400) {
            // A refusal must not be about the record: the same call with a random id answers the same way.
            const control = await t.app.inject({
              method: route.method as 'GET',
              url: route.url.replace(':id', '00000000-0000-4000-8000-000000000000'),
              headers: { cookie },
              ...(body ? { payload: body } : {}),
            });
            if (control.statusCode !== res.statusCode) leaks.push(`${role} ${route.method} ${route.url}: ${res.statusCode} differs from unknown id ${control.statusCode}`);
          }
          for (const other of namesOfB) if (res.body.includes(other)) leaks.push(`${role} ${route.method} ${route.url} shows ${other}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOf(orgB)).toEqual(before);
  }, 240_000);

  it('never lists or counts another organisation’s records, even when filtering by their ids', async () => {
    // The alert stream never ends, so inject cannot read it; alert-stream.test.ts opens it as another organisation.
    const lists = t.routes.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':') && r.url !== '/api/v1/safety-alerts/stream',
    );
    expect(lists.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/v1/participants', '/api/v1/census', '/api/v1/sessions', '/api/v1/audit']));
    const filters = [
      '',
      `?programId=${idsOfB.program![0]}`,
      `?trackId=${idsOfB.track![0]}`,
      `?siteId=${idsOfB.site![0]}`,
      `?participantId=${idsOfB.participant![0]}`,
      `?clinicianId=${idsOfB.staff![1]}`,
      `?userId=${idsOfB.staff![0]}`,
      '?from=2026-11-16&to=2026-11-29',
      '?q=a&status=all',
    ];
    const leaks: string[] = [];
    for (const route of lists) {
      for (const filter of filters) {
        for (const [role, cookie] of Object.entries(cookies)) {
          const res = await t.app.inject({ method: 'GET', url: `${route.url}${filter}`, headers: { cookie } });
          if (res.statusCode >= 500) leaks.push(`${role} ${route.url}${filter} → ${res.statusCode}`);
          for (const id of allIdsOfB()) if (res.body.includes(id)) leaks.push(`${role} ${route.url}${filter} shows id ${id}`);
          for (const other of namesOfB) if (res.body.includes(other)) leaks.push(`${role} ${route.url}${filter} shows ${other}`);
          if (route.url === '/api/v1/census' && filter.includes(idsOfB.program![0]!) && res.statusCode === 200) {
            const counts = res.json().counts as Record<string, number>;
            if (Object.values(counts).some((n) => n > 0)) leaks.push(`${role} census counts B's program`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 240_000);

  it('refuses to create records that point into another organisation', async () => {
    const director = cookies.director!;
    const before = await snapshotOf(orgB);
    const [participantOfA] = await ids('participant', orgA);
    const attempts = [
      { url: '/api/v1/rooms', payload: { siteId: idsOfB.site![0], name: 'Sneaky Room', kind: 'physical', capacity: 10 } },
      { url: '/api/v1/programs', payload: { siteId: idsOfB.site![0], name: 'Sneaky Program', levelOfCare: 'iop', population: 'adult', focus: 'mental_health' } },
      { url: '/api/v1/tracks', payload: { programId: idsOfB.program![0], name: 'Sneaky Track', blocks: [] } },
      { url: '/api/v1/sessions', payload: { trackId: idsOfB.track![0], localDate: '2026-12-01', startTime: '10:00', endTime: '11:00', title: 'Sneaky', kind: 'skills' } },
      {
        url: `/api/v1/participants/${participantOfA}/episodes`,
        payload: { programId: idsOfB.program![0], trackId: idsOfB.track![0], admittedOn: '2026-11-23', primaryClinicianId: idsOfB.staff![0] },
      },
    ];
    for (const attempt of attempts) {
      const res = await t.app.inject({ method: 'POST', url: attempt.url, headers: { cookie: director }, payload: attempt.payload });
      expect([400, 404, 422], `${attempt.url} answered ${res.statusCode}`).toContain(res.statusCode);
    }
    expect(await snapshotOf(orgB)).toEqual(before);
  });
});
