/**
 * What the demo's portals show (issue 8), so a director trying the demo sees each part filled in: the demo
 * participant's treatment plan signed by their clinician and waiting for their own signature, their relapse prevention
 * plan, the skills library each program publishes with one topic assigned as homework, and family members with a
 * consent. An adolescent's parent is their legal guardian and signs in to the family portal, where they manage the
 * adolescent's family members and consents; the adult participant's partner signs in to see what the consent allows.
 * Synthetic people only; names come from a stream of their own, so the rest of the demo stays as it was.
 */
import { addDays, prescribedWeeklyHours, seededRandom, zonedInstant, type SkillTopicId, type TreatmentPlan } from '@trellis/core';
import type { DbOrTx } from '../db/index.ts';
import { familyConsent, familyMember, relapsePlan, skillAssignment, skillPublication, treatmentPlanVersion } from '../db/schema.ts';
import { createFamilyAccount } from '../features/organisations/service.ts';
import { insertSignature } from '../features/plans/queries.ts';
import { planContentHash } from '../features/plans/service.ts';
import { GIVEN_NAMES } from './names.ts';

/** The demo's family-portal sign-ins (password DEMO_PASSWORD): the adult participant's partner, the adolescent's guardian. */
export const DEMO_FAMILY_EMAIL = 'family@demo.test';
export const DEMO_GUARDIAN_EMAIL = 'guardian@demo.test';

export interface DemoPerson {
  participantId: string;
  episodeId: string;
  programId: string;
  /** The name they go by and their family name. */
  name: string;
  familyName: string;
  admittedOn: string;
  clinicianId: string;
}

export interface DemoPortalInput {
  orgId: string;
  now: Date;
  timeZone: string;
  password: string;
  email: (address: string) => string;
  randomSeed: number;
  programIds: { mh: string; sud: string; teen: string };
  /** The participant who signs in to the portal (an adult in the mental health program). */
  adult: DemoPerson;
  /** An adolescent whose parent is their guardian. */
  adolescent: DemoPerson;
}

const SKILLS_BY_PROGRAM: Record<'mh' | 'sud' | 'teen', SkillTopicId[]> = {
  mh: ['stress_management', 'emotional_regulation', 'mindfulness_grounding', 'healthy_routines', 'communication', 'early_warning_signs'],
  sud: ['coping_with_cravings', 'early_warning_signs', 'stress_management', 'healthy_routines'],
  teen: ['emotional_regulation', 'conflict_resolution', 'communication', 'mindfulness_grounding'],
};

/** Fixed objective ids, so the plan (and its hash) is the same in every demo seeded on the same day. */
const OBJECTIVE_IDS = ['5eed0008-0000-4000-8000-000000000001', '5eed0008-0000-4000-8000-000000000002'];

function demoPlan(effectiveOn: string, clinicianId: string): TreatmentPlan {
  return {
    effectiveOn,
    problems: [
      {
        description: 'Low mood and worry keep them from work and from seeing friends',
        goals: [
          {
            description: 'Get back to a steady week: part-time work and time with friends',
            objectives: [
              {
                id: OBJECTIVE_IDS[0]!,
                description: 'Use one DBT skill on a hard day, at least four days a week',
                targetDate: addDays(effectiveOn, 42),
                measuredBy: 'Diary card reviewed in session each week',
                interventions: [{ modality: 'dbt', frequency: { times: 3, per: 'week' }, responsibleStaffId: clinicianId }],
              },
              {
                id: OBJECTIVE_IDS[1]!,
                description: 'Bring the PHQ-9 score below 10',
                targetDate: addDays(effectiveOn, 56),
                measuredBy: 'PHQ-9 every two weeks',
                interventions: [{ modality: 'cbt', frequency: { times: 1, per: 'week' }, responsibleStaffId: clinicianId }],
              },
            ],
          },
        ],
      },
    ],
    schedule: { daysPerWeek: 3, hoursPerDay: 3, expectedWeeks: 8 },
    strengths: 'Keeps a daily routine, has a supportive partner, and wants to return to work',
    dischargeCriteria: 'A PHQ-9 below 10 at two reviews in a row, and a relapse prevention plan in place',
  };
}

export async function seedDemoPortal(tx: DbOrTx, input: DemoPortalInput): Promise<void> {
  const { orgId, now, adult, adolescent } = input;
  const random = seededRandom(input.randomSeed + 2);
  const pickName = () => GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)]!;
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  // The adult's plan, signed by their clinician a few days after admission; the participant signs it in the portal.
  const effectiveOn = addDays(adult.admittedOn, 3);
  const content = demoPlan(effectiveOn, adult.clinicianId);
  const contentHash = planContentHash(content);
  const signedAt = new Date(zonedInstant(effectiveOn, '13:00', input.timeZone));
  const [plan] = await tx
    .insert(treatmentPlanVersion)
    .values({
      orgId,
      episodeId: adult.episodeId,
      participantId: adult.participantId,
      part2: false,
      number: 1,
      status: 'signed',
      content,
      effectiveOn,
      weeklyMinutes: Math.round(prescribedWeeklyHours(content.schedule) * 60),
      contentHash,
      createdBy: adult.clinicianId,
      updatedBy: adult.clinicianId,
      signedBy: adult.clinicianId,
      signedAt,
      signedOn: effectiveOn,
      createdAt: signedAt,
      updatedAt: signedAt,
    })
    .returning({ id: treatmentPlanVersion.id });
  await insertSignature(tx, {
    orgId,
    planVersionId: plan!.id,
    signer: 'clinician',
    signedName: 'Sam Okafor',
    recordedBy: adult.clinicianId,
    contentHash,
    signedAt,
  });

  // The relapse prevention plan they keep with their clinician.
  await tx.insert(relapsePlan).values({
    orgId,
    participantId: adult.participantId,
    version: 1,
    plan: {
      triggers: ['Long days alone at home', 'Arguments about money', 'Skipping meals'],
      warningSigns: ['Staying in bed past ten', 'Not answering friends’ messages', 'Cancelling plans at the last minute'],
      copingStrategies: ['A ten-minute walk outside', 'The 5-4-3-2-1 grounding exercise', 'Write three lines in the diary card'],
      peopleToCall: [
        { name: 'My partner', phone: null },
        { name: 'Riverside Clinic front desk', phone: '555-0100' },
      ],
      afterASlip: ['Tell my clinician at the next session', 'Go back to my routine the next morning', 'Be kind to myself: one slip is not a failure'],
    },
    savedBy: adult.clinicianId,
    savedAt: daysAgo(10),
  });

  // The skills library each program publishes, and one topic assigned to the adult as homework (not read yet).
  for (const [key, topics] of Object.entries(SKILLS_BY_PROGRAM) as ['mh' | 'sud' | 'teen', SkillTopicId[]][]) {
    await tx.insert(skillPublication).values(
      topics.map((topic) => ({ orgId, programId: input.programIds[key], topic, publishedBy: adult.clinicianId, publishedAt: daysAgo(30) })),
    );
  }
  await tx.insert(skillAssignment).values({
    orgId,
    episodeId: adult.episodeId,
    participantId: adult.participantId,
    topic: 'mindfulness_grounding',
    assignedBy: adult.clinicianId,
    assignedAt: daysAgo(2),
  });

  // Family: the adult's partner (family sessions, education and attendance, until the episode's expected end), a
  // sibling recorded without a consent; the adolescent's parent is their guardian, with a consent that includes the
  // plan's goals, and a grandparent with none yet (for the guardian to decide).
  const member = async (
    who: DemoPerson,
    values: { name: string; relationship: 'spouse_or_partner' | 'sibling' | 'parent' | 'grandparent'; isGuardian?: boolean },
    consent?: { categories: ('family_sessions' | 'education' | 'attendance' | 'clinical')[]; signedBy: string },
  ) => {
    const [row] = await tx
      .insert(familyMember)
      .values({ orgId, participantId: who.participantId, ...values, isGuardian: values.isGuardian ?? false, createdBy: who.clinicianId, createdAt: daysAgo(20), updatedAt: daysAgo(20) })
      .returning({ id: familyMember.id });
    if (consent) {
      await tx.insert(familyConsent).values({
        orgId,
        familyMemberId: row!.id,
        participantId: who.participantId,
        programId: who.programId,
        part2: false,
        categories: consent.categories,
        purpose: 'To support their treatment at home',
        revocationAcknowledged: true,
        endsOn: addDays(who.admittedOn, 8 * 7 + 28),
        signedBy: consent.signedBy,
        signedOn: addDays(who.admittedOn, 1),
        recordedBy: who.clinicianId,
        createdAt: daysAgo(20),
      });
    }
    return row!.id;
  };
  const partnerName = `${pickName()} ${adult.familyName}`;
  const partner = await member(adult, { name: partnerName, relationship: 'spouse_or_partner' }, { categories: ['family_sessions', 'education', 'attendance'], signedBy: adult.name });
  await createFamilyAccount(tx, { orgId, familyMemberId: partner, name: partnerName, email: input.email(DEMO_FAMILY_EMAIL), password: input.password });
  await member(adult, { name: `${pickName()} ${adult.familyName}`, relationship: 'sibling' });

  const guardianName = `${pickName()} ${adolescent.familyName}`;
  const guardian = await member(
    adolescent,
    { name: guardianName, relationship: 'parent', isGuardian: true },
    { categories: ['family_sessions', 'education', 'attendance', 'clinical'], signedBy: guardianName },
  );
  await createFamilyAccount(tx, { orgId, familyMemberId: guardian, name: guardianName, email: input.email(DEMO_GUARDIAN_EMAIL), password: input.password });
  await member(adolescent, { name: `${pickName()} ${adolescent.familyName}`, relationship: 'grandparent' });
}
