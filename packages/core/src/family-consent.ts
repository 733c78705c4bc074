/**
 * What a participant's family member may see, and whether a written consent is complete. A consent lists categories
 * of the record (nothing clinical unless chosen), ends on a date, and can be revoked at any time, taking effect at the
 * next request. Consents for a 42 CFR Part 2 program's records must carry every element of a written consent.
 *
 * Source of the elements: 42 CFR 2.31(a) (general knowledge, verify against the 2024 final rule, 89 FR 12472;
 * domain.md §7 says a Part 2 consent is written, specific and revocable): the patient's name; who may disclose (the
 * program); how much and what kind of information; the recipient's name; the purpose; a statement that the consent may
 * be revoked at any time; the date, event or condition on which it expires; the signature; and the date signed.
 */
import { ageOn, POPULATION_AGES } from './dates.ts';
import { localDateOf } from './time.ts';

/** What a consent may let a family member see. `clinical` is never implied: it must be chosen on its own. */
export const CONSENT_CATEGORIES = ['family_sessions', 'education', 'attendance', 'clinical'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

export const CONSENT_CATEGORY_LABELS: Record<ConsentCategory, string> = {
  family_sessions: 'Family-session schedule',
  education: 'Educational material',
  attendance: 'Attendance summary',
  clinical: 'Clinical information (treatment plan goals)',
};

/**
 * Categories whose answers are records about the participant (they identify a person in treatment); educational
 * material is the program's published text, not a record, so showing it is no disclosure.
 */
export const RECORD_CATEGORIES: readonly ConsentCategory[] = ['family_sessions', 'attendance', 'clinical'];

export const FAMILY_RELATIONSHIPS = [
  'parent',
  'spouse_or_partner',
  'child',
  'sibling',
  'grandparent',
  'other_relative',
  'friend',
  'other',
] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

export const FAMILY_RELATIONSHIP_LABELS: Record<FamilyRelationship, string> = {
  parent: 'Parent',
  spouse_or_partner: 'Spouse or partner',
  child: 'Child',
  sibling: 'Sibling',
  grandparent: 'Grandparent',
  other_relative: 'Other relative',
  friend: 'Friend',
  other: 'Other',
};

/** The written elements of a Part 2 consent (42 CFR 2.31(a)), in the order the form asks for them. */
export const PART2_CONSENT_ELEMENTS = [
  'patientName',
  'disclosingProgram',
  'information',
  'recipientName',
  'purpose',
  'revocationStatement',
  'expiry',
  'signature',
  'signedOn',
] as const;
export type Part2ConsentElement = (typeof PART2_CONSENT_ELEMENTS)[number];

export const PART2_CONSENT_ELEMENT_LABELS: Record<Part2ConsentElement, string> = {
  patientName: 'the participant’s name',
  disclosingProgram: 'the program that may disclose',
  information: 'what information may be disclosed',
  recipientName: 'the name of the person it goes to',
  purpose: 'the purpose of the disclosure',
  revocationStatement: 'the statement that the consent may be revoked at any time',
  expiry: 'the date the consent ends',
  signature: 'the signature of the participant or their guardian',
  signedOn: 'the date it was signed',
};

/** A consent's written content, as the form or the record holds it. */
export interface ConsentWriting {
  patientName: string | null;
  disclosingProgram: string | null;
  categories: readonly ConsentCategory[];
  recipientName: string | null;
  purpose: string | null;
  revocationAcknowledged: boolean;
  endsOn: string | null;
  signedBy: string | null;
  signedOn: string | null;
}

const blank = (s: string | null) => s === null || s.trim() === '';

/** The first written element a Part 2 consent lacks, or null when it carries them all (42 CFR 2.31(a)). */
export function missingPart2Element(c: ConsentWriting): Part2ConsentElement | null {
  const present: Record<Part2ConsentElement, boolean> = {
    patientName: !blank(c.patientName),
    disclosingProgram: !blank(c.disclosingProgram),
    information: c.categories.length > 0,
    recipientName: !blank(c.recipientName),
    purpose: !blank(c.purpose),
    revocationStatement: c.revocationAcknowledged,
    expiry: !blank(c.endsOn),
    signature: !blank(c.signedBy),
    signedOn: !blank(c.signedOn),
  };
  return PART2_CONSENT_ELEMENTS.find((e) => !present[e]) ?? null;
}

/** What `consentAllows` reads of a consent. */
export interface ConsentTerms {
  categories: readonly ConsentCategory[];
  /** The first day it applies (the date signed), in the program site's zone. */
  signedOn: string;
  /** The last day it applies, inclusive, in the program site's zone. */
  endsOn: string;
  /** When it was revoked (ISO instant), or null. */
  revokedAt: string | null;
  /** The IANA zone its dates are read in (the program's site). */
  timeZone: string;
}

/**
 * Whether a consent lets its family member see a category at `now` (ISO instant): the category is listed, the consent
 * is not revoked at or before `now`, and today in the site's zone is between the date signed and the end date, both
 * included (a consent ending on the 30th still holds at 23:59 on the 30th there, and not at 00:00 on the 1st).
 */
export function consentAllows(consent: ConsentTerms | null, category: ConsentCategory, now: string): boolean {
  if (!consent || !consent.categories.includes(category)) return false;
  if (consent.revokedAt !== null && Date.parse(consent.revokedAt) <= Date.parse(now)) return false;
  const today = localDateOf(now, consent.timeZone);
  return consent.signedOn <= today && today <= consent.endsOn;
}

/** Topics of the educational material families see (plain words; the program's own library can replace them). */
export const FAMILY_EDUCATION_TOPICS: readonly { id: string; title: string; summary: string }[] = [
  {
    id: 'what-is-iop',
    title: 'What an intensive outpatient program is',
    summary:
      'Several group sessions a week while your family member lives at home, works or studies. Showing up each time matters most.',
  },
  {
    id: 'supporting-recovery',
    title: 'Supporting recovery at home',
    summary: 'Keep routines steady, notice effort, and talk about what is going well as well as what is hard.',
  },
  {
    id: 'warning-signs',
    title: 'Early warning signs of relapse',
    summary:
      'Changes in sleep, pulling away from people, skipping sessions or new secrecy can come before a slip. Say what you notice, calmly.',
  },
  {
    id: 'communication',
    title: 'Talking without blame',
    summary: 'Use “I” statements, keep to one topic, and agree a time to talk when both of you are calm.',
  },
  {
    id: 'caring-for-yourself',
    title: 'Looking after yourself',
    summary: 'Family members need support too: rest, your own friends, and groups for families can help.',
  },
];

// ---- Guardians ----

/**
 * Whether a family member may act for the participant as their guardian, in the family portal: they are recorded as
 * the legal guardian (by the program's staff, who see the papers), and the participant is a minor today. From the
 * participant's 18th birthday (the age adult programs admit from, POPULATION_AGES) they decide for themselves, and a
 * guardian's rights are refused with the reason.
 */
export type GuardianStanding = { status: 'not_guardian' } | { status: 'guardian' } | { status: 'refused'; reason: string };

export function guardianStanding(
  member: { isGuardian: boolean },
  participantDateOfBirth: string,
  today: string,
): GuardianStanding {
  if (!member.isGuardian) return { status: 'not_guardian' };
  if (ageOn(participantDateOfBirth, today) >= POPULATION_AGES.adult.min) {
    return {
      status: 'refused',
      reason: `Guardian rights end when the participant turns ${POPULATION_AGES.adult.min}: they now decide for themselves who sees what. Ask them or the program's staff.`,
    };
  }
  return { status: 'guardian' };
}

/** What a guardian may do in the family portal, in plain words (their own view still follows their own consent). */
export const GUARDIAN_MAY: readonly string[] = [
  'Add family members',
  'Record a consent for each family member: what they may see and until when',
  'Revoke a family member’s consent at any time; it holds from their next visit',
];

/** What a guardian does not do here, and why, in plain words. */
export const GUARDIAN_MAY_NOT: readonly string[] = [
  'Change your own consent: the program’s staff record it with you',
  'Record consents for a substance use program’s records (42 CFR Part 2): the program’s staff do this with the participant',
];
