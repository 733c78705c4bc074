/**
 * Family members, their consents and the accounting of Part 2 disclosures (re-exported by schema.ts). The trigger that
 * keeps `part2_disclosure` append-only is written by hand in this branch's migration.
 */
import { sql, type SQL } from 'drizzle-orm';
import { CONSENT_CATEGORIES, FAMILY_RELATIONSHIPS, FAMILY_ROLE } from '@trellis/core';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appUser, participant, program } from './schema.ts';

const orgId = () => uuid('org_id').notNull();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const literals = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));
const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL => sql`${column} in (${literals(values)})`;

/**
 * A participant's family member. `user_id` is their sign-in once invited (an app_user with the role 'family'); the
 * copied role, checked by the foreign key, keeps a staff or participant account from being linked to a family member.
 */
export const familyMember = pgTable(
  'family_member',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    name: text('name').notNull(),
    relationship: text('relationship', { enum: FAMILY_RELATIONSHIPS }).notNull(),
    email: text('email'),
    isGuardian: boolean('is_guardian').notNull().default(false),
    userId: text('user_id'),
    userRole: text('user_role'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('family_member_org_id_id_participant_key').on(t.orgId, t.id, t.participantId),
    uniqueIndex('family_member_user_key').on(t.userId),
    index('family_member_participant_idx').on(t.orgId, t.participantId),
    foreignKey({
      columns: [t.orgId, t.participantId],
      foreignColumns: [participant.orgId, participant.id],
      name: 'family_member_participant_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.userId, t.userRole],
      foreignColumns: [appUser.orgId, appUser.id, appUser.role],
      name: 'family_member_user_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.createdBy],
      foreignColumns: [appUser.orgId, appUser.id],
      name: 'family_member_created_by_fk',
    }),
    check('family_member_relationship_check', oneOf(t.relationship, FAMILY_RELATIONSHIPS)),
    check(
      'family_member_user_role_check',
      sql`(${t.userId} is null) = (${t.userRole} is null) and (${t.userRole} is null or ${t.userRole} = ${literals([FAMILY_ROLE])})`,
    ),
    check('family_member_name_check', sql`length(btrim(${t.name})) between 1 and 200`),
  ],
);

/**
 * A written consent for one family member to see categories of one program's records until an end date. At most one
 * is in force per member (a new one revokes the old). `part2` is copied from the program; a Part 2 consent carries
 * every written element of 42 CFR 2.31(a) (the CHECK mirrors core's `missingPart2Element`; the names come from the
 * participant and member rows, which the foreign keys require).
 */
export const familyConsent = pgTable(
  'family_consent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    familyMemberId: uuid('family_member_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    programId: uuid('program_id').notNull(),
    part2: boolean('part2').notNull(),
    categories: text('categories').array().notNull(),
    purpose: text('purpose').notNull().default(''),
    revocationAcknowledged: boolean('revocation_acknowledged').notNull().default(false),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    signedBy: text('signed_by').notNull().default(''),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: text('revoked_by'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('family_consent_org_id_id_key').on(t.orgId, t.id),
    uniqueIndex('family_consent_one_in_force_key')
      .on(t.orgId, t.familyMemberId)
      .where(sql`revoked_at is null`),
    foreignKey({
      columns: [t.orgId, t.familyMemberId, t.participantId],
      foreignColumns: [familyMember.orgId, familyMember.id, familyMember.participantId],
      name: 'family_consent_member_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.programId],
      foreignColumns: [program.orgId, program.id],
      name: 'family_consent_program_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.recordedBy],
      foreignColumns: [appUser.orgId, appUser.id],
      name: 'family_consent_recorded_by_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.revokedBy],
      foreignColumns: [appUser.orgId, appUser.id],
      name: 'family_consent_revoked_by_fk',
    }),
    check('family_consent_categories_check', sql`${t.categories} <@ array[${literals(CONSENT_CATEGORIES)}]::text[]`),
    check('family_consent_date_order_check', sql`${t.signedOn} <= ${t.endsOn}`),
    check('family_consent_revoked_check', sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
    check('family_consent_text_check', sql`length(${t.purpose}) <= 500 and length(${t.signedBy}) <= 200`),
    check(
      'family_consent_part2_elements_check',
      sql`not ${t.part2} or (cardinality(${t.categories}) > 0 and length(btrim(${t.purpose})) > 0 and ${t.revocationAcknowledged} and length(btrim(${t.signedBy})) > 0)`,
    ),
  ],
);

/**
 * The accounting of disclosures: one row for every Part 2 record shown to a family member, never changed or removed
 * (a trigger refuses UPDATE and DELETE). What was disclosed is described, not copied.
 */
export const part2Disclosure = pgTable(
  'part2_disclosure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    familyMemberId: uuid('family_member_id').notNull(),
    consentId: uuid('consent_id').notNull(),
    programId: uuid('program_id').notNull(),
    recipientName: text('recipient_name').notNull(),
    category: text('category', { enum: CONSENT_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('part2_disclosure_participant_idx').on(t.orgId, t.participantId, t.disclosedAt),
    foreignKey({
      columns: [t.orgId, t.familyMemberId, t.participantId],
      foreignColumns: [familyMember.orgId, familyMember.id, familyMember.participantId],
      name: 'part2_disclosure_member_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.consentId],
      foreignColumns: [familyConsent.orgId, familyConsent.id],
      name: 'part2_disclosure_consent_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.programId],
      foreignColumns: [program.orgId, program.id],
      name: 'part2_disclosure_program_fk',
    }),
    check('part2_disclosure_category_check', oneOf(t.category, CONSENT_CATEGORIES)),
  ],
);
