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
  CERTIFIED_LEVELS,
  OBJECTIVE_PROGRESS,
  PLAN_REVIEW_INTERVAL_DAYS_DEFAULT,
  PLAN_REVIEW_INTERVAL_DAYS_MAX,
  PLAN_SIGNATURE_METHODS,
  PLAN_SIGNERS,
  PLAN_VERSION_STATUSES,
  SCHEDULE_MAX_HOURS_PER_DAY,
  type TreatmentPlan,
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
  NOTE_DEADLINE_HOURS_DEFAULT,
  NOTE_FORMATS,
  NOTE_KINDS,
  NOTE_PRIVACY,
  NOTE_STATUSES,
  POPULATIONS,
  ROOM_KINDS,
  SAFETY_ACTIONS,
  SAFETY_ALERT_KINDS,
  SESSION_KINDS,
  SESSION_STATUSES,
  MAX_SCHEDULE_INTERVAL_DAYS,
  MEASURE_LINK_KINDS,
  type RelapsePlan,
  type SafetyPlan,
  STAFF_ROLES,
  PARTICIPANT_ROLE,
  FAMILY_ROLE,
  OUTBOX_DELIVERY_STATUSES,
  OUTBOX_KINDS,
  SEXES_FOR_SCORING,
  INTAKE_ASSESSMENT_STATUSES,
  type IntakeAssessmentContent,
  SKILL_TOPIC_IDS,
  MEASURE_SOURCES,
  type ServiceRequirement,
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
  real,
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
    /** Pre-licensed (an intern or associate): their signed notes wait for their supervisor's co-signature. */
    preLicensed: boolean('pre_licensed').notNull().default(false),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('app_user_org_id_id_key').on(t.orgId, t.id),
    // Lets a participant's portal account be checked to be a participant user (participant_user copies the role).
    unique('app_user_org_id_id_role_key').on(t.orgId, t.id, t.role),
    foreignKey({ columns: [t.orgId, t.supervisorId], foreignColumns: [t.orgId, t.id], name: 'app_user_supervisor_fk' }),
    check('app_user_role_check', oneOf(t.role, [...STAFF_ROLES, PARTICIPANT_ROLE, FAMILY_ROLE])),
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
 * Messages the system sends (invitations, password resets), shown to the organisation's administrator on the Outbox
 * page and, when SMTP is configured, mailed (mail/outbox-delivery.ts): the row is the source of truth for delivery.
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
    /** Mail delivery (when SMTP is configured): pending until sent, failed after the last allowed try. */
    deliveryStatus: text('delivery_status', { enum: OUTBOX_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not tried again before this time (backoff after a failed try); null: due now. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    /** A sender holds the message until this time while sending it. */
    leasedUntil: timestamp('leased_until', { withTimezone: true, mode: 'date' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /** The mail server's last refusal, without the message's content. */
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_message_org_idx').on(t.orgId, t.createdAt),
    index('outbox_message_due_idx').on(t.createdAt).where(sql`${t.deliveryStatus} = 'pending'`),
    check('outbox_message_kind_check', oneOf(t.kind, OUTBOX_KINDS)),
    check('outbox_message_delivery_status_check', oneOf(t.deliveryStatus, OUTBOX_DELIVERY_STATUSES)),
    check('outbox_message_sent_check', sql`(${t.deliveryStatus} = 'sent') = (${t.sentAt} is not null) and ${t.attempts} >= 0`),
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
    // The target of an appointment's (room, room kind): the kind it copies stays the room's.
    unique('room_org_id_id_kind_key').on(t.orgId, t.id, t.kind),
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
    /** Hours after a contact ends by which its note should be signed (supervisors see overdue notes). */
    noteDeadlineHours: integer('note_deadline_hours').notNull().default(NOTE_DEADLINE_HOURS_DEFAULT),
    /** Days between treatment-plan reviews (domain.md §5: default 30, at most 90). */
    planReviewIntervalDays: integer('plan_review_interval_days').notNull().default(PLAN_REVIEW_INTERVAL_DAYS_DEFAULT),
    /** Signed treatment plans also need the signing clinician's supervisor's sign-off. */
    planSupervisorSignOff: boolean('plan_supervisor_sign_off').notNull().default(false),
    /** The program bills Medicare: PHP/IOP episodes need a physician's certification (domain.md §3.1). */
    certificationRequired: boolean('certification_required').notNull().default(false),
    /**
     * Appointments each participant needs (kind, count, every n weeks) where their signed plan does not say; null for
     * core's DEFAULT_REQUIRED_SERVICES. The auto-scheduler reads it.
     */
    requiredServices: jsonb('required_services').$type<ServiceRequirement[]>(),
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
    check(
      'program_plan_review_interval_check',
      sql`${t.planReviewIntervalDays} between 1 and ${sql.raw(String(PLAN_REVIEW_INTERVAL_DAYS_MAX))}`,
    ),
    check('program_hours_order_check', sql`${t.minWeeklyMinutes} >= 0 and ${t.perDiemMinMinutes} >= 0 and (${t.maxWeeklyMinutes} is null or ${t.maxWeeklyMinutes} >= ${t.minWeeklyMinutes})`),
    check('program_note_deadline_check', sql`${t.noteDeadlineHours} between 1 and 336`),
    // A list of requirements (core's serviceRequirementsSchema checks each); null for the default.
    check('program_required_services_check', sql`${t.requiredServices} is null or jsonb_typeof(${t.requiredServices}) = 'array'`),
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
    /** Admitted from the board: the participant registered and the episode opened, in the same transaction. */
    participantId: uuid('participant_id'),
    episodeId: uuid('episode_id'),
    /** Referred elsewhere from the board: where to, and why. */
    referredTo: text('referred_to'),
    referralReason: text('referral_reason'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('inquiry_org_id_id_key').on(t.orgId, t.id),
    index('inquiry_pipeline_idx').on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'inquiry_participant_fk' }),
    foreignKey({ columns: [t.orgId, t.episodeId], foreignColumns: [episode.orgId, episode.id], name: 'inquiry_episode_fk' }),
    // A conversion is one of two outcomes, each whole, and it fixes the column the inquiry sits in.
    check(
      'inquiry_conversion_check',
      sql`(${t.episodeId} is null) = (${t.participantId} is null) and (${t.referredTo} is null) = (${t.referralReason} is null)
          and (${t.episodeId} is null or ${t.status} = 'admitted') and (${t.referredTo} is null or ${t.status} = 'referred_elsewhere')
          and coalesce(length(${t.referredTo}), 0) <= 200 and coalesce(length(${t.referralReason}), 0) <= 1000`,
    ),
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
    /** Sex assigned at birth, for scoring only (AUDIT-C cut-offs); `unknown` when not recorded. */
    sexForScoring: text('sex_for_scoring', { enum: SEXES_FOR_SCORING }).notNull().default('unknown'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('participant_org_id_id_key').on(t.orgId, t.id),
    index('participant_name_idx').on(t.orgId, t.familyName, t.givenName),
    check('participant_sex_for_scoring_check', oneOf(t.sexForScoring, SEXES_FOR_SCORING)),
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

/**
 * A staff member's private calendar feed: the sha-256 of the token in its address (never the token), one per staff
 * member. Regenerating replaces the hash (the old address stops working); revoking deletes the row.
 */
export const staffCalendarFeed = pgTable(
  'staff_calendar_feed',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    uniqueIndex('staff_calendar_feed_token_key').on(t.tokenHash),
    check('staff_calendar_feed_token_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'staff_calendar_feed_user_fk' }).onDelete('cascade'),
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

/**
 * Co-facilitators of a session, beside its lead (session.facilitator_id). Every calendar, clash and "my day" query reads
 * the two together through the trellis_session_facilitators view, so a co-facilitated group holds each person's time.
 */
export const sessionFacilitator = pgTable(
  'session_facilitator',
  {
    orgId: orgId(),
    sessionId: uuid('session_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sessionId, t.userId] }),
    index('session_facilitator_user_idx').on(t.orgId, t.userId),
    foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [session.orgId, session.id], name: 'session_facilitator_session_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'session_facilitator_user_fk' }),
  ],
);

/**
 * Co-facilitators named on a weekly block, beside its lead (track_block.facilitator_id). Generated sessions copy them
 * into session_facilitator; the track editor's clash warning reads both through trellis_track_block_facilitators.
 */
export const trackBlockFacilitator = pgTable(
  'track_block_facilitator',
  {
    orgId: orgId(),
    trackBlockId: uuid('track_block_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.trackBlockId, t.userId] }),
    index('track_block_facilitator_user_idx').on(t.orgId, t.userId),
    foreignKey({ columns: [t.orgId, t.trackBlockId], foreignColumns: [trackBlock.orgId, trackBlock.id], name: 'track_block_facilitator_block_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'track_block_facilitator_user_fk' }),
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
    /** The staff member who entered it; null when the participant answered through a one-time link. */
    enteredBy: text('entered_by'),
    source: text('source', { enum: MEASURE_SOURCES }).notNull(),
    /** The participant's sex for scoring when an AUDIT-C was scored (its cut-off depends on it); null for other instruments. */
    scoringSex: text('scoring_sex', { enum: SEXES_FOR_SCORING }),
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
    check('measure_response_source_check', oneOf(t.source, MEASURE_SOURCES)),
    // Staff entry names who entered it; a link's answer has no staff author.
    check('measure_response_entered_by_check', sql`(${t.source} = 'staff') = (${t.enteredBy} is not null)`),
    check('measure_response_scoring_sex_check', oneOf(t.scoringSex, SEXES_FOR_SCORING)),
    // Only the AUDIT-C's scoring depends on sex.
    check('measure_response_scoring_sex_instrument_check', sql`${t.scoringSex} is null or ${t.instrumentId} = 'audit-c'`),
  ],
);

/**
 * A daily check-in (core's `checkInSchema`): mood, anxiety and craving 0–10, hours slept, any use and what, thoughts
 * of self-harm, a note. Entered by staff or answered through a one-time link. Never deleted.
 */
export const checkIn = pgTable(
  'check_in',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    mood: integer('mood').notNull(),
    anxiety: integer('anxiety').notNull(),
    craving: integer('craving').notNull(),
    sleepHours: real('sleep_hours').notNull(),
    anyUse: boolean('any_use').notNull(),
    substancesUsed: text('substances_used'),
    selfHarmThoughts: boolean('self_harm_thoughts').notNull(),
    note: text('note'),
    source: text('source', { enum: MEASURE_SOURCES }).notNull(),
    enteredBy: text('entered_by'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('check_in_org_id_id_key').on(t.orgId, t.id),
    unique('check_in_org_id_participant_key').on(t.orgId, t.id, t.participantId),
    index('check_in_participant_idx').on(t.orgId, t.participantId, t.checkedInAt),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'check_in_episode_participant_fk',
    }),
    foreignKey({ columns: [t.orgId, t.enteredBy], foreignColumns: [appUser.orgId, appUser.id], name: 'check_in_entered_by_fk' }),
    check(
      'check_in_ratings_check',
      sql`${t.mood} between 0 and 10 and ${t.anxiety} between 0 and 10 and ${t.craving} between 0 and 10`,
    ),
    check('check_in_sleep_check', sql`${t.sleepHours} between 0 and 24 and ${t.sleepHours} * 4 = floor(${t.sleepHours} * 4)`),
    // What was used exactly when use is reported.
    check('check_in_use_check', sql`${t.anyUse} = (${t.substancesUsed} is not null)`),
    check('check_in_text_check', sql`coalesce(length(${t.substancesUsed}), 0) <= 200 and coalesce(length(${t.note}), 0) <= 2000`),
    check('check_in_source_check', oneOf(t.source, MEASURE_SOURCES)),
    check('check_in_entered_by_check', sql`(${t.source} = 'staff') = (${t.enteredBy} is not null)`),
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
    checkInId: uuid('check_in_id'),
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
    uniqueIndex('safety_alert_check_in_key').on(t.orgId, t.checkInId),
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
    foreignKey({
      columns: [t.orgId, t.checkInId, t.participantId],
      foreignColumns: [checkIn.orgId, checkIn.id, checkIn.participantId],
      name: 'safety_alert_check_in_fk',
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
    // An instrument's alert points at its response; a check-in's at the check-in.
    check(
      'safety_alert_response_check',
      sql`(${t.kind} = 'checkin' and ${t.responseId} is null and ${t.checkInId} is not null) or (${t.kind} <> 'checkin' and ${t.responseId} is not null and ${t.checkInId} is null)`,
    ),
  ],
);

/**
 * A one-time link a participant answers on their phone without signing in. Only a hash of the token is kept (the
 * token is shown once, to the staff member who made it). A link is used once: answering claims it in the same
 * transaction as the response or check-in it stores, and a trigger refuses any change to a used link.
 */
export const measureLink = pgTable(
  'measure_link',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    /** An instrument id, or 'check-in'. */
    instrument: text('instrument', { enum: MEASURE_LINK_KINDS }).notNull(),
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    responseId: uuid('response_id'),
    checkInId: uuid('check_in_id'),
    /** A hash of the answers that used it, so that a repeat of the same submission is answered as the first was. */
    submissionHash: text('submission_hash'),
  },
  (t) => [
    unique('measure_link_org_id_id_key').on(t.orgId, t.id),
    unique('measure_link_org_token_key').on(t.orgId, t.tokenHash),
    // A token arrives without its organisation: found by its hash alone (256 random bits: no two alike).
    index('measure_link_token_idx').on(t.tokenHash),
    index('measure_link_episode_idx').on(t.orgId, t.episodeId, t.instrument),
    uniqueIndex('measure_link_response_key').on(t.orgId, t.responseId),
    uniqueIndex('measure_link_check_in_key').on(t.orgId, t.checkInId),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'measure_link_episode_participant_fk',
    }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [appUser.orgId, appUser.id], name: 'measure_link_created_by_fk' }),
    foreignKey({
      columns: [t.orgId, t.responseId, t.participantId],
      foreignColumns: [measureResponse.orgId, measureResponse.id, measureResponse.participantId],
      name: 'measure_link_response_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.checkInId, t.participantId],
      foreignColumns: [checkIn.orgId, checkIn.id, checkIn.participantId],
      name: 'measure_link_check_in_fk',
    }),
    check('measure_link_instrument_check', oneOf(t.instrument, MEASURE_LINK_KINDS)),
    check('measure_link_expiry_check', sql`${t.expiresAt} > ${t.createdAt}`),
    // Used means answered: the time, what it stored (a response for an instrument, a check-in for a check-in link),
    // and the submission's hash, all together.
    check(
      'measure_link_used_check',
      sql`(${t.usedAt} is null and ${t.responseId} is null and ${t.checkInId} is null and ${t.submissionHash} is null) or (${t.usedAt} is not null and ${t.submissionHash} is not null and case when ${t.instrument} = 'check-in' then ${t.checkInId} is not null and ${t.responseId} is null else ${t.responseId} is not null and ${t.checkInId} is null end)`,
    ),
  ],
);

/** A program's measurement schedule, one row per instrument; a program without rows uses core's defaults for its focus. */
export const measurementSchedule = pgTable(
  'measurement_schedule',
  {
    orgId: orgId(),
    programId: uuid('program_id').notNull(),
    instrumentId: text('instrument_id', { enum: INSTRUMENT_IDS }).notNull(),
    atAdmission: boolean('at_admission').notNull(),
    everyDays: integer('every_days'),
    atDischarge: boolean('at_discharge').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.instrumentId] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'measurement_schedule_program_fk' }),
    foreignKey({ columns: [t.orgId, t.updatedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'measurement_schedule_updated_by_fk' }),
    check('measurement_schedule_instrument_check', oneOf(t.instrumentId, INSTRUMENT_IDS)),
    check(
      'measurement_schedule_every_days_check',
      sql`${t.everyDays} is null or ${t.everyDays} between 1 and ${sql.raw(String(MAX_SCHEDULE_INTERVAL_DAYS))}`,
    ),
    check('measurement_schedule_asks_check', sql`${t.atAdmission} or ${t.everyDays} is not null or ${t.atDischarge}`),
  ],
);

/**
 * A plan a participant keeps with their clinician, one row per version: each save is a new row with the next
 * version; a trigger refuses changes and deletions, so every version stays as it was printed. The safety plan and
 * the relapse prevention plan have the same shape, so one builder makes both (and the server's one versioning helper
 * works on either).
 */
function versionedPlanTable<TPlan>(name: string) {
  return pgTable(
    name,
    {
      id: id(),
      orgId: orgId(),
      participantId: uuid('participant_id').notNull(),
      version: integer('version').notNull(),
      plan: jsonb('plan').$type<TPlan>().notNull(),
      savedBy: text('saved_by').notNull(),
      savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull(),
    },
    (t) => [
      unique(`${name}_version_key`).on(t.orgId, t.participantId, t.version),
      foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: `${name}_participant_fk` }),
      foreignKey({ columns: [t.orgId, t.savedBy], foreignColumns: [appUser.orgId, appUser.id], name: `${name}_saved_by_fk` }),
      check(`${name}_version_check`, sql`${t.version} >= 1`),
      check(`${name}_object_check`, sql`jsonb_typeof(${t.plan}) = 'object'`),
    ],
  );
}

export type VersionedPlanTable<TPlan> = ReturnType<typeof versionedPlanTable<TPlan>>;

/** One version of a participant's safety plan (Stanley–Brown sections as core's `safetyPlanSchema`). */
export const safetyPlan = versionedPlanTable<SafetyPlan>('safety_plan');

/** One version of a participant's relapse prevention plan (core's `relapsePlanSchema`). */
export const relapsePlan = versionedPlanTable<RelapsePlan>('relapse_plan');

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
    // Every event is written once and searched rarely (the audit trail), so each index is one the search needs, and
    // as cheap to keep as it can be: events about no single participant (a roll, a list view) skip the participant
    // index, and the time range is a BRIN index (a few bytes per block range, next to nothing per insert) over a column
    // that grows with the table, instead of a B-tree whose right edge every insert writes.
    index('audit_event_participant_idx')
      .on(t.orgId, t.participantId, t.occurredAt)
      .where(sql`${t.participantId} is not null`),
    index('audit_event_participant_ids_idx').using('gin', t.participantIds),
    index('audit_event_actor_idx').on(t.orgId, t.actorId, t.occurredAt),
    index('audit_event_time_idx').using('brin', t.occurredAt),
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

export * from './schema-appointments.ts';
export * from './schema-family.ts';
// ---- Notes ----

/**
 * A session's group note while it is written: the shared sections once, and an entry per attendee (group_note_entry).
 * Signing writes a clinical_note into each attendee's chart and locks this row (a trigger refuses changes once signed).
 */
export const groupNote = pgTable(
  'group_note',
  {
    id: id(),
    orgId: orgId(),
    sessionId: uuid('session_id').notNull(),
    authorId: text('author_id').notNull(),
    status: text('status', { enum: NOTE_STATUSES }).notNull().default('draft'),
    shared: jsonb('shared').$type<Record<string, string>>().notNull(),
    facilitatorIds: text('facilitator_ids').array().notNull().default(sql`'{}'::text[]`),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('group_note_org_id_id_key').on(t.orgId, t.id),
    // One group note per session.
    unique('group_note_session_key').on(t.orgId, t.sessionId),
    foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [session.orgId, session.id], name: 'group_note_session_fk' }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [appUser.orgId, appUser.id], name: 'group_note_author_fk' }),
    check('group_note_status_check', oneOf(t.status, NOTE_STATUSES)),
    check('group_note_signed_check', sql`(${t.status} = 'signed') = (${t.signedAt} is not null)`),
    check('group_note_shared_check', sql`jsonb_typeof(${t.shared}) = 'object'`),
  ],
);

/** One attendee's individualised entry in a group note draft. */
export const groupNoteEntry = pgTable(
  'group_note_entry',
  {
    orgId: orgId(),
    groupNoteId: uuid('group_note_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    sections: jsonb('sections').$type<Record<string, string>>().notNull(),
    objectives: jsonb('objectives').$type<{ objectiveId: string; progress: string }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.groupNoteId, t.participantId] }),
    foreignKey({ columns: [t.orgId, t.groupNoteId], foreignColumns: [groupNote.orgId, groupNote.id], name: 'group_note_entry_note_fk' }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'group_note_entry_participant_fk' }),
    check('group_note_entry_sections_check', sql`jsonb_typeof(${t.sections}) = 'object'`),
    check('group_note_entry_objectives_check', sql`jsonb_typeof(${t.objectives}) = 'array'`),
  ],
);

/**
 * A clinical note in a participant's chart: individual, family, psychiatric, or one attendee's part of a group note.
 * Draft → signed: once signed the row is immutable (a trigger refuses any change but the supervisor's one
 * co-signature), carries the hash of its content, and takes addenda only. Psychotherapy and SUD counseling notes are
 * kept apart from the record: their author alone reads them.
 */
export const clinicalNote = pgTable(
  'clinical_note',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    kind: text('kind', { enum: NOTE_KINDS }).notNull(),
    privacy: text('privacy', { enum: NOTE_PRIVACY }).notNull().default('record'),
    format: text('format', { enum: NOTE_FORMATS }),
    sessionId: uuid('session_id'),
    groupNoteId: uuid('group_note_id'),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    sections: jsonb('sections').$type<Record<string, string>>().notNull(),
    objectives: jsonb('objectives').$type<{ objectiveId: string; progress: string }[]>().notNull().default(sql`'[]'::jsonb`),
    facilitatorIds: text('facilitator_ids').array().notNull().default(sql`'{}'::text[]`),
    authorId: text('author_id').notNull(),
    status: text('status', { enum: NOTE_STATUSES }).notNull().default('draft'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    lateEntry: boolean('late_entry').notNull().default(false),
    contentHash: text('content_hash'),
    requiresCosign: boolean('requires_cosign').notNull().default(false),
    cosignedBy: text('cosigned_by'),
    cosignedAt: timestamp('cosigned_at', { withTimezone: true, mode: 'date' }),
    cosignAttestation: text('cosign_attestation'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('clinical_note_org_id_id_key').on(t.orgId, t.id),
    index('clinical_note_episode_idx').on(t.orgId, t.episodeId, t.startsAt),
    index('clinical_note_unsigned_idx').on(t.orgId, t.authorId).where(sql`status = 'draft'`),
    index('clinical_note_cosign_idx').on(t.orgId, t.authorId).where(sql`requires_cosign and cosigned_at is null`),
    // One chart note per attendee of a group note.
    uniqueIndex('clinical_note_group_participant_key').on(t.orgId, t.groupNoteId, t.participantId).where(sql`group_note_id is not null`),
    episodeCopyFk(t, 'clinical_note_episode_fk'),
    foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [session.orgId, session.id], name: 'clinical_note_session_fk' }),
    foreignKey({ columns: [t.orgId, t.groupNoteId], foreignColumns: [groupNote.orgId, groupNote.id], name: 'clinical_note_group_note_fk' }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [appUser.orgId, appUser.id], name: 'clinical_note_author_fk' }),
    foreignKey({ columns: [t.orgId, t.cosignedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'clinical_note_cosigned_by_fk' }),
    check('clinical_note_kind_check', oneOf(t.kind, NOTE_KINDS)),
    check('clinical_note_privacy_check', oneOf(t.privacy, NOTE_PRIVACY)),
    check('clinical_note_format_check', sql`${t.format} is null or ${oneOf(t.format, NOTE_FORMATS)}`),
    check('clinical_note_status_check', oneOf(t.status, NOTE_STATUSES)),
    // A group note's chart part comes from a group note and has the group's own sections, not a progress-note format.
    check('clinical_note_group_check', sql`(${t.kind} = 'group') = (${t.groupNoteId} is not null) and (${t.kind} = 'group') = (${t.format} is null)`),
    // Private notes are individual or family notes; SUD counseling notes belong to a Part 2 episode.
    check(
      'clinical_note_private_check',
      sql`${t.privacy} = 'record' or (${t.kind} in ('individual', 'family') and (${t.privacy} <> 'sud_counseling' or ${t.part2}))`,
    ),
    check('clinical_note_time_order_check', sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.startsAt} + interval '12 hours'`),
    check('clinical_note_sections_check', sql`jsonb_typeof(${t.sections}) = 'object' and jsonb_typeof(${t.objectives}) = 'array'`),
    // Draft: nothing of a signature. Signed: when, and the hash of what was signed.
    check(
      'clinical_note_signed_check',
      sql`(${t.status} = 'draft' and ${t.signedAt} is null and ${t.contentHash} is null and not ${t.lateEntry} and not ${t.requiresCosign}) or (${t.status} = 'signed' and ${t.signedAt} is not null and ${t.contentHash} is not null and ${t.contentHash} ~ '^[0-9a-f]{64}$')`,
    ),
    // A co-signature: who, when and the attestation together, on a signed note that needs one, by someone else.
    check(
      'clinical_note_cosign_check',
      sql`(${t.cosignedBy} is null and ${t.cosignedAt} is null and ${t.cosignAttestation} is null) or (${t.requiresCosign} and ${t.cosignedBy} is not null and ${t.cosignedAt} is not null and ${t.cosignAttestation} is not null and ${t.cosignedBy} <> ${t.authorId} and ${t.cosignedAt} >= ${t.signedAt})`,
    ),
  ],
);

/** A correction or addition to a signed note, with its author and time; append-only, like the note it amends. */
export const noteAddendum = pgTable(
  'note_addendum',
  {
    id: id(),
    orgId: orgId(),
    noteId: uuid('note_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'date' }).notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [
    index('note_addendum_note_idx').on(t.orgId, t.noteId, t.writtenAt),
    foreignKey({ columns: [t.orgId, t.noteId], foreignColumns: [clinicalNote.orgId, clinicalNote.id], name: 'note_addendum_note_fk' }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [appUser.orgId, appUser.id], name: 'note_addendum_author_fk' }),
    check('note_addendum_text_check', sql`length(btrim(${t.text})) between 1 and 10000`),
    check('note_addendum_hash_check', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * One version of an episode's treatment plan (domain.md §5). A draft is saved with a version for optimistic
 * concurrency; signing by the clinician stores the content's SHA-256 and locks the row (a trigger refuses any change to
 * a signed version). A change after signing is a new draft with the next number; old versions stay readable.
 */
export const treatmentPlanVersion = pgTable(
  'treatment_plan_version',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    number: integer('number').notNull(),
    status: text('status', { enum: PLAN_VERSION_STATUSES }).notNull().default('draft'),
    content: jsonb('content').$type<TreatmentPlan>().notNull(),
    /** Copied from the content for queries: the day the plan takes effect and its prescribed weekly minutes. */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    weeklyMinutes: integer('weekly_minutes').notNull(),
    contentHash: text('content_hash'),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    signedBy: text('signed_by'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    /** The local date (site zone) of signing: the prescription governs weeks from max(effective_on, signed_on). */
    signedOn: date('signed_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('treatment_plan_version_org_id_id_key').on(t.orgId, t.id),
    // Lets reviews and certifications point at a version of their own episode.
    unique('treatment_plan_version_org_id_id_episode_key').on(t.orgId, t.id, t.episodeId),
    // Lets a signature carry the hash it signed, checked against the version's.
    unique('treatment_plan_version_org_id_id_hash_key').on(t.orgId, t.id, t.contentHash),
    unique('treatment_plan_version_number_key').on(t.orgId, t.episodeId, t.number),
    // One draft per episode at a time: two editors work on the same draft, and the second save is refused as stale.
    uniqueIndex('treatment_plan_version_one_draft_key').on(t.orgId, t.episodeId).where(sql`status = 'draft'`),
    episodeCopyFk(t, 'treatment_plan_version_episode_fk'),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [appUser.orgId, appUser.id], name: 'treatment_plan_version_created_by_fk' }),
    foreignKey({ columns: [t.orgId, t.updatedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'treatment_plan_version_updated_by_fk' }),
    foreignKey({ columns: [t.orgId, t.signedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'treatment_plan_version_signed_by_fk' }),
    check('treatment_plan_version_status_check', oneOf(t.status, PLAN_VERSION_STATUSES)),
    check('treatment_plan_version_number_check', sql`${t.number} >= 1`),
    check(
      'treatment_plan_version_weekly_minutes_check',
      sql`${t.weeklyMinutes} between 1 and ${sql.raw(String(7 * SCHEDULE_MAX_HOURS_PER_DAY * 60))}`,
    ),
    check('treatment_plan_version_content_check', sql`jsonb_typeof(${t.content}) = 'object'`),
    check('treatment_plan_version_hash_check', sql`${t.contentHash} is null or ${t.contentHash} ~ '^[0-9a-f]{64}$'`),
    // Signed exactly when the signing is recorded in full.
    check(
      'treatment_plan_version_signed_check',
      sql`(${t.status} = 'signed') = (${t.contentHash} is not null and ${t.signedBy} is not null and ${t.signedAt} is not null and ${t.signedOn} is not null)`,
    ),
  ],
);

/**
 * A signature on a signed plan version: the clinician's (made when signing), the participant's (taken in person by a
 * staff member, who is recorded), a supervisor's sign-off. It carries the hash it signed, held to the version's by the
 * foreign key, so nobody signs a draft or content other than what was locked. Append-only.
 */
export const treatmentPlanSignature = pgTable(
  'treatment_plan_signature',
  {
    orgId: orgId(),
    planVersionId: uuid('plan_version_id').notNull(),
    signer: text('signer', { enum: PLAN_SIGNERS }).notNull(),
    signedName: text('signed_name').notNull(),
    recordedBy: text('recorded_by').notNull(),
    contentHash: text('content_hash').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** In person on a staff member's device, or by the participant in the portal (then `recorded_by` is theirs). */
    method: text('method', { enum: PLAN_SIGNATURE_METHODS }).notNull().default('in_person'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planVersionId, t.signer] }),
    foreignKey({
      columns: [t.orgId, t.planVersionId, t.contentHash],
      foreignColumns: [treatmentPlanVersion.orgId, treatmentPlanVersion.id, treatmentPlanVersion.contentHash],
      name: 'treatment_plan_signature_version_fk',
    }),
    foreignKey({ columns: [t.orgId, t.recordedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'treatment_plan_signature_recorded_by_fk' }),
    check('treatment_plan_signature_signer_check', oneOf(t.signer, PLAN_SIGNERS)),
    check('treatment_plan_signature_method_check', oneOf(t.method, PLAN_SIGNATURE_METHODS)),
    // Only the participant signs in the portal.
    check('treatment_plan_signature_portal_check', sql`${t.method} <> 'portal' or ${t.signer} = 'participant'`),
    check('treatment_plan_signature_name_check', sql`length(btrim(${t.signedName})) between 1 and 200`),
  ],
);

/** A review of the plan in force: progress per objective, narrative, the next review date. Append-only. */
export const planReview = pgTable(
  'plan_review',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    planVersionId: uuid('plan_version_id').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    nextReviewOn: date('next_review_on', { mode: 'string' }).notNull(),
    narrative: text('narrative').notNull(),
    reviewedBy: text('reviewed_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('plan_review_org_id_id_key').on(t.orgId, t.id),
    index('plan_review_episode_idx').on(t.orgId, t.episodeId, t.reviewedOn),
    episodeCopyFk(t, 'plan_review_episode_fk'),
    foreignKey({
      columns: [t.orgId, t.planVersionId, t.episodeId],
      foreignColumns: [treatmentPlanVersion.orgId, treatmentPlanVersion.id, treatmentPlanVersion.episodeId],
      name: 'plan_review_version_fk',
    }),
    foreignKey({ columns: [t.orgId, t.reviewedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'plan_review_reviewed_by_fk' }),
    check('plan_review_dates_check', sql`${t.nextReviewOn} > ${t.reviewedOn}`),
    check('plan_review_narrative_check', sql`length(btrim(${t.narrative})) between 1 and 4000`),
  ],
);

/** Progress on one objective at a review. */
export const planReviewProgress = pgTable(
  'plan_review_progress',
  {
    orgId: orgId(),
    reviewId: uuid('review_id').notNull(),
    objectiveId: uuid('objective_id').notNull(),
    progress: text('progress', { enum: OBJECTIVE_PROGRESS }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.reviewId, t.objectiveId] }),
    foreignKey({ columns: [t.orgId, t.reviewId], foreignColumns: [planReview.orgId, planReview.id], name: 'plan_review_progress_review_fk' }),
    check('plan_review_progress_check', oneOf(t.progress, OBJECTIVE_PROGRESS)),
    check('plan_review_progress_note_check', sql`${t.note} is null or length(${t.note}) <= 1000`),
  ],
);

/**
 * A physician's (or non-physician practitioner's) certification of the need for PHP/IOP, or a recertification, with
 * the signed plan of care it rests on (domain.md §3.1). Append-only; one per sequence number of an episode.
 */
export const certification = pgTable(
  'certification',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    part2: boolean('part2').notNull(),
    sequence: integer('sequence').notNull(),
    level: text('level', { enum: CERTIFIED_LEVELS }).notNull(),
    certifiedOn: date('certified_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    planVersionId: uuid('plan_version_id').notNull(),
    statement: text('statement').notNull(),
    certifiedBy: text('certified_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('certification_sequence_key').on(t.orgId, t.episodeId, t.sequence),
    episodeCopyFk(t, 'certification_episode_fk'),
    foreignKey({
      columns: [t.orgId, t.planVersionId, t.episodeId],
      foreignColumns: [treatmentPlanVersion.orgId, treatmentPlanVersion.id, treatmentPlanVersion.episodeId],
      name: 'certification_plan_version_fk',
    }),
    foreignKey({ columns: [t.orgId, t.certifiedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'certification_certified_by_fk' }),
    check('certification_sequence_check', sql`${t.sequence} >= 1`),
    check('certification_level_check', oneOf(t.level, CERTIFIED_LEVELS)),
    check('certification_statement_check', sql`length(btrim(${t.statement})) between 1 and 2000`),
  ],
);

/**
 * The biopsychosocial intake assessment (issue 6), started for an episode or for an inquiry (someone not yet admitted).
 * An inquiry's assessment is attached to the episode at admission (episode, participant and part2 filled in, once).
 * A draft autosaves with a version; signing stores the content's SHA-256 and a trigger refuses any other change to a
 * signed row. Corrections are addenda.
 */
export const intakeAssessment = pgTable(
  'intake_assessment',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id'),
    participantId: uuid('participant_id'),
    part2: boolean('part2'),
    inquiryId: uuid('inquiry_id'),
    content: jsonb('content').$type<IntakeAssessmentContent>().notNull(),
    authorId: text('author_id').notNull(),
    status: text('status', { enum: INTAKE_ASSESSMENT_STATUSES }).notNull().default('draft'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    contentHash: text('content_hash'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('intake_assessment_org_id_id_key').on(t.orgId, t.id),
    index('intake_assessment_episode_idx').on(t.orgId, t.episodeId),
    index('intake_assessment_inquiry_idx').on(t.orgId, t.inquiryId),
    index('intake_assessment_unsigned_idx').on(t.orgId, t.updatedAt).where(sql`status = 'draft'`),
    episodeCopyFk(t, 'intake_assessment_episode_fk'),
    foreignKey({ columns: [t.orgId, t.inquiryId], foreignColumns: [inquiry.orgId, inquiry.id], name: 'intake_assessment_inquiry_fk' }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [appUser.orgId, appUser.id], name: 'intake_assessment_author_fk' }),
    check('intake_assessment_status_check', oneOf(t.status, INTAKE_ASSESSMENT_STATUSES)),
    // About someone: an episode (with its participant and Part 2 flag copied, all or none) or an inquiry, or both.
    check(
      'intake_assessment_subject_check',
      sql`(${t.episodeId} is null) = (${t.participantId} is null) and (${t.episodeId} is null) = (${t.part2} is null) and (${t.episodeId} is not null or ${t.inquiryId} is not null)`,
    ),
    check('intake_assessment_content_check', sql`jsonb_typeof(${t.content}) = 'object' and length(${t.content}::text) <= 100000`),
    check(
      'intake_assessment_signed_check',
      sql`(${t.status} = 'draft' and ${t.signedAt} is null and ${t.contentHash} is null) or (${t.status} = 'signed' and ${t.signedAt} is not null and ${t.contentHash} ~ '^[0-9a-f]{64}$')`,
    ),
  ],
);

/** A correction or addition to a signed intake assessment, with its author and time; append-only. */
export const intakeAssessmentAddendum = pgTable(
  'intake_assessment_addendum',
  {
    id: id(),
    orgId: orgId(),
    assessmentId: uuid('assessment_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'date' }).notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [
    index('intake_assessment_addendum_idx').on(t.orgId, t.assessmentId, t.writtenAt),
    foreignKey({
      columns: [t.orgId, t.assessmentId],
      foreignColumns: [intakeAssessment.orgId, intakeAssessment.id],
      name: 'intake_assessment_addendum_assessment_fk',
    }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [appUser.orgId, appUser.id], name: 'intake_assessment_addendum_author_fk' }),
    check('intake_assessment_addendum_text_check', sql`length(btrim(${t.text})) between 1 and 10000`),
    check('intake_assessment_addendum_hash_check', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

// ---- Skills library (issue 8) ----

/** A skills-library topic a program publishes to its participants (the text is core's `SKILL_TOPICS`). */
export const skillPublication = pgTable(
  'skill_publication',
  {
    orgId: orgId(),
    programId: uuid('program_id').notNull(),
    topic: text('topic', { enum: SKILL_TOPIC_IDS }).notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.topic] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'skill_publication_program_fk' }),
    foreignKey({ columns: [t.orgId, t.publishedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'skill_publication_published_by_fk' }),
    check('skill_publication_topic_check', oneOf(t.topic, SKILL_TOPIC_IDS)),
  ],
);

/** A topic a clinician assigned to a participant as homework in an episode, and when the participant read it. */
export const skillAssignment = pgTable(
  'skill_assignment',
  {
    id: id(),
    orgId: orgId(),
    episodeId: uuid('episode_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    topic: text('topic', { enum: SKILL_TOPIC_IDS }).notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // One open (unread) assignment of a topic per episode, whatever races the application loses.
    uniqueIndex('skill_assignment_open_key').on(t.orgId, t.episodeId, t.topic).where(sql`read_at is null`),
    index('skill_assignment_participant_idx').on(t.orgId, t.participantId),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'skill_assignment_episode_participant_fk',
    }),
    foreignKey({ columns: [t.orgId, t.assignedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'skill_assignment_assigned_by_fk' }),
    check('skill_assignment_topic_check', oneOf(t.topic, SKILL_TOPIC_IDS)),
    check('skill_assignment_read_order_check', sql`${t.readAt} is null or ${t.readAt} >= ${t.assignedAt}`),
  ],
);
