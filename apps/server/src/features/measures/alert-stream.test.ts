import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMeasure } from '@trellis/core';
import { startTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { openDatabase, type Database } from '../../db/index.ts';
import { episode, participant } from '../../db/schema.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, type ProgramFixture } from '../ledger/fixtures.ts';
import { parseAlertNotice } from './alert-stream.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
/** How long a pushed alert may take to arrive (the issue asks for seconds). */
// The product promises an alert within seconds (the e2e goal is 5 s); under CI load on 2 cores delivery can pass 2 s.
const DELIVERY_MS = 5_000;

const phq9 = (item9: number) => Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, 0]), ['q9', item9]]);
let keys = 0;

interface SseEvent {
  event: string;
  data: string;
}

interface Stream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: number;
  ended: boolean;
  until(ready: () => boolean, ms?: number): Promise<boolean>;
  close(): void;
}

/** Opens the alert stream over real HTTP and collects its events as they arrive. */
async function openStream(base: string, cookie: string | null): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/safety-alerts/stream`, { headers: cookie ? { cookie } : {}, signal: abort.signal });
  const stream: Stream = {
    status: res.status,
    headers: res.headers,
    events: [],
    comments: 0,
    ended: false,
    async until(ready, ms = DELIVERY_MS) {
      const deadline = Date.now() + ms;
      while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return ready();
    },
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) {
    stream.ended = true;
    await res.body?.cancel();
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n');
          if (lines.every((l) => l.startsWith(':'))) stream.comments += 1;
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event && data) stream.events.push({ event, data });
        }
      }
    } catch {
      // aborted by the test
    }
    stream.ended = true;
  })();
  return stream;
}

describe('safety alerts pushed to open pages (Server-Sent Events)', () => {
  let t: TestApp;
  let base: string;
  let org: TestOrg;
  let mh: ProgramFixture;
  let sudClinician: TestStaff;
  let otherOrgDirector: TestStaff;
  let episodeId: string;

  async function enterRiskAnswer(): Promise<string> {
    const res = await t.as(org.staff.prescriber, {
      method: 'POST',
      url: `/api/v1/episodes/${episodeId}/measures`,
      payload: { instrument: 'phq-9', answers: phq9(2) },
      headers: { 'idempotency-key': `stream-key-${++keys}-abcdef` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const alertId = res.json<StoredMeasure>().safetyAlertId;
    expect(alertId).toBeTruthy();
    return alertId!;
  }

  const alertEvents = (s: Stream) => s.events.filter((e) => e.event === 'safety-alert').map((e) => JSON.parse(e.data) as unknown);
  const openCount = (s: Stream) => s.events.find((e) => e.event === 'open-count');

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Stream Clinic');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    mh = await buildProgram(db, site, { name: 'Adult Mental Health IOP' });
    const sud = await buildProgram(db, site, { name: 'Adult Substance Use IOP', focus: 'substance_use' });
    for (const s of [org.staff.director, org.staff.clinician, org.staff.prescriber]) await assignToProgram(db, org.orgId, s.id, mh.id);
    const email = 'sud.clinician@stream.test';
    const id = await createStaff(db, { orgId: org.orgId, name: 'SUD clinician', email, role: 'clinician', password: TEST_PASSWORD });
    sudClinician = { id, email, role: 'clinician', cookie: await t.signIn(email) };
    await assignToProgram(db, org.orgId, id, sud.id);
    const [p] = await db
      .insert(participant)
      .values({ orgId: org.orgId, givenName: 'Gus', familyName: 'Stream', dateOfBirth: '1990-02-03' })
      .returning({ id: participant.id });
    const [e] = await db
      .insert(episode)
      .values({ orgId: org.orgId, participantId: p!.id, programId: mh.id, part2: false, admittedOn: '2026-11-02', primaryClinicianId: org.staff.clinician.id })
      .returning({ id: episode.id });
    episodeId = e!.id;
    otherOrgDirector = (await t.createOrg('Other Clinic')).staff.director;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses an anonymous caller with 401 and a role without the permission with 403', async () => {
    expect((await openStream(base, null)).status).toBe(401);
    expect((await openStream(base, org.staff.biller.cookie)).status).toBe(403);
  });

  it('sends the open count on connect, then the id of a new alert to the clinician within seconds, and nothing to staff who may not see it', async () => {
    const clinician = await openStream(base, org.staff.clinician.cookie);
    const outsider = await openStream(base, sudClinician.cookie);
    // A director of another organisation would see every alert of a program without a supervisor — of their own.
    const otherOrg = await openStream(base, otherOrgDirector.cookie);
    try {
      expect(clinician.status).toBe(200);
      expect(clinician.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(clinician.headers.get('cache-control')).toBe('no-store');
      expect(await clinician.until(() => !!openCount(clinician))).toBe(true);
      expect(await outsider.until(() => !!openCount(outsider))).toBe(true);
      const before = (JSON.parse(openCount(clinician)!.data) as { count: number }).count;

      const alertId = await enterRiskAnswer();
      expect(await clinician.until(() => alertEvents(clinician).length > 0)).toBe(true);
      // Ids only: no name, score or answer travels on the stream.
      expect(alertEvents(clinician)).toEqual([{ alertId }]);
      // Give the outsider's stream the same chance to (wrongly) receive it.
      await outsider.until(() => alertEvents(outsider).length > 0, 500);
      expect(alertEvents(outsider)).toEqual([]);
      expect(await otherOrg.until(() => !!openCount(otherOrg))).toBe(true);
      expect(JSON.parse(openCount(otherOrg)!.data)).toEqual({ count: 0 });
      expect(alertEvents(otherOrg)).toEqual([]);

      // A reconnect learns the new count.
      const again = await openStream(base, org.staff.clinician.cookie);
      expect(await again.until(() => !!openCount(again))).toBe(true);
      expect(JSON.parse(openCount(again)!.data)).toEqual({ count: before + 1 });
      again.close();

      // An acknowledgement by the supervisor tells the clinician's page to drop it.
      const ack = await t.as(org.staff.director, {
        method: 'POST',
        url: `/api/v1/safety-alerts/${alertId}/acknowledgement`,
        payload: { action: 'contacted' },
      });
      expect(ack.statusCode, ack.body).toBe(200);
      const acknowledged = () => clinician.events.filter((e) => e.event === 'safety-alert-acknowledged').map((e) => JSON.parse(e.data) as unknown);
      expect(await clinician.until(() => acknowledged().length > 0)).toBe(true);
      expect(acknowledged()).toEqual([{ alertId }]);
      expect(alertEvents(outsider)).toEqual([]);
    } finally {
      clinician.close();
      outsider.close();
      otherOrg.close();
    }
  });

  it('closes the stream at the next check once its session is signed out', async () => {
    const cookie = await t.signIn(org.staff.director.email);
    const stream = await openStream(base, cookie);
    try {
      expect(await stream.until(() => !!openCount(stream))).toBe(true);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin: TEST_ORIGIN } });
      expect(out.statusCode, out.body).toBe(200);
      await enterRiskAnswer();
      expect(await stream.until(() => stream.ended)).toBe(true);
      expect(alertEvents(stream)).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('ignores a payload that is not an alert notice', () => {
    expect(parseAlertNotice('not json')).toBeNull();
    expect(parseAlertNotice(JSON.stringify({ orgId: 'x', alertId: 'y', episodeId: 'z' }))).toBeNull();
    const id = '00000000-0000-4000-8000-000000000001';
    expect(parseAlertNotice(JSON.stringify({ orgId: id, alertId: id, episodeId: id }))).toEqual({ orgId: id, alertId: id, episodeId: id, acknowledged: false });
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('delivers an alert raised through one app process to a stream open on another on the same database', async () => {
    const target = new URL(process.env.TEST_DATABASE_URL!);
    target.pathname = `/${(t.database as unknown as { name: string }).name}`;
    const second: Database = await openDatabase({ url: target.toString(), poolSize: 2 });
    const { app: appB } = await buildApp({ db: second.db, dbKind: 'postgres', clock: t.clock, config: testConfig() });
    try {
      const baseB = await appB.listen({ port: 0, host: '127.0.0.1' });
      const stream = await openStream(baseB, org.staff.clinician.cookie);
      try {
        expect(stream.status).toBe(200);
        expect(await stream.until(() => !!openCount(stream))).toBe(true);
        const alertId = await enterRiskAnswer();
        expect(await stream.until(() => alertEvents(stream).length > 0)).toBe(true);
        expect(alertEvents(stream)).toEqual([{ alertId }]);
      } finally {
        stream.close();
      }
    } finally {
      await appB.close();
      await second.close();
    }
  });
});
