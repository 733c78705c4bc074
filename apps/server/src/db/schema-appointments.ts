/**
 * Availability and appointments (re-exported by schema.ts). The exclusion constraints that make a double booking
 * impossible — one clinician, one participant, one room at a time — are written by hand in the migration
 * (0015_availability_appointments.sql): Drizzle cannot express them.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CLINICIAN_EXCEPTION_KINDS,
  MAX_SESSIONS_PER_DAY_LIMIT,
  ROOM_KINDS,
  SCHEDULE_RUN_STATUSES,
  UNAVAILABILITY_REASONS,
  type ScheduleAcceptResult,
  type ScheduleRunProgress,
  type ScheduleProposal,
} from '@trellis/core';
import {
  type AnyPgColumn,
  check,
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
  uuid,
} from 'drizzle-orm/pg-core';
import { appUser, episode, participant, program, room, site } from './schema.ts';

const orgId = () => uuid('org_id').notNull();
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))})`;
}

/** A weekly rule's wall-clock times: 'HH:MM', the end up to '24:00', on one day (core merges and splits at midnight). */
function weeklyRuleChecks(name: string, t: { weekday: AnyPgColumn; startTime: AnyPgColumn; endTime: AnyPgColumn }) {
  return [
    check(`${name}_weekday_check`, sql`${t.weekday} between 1 and 7`),
    check(
      `${name}_time_check`,
      sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${t.endTime} ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' and ${t.startTime} < ${t.endTime}`,
    ),
  ];
}

/** A clinician's scheduling settings; its version guards the weekly rules, which are replaced as a whole. */
export const clinicianAvailability = pgTable(
  'clinician_availability',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    /** The most appointments and groups the clinician holds in a day; null for no limit. */
    maxSessionsPerDay: integer('max_sessions_per_day'),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'clinician_availability_user_fk' }),
    check('clinician_availability_max_check', sql`${t.maxSessionsPerDay} is null or ${t.maxSessionsPerDay} between 1 and ${sql.raw(String(MAX_SESSIONS_PER_DAY_LIMIT))}`),
  ],
);

/** One stretch of a clinician's weekly working hours at a site, merged (no two of a site overlap or touch). */
export const clinicianHoursRule = pgTable(
  'clinician_hours_rule',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    siteId: uuid('site_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.siteId, t.weekday, t.startTime] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [clinicianAvailability.orgId, clinicianAvailability.userId], name: 'clinician_hours_rule_availability_fk' }),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'clinician_hours_rule_site_fk' }),
    ...weeklyRuleChecks('clinician_hours_rule', t),
  ],
);

/** Leave, training or another absence from working hours. */
export const clinicianException = pgTable(
  'clinician_exception',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    userId: text('user_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    kind: text('kind', { enum: CLINICIAN_EXCEPTION_KINDS }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('clinician_exception_org_id_id_key').on(t.orgId, t.id),
    index('clinician_exception_user_idx').on(t.orgId, t.userId, t.startsAt),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [appUser.orgId, appUser.id], name: 'clinician_exception_user_fk' }),
    check('clinician_exception_kind_check', oneOf(t.kind, CLINICIAN_EXCEPTION_KINDS)),
    check('clinician_exception_order_check', sql`${t.startsAt} < ${t.endsAt}`),
    check('clinician_exception_note_check', sql`coalesce(length(${t.note}), 0) <= 200`),
  ],
);

/** A participant's scheduling record: its version guards the weekly unavailability, replaced as a whole. */
export const participantUnavailability = pgTable(
  'participant_unavailability',
  {
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.participantId] }),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'participant_unavailability_participant_fk' }),
  ],
);

/** One stretch of a participant's weekly unavailability (work, school, childcare), merged within its reason. */
export const participantUnavailabilityRule = pgTable(
  'participant_unavailability_rule',
  {
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    reason: text('reason', { enum: UNAVAILABILITY_REASONS }).notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.participantId, t.reason, t.weekday, t.startTime] }),
    foreignKey({
      columns: [t.orgId, t.participantId],
      foreignColumns: [participantUnavailability.orgId, participantUnavailability.participantId],
      name: 'participant_unavailability_rule_owner_fk',
    }),
    check('participant_unavailability_rule_reason_check', oneOf(t.reason, UNAVAILABILITY_REASONS)),
    ...weeklyRuleChecks('participant_unavailability_rule', t),
  ],
);

/** A one-off time the participant cannot come (an appointment elsewhere, a court date). */
export const participantUnavailabilityException = pgTable(
  'participant_unavailability_exception',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    participantId: uuid('participant_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('participant_unavailability_exception_org_id_id_key').on(t.orgId, t.id),
    index('participant_unavailability_exception_idx').on(t.orgId, t.participantId, t.startsAt),
    foreignKey({ columns: [t.orgId, t.participantId], foreignColumns: [participant.orgId, participant.id], name: 'participant_unavailability_exception_participant_fk' }),
    check('participant_unavailability_exception_order_check', sql`${t.startsAt} < ${t.endsAt}`),
    check('participant_unavailability_exception_note_check', sql`coalesce(length(${t.note}), 0) <= 200`),
  ],
);

/** An individual, family or prescriber appointment, booked under the participant's episode. */
export const appointment = pgTable(
  'appointment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text('kind', { enum: APPOINTMENT_KINDS }).notNull(),
    participantId: uuid('participant_id').notNull(),
    episodeId: uuid('episode_id').notNull(),
    clinicianId: text('clinician_id').notNull(),
    siteId: uuid('site_id').notNull(),
    roomId: uuid('room_id'),
    /**
     * The room's kind, copied by a trigger on insert and on a change of room and kept the room's by the foreign key
     * (on update cascade): appointment_room_excl holds a physical room to one appointment at a time and lets a
     * virtual room (a meeting link) hold any number, as groups in virtual rooms already may.
     */
    roomKind: text('room_kind', { enum: ROOM_KINDS }),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** The site-local date it starts on: the ledger finds a week's appointments by it. */
    localDate: date('local_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    /** Why it was cancelled, or last rescheduled. */
    reason: text('reason'),
    bookedBy: text('booked_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('appointment_org_id_id_key').on(t.orgId, t.id),
    index('appointment_participant_idx').on(t.orgId, t.participantId, t.startsAt),
    index('appointment_clinician_idx').on(t.orgId, t.clinicianId, t.startsAt),
    index('appointment_episode_date_idx').on(t.orgId, t.episodeId, t.localDate),
    index('appointment_room_idx').on(t.orgId, t.roomId, t.startsAt),
    foreignKey({
      columns: [t.orgId, t.episodeId, t.participantId],
      foreignColumns: [episode.orgId, episode.id, episode.participantId],
      name: 'appointment_episode_participant_fk',
    }),
    foreignKey({ columns: [t.orgId, t.clinicianId], foreignColumns: [appUser.orgId, appUser.id], name: 'appointment_clinician_fk' }),
    foreignKey({ columns: [t.orgId, t.bookedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'appointment_booked_by_fk' }),
    foreignKey({ columns: [t.orgId, t.siteId], foreignColumns: [site.orgId, site.id], name: 'appointment_site_fk' }),
    foreignKey({ columns: [t.orgId, t.roomId], foreignColumns: [room.orgId, room.id], name: 'appointment_room_fk' }),
    foreignKey({ columns: [t.orgId, t.roomId, t.roomKind], foreignColumns: [room.orgId, room.id, room.kind], name: 'appointment_room_kind_fk' }).onUpdate('cascade'),
    check('appointment_room_kind_check', sql`(${t.roomId} is null) = (${t.roomKind} is null)`),
    check('appointment_kind_check', oneOf(t.kind, APPOINTMENT_KINDS)),
    check('appointment_status_check', oneOf(t.status, APPOINTMENT_STATUSES)),
    check('appointment_time_order_check', sql`${t.startsAt} < ${t.endsAt}`),
    // A cancellation, late or not, says why.
    check('appointment_cancel_reason_check', sql`${t.status} not in ('cancelled', 'late_cancelled') or ${t.reason} is not null`),
    check('appointment_reason_check', sql`${t.reason} is null or length(${t.reason}) between 1 and 500`),
  ],
);

/**
 * One run of the weekly auto-scheduler: queued when asked for, solved (the proposal) or failed (the error), then
 * accepted (what was booked and what clashed since). Program null: the whole organisation.
 */
export const scheduleRun = pgTable(
  'schedule_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programId: uuid('program_id'),
    /** The Monday of the program week scheduled. */
    weekMonday: date('week_monday', { mode: 'string' }).notNull(),
    status: text('status', { enum: SCHEDULE_RUN_STATUSES }).notNull().default('queued'),
    proposal: jsonb('proposal').$type<ScheduleProposal>(),
    error: text('error'),
    result: jsonb('result').$type<ScheduleAcceptResult>(),
    /** Where the run is while it solves (phase, count, site), then where it ended; the worker's reports, throttled. */
    progress: jsonb('progress').$type<ScheduleRunProgress>(),
    requestedBy: text('requested_by').notNull(),
    acceptedBy: text('accepted_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('schedule_run_org_id_id_key').on(t.orgId, t.id),
    index('schedule_run_org_idx').on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [program.orgId, program.id], name: 'schedule_run_program_fk' }),
    foreignKey({ columns: [t.orgId, t.requestedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'schedule_run_requested_by_fk' }),
    foreignKey({ columns: [t.orgId, t.acceptedBy], foreignColumns: [appUser.orgId, appUser.id], name: 'schedule_run_accepted_by_fk' }),
    check('schedule_run_status_check', oneOf(t.status, SCHEDULE_RUN_STATUSES)),
    // A solved or accepted run has its proposal; an accepted one its result and who accepted it; a failed one its error.
    check(
      'schedule_run_state_check',
      sql`(${t.status} = 'queued' or ${t.status} = 'failed' or ${t.proposal} is not null)
          and (${t.status} <> 'accepted' or (${t.result} is not null and ${t.acceptedBy} is not null))
          and (${t.status} <> 'failed' or ${t.error} is not null)`,
    ),
  ],
);
