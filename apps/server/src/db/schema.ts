/**
 * The database schema. Every tenant table carries `org_id`, and it is part of every unique key and every foreign key
 * that crosses tables, so tenants can later be distributed by `org_id` (design.md, Data).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  ASAM_DIMENSION_NUMBERS,
  ASAM_EDITIONS,
  ASAM_RISK_RATING_MAX,
  ASAM_RISK_RATING_MIN,
  ATTENDANCE_STATUSES,
  DIAGNOSIS_DESCRIPTION_MAX_LENGTH,
  DIAGNOSIS_STATUSES,
  CONTACT_METHODS,
  DISCHARGE_DISPOSITIONS,
  ICD10_CM_PATTERN,
  LEVEL_OF_CARE_FLAGS,
  PLACEMENT_LEVELS,
  type LevelOfCareFlag,
  VARIANCE_REASONS,
  EPISODE_STATUSES,
  FOCI,
  INSTRUMENT_IDS,
  INQUIRY_PAYERS,
  INQUIRY_SOURCES,
  INQUIRY_STATUSES,
  LEVELS_OF_CARE,
  POPULATIONS,
  ROOM_KINDS,
  SAFETY_ACTIONS,
  SAFETY_ALERT_KINDS,
  SESSION_KINDS,
  SESSION_STATUSES,
  STAFF_ROLES,
  PARTICIPANT_ROLE,
  OUTBOX_KINDS,
} from '@trellis/core';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const orgId = () => uuid('org_id').notNull();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A CHECK that a column holds one of core's enum values (the database enforces what the types promise). */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))})`;
}

export const organisation = pgTable('organisation', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Every staff member must sign in with a second factor (TOTP). */
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  createdAt: createdAt(),
});

// ---- Sign-in (better-auth models; staff are users of one organisation) ----

export const appUser = pgTable(
  'app_user',
  {
    id: text('id').primaryKey(),
    orgId: orgId().references(() => organisation.id),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    role: text('role').notNull(),
    credentials: text('credentials'),
    active: boolean('active').notNull().default(true),
    /** The staff member who supervises this one (co-signatures, caseload review). */
    supervisorId: text('supervisor_id'),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('app_user_org_id_id_key').on(t.orgId, t.id),
    // Lets a participant's portal account be checked to be a participant user (participant_user copies the role).
    unique('app_user_org_id_id_role_key').on(t.orgId, t.id, t.role),
    foreignKey({ columns: [t.orgId, t.supervisorId], foreignColumns: [t.orgId, t.id], name: 'app_user_supervisor_fk' }),
    check('app_user_role_check', oneOf(t.role, [...STAFF_ROLES, PARTICIPANT_ROLE])),
  ],
);

/** The names a staff member has had, from when: the audit trail shows an actor by the name they had at the time. */
export const staffNameHistory = pgTable(
  'staff_name_history',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.validFrom] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'staff_name_history_user_fk' }),
  ],
);

/**
 * Messages the system would send (invitations, password resets). Until outbound mail exists they are kept here and
 * shown to the organisation's administrator on the Outbox page.
 */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: id(),
    orgId: orgId().references(() => organisation.id),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_message_org_idx').on(t.orgId, t.createdAt),
    check('outbox_message_kind_check', oneOf(t.kind, OUTBOX_KINDS)),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'outbox_message_user_fk' }),
  ],
);

/** better-auth's two-factor (TOTP) secrets, one per enrolled staff member. */
export const authTwoFactor = pgTable(
  'auth_two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('auth_two_factor_user_idx').on(t.userId), index('auth_two_factor_secret_idx').on(t.secret)],
);

export const authSession = pgTable(
  'auth_session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    /** The organisation requires two-factor sign-in and this user has not enrolled: the session may only enrol. */
    twoFactorPending: boolean('two_factor_pending').notNull().default(false),
    userId: text('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
  },
  (t) => [index('auth_session_user_idx').on(t.userId)],
);

export const authAccount = pgTable('auth_account', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  providerId: text('provider_id').notNull(),
  userId: text('user_id')
    .notNull()
    .references(() => appUser.id, { onDelete: 'cascade' }),
  accessToken: text('access_token'),
  refreshToken: text('refresh_token'),
  idToken: text('id_token'),
  accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
  refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
  scope: text('scope'),
  password: text('password'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const authVerification = pgTable('auth_verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const authRateLimit = pgTable('auth_rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

// ---- Program setup ----

export const site = pgTable(
  'site',
  {
    id: id(),
    orgId: orgId().references(() => organisation.id),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    address: text('address'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('site_org_id_id_key').on(t.orgId, t.id), unique('site_org_name_key').on(t.orgId, t.name)],
);

/** A day or days a site is closed (a holiday, a closure): no sessions are generated on them. */
export const siteClosure = pgTable(
  'site_closure',
  {
    id: id(),
    orgId: orgId(),
    siteId: uuid('site_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('site_closure_org_id_id_key').on(t.orgId, t.id),
    index('site_closure_site_idx').on(t.orgId, t.siteId, t.fromDate),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'site_closure_site_fk' }),
    check('site_closure_date_order_check', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

export const room = pgTable(
  'room',
  {
    id: id(),
    orgId: orgId(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ROOM_KINDS }).notNull(),
    capacity: integer('capacity'),
    meetingUrl: text('meeting_url'),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('room_org_id_id_key').on(t.orgId, t.id),
    unique('room_site_name_key').on(t.orgId, t.siteId, t.name),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'room_site_fk' }),
    check('room_kind_check', oneOf(t.kind, ROOM_KINDS)),
  ],
);

export const program = pgTable(
  'program',
  {
    id: id(),
    orgId: orgId(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    levelOfCare: text('level_of_care', { enum: LEVELS_OF_CARE }).notNull(),
    population: text('population', { enum: POPULATIONS }).notNull(),
    focus: text('focus', { enum: FOCI }).notNull(),
    part2: boolean('part2').notNull(),
    minWeeklyMinutes: integer('min_weekly_minutes').notNull(),
    maxWeeklyMinutes: integer('max_weekly_minutes'),
    perDiemMinMinutes: integer('per_diem_min_minutes').notNull(),
    active: boolean('active').notNull().default(true),
    // The public program page (no sign-in) shows a program only when it is listed, with these words.
    publicListed: boolean('public_listed').notNull().default(false),
    /** Who the program is for, in plain words. */
    audience: text('audience'),
    /** What a week looks like, in plain words. */
    weekDescription: text('week_description'),
    therapies: text('therapies').array().notNull().default(sql`'{}'::text[]`),
    insuranceAccepted: text('insurance_accepted').array().notNull().default(sql`'{}'::text[]`),
    typicalLengthMinWeeks: integer('typical_length_min_weeks'),
    typicalLengthMaxWeeks: integer('typical_length_max_weeks'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('program_public_text_check', sql`coalesce(length(${t.audience}), 0) <= 2000 and coalesce(length(${t.weekDescription}), 0) <= 2000`),
    check('program_public_lists_check', sql`cardinality(${t.therapies}) <= 30 and cardinality(${t.insuranceAccepted}) <= 50`),
    check(
      'program_typical_length_check',
      sql`(${t.typicalLengthMinWeeks} is null) = (${t.typicalLengthMaxWeeks} is null) and (${t.typicalLengthMinWeeks} is null or (${t.typicalLengthMinWeeks} between 1 and 104 and ${t.typicalLengthMaxWeeks} between ${t.typicalLengthMinWeeks} and 104))`,
    ),
    unique('program_org_id_id_key').on(t.orgId, t.id),
    unique('program_org_name_key').on(t.orgId, t.name),
    // Lets a session's copied site be checked against its program's.
    unique('program_org_id_site_key').on(t.orgId, t.id, t.siteId),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'program_site_fk' }),
    check('program_level_of_care_check', oneOf(t.levelOfCare, LEVELS_OF_CARE)),
    check('program_population_check', oneOf(t.population, POPULATIONS)),
    check('program_focus_check', oneOf(t.focus, FOCI)),
    check('program_hours_order_check', sql`${t.minWeeklyMinutes} >= 0 and ${t.perDiemMinMinutes} >= 0 and (${t.maxWeeklyMinutes} is null or ${t.maxWeeklyMinutes} >= ${t.minWeeklyMinutes})`),
  ],
);

/**
 * The hours a program required from a date on: a week is judged against the row in force on its Monday, so editing the
 * minimum does not rewrite past weeks.
 */
export const programHours = pgTable(
  'program_hours',
  {
    orgId: orgId(),
    programId: uuid('program_id').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    minWeeklyMinutes: integer('min_weekly_minutes').notNull(),
    maxWeeklyMinutes: integer('max_weekly_minutes'),
    perDiemMinMinutes: integer('per_diem_min_minutes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.effectiveFrom] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'program_hours_program_fk' }),
    check('program_hours_order_check', sql`${t.minWeeklyMinutes} >= 0 and ${t.perDiemMinMinutes} >= 0 and (${t.maxWeeklyMinutes} is null or ${t.maxWeeklyMinutes} >= ${t.minWeeklyMinutes})`),
  ],
);

/** Which programs a clinician or prescriber works in: their care-team scope. */
export const staffProgram = pgTable(
  'staff_program',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    programId: uuid('program_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.programId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'staff_program_user_fk' }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'staff_program_program_fk' }),
  ],
);

export const track = pgTable(
  'track',
  {
    id: id(),
    orgId: orgId(),
    programId: uuid('program_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('track_org_id_id_key').on(t.orgId, t.id),
    unique('track_program_name_key').on(t.orgId, t.programId, t.name),
    // Lets a session's copied program be checked against its track's.
    unique('track_org_id_program_key').on(t.orgId, t.id, t.programId),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'track_program_fk' }),
  ],
);

/** One block of a track's weekly template, e.g. Monday 18:00–19:30 group therapy in Room A. */
export const trackBlock = pgTable(
  'track_block',
  {
    id: id(),
    orgId: orgId(),
    trackId: uuid('track_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    /** An unbilled break inside the block (e.g. 15 minutes between two groups), in minutes. */
    breakMinutes: integer('break_minutes').notNull().default(0),
    facilitatorId: text('facilitator_id'),
    roomId: uuid('room_id'),
    capacity: integer('capacity').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    unique('track_block_org_id_id_key').on(t.orgId, t.id),
    index('track_block_track_idx').on(t.orgId, t.trackId),
    foreignKey({ columns: [t.orgId, t.trackId], foreignColumns: [track.orgId, track.id], name: 'track_block_track_fk' }),
    foreignKey({ columns: [t.orgId, t.roomId], foreignColumns: [room.orgId, room.id], name: 'track_block_room_fk' }),
    foreignKey({ columns: [t.orgId, t.facilitatorId], foreignColumns: [appUser.orgId, appUser.id], name: 'track_block_facilitator_fk' }),
    check('track_block_kind_check', oneOf(t.kind, SESSION_KINDS)),
    check('track_block_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('track_block_time_order_check', sql`${t.startTime} < ${t.endTime}`),
    check('track_block_break_check', sql`${t.breakMinutes} >= 0`),
  ],
);

// ---- The way in: inquiries before admission ----

/** A person asking about care, from the public form, a call or a referral; the intake coordinator's board. */
export const inquiry = pgTable(
  'inquiry',
  {
    id: id(),
    orgId: orgId().references(() => organisation.id),
    status: text('status', { enum: INQUIRY_STATUSES }).notNull().default('new'),
    source: text('source', { enum: INQUIRY_SOURCES }).notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    preferredContact: text('preferred_contact', { enum: CONTACT_METHODS }).notNull(),
    programId: uuid('program_id'),
    payer: text('payer', { enum: INQUIRY_PAYERS }).notNull(),
    /** The person's own words from the form. */
    message: text('message'),
    /** When the person agreed to be contacted (the public form requires it). */
    consentedToContactAt: timestamp('consented_to_contact_at', { withTimezone: true, mode: 'date' }),
    notes: text('notes'),
    nextStep: text('next_step'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('inquiry_org_id_id_key').on(t.orgId, t.id),
    index('inquiry_board_idx').on(t.orgId, t.status, t.createdAt),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'inquiry_program_fk' }),
    check('inquiry_status_check', oneOf(t.status, INQUIRY_STATUSES)),
    check('inquiry_source_check', oneOf(t.source, INQUIRY_SOURCES)),
    check('inquiry_preferred_contact_check', oneOf(t.preferredContact, CONTACT_METHODS)),
    check('inquiry_payer_check', oneOf(t.payer, INQUIRY_PAYERS)),
    // The way the person asked to be contacted must have its detail.
    check(
      'inquiry_contact_check',
      sql`(${t.preferredContact} <> 'email' or ${t.email} is not null) and (${t.preferredContact} = 'email' or ${t.phone} is not null)`,
    ),
    check('inquiry_web_form_consent_check', sql`${t.source} <> 'web_form' or ${t.consentedToContactAt} is not null`),
    check(
      'inquiry_text_length_check',
      sql`length(${t.name}) between 1 and 120 and coalesce(length(${t.message}), 0) <= 1000 and coalesce(length(${t.notes}), 0) <= 4000 and coalesce(length(${t.nextStep}), 0) <= 500`,
    ),
  ],
);

// ---- Participants and episodes ----

export const participant = pgTable(
  'participant',
  {
    id: id(),
    orgId: orgId().references(() => organisation.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    preferredName: text('preferred_name'),
    pronouns: text('pronouns'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    phone: text('phone'),
    email: text('email'),
    emergencyContactName: text('emergency_contact_name'),
    emergencyContactRelationship: text('emergency_contact_relationship'),
    emergencyContactPhone: text('emergency_contact_phone'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('participant_org_id_id_key').on(t.orgId, t.id),
    index('participant_name_idx').on(t.orgId, t.familyName, t.givenName),
  ],
);

export const episode = pgTable(
  'episode',
  {
    id: id(),
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    programId: uuid('program_id').notNull(),
    part2: boolean('part2').notNull(),
    admittedOn: date('admitted_on', { mode: 'string' }).notNull(),
    expectedWeeks: integer('expected_weeks'),
    primaryClinicianId: text('primary_clinician_id'),
    status: text('status', { enum: EPISODE_STATUSES }).notNull().default('active'),
    dischargedOn: date('discharged_on', { mode: 'string' }),
    disposition: text('disposition', { enum: DISCHARGE_DISPOSITIONS }),
    dischargeNote: text('discharge_note'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('episode_org_id_id_key').on(t.orgId, t.id),
    // Lets rows that copy the participant (memberships, marks, chosen rosters) be checked against the episode's.
    unique('episode_org_id_participant_key').on(t.orgId, t.id, t.participantId),
    // Lets clinical rows copy the participant and the Part 2 flag, checked against the episode's.
    unique('episode_org_id_participant_part2_key').on(t.orgId, t.id, t.participantId, t.part2),
    index('episode_status_idx').on(t.orgId, t.status, t.programId),
    index('episode_participant_idx').on(t.orgId, t.participantId),
    // One active episode per participant, whatever races the application loses.
    uniqueIndex('episode_one_active_key').on(t.orgId, t.participantId).where(sql`status = 'active'`),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'episode_participant_fk' }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'episode_program_fk' }),
    foreignKey({ columns: [t.orgId, t.primaryClinicianId], foreignColumns: [appUser.orgId, appUser.id], name: 'episode_clinician_fk' }),
    check('episode_status_check', oneOf(t.status, EPISODE_STATUSES)),
    check('episode_disposition_check', sql`${t.disposition} is null or ${oneOf(t.disposition, DISCHARGE_DISPOSITIONS)}`),
    check('episode_date_order_check', sql`${t.dischargedOn} is null or ${t.admittedOn} <= ${t.dischargedOn}`),
    // Active: no discharge recorded. Discharged: a date and a disposition.
    check(
      'episode_status_discharge_check',
      sql`(${t.status} = 'active' and ${t.dischargedOn} is null and ${t.disposition} is null) or (${t.status} = 'discharged' and ${t.dischargedOn} is not null and ${t.disposition} is not null)`,
    ),
  ],
);

/**
 * A participant's portal account: a sign-in (app_user with the role 'participant') linked to exactly one participant of
 * the same organisation, and a participant to at most one account. The copied role, checked by the foreign key, keeps
 * a staff account from ever being linked to a participant's record.
 */
export const participantUser = pgTable(
  'participant_user',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    role: text('role').notNull().default(PARTICIPANT_ROLE),
    participantId: uuid('participant_id').notNull(),
    invitedBy: text('invited_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    uniqueIndex('participant_user_user_key').on(t.userId),
    uniqueIndex('participant_user_participant_key').on(t.orgId, t.participantId),
    check('participant_user_role_check', sql`${t.role} = ${sql.raw(`'${PARTICIPANT_ROLE}'`)}`),
    foreignKey({
      columns: [t.orgId, t.userId, t.role],
      foreignColumns: [appUser.orgId, appUser.id, appUser.role],
      name: 'participant_user_user_fk',
    }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'participant_user_participant_fk' }),
    foreignKey({ columns: [t.orgId, t.invitedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'participant_user_invited_by_fk' }),
  ],
);

/**
 * A participant's private calendar feed: the sha-256 of a random 256-bit token (the token itself is shown to the
 * participant once and never stored). Resetting the feed replaces the hash, so the old address stops working.
 */
export const calendarFeed = pgTable(
  'calendar_feed',
  {
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.participantId] }),
    uniqueIndex('calendar_feed_token_key').on(t.tokenHash),
    check('calendar_feed_token_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'calendar_feed_participant_fk' }),
  ],
);

/** Date-bounded track membership: rolling admission and track moves keep their history here. */
export const trackMembership = pgTable(
  'track_membership',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    trackId: uuid('track_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('track_membership_episode_idx').on(t.orgId, t.episodeId),
    index('track_membership_track_idx').on(t.orgId, t.trackId, t.fromDate),
    index('track_membership_participant_idx').on(t.orgId, t.participantId),
    foreignKey({ columns: [t.orgId, t.episodeId], foreignColumns: [episode.orgId, episode.id], name: 'track_membership_episode_fk' }),
    foreignKey({ columns: [t.orgId, t.trackId], foreignColumns: [track.orgId, track.id], name: 'track_membership_track_fk' }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'track_membership_participant_fk' }),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'track_membership_episode_participant_fk',
    }),
    check('track_membership_date_order_check', sql`${t.toDate} is null or ${t.fromDate} <= ${t.toDate}`),
  ],
);

// ---- Sessions and attendance ----

export const session = pgTable(
  'session',
  {
    id: id(),
    orgId: orgId(),
    trackId: uuid('track_id').notNull(),
    trackBlockId: uuid('track_block_id'),
    programId: uuid('program_id').notNull(),
    siteId: uuid('site_id').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    /** An unbilled break inside the session, in minutes: it does not count toward weekly hours. */
    breakMinutes: integer('break_minutes').notNull().default(0),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    facilitatorId: text('facilitator_id'),
    roomId: uuid('room_id'),
    capacity: integer('capacity').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('scheduled'),
    cancelReason: text('cancel_reason'),
    /** The site closure that cancelled the session, so deleting the closure can schedule it again. */
    cancelledByClosureId: uuid('cancelled_by_closure_id'),
    oneOff: boolean('one_off').notNull().default(false),
    /** Expects only the participants listed in session_roster (e.g. a make-up), not the track's members. */
    chosenRoster: boolean('chosen_roster').notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('session_org_id_id_key').on(t.orgId, t.id),
    index('session_track_date_idx').on(t.orgId, t.trackId, t.localDate),
    index('session_site_time_idx').on(t.orgId, t.siteId, t.startsAt),
    index('session_date_idx').on(t.orgId, t.localDate),
    index('session_room_time_idx').on(t.orgId, t.roomId, t.startsAt),
    uniqueIndex('session_block_date_key').on(t.orgId, t.trackBlockId, t.localDate).where(sql`track_block_id is not null`),
    foreignKey({ columns: [t.orgId, t.trackId], foreignColumns: [track.orgId, track.id], name: 'session_track_fk' }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'session_program_fk' }),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'session_site_fk' }),
    foreignKey({ columns: [t.orgId, t.roomId], foreignColumns: [room.orgId, room.id], name: 'session_room_fk' }),
    foreignKey({ columns: [t.orgId, t.facilitatorId], foreignColumns: [appUser.orgId, appUser.id], name: 'session_facilitator_fk' }),
    foreignKey({
      columns: [t.orgId, t.cancelledByClosureId],
      foreignColumns: [siteClosure.orgId, siteClosure.id],
      name: 'session_closure_fk',
    }),
    check('session_closure_cancelled_check', sql`${t.cancelledByClosureId} is null or ${t.status} = 'cancelled'`),
    foreignKey({
      columns: [t.orgId, t.trackId, t.programId],
      foreignColumns: [track.orgId, track.id, track.programId],
      name: 'session_track_program_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.programId, t.siteId],
      foreignColumns: [program.orgId, program.id, program.siteId],
      name: 'session_program_site_fk',
    }),
    check('session_kind_check', oneOf(t.kind, SESSION_KINDS)),
    check('session_status_check', oneOf(t.status, SESSION_STATUSES)),
    check('session_time_order_check', sql`${t.startsAt} < ${t.endsAt}`),
    check('session_break_check', sql`${t.breakMinutes} >= 0`),
  ],
);

/** The participants chosen for a session with a chosen roster, each under the episode they attend it in. */
export const sessionRoster = pgTable(
  'session_roster',
  {
    orgId: orgId(),
    sessionId: uuid('session_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    episodeId: uuid('episode_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sessionId, t.participantId] }),
    index('session_roster_episode_idx').on(t.orgId, t.episodeId),
    index('session_roster_participant_idx').on(t.orgId, t.participantId),
    foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [session.orgId, session.id], name: 'session_roster_session_fk' }),
    foreignKey({ columns: [t.orgId, t.episodeId], foreignColumns: [episode.orgId, episode.id], name: 'session_roster_episode_fk' }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'session_roster_participant_fk' }),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'session_roster_episode_participant_fk',
    }),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    id: id(),
    orgId: orgId(),
    sessionId: uuid('session_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    episodeId: uuid('episode_id').notNull(),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    lateMinutes: integer('late_minutes').notNull().default(0),
    leftEarlyMinutes: integer('left_early_minutes').notNull().default(0),
    minutesAttended: integer('minutes_attended').notNull(),
    recordedBy: text('recorded_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('attendance_session_participant_key').on(t.orgId, t.sessionId, t.participantId),
    index('attendance_participant_idx').on(t.orgId, t.participantId),
    foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [session.orgId, session.id], name: 'attendance_session_fk' }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'attendance_participant_fk' }),
    foreignKey({ columns: [t.orgId, t.episodeId], foreignColumns: [episode.orgId, episode.id], name: 'attendance_episode_fk' }),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'attendance_episode_participant_fk',
    }),
    check('attendance_status_check', oneOf(t.status, ATTENDANCE_STATUSES)),
    check('attendance_minutes_check', sql`${t.lateMinutes} >= 0 and ${t.leftEarlyMinutes} >= 0 and ${t.minutesAttended} >= 0`),
  ],
);

// ---- Measures and safety alerts ----

/**
 * One completed answer set to an instrument, entered by staff. The scores are what core's `scoreMeasure` computed on
 * the server from the answers; the client never sends one. Clinical records are never deleted (the app's role may
 * not DELETE here).
 */
export const measureResponse = pgTable(
  'measure_response',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    instrumentId: text('instrument_id', { enum: INSTRUMENT_IDS }).notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    total: integer('total'),
    subscales: jsonb('subscales').$type<Record<string, number>>().notNull(),
    bandId: text('band_id'),
    flags: jsonb('flags').$type<{ code: string; kind: 'safety' | 'screen'; message: string }[]>().notNull(),
    administeredAt: timestamp('administered_at', { withTimezone: true, mode: 'date' }).notNull(),
    enteredBy: text('entered_by').notNull(),
    source: text('source', { enum: ['staff'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('measure_response_org_id_id_key').on(t.orgId, t.id),
    unique('measure_response_org_id_participant_key').on(t.orgId, t.id, t.participantId),
    index('measure_response_participant_idx').on(t.orgId, t.participantId, t.instrumentId, t.administeredAt),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'measure_response_episode_participant_fk',
    }),
    foreignKey({ columns: [t.orgId, t.enteredBy], foreignColumns: [appUser.orgId, appUser.id], name: 'measure_response_entered_by_fk' }),
    check('measure_response_instrument_check', oneOf(t.instrumentId, INSTRUMENT_IDS)),
    check('measure_response_source_check', oneOf(t.source, ['staff'])),
  ],
);

/**
 * A safety alert raised by a response (PHQ-9 item 9, C-SSRS risk) or a check-in, open until a person acknowledges it
 * with what they did. Who must see it (the primary clinician, the program's supervisors) is decided when it is read,
 * so a change of clinician reaches the new one.
 */
export const safetyAlert = pgTable(
  'safety_alert',
  {
    id: id(),
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    episodeId: uuid('episode_id').notNull(),
    responseId: uuid('response_id'),
    kind: text('kind', { enum: SAFETY_ALERT_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    acknowledgedBy: text('acknowledged_by'),
    action: text('action', { enum: SAFETY_ACTIONS }),
    note: text('note'),
  },
  (t) => [
    // One alert per response, whatever races the application loses.
    uniqueIndex('safety_alert_response_key').on(t.orgId, t.responseId),
    index('safety_alert_open_idx').on(t.orgId, t.createdAt).where(sql`acknowledged_at is null`),
    index('safety_alert_participant_idx').on(t.orgId, t.participantId),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'safety_alert_episode_participant_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.responseId, t.participantId],
      foreignColumns: [measureResponse.orgId, measureResponse.id, measureResponse.participantId],
      name: 'safety_alert_response_fk',
    }),
    foreignKey({ columns: [t.orgId, t.acknowledgedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'safety_alert_acknowledged_by_fk' }),
    check('safety_alert_kind_check', oneOf(t.kind, SAFETY_ALERT_KINDS)),
    check('safety_alert_action_check', sql`${t.action} is null or ${oneOf(t.action, SAFETY_ACTIONS)}`),
    // Acknowledged means who, when and what was done, all together; a note only with them.
    check(
      'safety_alert_acknowledged_check',
      sql`(${t.acknowledgedAt} is null and ${t.acknowledgedBy} is null and ${t.action} is null and ${t.note} is null) or (${t.acknowledgedAt} is not null and ${t.acknowledgedBy} is not null and ${t.action} is not null)`,
    ),
    check('safety_alert_time_order_check', sql`${t.acknowledgedAt} is null or ${t.acknowledgedAt} >= ${t.createdAt}`),
    // An instrument's alert points at its response; a check-in's will point at the check-in.
    check('safety_alert_response_check', sql`${t.kind} = 'checkin' or ${t.responseId} is not null`),
  ],
);

/** Responses to writes a flaky connection may repeat, keyed by the client's Idempotency-Key. */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    orgId: orgId(),
    key: text('key').notNull(),
    userId: text('user_id').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

// ---- Audit ----

/** The transaction id that wrote a row (`pg_current_xact_id()`); the sealer seals only transactions that have ended. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The audit trail, append-only (triggers refuse UPDATE, DELETE and TRUNCATE; the app's role may only INSERT and
 * SELECT). A request inserts its events with no lock shared across requests; `seq` orders them and `tx` says which
 * transaction wrote them, so the sealer can tell which events can no longer be joined by an earlier one.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: id(),
    orgId: orgId(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    tx: xid8('tx')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'denied'] }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    participantId: uuid('participant_id'),
    /** The participants a list view showed, in one event (audit/audit.ts); null for any other event. */
    participantIds: uuid('participant_ids').array(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** sha256 of the event's canonical content (audit/event-hash.ts). */
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('audit_event_seq_key').on(t.seq),
    index('audit_event_org_seq_idx').on(t.orgId, t.seq),
    index('audit_event_tx_idx').on(t.tx),
    index('audit_event_participant_idx').on(t.orgId, t.participantId, t.occurredAt),
    index('audit_event_participant_ids_idx').using('gin', t.participantIds),
    index('audit_event_actor_idx').on(t.orgId, t.actorId, t.occurredAt),
    index('audit_event_time_idx').on(t.orgId, t.occurredAt),
  ],
);

/**
 * A sealed batch of an organisation's audit events (Certificate Transparency style): the events' sequence numbers,
 * the Merkle root over them, the previous batch's hash, and an Ed25519 signature by a key kept outside the database.
 * Append-only like the events.
 */
export const auditBatch = pgTable(
  'audit_batch',
  {
    orgId: orgId(),
    batchNo: bigint('batch_no', { mode: 'number' }).notNull(),
    /** Every transaction id below this had ended when the batch was sealed. */
    sealedBelow: xid8('sealed_below').notNull(),
    eventCount: integer('event_count').notNull(),
    seqs: bigint('seqs', { mode: 'number' }).array().notNull(),
    merkleRoot: text('merkle_root').notNull(),
    prevHash: text('prev_hash').notNull(),
    batchHash: text('batch_hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.batchNo] })],
);

/** How far the sealer has got: every audit event written by a transaction below `sealed_below` is in a batch. */
export const auditSealState = pgTable('audit_seal_state', {
  id: integer('id').primaryKey().default(1),
  sealedBelow: xid8('sealed_below').notNull(),
});

/** Events written under the former per-organisation hash chain, kept read-only; `audit:verify` still walks them. */
export const auditEventChainV1 = pgTable(
  'audit_event_chain_v1',
  {
    id: id(),
    orgId: orgId(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'denied'] }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    participantId: uuid('participant_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [unique('audit_event_chain_v1_org_seq_key').on(t.orgId, t.seq)],
);

/** The former chain's head per organisation: the count and last hash the old events must reach. */
export const auditChainV1Head = pgTable('audit_chain_v1_head', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisation.id),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  lastHash: text('last_hash').notNull(),
  prevHash: text('prev_hash').notNull(),
});

// ---- Clinical record: diagnoses and level-of-care assessments per episode ----

/** The ICD-10-CM shape as a SQL regular expression (the core pattern, without JavaScript's non-capturing group). */
const ICD10_CM_SQL_PATTERN = ICD10_CM_PATTERN.source.replace('(?:', '(');

/** A clinical row's link to its episode: the participant and Part 2 flag it copies must be the episode's. */
function episodeCopyFk(t: { orgId: AnyPgColumn; episodeId: AnyPgColumn; participantId: AnyPgColumn; part2: AnyPgColumn }, name: string) {
  return foreignKey({
    columns: [t.orgId, t.episodeId, t.participantId, t.part2],
    foreignColumns: [episode.orgId, episode.id, episode.participantId, episode.part2],
    name,
  });
}

export const diagnosis = pgTable(
  'diagnosis',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    onsetOn: date('onset_on', { mode: 'string' }),
    status: text('status', { enum: DIAGNOSIS_STATUSES }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('diagnosis_episode_idx').on(t.orgId, t.episodeId),
    // One primary diagnosis per episode, whatever races the application loses.
    uniqueIndex('diagnosis_one_primary_key').on(t.orgId, t.episodeId).where(sql`is_primary`),
    episodeCopyFk(t, 'diagnosis_episode_fk'),
    foreignKey({ columns: [t.orgId, t.recordedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'diagnosis_recorded_by_fk' }),
    check('diagnosis_status_check', oneOf(t.status, DIAGNOSIS_STATUSES)),
    check('diagnosis_code_check', sql`${t.code} ~ ${sql.raw(`'${ICD10_CM_SQL_PATTERN}'`)}`),
    check(
      'diagnosis_description_check',
      sql`length(btrim(${t.description})) between 1 and ${sql.raw(String(DIAGNOSIS_DESCRIPTION_MAX_LENGTH))}`,
    ),
    // Only a current diagnosis (provisional, active, in remission) can be the primary one.
    check('diagnosis_primary_current_check', sql`not ${t.isPrimary} or ${t.status} in ('provisional', 'active', 'in_remission')`),
  ],
);

/**
 * One level-of-care assessment: ratings under an edition, flags, the recommended and chosen level and the variance
 * reason. Append-only (a trigger refuses changes): the rows of an episode are its level-of-care history.
 */
export const levelOfCareAssessment = pgTable(
  'level_of_care_assessment',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    edition: text('edition', { enum: ASAM_EDITIONS }).notNull(),
    flags: text('flags').array().$type<LevelOfCareFlag[]>().notNull().default(sql`'{}'::text[]`),
    recommendedLevel: text('recommended_level', { enum: PLACEMENT_LEVELS }).notNull(),
    chosenLevel: text('chosen_level', { enum: PLACEMENT_LEVELS }).notNull(),
    varianceReason: text('variance_reason', { enum: VARIANCE_REASONS }),
    varianceNote: text('variance_note'),
    /** What the guidance suggested when the assessment was made, kept as it was. */
    suggestedLevel: text('suggested_level', { enum: PLACEMENT_LEVELS }).notNull(),
    assessedBy: text('assessed_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('level_of_care_assessment_org_id_id_key').on(t.orgId, t.id),
    index('level_of_care_assessment_episode_idx').on(t.orgId, t.episodeId, t.assessedOn),
    episodeCopyFk(t, 'level_of_care_assessment_episode_fk'),
    foreignKey({
      columns: [t.orgId, t.assessedBy],
      foreignColumns: [appUser.orgId, appUser.id],
      name: 'level_of_care_assessment_assessed_by_fk',
    }),
    check('level_of_care_assessment_edition_check', oneOf(t.edition, ASAM_EDITIONS)),
    check('level_of_care_assessment_recommended_check', oneOf(t.recommendedLevel, PLACEMENT_LEVELS)),
    check('level_of_care_assessment_chosen_check', oneOf(t.chosenLevel, PLACEMENT_LEVELS)),
    check('level_of_care_assessment_suggested_check', oneOf(t.suggestedLevel, PLACEMENT_LEVELS)),
    check(
      'level_of_care_assessment_variance_reason_check',
      sql`${t.varianceReason} is null or ${oneOf(t.varianceReason, VARIANCE_REASONS)}`,
    ),
    // A variance reason exactly when the level chosen differs from the level recommended.
    check(
      'level_of_care_assessment_variance_check',
      sql`(${t.recommendedLevel} = ${t.chosenLevel}) = (${t.varianceReason} is null)`,
    ),
    check(
      'level_of_care_assessment_flags_check',
      sql`${t.flags} <@ array[${sql.raw(LEVEL_OF_CARE_FLAGS.map((f) => `'${f}'`).join(', '))}]::text[]`,
    ),
  ],
);

/** One dimension's risk rating (0–4) and rationale within an assessment; six per assessment. */
export const levelOfCareRating = pgTable(
  'level_of_care_rating',
  {
    orgId: orgId(),
    assessmentId: uuid('assessment_id').notNull(),
    dimension: integer('dimension').notNull(),
    rating: integer('rating').notNull(),
    rationale: text('rationale').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.assessmentId, t.dimension] }),
    foreignKey({
      columns: [t.orgId, t.assessmentId],
      foreignColumns: [levelOfCareAssessment.orgId, levelOfCareAssessment.id],
      name: 'level_of_care_rating_assessment_fk',
    }),
    check(
      'level_of_care_rating_dimension_check',
      sql`${t.dimension} between ${sql.raw(String(ASAM_DIMENSION_NUMBERS[0]))} and ${sql.raw(String(ASAM_DIMENSION_NUMBERS.at(-1)))}`,
    ),
    check(
      'level_of_care_rating_rating_check',
      sql`${t.rating} between ${sql.raw(String(ASAM_RISK_RATING_MIN))} and ${sql.raw(String(ASAM_RISK_RATING_MAX))}`,
    ),
    check('level_of_care_rating_rationale_check', sql`length(btrim(${t.rationale})) > 0`),
  ],
);
