/**
 * The family portal: what a signed-in family member may see of their participant, decided at every request by the
 * member's consent in force (`consentAllows`), so a revocation or an end date holds from the next request. A refusal is
 * 403 and audited (the app's error handler files it under the participant). Every answer that shows a Part 2 program's
 * record appends a row to the accounting of disclosures in the same transaction, and carries the redisclosure notice.
 */
import {
  addDays,
  CONSENT_CATEGORIES,
  consentAllows,
  FAMILY_EDUCATION_TOPICS,
  localDateOf,
  PART2_REDISCLOSURE_NOTICE_SHORT,
  RECORD_CATEGORIES,
  type ConsentCategory,
  type FamilyAttendance,
  type FamilyEducation,
  type FamilyMe,
  type FamilyPlanGoals,
  type FamilySessions,
} from '@trellis/core';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { FamilyActor } from '../../auth/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { DbOrTx } from '../../db/index.ts';
import { episode, part2Disclosure } from '../../db/schema.ts';
import { forbidden } from '../../http/problems.ts';
import { currentWeekLedger } from '../ledger/service.ts';
import { currentPlanObjectives } from '../plans/service.ts';
import { guardianOfMe } from './guardian-service.ts';
import { consentNotRevoked, familyAppointments, participantDisplayName, type ConsentRow } from './queries.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Weeks of past and coming family sessions the portal shows. */
const SESSION_WEEKS_BACK = 2;
const SESSION_WEEKS_AHEAD = 8;

const termsOf = (c: ConsentRow) => ({ ...c, revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null });

/** The categories the member's consent allows at `now`, in the canonical order. */
function allowedNow(consent: ConsentRow | null, now: Date): ConsentCategory[] {
  if (!consent) return [];
  return CONSENT_CATEGORIES.filter((c) => consentAllows(termsOf(consent), c, now.toISOString()));
}

/**
 * Runs a family read: loads the consent in force inside the read's transaction, refuses (403) what it does not allow,
 * and after the read audits it and, for a Part 2 record, appends the disclosure with a description of what was shown.
 */
async function familyRead<T>(
  deps: Deps,
  me: FamilyActor,
  category: ConsentCategory,
  read: (tx: DbOrTx, consent: ConsentRow, notice: string | null) => Promise<{ answer: T; description: string }>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const consent = await consentNotRevoked(tx, me.orgId, me.familyMemberId);
    if (!consent || !consentAllows(termsOf(consent), category, now.toISOString())) throw forbidden();
    const disclosed = consent.part2 && RECORD_CATEGORIES.includes(category);
    const { answer, description } = await read(tx, consent, disclosed ? PART2_REDISCLOSURE_NOTICE_SHORT : null);
    if (disclosed) {
      await tx.insert(part2Disclosure).values({
        orgId: me.orgId,
        participantId: me.participantId,
        familyMemberId: me.familyMemberId,
        consentId: consent.id,
        programId: consent.programId,
        recipientName: me.name,
        category,
        description,
        disclosedAt: now,
      });
    }
    await recordAudit(
      tx,
      me,
      me.orgId,
      {
        action: 'family.read',
        entityType: 'family-member',
        entityId: me.familyMemberId,
        participantId: me.participantId,
        details: { category, part2Disclosure: disclosed },
      },
      now,
    );
    return answer;
  });
}

export async function familyMe(deps: Deps, me: FamilyActor): Promise<FamilyMe> {
  const now = deps.clock.now();
  const consent = await consentNotRevoked(deps.db, me.orgId, me.familyMemberId);
  const allowed = allowedNow(consent, now);
  return {
    name: me.name,
    email: me.email,
    participantName: await participantDisplayName(deps.db, me.orgId, me.participantId),
    allowed,
    consentEndsOn: allowed.length && consent ? consent.endsOn : null,
    sessionIdleMinutes: deps.config.sessionIdleMinutes,
    guardian: await guardianOfMe(deps.db, me, now),
  };
}

/** Family sessions (appointments of kind 'family') of the consent's program, two weeks back to eight ahead. */
export function familySessions(deps: Deps, me: FamilyActor): Promise<FamilySessions> {
  return familyRead(deps, me, 'family_sessions', async (tx, consent, notice) => {
    const today = localDateOf(deps.clock.now().toISOString(), consent.timeZone);
    const from = addDays(today, -7 * SESSION_WEEKS_BACK);
    const to = addDays(today, 7 * SESSION_WEEKS_AHEAD);
    const items = await familyAppointments(tx, me.orgId, me.participantId, consent.programId, from, to);
    return {
      answer: { timeZone: consent.timeZone, items, notice },
      description: `Family-session schedule ${from} to ${to} (${items.length} sessions)`,
    };
  });
}

/** This program week's attended hours against the requirement, for the consent's program only. */
export function familyAttendance(deps: Deps, me: FamilyActor): Promise<FamilyAttendance> {
  return familyRead(deps, me, 'attendance', async (tx, consent, notice) => {
    const current = await currentWeekLedger(
      tx,
      me.orgId,
      me.participantId,
      deps.clock.now(),
      sql`e.program_id = ${consent.programId}::uuid`,
    );
    const answer = current
      ? {
          weekOf: current.week.monday,
          attendedHours: current.ledger.attendedHours,
          requiredHours: current.ledger.requiredHours,
          notice,
        }
      : { weekOf: null, attendedHours: null, requiredHours: null, notice };
    return {
      answer,
      description: current
        ? `Attendance summary, week of ${current.week.monday}`
        : 'Attendance summary (no current week)',
    };
  });
}

/** The program's educational material: not a record about the participant, so no disclosure is recorded. */
export function familyEducation(deps: Deps, me: FamilyActor): Promise<FamilyEducation> {
  return familyRead(deps, me, 'education', async () => ({
    answer: { items: [...FAMILY_EDUCATION_TOPICS] },
    description: 'Educational material',
  }));
}

/** The goals of the participant's signed treatment plan in the consent's program (clinical: only when chosen). */
export function familyPlanGoals(deps: Deps, me: FamilyActor): Promise<FamilyPlanGoals> {
  return familyRead(deps, me, 'clinical', async (tx, consent, notice) => {
    const [ep] = await tx
      .select({ id: episode.id })
      .from(episode)
      .where(
        and(
          eq(episode.orgId, me.orgId),
          eq(episode.participantId, me.participantId),
          eq(episode.programId, consent.programId),
        ),
      )
      .orderBy(sql`${episode.status} = 'active' desc`, sql`${episode.admittedOn} desc`)
      .limit(1);
    const objectives = ep ? await currentPlanObjectives(tx, me.orgId, ep.id) : [];
    const goals = [...new Set(objectives.map((o) => o.goal))];
    return { answer: { goals, notice }, description: `Treatment plan goals (${goals.length})` };
  });
}
