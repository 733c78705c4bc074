import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { startTestApp, type TestApp, type TestOrg } from '../../testing/harness.ts';
import { auditEvent, inquiry, organisation } from '../../db/schema.ts';
import { block, createSetup, createTrack, type SetupFixture } from '../setup/test-fixtures.ts';
import { seedDemo } from '../../seed/demo.ts';

const person = {
  name: 'Avery Sample',
  phone: '(555) 010-0199',
  email: 'avery.sample@example.test',
  preferredContact: 'text',
  programId: null,
  payer: 'commercial',
  message: 'Evenings work best for me.',
  consentToContact: true,
  website: '',
};

describe('the way in: public program page and request for an assessment', () => {
  let t: TestApp;
  let org: TestOrg;
  let slug: string;
  let setup: SetupFixture;
  let addresses = 0;
  /** Each test comes from its own address, so the per-address limits start clean unless a test means to reach them. */
  const fromNewAddress = () => `198.51.100.${++addresses}`;
  const anon = (options: InjectOptions) => t.as(null, options);

  beforeAll(async () => {
    t = await startTestApp({ config: { publicInquiriesPerHour: 3, publicReadsPerMinute: 6 } });
    org = await t.createOrg('Way In Clinic');
    const [row] = await t.database.db.select({ slug: organisation.slug }).from(organisation).where(eq(organisation.id, org.orgId));
    slug = row!.slug;
    setup = await createSetup(t, org, 'Main');
    const track = await createTrack(t, org.staff.director, setup.programId, 'Evening', [
      block({ weekday: 1, startTime: '18:00', endTime: '21:00', facilitatorId: org.staff.clinician.id, roomId: setup.virtualRoomId }),
      block({ weekday: 3, startTime: '18:00', endTime: '21:00' }),
      block({ weekday: 4, startTime: '18:00', endTime: '21:00', breakMinutes: 15 }),
    ]);
    expect(track.statusCode, track.body).toBe(201);
    const profile = await t.as(org.staff.director, {
      method: 'PUT',
      url: `/api/v1/programs/${setup.programId}/public-profile`,
      payload: {
        version: 1,
        publicListed: true,
        audience: 'Adults whose depression or anxiety gets in the way of work, school or home.',
        weekDescription: 'Three evenings a week: a process group, skills practice and a check-in.',
        therapies: ['Cognitive behavioural therapy', 'Dialectical behaviour therapy skills'],
        insuranceAccepted: ['Medicare', 'Medicaid'],
        typicalLengthWeeks: { min: 6, max: 8 },
      },
    });
    expect(profile.statusCode, profile.body).toBe(200);
  });
  afterAll(async () => t.close());

  async function formToken(address: string): Promise<string> {
    const res = await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/inquiry-form`, remoteAddress: address });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ formToken: string }>().formToken;
  }

  /** Opens the form, waits as a person would, and sends it. */
  async function send(payload: Record<string, unknown>, options: { address?: string; waitMinutes?: number; orgSlug?: string } = {}) {
    const address = options.address ?? fromNewAddress();
    const token = await formToken(address);
    t.clock.advanceMinutes(options.waitMinutes ?? 1);
    return anon({
      method: 'POST',
      url: `/api/v1/public/orgs/${options.orgSlug ?? slug}/inquiries`,
      payload: { formToken: token, ...payload },
      remoteAddress: address,
    });
  }

  const inquiriesNamed = async (name: string) => t.database.db.select().from(inquiry).where(eq(inquiry.name, name));

  describe('program page', () => {
    it('shows listed programs with tracks in the site’s zone, and nothing about staff, rooms or people', async () => {
      const res = await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/programs`, remoteAddress: fromNewAddress() });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const page = res.json();
      expect(page.organisation).toEqual({ name: 'Way In Clinic', slug });
      expect(page.programs).toHaveLength(1);
      expect(page.programs[0]).toMatchObject({
        name: 'Main Adult IOP',
        levelOfCare: 'iop',
        timeZone: 'America/New_York',
        siteName: 'Main Clinic',
        therapies: ['Cognitive behavioural therapy', 'Dialectical behaviour therapy skills'],
        insuranceAccepted: ['Medicare', 'Medicaid'],
        typicalLengthWeeks: { min: 6, max: 8 },
      });
      const [track] = page.programs[0].tracks;
      expect(track.name).toBe('Evening');
      expect(track.weeklyHours).toBe(8.8);
      expect(track.blocks.map((b: { weekday: number; startTime: string }) => [b.weekday, b.startTime])).toEqual([
        [1, '18:00'],
        [3, '18:00'],
        [4, '18:00'],
      ]);
      expect(res.body).not.toContain(org.staff.clinician.id);
      expect(res.body).not.toContain('meet.example.org');
      expect(res.body).not.toContain('Telehealth');
    });

    it('shows the demo organisation’s three programs with their tracks, and none of its participants', async () => {
      await t.database.db.transaction((tx) => seedDemo(tx, t.clock, { slug: 'demo-way-in', emailDomain: 'way-in.test', name: 'Demo Way In' }));
      const res = await anon({ method: 'GET', url: '/api/v1/public/orgs/demo-way-in/programs', remoteAddress: fromNewAddress() });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ programs: { name: string; tracks: unknown[]; therapies: string[] }[] }>();
      expect(page.programs.map((p) => p.name)).toEqual(['Adolescent IOP', 'Adult Mental Health IOP', 'Adult Substance Use IOP']);
      for (const p of page.programs) {
        expect(p.tracks.length).toBeGreaterThan(0);
        expect(p.therapies.length).toBeGreaterThan(0);
      }
      expect(res.body).not.toMatch(/"(givenName|familyName|dateOfBirth|participantId|facilitatorId|meetingUrl)"/);
    });

    it('leaves out programs that are not listed', async () => {
      const unlisted = await t.as(org.staff.director, {
        method: 'POST',
        url: '/api/v1/programs',
        payload: { siteId: setup.siteId, name: 'Hidden PHP', levelOfCare: 'php', population: 'adult', focus: 'mental_health' },
      });
      expect(unlisted.statusCode, unlisted.body).toBe(201);
      const res = await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/programs`, remoteAddress: fromNewAddress() });
      expect(res.json().programs.map((p: { name: string }) => p.name)).toEqual(['Main Adult IOP']);
    });

    it('answers 404 for an unknown organisation and 400 for a malformed address', async () => {
      const unknown = await anon({ method: 'GET', url: '/api/v1/public/orgs/no-such-clinic/programs', remoteAddress: fromNewAddress() });
      expect(unknown.statusCode).toBe(404);
      const bad = await anon({ method: 'GET', url: '/api/v1/public/orgs/NOT_A_SLUG/programs', remoteAddress: fromNewAddress() });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('params.orgSlug');
    });

    it('limits reads per address with 429 and Retry-After', async () => {
      const address = fromNewAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/programs`, remoteAddress: address })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
      const other = await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/programs`, remoteAddress: fromNewAddress() });
      expect(other.statusCode).toBe(200);
      t.clock.advanceMinutes(1);
      const later = await anon({ method: 'GET', url: `/api/v1/public/orgs/${slug}/programs`, remoteAddress: address });
      expect(later.statusCode).toBe(200);
    });

    it('lets only setup writers change what a program publishes, and 409s a stale version', async () => {
      const url = `/api/v1/programs/${setup.programId}/public-profile`;
      const payload = { version: 2, publicListed: true, audience: null, weekDescription: null, therapies: [], insuranceAccepted: [], typicalLengthWeeks: null };
      expect((await t.as(org.staff.intake, { method: 'PUT', url, payload })).statusCode).toBe(403);
      expect((await t.as(null, { method: 'PUT', url, payload })).statusCode).toBe(401);
      const stale = await t.as(org.staff.director, { method: 'PUT', url, payload: { ...payload, version: 1 } });
      expect(stale.statusCode).toBe(409);
      const badLength = await t.as(org.staff.director, { method: 'PUT', url, payload: { ...payload, typicalLengthWeeks: { min: 8, max: 6 } } });
      expect(badLength.statusCode).toBe(400);
      expect(badLength.json().errors[0].path).toBe('body.typicalLengthWeeks.max');
      const read = await t.as(org.staff.intake, { method: 'GET', url });
      expect(read.json()).toMatchObject({ programId: setup.programId, orgSlug: slug, version: 2 });
    });
  });

  describe('request an assessment', () => {
    it('stores a new web-form inquiry, audits it, and answers only “received”', async () => {
      const res = await send({ ...person, programId: setup.programId });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ status: 'received' });
      expect(res.headers['cache-control']).toBe('no-store');
      for (const stored of [person.name, person.phone, person.email, person.message]) expect(res.body).not.toContain(stored);
      const [row] = await inquiriesNamed(person.name);
      expect(row).toMatchObject({
        orgId: org.orgId,
        status: 'new',
        source: 'web_form',
        phone: person.phone,
        preferredContact: 'text',
        payer: 'commercial',
        programId: setup.programId,
      });
      expect(row!.consentedToContactAt).toEqual(t.clock.now());
      const [audit] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.entityId, row!.id));
      expect(audit).toMatchObject({ action: 'inquiry.create', actorId: null, orgId: org.orgId });
      // The trail records what happened, never what the person wrote.
      expect(JSON.stringify(audit!.details)).not.toContain(person.name);
    });

    it('answers 404 for an unknown organisation', async () => {
      const address = fromNewAddress();
      const token = await formToken(address);
      t.clock.advanceMinutes(1);
      const res = await anon({
        method: 'POST',
        url: '/api/v1/public/orgs/no-such-clinic/inquiries',
        payload: { ...person, formToken: token },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(404);
    });

    it.each([
      { what: 'no name', change: { name: '' }, path: 'body.name' },
      { what: 'no consent', change: { consentToContact: false }, path: 'body.consentToContact' },
      { what: 'email preferred without one', change: { preferredContact: 'email', email: '' }, path: 'body.email' },
      { what: 'an unknown payer', change: { payer: 'lottery' }, path: 'body.payer' },
      { what: 'another organisation’s or no program', change: { programId: '00000000-0000-4000-8000-000000000000' }, path: 'body.programId' },
    ])('refuses $what with 400 naming $path, storing nothing', async ({ change, path }) => {
      const name = `Refused ${path}`;
      const res = await send({ ...person, name: change.name ?? name, ...change });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].path).toBe(path);
      expect(await inquiriesNamed(name)).toHaveLength(0);
    });

    it('refuses a program that is not listed publicly', async () => {
      const hidden = await t.as(org.staff.director, {
        method: 'POST',
        url: '/api/v1/programs',
        payload: { siteId: setup.siteId, name: 'Unlisted IOP', levelOfCare: 'iop', population: 'adolescent', focus: 'mental_health' },
      });
      const res = await send({ ...person, name: 'Unlisted Asker', programId: hidden.json<{ id: string }>().id });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.programId');
    });

    it('discards a filled honeypot silently: “received”, nothing stored', async () => {
      const res = await send({ ...person, name: 'Honey Bot', website: 'https://spam.example.test' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'received' });
      expect(await inquiriesNamed('Honey Bot')).toHaveLength(0);
    });

    it.each([
      { what: 'sent within the minimum fill time', waitSeconds: 2, message: /too soon/ },
      { what: 'sent after the token expired', waitSeconds: 2 * 3600 + 1, message: /expired/ },
    ])('refuses a form $what, naming formToken', async ({ waitSeconds, message }) => {
      const address = fromNewAddress();
      const token = await formToken(address);
      t.clock.set(new Date(t.clock.now().getTime() + waitSeconds * 1000));
      const res = await anon({
        method: 'POST',
        url: `/api/v1/public/orgs/${slug}/inquiries`,
        payload: { ...person, name: 'Quick Bot', formToken: token },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path: 'body.formToken', message: expect.stringMatching(message) });
      expect(await inquiriesNamed('Quick Bot')).toHaveLength(0);
    });

    it('accepts a form at exactly the minimum fill time', async () => {
      const address = fromNewAddress();
      const token = await formToken(address);
      t.clock.set(new Date(t.clock.now().getTime() + 3000));
      const res = await anon({
        method: 'POST',
        url: `/api/v1/public/orgs/${slug}/inquiries`,
        payload: { ...person, name: 'Prompt Person', formToken: token },
        remoteAddress: address,
      });
      expect(res.statusCode, res.body).toBe(202);
    });

    it('refuses a forged token, and another organisation’s token', async () => {
      const address = fromNewAddress();
      const token = await formToken(address);
      t.clock.advanceMinutes(1);
      const [issuedAt] = token.split('.');
      const forged = `${Number(issuedAt) - 60_000}.${token.split('.')[1]}`;
      const other = await t.createOrg('Other Clinic');
      const [row] = await t.database.db.select({ slug: organisation.slug }).from(organisation).where(eq(organisation.id, other.orgId));
      for (const [orgSlug, formToken] of [
        [slug, forged],
        [row!.slug, token],
      ] as const) {
        const res = await anon({ method: 'POST', url: `/api/v1/public/orgs/${orgSlug}/inquiries`, payload: { ...person, formToken }, remoteAddress: address });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0].path).toBe('body.formToken');
      }
    });

    it('limits requests per address with 429, bad ones included', async () => {
      const address = fromNewAddress();
      const statuses: number[] = [];
      statuses.push((await send({ ...person, name: '' }, { address })).statusCode);
      statuses.push((await send({ ...person, name: 'Limit One' }, { address })).statusCode);
      statuses.push((await send({ ...person, name: 'Limit Two' }, { address })).statusCode);
      const refused = await send({ ...person, name: 'Limit Three' }, { address });
      expect(statuses).toEqual([400, 202, 202]);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(await inquiriesNamed('Limit Three')).toHaveLength(0);
      expect((await send({ ...person, name: 'Another Address' })).statusCode).toBe(202);
    });

    it('refuses a browser’s cross-site post', async () => {
      const address = fromNewAddress();
      const token = await formToken(address);
      t.clock.advanceMinutes(1);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/orgs/${slug}/inquiries`,
        payload: { ...person, name: 'Cross Site', formToken: token },
        headers: { origin: 'https://elsewhere.example.test', 'sec-fetch-site': 'cross-site' },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(403);
      expect(await inquiriesNamed('Cross Site')).toHaveLength(0);
    });
  });
});
