/**
 * Clinical notes through the API, on PGlite and PostgreSQL: drafts, stale saves, signing (locked, hashed, late
 * entries), addenda, co-signature by the supervisor only, batch signing, private notes and the Part 2 rule — and a
 * signed note that the app's own database role cannot change.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, appUser } from '../../db/schema.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../../testing/harness.ts';
import { createStaff } from '../organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../ledger/fixtures.ts';

// Wednesday 18 November 2026, 10:00 in New York.
const NOW = '2026-11-18T15:00:00Z';
const dap = { data: 'Reported sleeping five hours; PHQ-9 today 12.', assessment: 'Mood improving slowly.', plan: 'Continue weekly; sleep diary.' };

/** Runs SQL as the tables' owner (what someone with the owner's password could do), on either database. */
async function asOwner(t: TestApp, text: string): Promise<void> {
  if (t.database.kind === 'pglite') {
    const client = (t.database.db as unknown as { $client: PGlite }).$client;
    await client.exec('reset role');
    try {
      await client.exec(text);
    } finally {
      await client.exec('set role trellis_app');
    }
    return;
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${(t.database as unknown as { name: string }).name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('clinical notes', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let mh: ProgramFixture;
  let sudClinician: TestStaff;
  let intern: TestStaff;
  let peer: TestStaff;
  let mhEpisode: { id: string; participantId: string };
  let sudEpisode: { id: string; participantId: string };
  let otherEpisode: { id: string; participantId: string };

  async function staff(role: 'clinician', email: string, programId: string, extra: { supervisorId?: string; preLicensed?: boolean } = {}) {
    const id = await createStaff(t.database.db, { orgId: org.orgId, name: email.split('@')[0]!, email, role, password: TEST_PASSWORD });
    await t.database.db
      .update(appUser)
      .set({ supervisorId: extra.supervisorId ?? null, preLicensed: extra.preLicensed ?? false })
      .where(eq(appUser.id, id));
    await assignToProgram(t.database.db, org.orgId, id, programId);
    return { id, email, role, cookie: await t.signIn(email) } satisfies TestStaff;
  }

  async function admit(as: TestStaff, prog: ProgramFixture, trackId: string, clinicianId: string, name: string) {
    const p = await t.as(as, { method: 'POST', url: '/api/v1/participants', payload: { givenName: name, familyName: 'Synthetic', dateOfBirth: '1990-04-12' } });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(as, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: prog.id, trackId, admittedOn: '2026-11-02', primaryClinicianId: clinicianId },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const draft = (as: TestStaff | null, episodeId: string, payload: object) =>
    t.as(as, { method: 'POST', url: `/api/v1/episodes/${episodeId}/notes`, payload });
  const save = (as: TestStaff | null, id: string, payload: object) => t.as(as, { method: 'PUT', url: `/api/v1/notes/${id}`, payload });
  const sign = (as: TestStaff | null, id: string, version: number) =>
    t.as(as, { method: 'POST', url: `/api/v1/notes/${id}/sign`, payload: { version } });
  const read = (as: TestStaff | null, id: string) => t.as(as, { method: 'GET', url: `/api/v1/notes/${id}` });
  const list = (as: TestStaff | null, episodeId: string) => t.as(as, { method: 'GET', url: `/api/v1/episodes/${episodeId}/notes` });
  const paths = (res: { json: () => { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);
  const individual = (sections: object = dap, extra: object = {}) => ({
    kind: 'individual',
    format: 'dap',
    startsAt: '2026-11-18T14:00:00Z',
    endsAt: '2026-11-18T14:50:00Z',
    sections,
    ...extra,
  });
  async function signedNote(as: TestStaff = org.staff.clinician, episodeId = mhEpisode.id) {
    const created = await draft(as, episodeId, individual());
    expect(created.statusCode, created.body).toBe(201);
    const res = await sign(as, created.json<{ id: string }>().id, 1);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string; version: number; contentHash: string }>();
  }
  const denials = async (entityId: string) =>
    (await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'access.denied'), eq(auditEvent.entityId, entityId)))).length;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Notes Org');
    other = await t.createOrg('Other Org');
    const db = t.database.db;
    const s = await buildSite(db, org.orgId);
    mh = await buildProgram(db, s, { focus: 'mental_health' });
    const sud = await buildProgram(db, s, { focus: 'substance_use' });
    const mhTrack = await buildTrack(db, mh);
    const sudTrack = await buildTrack(db, sud);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    sudClinician = await staff('clinician', 'sud@notes.test', sud.id);
    intern = await staff('clinician', 'intern@notes.test', mh.id, { supervisorId: org.staff.clinician.id, preLicensed: true });
    peer = await staff('clinician', 'peer@notes.test', mh.id);
    mhEpisode = await admit(org.staff.director, mh, mhTrack.id, org.staff.clinician.id, 'Avery');
    sudEpisode = await admit(sudClinician, sud, sudTrack.id, sudClinician.id, 'Blake');
    const os = await buildSite(db, other.orgId);
    const op = await buildProgram(db, os);
    otherEpisode = await admit(other.staff.director, op, (await buildTrack(db, op)).id, other.staff.clinician.id, 'Casey');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses anyone not signed in before looking at the body', async () => {
    expect((await draft(null, mhEpisode.id, { kind: 42 })).statusCode).toBe(401);
    expect((await save(null, mhEpisode.id, { version: 'x' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: '/api/v1/notes/sign', payload: {} })).statusCode).toBe(401);
  });

  it('starts a draft with the format’s sections, and names bad fields', async () => {
    const res = await draft(org.staff.clinician, mhEpisode.id, individual({ data: 'Reported…' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'individual',
      status: 'draft',
      format: 'dap',
      durationMinutes: 50,
      timeZone: 'America/New_York',
      sections: { data: 'Reported…', assessment: '', plan: '' },
      contentHash: null,
      cosignature: null,
      version: 1,
      author: { id: org.staff.clinician.id },
    });
    expect(paths(await draft(org.staff.clinician, mhEpisode.id, individual({ behavior: 'x' })))).toEqual(['body.sections.behavior']);
    expect(paths(await draft(org.staff.clinician, mhEpisode.id, individual(dap, { endsAt: '2026-11-18T13:00:00Z' })))).toEqual(['body.endsAt']);
    expect(paths(await draft(org.staff.clinician, mhEpisode.id, individual(dap, { kind: 'group' })))).toEqual(['body.kind']);
    const sud = await draft(org.staff.clinician, mhEpisode.id, individual(dap, { privacy: 'sud_counseling' }));
    expect(sud.statusCode).toBe(422);
    expect(paths(sud)).toEqual(['body.privacy']);
    expect((await draft(org.staff.intake, mhEpisode.id, individual())).statusCode).toBe(403);
  });

  it('a second clinician saving a stale draft gets 409 and keeps nothing of it', async () => {
    const id = (await draft(org.staff.clinician, mhEpisode.id, individual())).json<{ id: string }>().id;
    const first = await save(org.staff.director, id, { version: 1, sections: { plan: 'Director’s plan' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, sections: { plan: 'Director’s plan', data: dap.data } });
    const second = await save(org.staff.clinician, id, { version: 1, sections: { plan: 'Clinician’s plan' } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ title: 'Changed by someone else' });
    expect((await read(org.staff.clinician, id)).json()).toMatchObject({ sections: { plan: 'Director’s plan' }, version: 2 });
  });

  it('signs only a complete draft, by its author; the signed note is locked, hashed and takes addenda only', async () => {
    const id = (await draft(org.staff.clinician, mhEpisode.id, individual({ ...dap, plan: ' ' }))).json<{ id: string }>().id;
    const incomplete = await sign(org.staff.clinician, id, 1);
    expect(incomplete.statusCode).toBe(422);
    expect(paths(incomplete)).toEqual(['body.sections.plan']);
    await save(org.staff.clinician, id, { version: 1, sections: { plan: dap.plan } });
    const notAuthor = await sign(org.staff.director, id, 2);
    expect(notAuthor.statusCode).toBe(422);
    expect(paths(notAuthor)).toEqual(['body.author']);

    const signed = await sign(org.staff.clinician, id, 2);
    expect(signed.statusCode, signed.body).toBe(200);
    const note = signed.json();
    expect(note).toMatchObject({ status: 'signed', signedAt: NOW.replace('Z', '.000Z'), lateEntry: false, cosignature: 'not_required', intact: true });
    expect(note.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const edit = await save(org.staff.clinician, id, { version: 3, sections: { plan: 'Changed' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toMatch(/signed note cannot be changed.*addendum/i);
    expect((await sign(org.staff.clinician, id, 3)).statusCode).toBe(409);

    const addendum = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/notes/${id}/addenda`, payload: { text: 'Correction: PHQ-9 was 13.' } });
    expect(addendum.statusCode, addendum.body).toBe(201);
    expect(addendum.json()).toMatchObject({
      contentHash: note.contentHash,
      sections: note.sections,
      addenda: [{ text: 'Correction: PHQ-9 was 13.', author: { id: org.staff.director.id }, writtenAt: NOW.replace('Z', '.000Z') }],
    });
    expect(paths(await t.as(org.staff.director, { method: 'POST', url: `/api/v1/notes/${id}/addenda`, payload: { text: '  ' } }))).toEqual(['body.text']);
  });

  it('an addendum is for signed notes only', async () => {
    const id = (await draft(org.staff.clinician, mhEpisode.id, individual())).json<{ id: string }>().id;
    const res = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/notes/${id}/addenda`, payload: { text: 'x' } });
    expect(res.statusCode).toBe(409);
  });

  it('a note signed after the program’s deadline is a late entry, labelled with when it was signed', async () => {
    const created = await draft(org.staff.clinician, mhEpisode.id, individual(dap, { startsAt: '2026-11-16T15:00:00Z', endsAt: '2026-11-16T15:50:00Z' }));
    const res = await sign(org.staff.clinician, created.json<{ id: string }>().id, 1);
    expect(res.json()).toMatchObject({ lateEntry: true, signedAt: '2026-11-18T15:00:00.000Z' });
  });

  describe('in the database', () => {
    const refusal = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (error) {
        return String((error as { cause?: unknown }).cause ?? error);
      }
      return 'no error';
    };

    it('a signed note cannot be changed or removed even by an SQL statement from the app’s role', async () => {
      const note = await signedNote();
      const db = t.deps.db;
      expect(await refusal(db.execute(sql`update clinical_note set sections = '{"data":"x"}'::jsonb where id = ${note.id}`))).toMatch(/immutable/);
      expect(await refusal(db.execute(sql`update clinical_note set status = 'draft', signed_at = null, content_hash = null where id = ${note.id}`))).toMatch(/immutable/);
      expect(await refusal(db.execute(sql`update clinical_note set cosigned_by = ${org.staff.director.id}, cosigned_at = now(), cosign_attestation = 'x' where id = ${note.id}`))).toMatch(/clinical_note_cosign_check/);
      expect(await refusal(db.execute(sql`delete from clinical_note where id = ${note.id}`))).toMatch(/permission denied|never deleted/);
      expect(await refusal(db.execute(sql`alter table clinical_note disable trigger clinical_note_signed_immutable`))).toMatch(/owner|permission/);
      expect(await refusal(db.execute(sql`update note_addendum set text = 'x'`))).toMatch(/permission denied|append-only/);
      expect((await read(org.staff.clinician, note.id)).json()).toMatchObject({ intact: true, sections: dap });
    });

    it('a change made behind the trigger by the tables’ owner shows as not intact', async () => {
      const note = await signedNote();
      await asOwner(
        t,
        `alter table clinical_note disable trigger clinical_note_signed_immutable;
         update clinical_note set sections = jsonb_set(sections, '{plan}', '"Rewritten"') where id = '${note.id}';
         alter table clinical_note enable trigger clinical_note_signed_immutable`,
      );
      expect((await read(org.staff.clinician, note.id)).json()).toMatchObject({ intact: false, contentHash: note.contentHash });
    });

    it('a draft is never signed without a hash, and an addendum needs a signed note', async () => {
      const id = (await draft(org.staff.clinician, mhEpisode.id, individual())).json<{ id: string }>().id;
      expect(await refusal(t.deps.db.execute(sql`update clinical_note set status = 'signed', signed_at = now() where id = ${id}`))).toMatch(/clinical_note_signed_check/);
      expect(
        await refusal(
          t.deps.db.execute(sql`insert into note_addendum (org_id, note_id, author_id, text, written_at, content_hash)
                                values (${org.orgId}, ${id}, ${org.staff.clinician.id}, 'x', now(), repeat('a', 64))`),
        ),
      ).toMatch(/signed note only/);
    });
  });

  describe('co-signature', () => {
    it('a pre-licensed clinician’s note shows as pending until their supervisor co-signs it', async () => {
      const note = await signedNote(intern);
      expect((await read(intern, note.id)).json()).toMatchObject({ cosignature: 'pending', cosignedBy: null });
      const cosign = (as: TestStaff) => t.as(as, { method: 'POST', url: `/api/v1/notes/${note.id}/cosign`, payload: { version: note.version } });

      expect((await cosign(org.staff.biller)).statusCode).toBe(403);
      const notSupervisor = await cosign(peer);
      expect(notSupervisor.statusCode).toBe(422);
      expect(notSupervisor.json()).toMatchObject({ detail: "Only the author's supervisor co-signs their notes.", errors: [{ path: 'cosigner' }] });
      const own = await cosign(intern);
      expect(own.json().detail).toBe('A note cannot be co-signed by its author.');

      const res = await cosign(org.staff.clinician);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        cosignature: 'cosigned',
        cosignedBy: { id: org.staff.clinician.id },
        cosignAttestation: expect.stringMatching(/supervising clinician/),
        contentHash: note.contentHash,
        intact: true,
      });
      expect((await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/notes/${note.id}/cosign`, payload: { version: note.version + 1 } })).statusCode).toBe(409);
    });

    it('a licensed clinician’s note needs no co-signature', async () => {
      const note = await signedNote();
      const res = await t.as(org.staff.director, { method: 'POST', url: `/api/v1/notes/${note.id}/cosign`, payload: { version: note.version } });
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toMatch(/needs no co-signature/);
    });

    it('the supervisor sees overdue drafts and waiting co-signatures of their supervisees', async () => {
      const late = await draft(intern, mhEpisode.id, individual(dap, { startsAt: '2026-11-16T15:00:00Z', endsAt: '2026-11-16T15:50:00Z' }));
      const waiting = await signedNote(intern);
      const res = await t.as(org.staff.clinician, { method: 'GET', url: '/api/v1/notes/attention' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ overdue: { id: string; dueAt: string }[]; cosignPending: { id: string; participantName: string }[] }>();
      expect(body.overdue).toContainEqual(expect.objectContaining({ id: late.json().id, dueAt: '2026-11-17T15:50:00.000Z' }));
      expect(body.cosignPending).toContainEqual(expect.objectContaining({ id: waiting.id, participantName: 'Avery Synthetic' }));
      const peers = (await t.as(peer, { method: 'GET', url: '/api/v1/notes/attention' })).json<{ overdue: unknown[]; cosignPending: unknown[] }>();
      expect(peers).toEqual({ overdue: [], cosignPending: [] });
    });
  });

  it('signs several drafts at once, all or none', async () => {
    const a = (await draft(org.staff.clinician, mhEpisode.id, individual())).json<{ id: string }>().id;
    const b = (await draft(org.staff.clinician, mhEpisode.id, individual({ data: 'x' }))).json<{ id: string }>().id;
    const batch = (notes: object[]) => t.as(org.staff.clinician, { method: 'POST', url: '/api/v1/notes/sign', payload: { notes } });
    const refused = await batch([{ id: a, version: 1 }, { id: b, version: 1 }]);
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['body.notes.1.sections.assessment']);
    expect((await read(org.staff.clinician, a)).json().status).toBe('draft');
    await save(org.staff.clinician, b, { version: 1, sections: dap });
    const ok = await batch([{ id: a, version: 1 }, { id: b, version: 2 }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().notes.map((n: { status: string }) => n.status)).toEqual(['signed', 'signed']);
    expect(paths(await batch([{ id: a, version: 2 }, { id: a, version: 2 }]))).toEqual(['body.notes']);
  });

  describe('privacy', () => {
    it('a psychotherapy note reaches its author only: every other role is refused, and the refusal audited', async () => {
      const created = await draft(org.staff.clinician, mhEpisode.id, individual(dap, { privacy: 'psychotherapy' }));
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      expect((await read(org.staff.clinician, id)).statusCode).toBe(200);
      for (const as of [org.staff.director, peer, org.staff.prescriber]) {
        expect((await read(as, id)).statusCode).toBe(403);
      }
      expect((await save(org.staff.director, id, { version: 1, sections: { plan: 'x' } })).statusCode).toBe(403);
      expect(await denials(id)).toBe(4);
      const listed = (as: TestStaff) => list(as, mhEpisode.id).then((r) => r.json<{ notes: { id: string }[] }>().notes.map((n) => n.id));
      expect(await listed(org.staff.clinician)).toContain(id);
      expect(await listed(org.staff.director)).not.toContain(id);
    });

    it('notes of a Part 2 episode reach its program’s staff only; SUD counseling notes their author only', async () => {
      const created = await draft(sudClinician, sudEpisode.id, individual(dap, { privacy: 'sud_counseling' }));
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      expect((await read(org.staff.clinician, id)).statusCode).toBe(403);
      expect((await list(org.staff.clinician, sudEpisode.id)).statusCode).toBe(403);
      expect((await draft(org.staff.clinician, sudEpisode.id, individual())).statusCode).toBe(403);
      expect(await denials(id)).toBe(1);
      const theirs = (await list(sudClinician, sudEpisode.id)).json<{ timeZone: string; notes: { timeZone: string }[] }>();
      expect(theirs.notes).toHaveLength(1);
      // The site's zone comes with the list (a new note's times are entered in it) and with each note.
      expect([theirs.timeZone, theirs.notes[0]!.timeZone]).toEqual(['America/New_York', 'America/New_York']);
    });

    it('another organisation’s notes and episodes are unknown here', async () => {
      const theirs = (await draft(other.staff.clinician, otherEpisode.id, individual())).json<{ id: string }>().id;
      expect((await read(org.staff.director, theirs)).statusCode).toBe(404);
      expect((await list(org.staff.director, otherEpisode.id)).statusCode).toBe(404);
      expect((await sign(org.staff.director, theirs, 1)).statusCode).toBe(404);
    });
  });

  it('audits reads, lists and signatures of a participant’s notes', async () => {
    const note = await signedNote();
    await read(org.staff.director, note.id);
    await list(org.staff.director, mhEpisode.id);
    const events = await t.database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.participantId, mhEpisode.participantId), eq(auditEvent.actorId, org.staff.director.id)));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['note.read', 'note.list']));
    const signs = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'note.sign'), eq(auditEvent.entityId, note.id)));
    expect(signs).toHaveLength(1);
  });
});
