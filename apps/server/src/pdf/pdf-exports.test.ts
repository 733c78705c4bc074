/**
 * PDF exports through the API, on PGlite and PostgreSQL: a signed plan version, a signed note (a group note carrying
 * only this participant's part) and a level-of-care assessment, each read back as text. The Part 2 notice is on a Part 2
 * program's record and nowhere else; drafts are refused; access is the JSON read's; every export is audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_REDISCLOSURE_NOTICE_SHORT } from '@trellis/core';
import { auditEvent, clinicalNote } from '../db/schema.ts';
import { createStaff } from '../features/organisations/service.ts';
import {
  assignToProgram,
  buildProgram,
  buildSession,
  buildSite,
  buildTrack,
  type TrackFixture,
} from '../features/ledger/fixtures.ts';
import { planContent, signedPlan } from '../features/plans/fixtures.ts';
import { pdfPages } from '../testing/pdf-text.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../testing/harness.ts';

// Wednesday 18 November 2026, 13:00 in New York; the group ran 09:00–10:30.
const NOW = '2026-11-18T18:00:00Z';
const OBJ = '5b0c1c9e-7a43-4f1e-8d2a-0c6e2f1a9b01';
const PART2_OPENING =
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).';

type Res = Awaited<ReturnType<TestApp['as']>>;

describe('PDF exports of the clinical record', () => {
  let t: TestApp;
  let org: TestOrg;
  let sudClinician: TestStaff;
  let mhTrack: TrackFixture;
  let mh: { id: string; participantId: string };
  let sud: { id: string; participantId: string };

  async function admit(as: TestStaff, track: TrackFixture, given: string, family: string, clinicianId: string) {
    const p = await t.as(as, {
      method: 'POST',
      url: '/api/v1/participants',
      payload: { givenName: given, familyName: family, dateOfBirth: '1988-07-21' },
    });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(as, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: {
        programId: track.programId,
        trackId: track.id,
        admittedOn: '2026-11-02',
        primaryClinicianId: clinicianId,
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const get = (as: TestStaff | null, url: string) => t.as(as, { method: 'GET', url });
  const text = async (res: Res) => (await pdfPages(res.rawPayload)).join(' ');
  const exports = async (action: string, participantId: string) =>
    (
      await t.database.db
        .select({ id: auditEvent.id })
        .from(auditEvent)
        .where(and(eq(auditEvent.action, action), eq(auditEvent.participantId, participantId)))
    ).length;

  function expectPdfDownload(res: Res, name: string) {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
    expect(disposition.toLowerCase()).not.toContain(name.toLowerCase());
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Export Org');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const mhProgram = await buildProgram(db, site, { focus: 'mental_health', name: 'Adult Mental Health IOP' });
    const sudProgram = await buildProgram(db, site, { focus: 'substance_use', name: 'Adult Substance Use IOP' });
    mhTrack = await buildTrack(db, mhProgram);
    const sudTrack = await buildTrack(db, sudProgram);
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mhProgram.id);
    const sudId = await createStaff(db, {
      orgId: org.orgId,
      name: 'Sam Sudworth',
      email: 'sud@export.test',
      role: 'clinician',
      password: TEST_PASSWORD,
    });
    await assignToProgram(db, org.orgId, sudId, sudProgram.id);
    sudClinician = {
      id: sudId,
      email: 'sud@export.test',
      role: 'clinician',
      cookie: await t.signIn('sud@export.test'),
    };
    mh = await admit(org.staff.director, mhTrack, 'Avery', 'Quillon', org.staff.clinician.id);
    sud = await admit(sudClinician, sudTrack, 'Blake', 'Marrow', sudId);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('treatment plan', () => {
    const pdfUrl = (episodeId: string, n: number) => `/api/v1/episodes/${episodeId}/treatment-plan/versions/${n}/pdf`;

    it('exports a signed version with its objectives, schedule and dated signatures, and no Part 2 notice outside Part 2', async () => {
      const content = planContent(org.staff.clinician.id, [
        { id: OBJ, description: 'Walk twenty minutes on five days each week' },
      ]);
      const number = await signedPlan(t, org.staff.clinician, mh.id, content);
      const signed = await t.as(org.staff.clinician, {
        method: 'POST',
        url: `/api/v1/episodes/${mh.id}/treatment-plan/versions/${number}/signatures`,
        payload: { signer: 'participant', signedName: 'Avery Quillon' },
      });
      expect(signed.statusCode, signed.body).toBe(201);

      const res = await get(org.staff.clinician, pdfUrl(mh.id, number));
      expectPdfDownload(res, 'Quillon');
      const pages = await pdfPages(res.rawPayload);
      const all = pages.join(' ');
      expect(all).toContain('Treatment plan, version 1');
      expect(all).toContain('Export Org - Adult Mental Health IOP');
      expect(all).toContain('Participant: Avery Quillon Date of birth: 1988-07-21');
      expect(all).toContain('Problem 1: Low mood keeping them from work');
      expect(all).toContain('Goal 1.1: Return to work part time');
      expect(all).toContain('Objective 1.1.1: Walk twenty minutes on five days each week');
      expect(all).toContain('Target date: 2026-12-30');
      expect(all).toContain(
        `Cognitive behavioural therapy (CBT), 2 times a week; responsible: clinician of Export Org`,
      );
      expect(all).toContain('Days per week: 4');
      expect(all).toContain('Discharge criteria Objectives met');
      expect(all).toContain(
        'Clinician: clinician of Export Org - signed electronically in Trellis, 2026-11-18 13:00 EST',
      );
      expect(all).toContain(
        'Participant: Avery Quillon - signed in person, recorded by clinician of Export Org, 2026-11-18 13:00 EST',
      );
      expect(all).toContain('Page 1 of');
      expect(all).toContain('Confidential health information.');
      expect(all).not.toContain('42 CFR');
      expect(await exports('treatment-plan.export', mh.participantId)).toBe(1);
    });

    it('refuses a draft version with 409: a draft is not a record to hand on', async () => {
      const draft = await t.as(org.staff.clinician, {
        method: 'POST',
        url: `/api/v1/episodes/${mh.id}/treatment-plan/versions`,
        payload: { content: planContent(org.staff.clinician.id, [{ id: OBJ, description: 'Walk daily' }]) },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const res = await get(org.staff.clinician, pdfUrl(mh.id, draft.json<{ number: number }>().number));
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toMatch(/draft/);
      expect((await get(org.staff.clinician, pdfUrl(mh.id, 9))).statusCode).toBe(404);
    });

    it('prints the Part 2 notice on a substance use program’s plan: in full under the title and short on every page', async () => {
      const number = await signedPlan(
        t,
        sudClinician,
        sud.id,
        planContent(sudClinician.id, [{ id: OBJ, description: 'Attend two mutual-help meetings weekly' }]),
      );
      const res = await get(sudClinician, pdfUrl(sud.id, number));
      expectPdfDownload(res, 'Marrow');
      const pages = await pdfPages(res.rawPayload);
      expect(pages[0]).toContain(PART2_OPENING);
      expect(pages[0]).toContain(
        'A general authorization for the release of medical or other information is NOT sufficient',
      );
      for (const page of pages) expect(page).toContain(PART2_REDISCLOSURE_NOTICE_SHORT);
      expect(pages.join(' ')).not.toContain('Confidential health information.');
    });

    it('is refused as the JSON read is: 401 before anything, 403 outside the Part 2 program (audited) or the role', async () => {
      expect((await get(null, pdfUrl(sud.id, 1))).statusCode).toBe(401);
      expect((await get(org.staff.clinician, pdfUrl(sud.id, 1))).statusCode).toBe(403);
      expect((await get(org.staff.biller, pdfUrl(mh.id, 1))).statusCode).toBe(403);
      expect(await exports('access.denied', sud.participantId)).toBeGreaterThanOrEqual(1);
      expect(await exports('treatment-plan.export', sud.participantId)).toBe(1);
    });
  });

  describe('notes', () => {
    const dap = {
      data: 'Reported sleeping six hours.',
      assessment: 'Mood steadier than last week.',
      plan: 'Keep the sleep diary.',
    };

    async function note(as: TestStaff, episodeId: string, signIt: boolean): Promise<string> {
      const created = await t.as(as, {
        method: 'POST',
        url: `/api/v1/episodes/${episodeId}/notes`,
        payload: {
          kind: 'individual',
          format: 'dap',
          startsAt: '2026-11-18T14:00:00Z',
          endsAt: '2026-11-18T14:50:00Z',
          sections: dap,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, version } = created.json<{ id: string; version: number }>();
      if (signIt)
        expect(
          (await t.as(as, { method: 'POST', url: `/api/v1/notes/${id}/sign`, payload: { version } })).statusCode,
        ).toBe(200);
      return id;
    }

    it('exports a signed note: its time in the site’s zone, its sections and the author’s signature', async () => {
      const id = await note(org.staff.clinician, mh.id, true);
      const res = await get(org.staff.clinician, `/api/v1/notes/${id}/pdf`);
      expectPdfDownload(res, 'Quillon');
      const all = await text(res);
      expect(all).toContain('Individual note');
      expect(all).toContain('Session: 2026-11-18 09:00 EST to 2026-11-18 09:50 EST (50 min)');
      expect(all).toContain('Data Reported sleeping six hours.');
      expect(all).toContain('Plan Keep the sleep diary.');
      expect(all).toContain('Author: clinician of Export Org - signed electronically in Trellis, 2026-11-18 13:00 EST');
      expect(all).not.toContain('42 CFR');
      expect(await exports('note.export', mh.participantId)).toBe(1);
    });

    it('refuses a draft note with 409 naming why, and stays refused as the read is', async () => {
      const id = await note(org.staff.clinician, mh.id, false);
      const res = await get(org.staff.clinician, `/api/v1/notes/${id}/pdf`);
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toMatch(/draft: only a signed note is exported/);
      const sudNote = await note(sudClinician, sud.id, true);
      expect((await get(null, `/api/v1/notes/${sudNote}/pdf`)).statusCode).toBe(401);
      expect((await get(org.staff.clinician, `/api/v1/notes/${sudNote}/pdf`)).statusCode).toBe(403);
      const part2 = await get(sudClinician, `/api/v1/notes/${sudNote}/pdf`);
      expectPdfDownload(part2, 'Marrow');
      expect(await text(part2)).toContain(PART2_OPENING);
    });

    it('exports a group note with this participant’s own part only, never another attendee', async () => {
      const ben = await admit(org.staff.director, mhTrack, 'Benedikt', 'Oyelaran', org.staff.clinician.id);
      const sessionId = await buildSession(t.database.db, mhTrack, {
        localDate: '2026-11-18',
        startTime: '09:00',
        endTime: '10:30',
        title: 'Skills group',
      });
      const roll = await t.as(org.staff.clinician, {
        method: 'PUT',
        url: `/api/v1/sessions/${sessionId}/roll`,
        payload: { entries: [mh, ben].map((p) => ({ participantId: p.participantId, status: 'present' })) },
      });
      expect(roll.statusCode, roll.body).toBe(200);
      const entry = (participation: string) => ({
        participation,
        response: `${participation} Then reflected on it.`,
        risk: 'None observed.',
        plan: 'Next group.',
      });
      const saved = await t.as(org.staff.clinician, {
        method: 'PUT',
        url: `/api/v1/sessions/${sessionId}/group-note`,
        payload: {
          version: 0,
          shared: {
            topic: 'Distress tolerance',
            curriculumItem: 'TIPP skills',
            modality: 'DBT skills',
            covered: 'Cold water, paced breathing.',
          },
          attendees: [
            { participantId: mh.participantId, sections: entry('Practised paced breathing and led the check-in.') },
            { participantId: ben.participantId, sections: entry('Quiet at first; tried the cold water exercise.') },
          ],
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const signed = await t.as(org.staff.clinician, {
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/group-note/sign`,
        payload: { version: saved.json<{ version: number }>().version, acceptNearDuplicates: true },
      });
      expect(signed.statusCode, signed.body).toBe(200);
      const [chart] = await t.database.db
        .select({ id: clinicalNote.id })
        .from(clinicalNote)
        .where(and(eq(clinicalNote.sessionId, sessionId), eq(clinicalNote.participantId, mh.participantId)));

      const all = await text(await get(org.staff.clinician, `/api/v1/notes/${chart!.id}/pdf`));
      expect(all).toContain('Group note');
      expect(all).toContain('Topic Distress tolerance');
      expect(all).toContain('Participation Practised paced breathing and led the check-in.');
      expect(all).not.toMatch(/Benedikt|Oyelaran|cold water exercise/);
    });
  });

  describe('level-of-care assessment', () => {
    const assess = (as: TestStaff, episodeId: string) =>
      t.as(as, {
        method: 'POST',
        url: `/api/v1/episodes/${episodeId}/level-of-care`,
        payload: {
          assessedOn: '2026-11-02',
          edition: 'asam-3',
          ratings: [1, 1, 2, 2, 3, 1].map((rating, i) => ({
            dimension: i + 1,
            rating,
            rationale: `Rationale for dimension ${i + 1}.`,
          })),
          flags: [],
          recommendedLevel: 'php',
          chosenLevel: 'iop',
          varianceReason: 'participant_preference',
        },
      });

    it('exports the dimensions, ratings, rationale, levels and variance; the Part 2 notice only on a Part 2 record', async () => {
      const made = await assess(sudClinician, sud.id);
      expect(made.statusCode, made.body).toBe(201);
      const res = await get(
        sudClinician,
        `/api/v1/episodes/${sud.id}/level-of-care/${made.json<{ id: string }>().id}/pdf`,
      );
      expectPdfDownload(res, 'Marrow');
      const all = await text(res);
      expect(all).toContain('Dimension 5:');
      expect(all).toContain('Risk rating: 3 (Significant)');
      expect(all).toContain('Rationale: Rationale for dimension 5.');
      expect(all).toContain('Recommended level:');
      expect(all).toContain('Variance reason: Participant preference');
      expect(all).toContain(PART2_OPENING);
      expect(await exports('level-of-care.export', sud.participantId)).toBe(1);

      const mhMade = await assess(org.staff.clinician, mh.id);
      const mhRes = await get(
        org.staff.clinician,
        `/api/v1/episodes/${mh.id}/level-of-care/${mhMade.json<{ id: string }>().id}/pdf`,
      );
      expectPdfDownload(mhRes, 'Quillon');
      expect(await text(mhRes)).not.toContain('42 CFR');
    });

    it('is refused as the history’s read is, and 404 for an assessment of another episode', async () => {
      const made = await assess(sudClinician, sud.id);
      const url = `/api/v1/episodes/${sud.id}/level-of-care/${made.json<{ id: string }>().id}/pdf`;
      expect((await get(null, url)).statusCode).toBe(401);
      expect((await get(org.staff.clinician, url)).statusCode).toBe(403);
      expect(
        (
          await get(
            org.staff.clinician,
            `/api/v1/episodes/${mh.id}/level-of-care/${made.json<{ id: string }>().id}/pdf`,
          )
        ).statusCode,
      ).toBe(404);
    });
  });
});
