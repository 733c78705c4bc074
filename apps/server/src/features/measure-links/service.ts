/**
 * One-time measure links (issue 7): a participant answers one questionnaire, or a daily check-in, on their phone
 * without signing in. The token (MEASURE_LINK_TOKEN_BYTES random bytes, base64url) is shown once to the staff member
 * who made the link and stored only as its SHA-256. Answering claims the link in the same transaction that stores the
 * answer — through the same paths staff entry uses, so a risk answer raises the same alert — and a used or expired
 * link stores nothing. Also the due list per clinician, and links for everyone due this week in one action.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  checkInSchema,
  dueThisWeek,
  instrumentAnswersSchema,
  localDateOf,
  MEASURE_LINK_TOKEN_BYTES,
  MEASURES,
  programWeekContaining,
  publicQuestionnaire,
  scheduleDischargeOn,
  type DueItem,
  type DueList,
  type DueLinksCreated,
  type InstrumentId,
  type MeasureLinkCreated,
  type MeasureLinkKind,
  type MeasureLinkRequest,
  type ParticipantAnswerSource,
  type PublicMeasureLink,
  type PublicMeasureReceipt,
} from '@trellis/core';
import type { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import {
  assertEpisodeDetailAccess,
  assertParticipantAccess,
  authorize,
  episodeColumns,
  episodeDetailVisibility,
  isProgramScoped,
  type Actor,
} from '../../auth/access.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { badRequest, forbidden, notFound, Problem, unprocessable, type FieldProblem } from '../../http/problems.ts';
import { storeCheckIn } from '../check-ins/service.ts';
import { storeScoredResponse } from '../measures/service.ts';
import { schedulesOf } from '../measurement-schedules/queries.ts';
import { findEpisode, findParticipant } from '../participants/queries.ts';
import {
  caseloadEpisodes,
  insertLink,
  lastAdministrations,
  linkByTokenHash,
  linkRaisedAlert,
  markLinkUsed,
  openLinks,
  staffName,
  type CaseloadEpisode,
  type LinkWithEpisode,
} from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

const HOUR_MS = 3_600_000;

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** 410: the link cannot be answered; the page says why in plain words. Nothing is stored. */
const linkUsed = () => new Problem(410, 'Link already used', 'This link has already been used. Each link can be answered once.');
const linkExpired = () => new Problem(410, 'Link expired', 'This link has expired. Ask your care team for a new one.');
const linkNotFound = () => notFound('This link');

/** Makes a link inside the caller's transaction and names its audit entry; the token exists only in the answer. */
async function makeLink(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  ep: { id: string; participantId: string },
  participantName: string,
  instrument: MeasureLinkKind,
  now: Date,
): Promise<{ created: MeasureLinkCreated; audit: AuditEntry }> {
  const token = randomBytes(MEASURE_LINK_TOKEN_BYTES).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.measureLinkHours * HOUR_MS);
  const row = await insertLink(tx, {
    orgId: actor.orgId,
    episodeId: ep.id,
    participantId: ep.participantId,
    instrument,
    tokenHash: hashOf(token),
    createdBy: actor.userId,
    createdAt: now,
    expiresAt,
  });
  return {
    created: {
      id: row.id,
      episodeId: ep.id,
      participantId: ep.participantId,
      participantName,
      instrument,
      token,
      path: `/m/${token}`,
      expiresAt: expiresAt.toISOString(),
    },
    audit: {
      action: 'measure-link.create',
      entityType: 'measure_link',
      entityId: row.id,
      participantId: ep.participantId,
      details: { episodeId: ep.id, instrument, expiresAt: expiresAt.toISOString() },
    },
  };
}

/** Staff make a one-time link for an open episode they may reach. */
export async function createMeasureLink(deps: Deps, actor: Actor, episodeId: string, input: MeasureLinkRequest): Promise<MeasureLinkCreated> {
  authorize(actor, 'measure.write');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ep = await findEpisode(tx, actor.orgId, episodeId);
    if (!ep) throw notFound('The episode');
    await assertParticipantAccess(tx, actor, ep.participantId);
    await assertEpisodeDetailAccess(tx, actor, ep);
    if (ep.status !== 'active') throw unprocessable('The episode has ended: links are made for open episodes only.');
    const p = await findParticipant(tx, actor.orgId, ep.participantId);
    const name = p ? `${p.preferredName ?? p.givenName} ${p.familyName}` : '';
    const { created, audit } = await makeLink(tx, deps, actor, ep, name, input.instrument, now);
    await recordAudit(tx, actor, actor.orgId, audit, now);
    return created;
  });
}

/** Why a link cannot be answered now, or null when it can. A link whose episode has ended counts as expired. */
function refusal(link: LinkWithEpisode, now: Date): Problem | null {
  if (link.usedAt !== null) return linkUsed();
  if (link.expiresAt <= now || !link.episodeActive) return linkExpired();
  return null;
}

/** What a link's page shows: the questionnaire only, never who it is for. Not audited: it reveals nothing of a record. */
export async function openMeasureLink(deps: Deps, token: string): Promise<PublicMeasureLink> {
  const link = await linkByTokenHash(deps.db, hashOf(token));
  if (!link) throw linkNotFound();
  const refused = refusal(link, deps.clock.now());
  if (refused) throw refused;
  const common = { organisationName: link.organisationName, expiresAt: link.expiresAt.toISOString() };
  if (link.instrument === 'check-in') return { kind: 'check-in', ...common };
  return { kind: 'instrument', ...common, questionnaire: publicQuestionnaire(MEASURES[link.instrument].instrument) };
}

function problemsOf(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

type Parsed = { kind: 'instrument'; instrument: InstrumentId; answers: Record<string, unknown> } | { kind: 'check-in'; checkIn: z.infer<typeof checkInSchema> };

/** The body checked against what the link asks; 400 naming each item at fault (`body.answers.q9`, `body.mood`). */
function parseAnswer(kind: MeasureLinkKind, body: Record<string, unknown>): Parsed {
  if (kind === 'check-in') {
    const parsed = checkInSchema.safeParse(body);
    if (!parsed.success) throw badRequest(problemsOf(parsed.error, 'body'));
    return { kind: 'check-in', checkIn: parsed.data };
  }
  const extra = Object.keys(body).filter((k) => k !== 'answers');
  if (extra.length > 0) throw badRequest(extra.map((k) => ({ path: `body.${k}`, message: 'is not accepted: send the answers only' })));
  const answers = body.answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw badRequest([{ path: 'body.answers', message: 'is required: an object of item id to the chosen value' }]);
  }
  const parsed = instrumentAnswersSchema(MEASURES[kind].instrument).safeParse(answers);
  if (!parsed.success) throw badRequest(problemsOf(parsed.error, 'body.answers'));
  return { kind: 'instrument', instrument: kind, answers: answers as Record<string, unknown> };
}

/**
 * Checks a participant's answer to a questionnaire or a check-in (400 naming the item at fault) and stores it through
 * the staff-entry paths: core scores it, and a risk answer raises the same safety alert. Answers what to audit and
 * whether the participant should see crisis resources now. Links and the portal both answer through here.
 */
export async function storeAnswer(
  tx: DbOrTx,
  input: {
    orgId: string;
    episode: { id: string; participantId: string };
    kind: MeasureLinkKind;
    body: Record<string, unknown>;
    answeredIn: ParticipantAnswerSource;
    now: Date;
  },
): Promise<{ stored: { responseId?: string; checkInId?: string }; audit: AuditEntry[]; alerted: boolean }> {
  const { orgId, episode, answeredIn, now } = input;
  const parsed = parseAnswer(input.kind, input.body);
  if (parsed.kind === 'check-in') {
    const result = await storeCheckIn(tx, { orgId, episode, checkIn: parsed.checkIn, enteredBy: null, answeredIn, now });
    return { stored: { checkInId: result.row.id }, audit: result.audit, alerted: result.alertId !== null };
  }
  const result = await storeScoredResponse(tx, {
    orgId,
    episode,
    instrument: parsed.instrument,
    answers: parsed.answers,
    administeredAt: now,
    enteredBy: null,
    answeredIn,
    now,
  });
  return { stored: { responseId: result.row.id }, audit: result.audit, alerted: result.alert !== null };
}

/**
 * A participant answers through a link. One transaction: lock the link, refuse a used or expired one (410, nothing
 * stored) — unless this is a repeat of the very submission that used it, which is answered as the first was —
 * check the answers (400 naming the item), store them through the staff-entry path (scores by core, any safety alert
 * raised and announced), and mark the link used. The participant is told only whether to see crisis resources first.
 */
export async function answerMeasureLink(deps: Deps, token: string, body: Record<string, unknown>): Promise<PublicMeasureReceipt> {
  const now = deps.clock.now();
  const submissionHash = hashOf(JSON.stringify(body));
  return deps.db.transaction(async (tx) => {
    const link = await linkByTokenHash(tx, hashOf(token), { lock: true });
    if (!link) throw linkNotFound();
    if (link.usedAt !== null && link.submissionHash === submissionHash) {
      // A double tap or a retry over a flaky connection: one response, and the same answer as the first.
      return { status: 'received', showCrisisResources: await linkRaisedAlert(tx, link) };
    }
    const refused = refusal(link, now);
    if (refused) throw refused;
    const { stored, audit, alerted } = await storeAnswer(tx, {
      orgId: link.orgId,
      episode: { id: link.episodeId, participantId: link.participantId },
      kind: link.instrument,
      body,
      answeredIn: 'link',
      now,
    });
    if (!(await markLinkUsed(tx, link, { at: now, ...stored, submissionHash }))) throw linkUsed();
    // No actor: the participant answered. The link's id ties the answer to who sent it.
    await recordAudit(
      tx,
      null,
      link.orgId,
      audit.map((e) => ({ ...e, details: { ...e.details, linkId: link.id } })),
      now,
    );
    return { status: 'received', showCrisisResources: alerted };
  });
}

/** Whose caseload the caller asks for: their own by default; clinicians and prescribers may ask for no one else's. */
function caseloadOf(actor: Actor, clinicianId: string | undefined): string {
  const who = clinicianId ?? actor.userId;
  if (who !== actor.userId && isProgramScoped(actor)) throw forbidden();
  return who;
}

async function dueItems(tx: DbOrTx, actor: Actor, clinicianId: string, now: Date) {
  const episodes = await caseloadEpisodes(tx, actor.orgId, clinicianId, episodeDetailVisibility(actor, episodeColumns('e')));
  // The answer's "today" and week are read in the zone of the caseload's first site (UTC for an empty caseload);
  // each episode's own dates are read in its own site's zone.
  const firstZone = episodes[0]?.time_zone ?? 'UTC';
  const today = localDateOf(now.toISOString(), firstZone);
  const weekEndsOn = programWeekContaining(now.toISOString(), firstZone).sunday;
  return { items: await dueForEpisodes(tx, actor.orgId, episodes, now), today, weekEndsOn };
}

/**
 * What is due by the end of this program week for some active episodes, by their programs' schedules, each read in
 * its own site's zone, with any open link. The one due rule the caseload list and the participant's portal share.
 */
export async function dueForEpisodes(tx: DbOrTx, orgId: string, episodes: readonly CaseloadEpisode[], now: Date): Promise<DueItem[]> {
  const ids = episodes.map((e) => e.episode_id);
  // One after the other: `tx` may be one connection, and pg no longer queues concurrent queries on one.
  const last = await lastAdministrations(tx, orgId, ids);
  const open = await openLinks(tx, orgId, ids, now);
  const schedules = await schedulesOf(
    tx,
    orgId,
    [...new Map(episodes.map((e) => [e.program_id, { id: e.program_id, focus: e.focus }])).values()],
  );
  const items: DueItem[] = [];
  for (const e of episodes) {
    const zone = e.time_zone;
    const localToday = localDateOf(now.toISOString(), zone);
    const localWeekEnd = programWeekContaining(now.toISOString(), zone).sunday;
    const given: Partial<Record<InstrumentId, string>> = {};
    for (const l of last) if (l.episode_id === e.episode_id) given[l.instrument_id] = localDateOf(l.last_at, zone);
    const schedule = schedules.get(e.program_id)!.rules;
    const dischargeOn = scheduleDischargeOn({ admittedOn: e.admitted_on, dischargedOn: e.discharged_on, expectedWeeks: e.expected_weeks });
    for (const d of dueThisWeek(schedule, { admittedOn: e.admitted_on, dischargeOn }, given, localToday, localWeekEnd)) {
      const link = open.find((o) => o.episode_id === e.episode_id && o.instrument === d.instrument);
      items.push({
        episodeId: e.episode_id,
        participantId: e.participant_id,
        participantName: e.participant_name,
        programName: e.program_name,
        instrument: d.instrument,
        shortName: MEASURES[d.instrument].instrument.shortName,
        reason: d.reason,
        dueOn: d.dueOn,
        daysFromToday: d.daysFromToday,
        openLink: link ? { id: link.id, expiresAt: link.expires_at } : null,
      });
    }
  }
  return items;
}

/**
 * Everyone on a clinician's caseload (active episodes they are primary clinician of) with a measure due by the end
 * of this program week in their site's zone, by the program's schedule; audited as a list of the participants shown.
 */
export async function readDueList(deps: Deps, actor: Actor, clinicianId?: string): Promise<DueList> {
  authorize(actor, 'measure.read');
  const who = caseloadOf(actor, clinicianId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const name = await staffName(tx, actor.orgId, who);
    if (name === null) throw notFound('The clinician');
    const { items, today, weekEndsOn } = await dueItems(tx, actor, who, now);
    await recordAudit(
      tx,
      actor,
      actor.orgId,
      {
        action: 'measure.due-list',
        entityType: 'measure_response',
        participantIds: [...new Set(items.map((i) => i.participantId))],
        details: { clinicianId: who, count: items.length },
      },
      now,
    );
    return { clinicianId: who, clinicianName: name, today, weekEndsOn, items };
  });
}

/** Links for everything due this week on the caseload that has no open link yet, in one transaction. */
export async function createDueLinks(deps: Deps, actor: Actor, clinicianId?: string): Promise<DueLinksCreated> {
  authorize(actor, 'measure.write');
  const who = caseloadOf(actor, clinicianId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if ((await staffName(tx, actor.orgId, who)) === null) throw notFound('The clinician');
    const { items } = await dueItems(tx, actor, who, now);
    const links: MeasureLinkCreated[] = [];
    const audit: AuditEntry[] = [];
    for (const item of items.filter((i) => i.openLink === null)) {
      const made = await makeLink(tx, deps, actor, { id: item.episodeId, participantId: item.participantId }, item.participantName, item.instrument, now);
      links.push(made.created);
      audit.push(made.audit);
    }
    await recordAudit(tx, actor, actor.orgId, audit, now);
    return { links };
  });
}
