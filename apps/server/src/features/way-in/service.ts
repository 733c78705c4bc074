/**
 * The public way in, without sign-in: an organisation's program page built from its setup, and the "Request an
 * assessment" form that puts an inquiry on the intake board. Nothing stored about a person is ever returned.
 */
import { levelOfCareLabel, templateWeeklyMinutes, type InquiryRequest, type PublicProgramPage, type PublicProgram } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../audit/audit.ts';
import { badRequest, notFound } from '../../http/problems.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { insertInquiry, listedPrograms, organisationBySlug, publicTrackBlocks } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

async function organisationOrNotFound(deps: Deps, slug: string) {
  const org = await organisationBySlug(deps.db, slug);
  if (!org) throw notFound('The organisation');
  return org;
}

/** The organisation's listed programs with their tracks' weekly timetables (local times in the site's zone). */
export async function programPage(deps: Deps, slug: string): Promise<PublicProgramPage> {
  const org = await organisationOrNotFound(deps, slug);
  const programs = await listedPrograms(deps.db, org.id);
  const blocks = await publicTrackBlocks(deps.db, org.id, programs.map((p) => p.id));
  return {
    organisation: { name: org.name, slug: org.slug },
    programs: programs.map((p): PublicProgram => {
      const own = blocks.filter((b) => b.programId === p.id);
      const trackIds = [...new Set(own.map((b) => b.trackId))];
      return {
        id: p.id,
        name: p.name,
        levelOfCare: p.levelOfCare,
        levelOfCareLabel: levelOfCareLabel(p.levelOfCare, p.focus),
        population: p.population,
        focus: p.focus,
        siteName: p.siteName,
        timeZone: p.timeZone,
        audience: p.audience,
        weekDescription: p.weekDescription,
        therapies: p.therapies,
        insuranceAccepted: p.insuranceAccepted,
        typicalLengthWeeks:
          p.typicalLengthMinWeeks === null || p.typicalLengthMaxWeeks === null
            ? null
            : { min: p.typicalLengthMinWeeks, max: p.typicalLengthMaxWeeks },
        tracks: trackIds.map((trackId) => {
          const trackBlocks = own.filter((b) => b.trackId === trackId);
          return {
            name: trackBlocks[0]!.trackName,
            weeklyHours: Math.round(templateWeeklyMinutes(trackBlocks) / 6) / 10,
            blocks: trackBlocks.map(({ weekday, startTime, endTime, title, kind }) => ({ weekday, startTime, endTime, title, kind })),
          };
        }),
      };
    }),
  };
}

/** A fresh form token for the organisation's request form. */
export async function inquiryForm(deps: Deps, slug: string): Promise<{ formToken: string }> {
  const org = await organisationOrNotFound(deps, slug);
  return { formToken: issueFormToken(deps.config.authSecret, org.id, deps.clock.now()) };
}

export type InquiryOutcome = 'stored' | 'discarded';

/**
 * Stores a request for an assessment as a new inquiry and audits it. A filled honeypot is discarded without a word
 * (the caller answers "received" all the same, so a bot learns nothing); a form sent too soon or with a bad token is
 * refused naming `formToken`, so a person can send it again.
 */
export async function requestAssessment(deps: Deps, slug: string, input: InquiryRequest): Promise<InquiryOutcome> {
  const org = await organisationOrNotFound(deps, slug);
  if (input.website) return 'discarded';
  const now = deps.clock.now();
  const token = checkFormToken(deps.config.authSecret, org.id, input.formToken, now);
  if (token !== 'ok') {
    const message = {
      invalid: 'is not valid: reload the page and send the form again',
      expired: 'has expired: reload the page and send the form again',
      'too-soon': 'was sent too soon after the form opened: check your answers and send it again',
    }[token];
    throw badRequest([{ path: 'body.formToken', message }]);
  }
  if (input.programId) {
    const listed = await listedPrograms(deps.db, org.id);
    if (!listed.some((p) => p.id === input.programId)) {
      throw badRequest([{ path: 'body.programId', message: 'is not one of this organisation’s programs' }]);
    }
  }
  await deps.db.transaction(async (tx) => {
    const id = await insertInquiry(tx, {
      orgId: org.id,
      source: 'web_form',
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      preferredContact: input.preferredContact,
      programId: input.programId ?? null,
      payer: input.payer,
      message: input.message ?? null,
      consentedToContactAt: now,
      createdAt: now,
      updatedAt: now,
    });
    // What happened, never what the person wrote.
    await recordAudit(
      tx,
      null,
      org.id,
      { action: 'inquiry.create', entityType: 'inquiry', entityId: id, details: { source: 'web_form', programId: input.programId ?? null } },
      now,
    );
  });
  return 'stored';
}
