/**
 * The signed intake assessment as a PDF through the API, on PGlite and PostgreSQL, read back as text: every section's
 * answers in plain labels, the substances, the risk screen, the flags as guidance, signer, hash and addenda; the Part 2
 * notice on a Part 2 program's assessment only; drafts refused; access exactly the JSON read's; every export audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_REDISCLOSURE_NOTICE_SHORT, type IntakeAssessmentContent } from '@trellis/core';
import { auditEvent } from '../db/schema.ts';
import { createStaff } from '../features/organisations/service.ts';
import { assignToProgram, buildProgram, buildSite, buildTrack, type ProgramFixture } from '../features/ledger/fixtures.ts';
import { insertInquiry } from '../features/way-in/queries.ts';
import { pdfPages } from '../testing/pdf-text.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestOrg, type TestStaff } from '../testing/harness.ts';

// Wednesday 18 November 2026, 13:00 in New York.
const NOW = '2026-11-18T18:00:00Z';

const complete: IntakeAssessmentContent = {
  presentingProblem: 'Drinking more since losing work.',
  mentalHealthHistory: 'Depression in 2022.',
  substanceUse: { substances: [{ substance: 'alcohol', route: 'oral', frequency: 'daily', lastUse: '2026-11-16', priorTreatment: 'Outpatient counselling in 2023' }] },
  currentSymptoms: 'Low mood, poor sleep.',
  stressorsAndSupports: { homeStability: 'stable_unsupportive', stressors: 'Unemployment', supportsRecovery: 'Sister' },
  medical: { conditions: 'Hypertension', needs: 'Blood pressure checks', treatFirst: false },
  medications: 'Lisinopril',
  legal: 'No open cases',
  obligations: { workSchool: 'Job search', family: 'One child' },
  strengths: 'Motivated',
  riskScreen: { suicidalIdeation: 'passive', harmToOthers: 'none', withdrawalRisk: 'mild', eatingDisorderNeedsMealSupport: false, readiness: 'ready' },
};

type Res = Awaited<ReturnType<TestApp['as']>>;

describe('intake assessment PDF export', () => {
  let t: TestApp;
  let org: TestOrg;
  let sudClinician: TestStaff;
  let mhEpisode: { id: string; participantId: string };
  let sudEpisode: { id: string; participantId: string };

  async function admit(as: TestStaff, prog: ProgramFixture, clinicianId: string, given: string, family: string) {
    const track = await buildTrack(t.database.db, prog);
    const p = await t.as(as, { method: 'POST', url: '/api/v1/participants', payload: { givenName: given, familyName: family, dateOfBirth: '1990-04-12' } });
    const participantId = p.json<{ id: string }>().id;
    const e = await t.as(as, {
      method: 'POST',
      url: `/api/v1/participants/${participantId}/episodes`,
      payload: { programId: prog.id, trackId: track.id, admittedOn: '2026-11-02', primaryClinicianId: clinicianId },
    });
    expect(e.statusCode, e.body).toBe(201);
    return { id: e.json<{ id: string }>().id, participantId };
  }

  const pdfUrl = (id: string) => `/api/v1/intake-assessments/${id}/pdf`;
  const get = (as: TestStaff | null, url: string) => t.as(as, { method: 'GET', url });
  const text = async (res: Res) => (await pdfPages(res.rawPayload)).join(' ');
  const events = async (action: string, entityId: string) =>
    (await t.database.db.select({ id: auditEvent.id }).from(auditEvent).where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)))).length;

  async function started(as: TestStaff, path: string, content: IntakeAssessmentContent) {
    const res = await t.as(as, { method: 'POST', url: `/api/v1/${path}/intake-assessments`, payload: { content } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  async function signed(as: TestStaff, path: string, content: IntakeAssessmentContent = complete) {
    const id = await started(as, path, content);
    const res = await t.as(as, { method: 'POST', url: `/api/v1/intake-assessments/${id}/sign`, payload: { version: 1 } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string; contentHash: string }>();
  }

  function expectPdfDownload(res: Res, name: string) {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="intake-assessment-[a-z0-9-]+\.pdf"$/);
    expect(disposition.toLowerCase()).not.toContain(name.toLowerCase());
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    org = await t.createOrg('Intake Export Org');
    const db = t.database.db;
    const site = await buildSite(db, org.orgId);
    const mh = await buildProgram(db, site, { focus: 'mental_health', name: 'Adult Mental Health IOP' });
    const sud = await buildProgram(db, site, { focus: 'substance_use', name: 'Adult Substance Use IOP' });
    await assignToProgram(db, org.orgId, org.staff.clinician.id, mh.id);
    const sudId = await createStaff(db, { orgId: org.orgId, name: 'Sam Sudworth', email: 'sud@ia-export.test', role: 'clinician', password: TEST_PASSWORD });
    await assignToProgram(db, org.orgId, sudId, sud.id);
    sudClinician = { id: sudId, email: 'sud@ia-export.test', role: 'clinician', cookie: await t.signIn('sud@ia-export.test') };
    mhEpisode = await admit(org.staff.director, mh, org.staff.clinician.id, 'Avery', 'Quillon');
    sudEpisode = await admit(sudClinician, sud, sudId, 'Blake', 'Marrow');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exports a signed assessment: answers in plain labels, substances, risk screen, flags as guidance, signer, hash and addenda', async () => {
    const a = await signed(org.staff.clinician, `episodes/${mhEpisode.id}`);
    const added = await t.as(org.staff.clinician, { method: 'POST', url: `/api/v1/intake-assessments/${a.id}/addenda`, payload: { text: 'Sister confirmed support.' } });
    expect(added.statusCode, added.body).toBe(201);

    const res = await get(org.staff.clinician, pdfUrl(a.id));
    expectPdfDownload(res, 'Quillon');
    const all = await text(res);
    expect(all).toContain('Biopsychosocial intake assessment');
    expect(all).toContain('Intake Export Org - Adult Mental Health IOP');
    expect(all).toContain('Participant: Avery Quillon Date of birth: 1990-04-12');
    expect(all).toContain('Drinking more since losing work.');
    expect(all).toContain('Substance 1: Alcohol');
    expect(all).toContain('Route: Oral');
    expect(all).toContain('Frequency: Daily');
    expect(all).toContain('Last use: 2026-11-16');
    expect(all).toContain('Prior treatment: Outpatient counselling in 2023');
    expect(all).toContain('Home stability: Stable but not supportive of recovery');
    expect(all).toContain('Medical condition to treat first: No');
    expect(all).toContain('Thoughts of suicide: Passive thoughts');
    expect(all).toContain('Withdrawal risk: Mild (manageable as an outpatient)');
    expect(all).toContain('Readiness to change: Ready: preparing to change');
    expect(all).toContain('Level-of-care flags (guidance only, not a placement)');
    expect(all).toContain('Home: Stable but not supportive of recovery');
    expect(all).toContain('Assessor: clinician of Intake Export Org - signed electronically in Trellis, 2026-11-18 13:00 EST');
    expect(all).toContain(a.contentHash);
    expect(all).toContain('Addendum by clinician of Intake Export Org, 2026-11-18 13:00 EST');
    expect(all).toContain('Sister confirmed support.');
    expect(all).toContain('Page 1 of');
    expect(all).toContain('Confidential health information.');
    expect(all).not.toContain('42 CFR');
    expect(await events('intake-assessment.export', a.id)).toBe(1);
  });

  it('prints the Part 2 notice on a substance use program’s assessment, in full and on every page', async () => {
    const a = await signed(sudClinician, `episodes/${sudEpisode.id}`, { ...complete, substanceUse: { noneReported: true } });
    const res = await get(sudClinician, pdfUrl(a.id));
    expectPdfDownload(res, 'Marrow');
    const pages = await pdfPages(res.rawPayload);
    expect(pages[0]).toContain('Notice: 42 CFR Part 2');
    for (const page of pages) expect(page).toContain(PART2_REDISCLOSURE_NOTICE_SHORT);
    expect(pages.join(' ')).toContain('No substance use reported.');
    expect(pages.join(' ')).not.toContain('Confidential health information.');
  });

  it('exports an inquiry’s signed assessment under the inquiry’s name', async () => {
    const inquiryId = await insertInquiry(t.database.db, {
      orgId: org.orgId,
      source: 'phone',
      name: 'Casey Inquirer',
      phone: '555-010-0100',
      preferredContact: 'phone',
      payer: 'unsure',
      programId: null,
    });
    const a = await signed(org.staff.intake, `inquiries/${inquiryId}`);
    const res = await get(org.staff.intake, pdfUrl(a.id));
    expectPdfDownload(res, 'Inquirer');
    const all = await text(res);
    expect(all).toContain('Participant: Casey Inquirer');
    expect(all).toContain('Inquiry, no program chosen');
    expect(all).toContain('2026-11-18 13:00 EST');
  });

  it('refuses a draft with 409, as the note and plan exports do', async () => {
    const id = await started(org.staff.clinician, `episodes/${mhEpisode.id}`, { presentingProblem: 'Drinking more.' });
    const res = await get(org.staff.clinician, pdfUrl(id));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/draft/);
    expect(await events('intake-assessment.export', id)).toBe(0);
  });

  it('is refused as the JSON read is: 401 anonymous, 403 outside the Part 2 program (audited) or the role, 404 unknown', async () => {
    const a = await signed(sudClinician, `episodes/${sudEpisode.id}`);
    expect((await get(null, pdfUrl(a.id))).statusCode).toBe(401);
    for (const outsider of [org.staff.clinician, org.staff.director, org.staff.biller]) {
      const json = await get(outsider, `/api/v1/intake-assessments/${a.id}`);
      const pdf = await get(outsider, pdfUrl(a.id));
      expect(pdf.statusCode).toBe(json.statusCode);
      expect([403, 404]).toContain(pdf.statusCode);
    }
    expect(await events('access.denied', a.id)).toBeGreaterThanOrEqual(3);
    expect(await events('intake-assessment.export', a.id)).toBe(0);
    expect((await get(sudClinician, pdfUrl('7d4f0b8e-1c2a-4e5f-9a6b-3c8d7e6f5a41'))).statusCode).toBe(404);
  });
});
