import { z } from 'zod';
import { saneDateSchema } from './dates.ts';
import { DISCHARGE_DISPOSITIONS, LEVELS_OF_CARE } from '../program-rules.ts';
import { SEXES_FOR_SCORING } from '../measures/audit.ts';

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
const localDate = saneDateSchema;

/**
 * A phone number as people write it: digits with spaces, dots, dashes, brackets and one leading +, 7 to 15 digits
 * (15 is the most E.164 allows; 7 is a local number such as 555-0100).
 */
export const phoneSchema = z
  .string()
  .trim()
  .max(40, 'must be at most 40 characters')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return /^\+?[0-9 ().-]+$/.test(v) && digits >= 7 && digits <= 15;
  }, 'must be a phone number of 7 to 15 digits, e.g. 555 0100 or +1 212 555 0100');

export const emergencyContactSchema = z.object({
  name,
  relationship: z.string().trim().min(1, 'is required').max(60),
  phone: phoneSchema,
});
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

const participantFields = {
  givenName: name,
  familyName: name,
  preferredName: optionalText(100),
  pronouns: optionalText(40),
  dateOfBirth: localDate,
  phone: phoneSchema.nullable().optional(),
  email: z.email('must be an email address').max(254).nullable().optional(),
  emergencyContact: emergencyContactSchema.nullable().optional(),
  /** Sex assigned at birth, used only where an instrument's cut-offs depend on it (AUDIT-C); not asked is `unknown`. */
  sexForScoring: z.enum(SEXES_FOR_SCORING, { error: `must be one of ${SEXES_FOR_SCORING.join(', ')}` }).optional(),
};

export const participantCreateSchema = z.object(participantFields);
export type ParticipantCreate = z.infer<typeof participantCreateSchema>;

export const participantUpdateSchema = z.object({
  version: z.number().int().positive(),
  givenName: name.optional(),
  familyName: name.optional(),
  preferredName: participantFields.preferredName,
  pronouns: participantFields.pronouns,
  dateOfBirth: localDate.optional(),
  phone: participantFields.phone,
  email: participantFields.email,
  emergencyContact: participantFields.emergencyContact,
  sexForScoring: participantFields.sexForScoring,
});
export type ParticipantUpdate = z.infer<typeof participantUpdateSchema>;

export const participantIdParamsSchema = z.object({ id: z.uuid() });

export const participantListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'discharged', 'all']).default('all'),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ParticipantListQuery = z.infer<typeof participantListQuerySchema>;

export const trackMembershipViewSchema = z.object({
  trackId: z.string(),
  trackName: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});

export const episodeStatusSchema = z.enum(['active', 'discharged']);

export const episodeSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  programId: z.string(),
  programName: z.string(),
  levelOfCare: z.enum(LEVELS_OF_CARE),
  part2: z.boolean(),
  admittedOn: z.string(),
  expectedWeeks: z.number().nullable(),
  primaryClinicianId: z.string().nullable(),
  primaryClinicianName: z.string().nullable(),
  status: episodeStatusSchema,
  dischargedOn: z.string().nullable(),
  disposition: z.enum(DISCHARGE_DISPOSITIONS).nullable(),
  dischargeNote: z.string().nullable(),
  currentTrackId: z.string().nullable(),
  currentTrackName: z.string().nullable(),
  memberships: z.array(trackMembershipViewSchema),
  version: z.number(),
});
export type EpisodeView = z.infer<typeof episodeSchema>;

export const participantSchema = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  emergencyContact: emergencyContactSchema.nullable(),
  sexForScoring: z.enum(SEXES_FOR_SCORING),
  version: z.number(),
  /** Any episode in a 42 CFR Part 2 program: the record must be handled and labelled as Part 2. */
  part2: z.boolean(),
  episodes: z.array(episodeSchema),
});
export type ParticipantView = z.infer<typeof participantSchema>;

export const participantSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  dateOfBirth: z.string(),
  activeEpisode: z.object({ id: z.string(), programName: z.string(), trackName: z.string().nullable() }).nullable(),
});
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

export const participantPageSchema = z.object({
  items: z.array(participantSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ParticipantPage = z.infer<typeof participantPageSchema>;

export const admissionSchema = z.object({
  programId: z.uuid(),
  trackId: z.uuid(),
  admittedOn: localDate,
  primaryClinicianId: z.string().min(1).max(100),
  expectedWeeks: z
    .number()
    .int('must be a whole number of weeks')
    .min(1, 'must be at least 1 week')
    .max(104, 'must be at most 104 weeks')
    .nullable()
    .optional(),
});
export type Admission = z.infer<typeof admissionSchema>;

export const episodeIdParamsSchema = z.object({ id: z.uuid() });

export const trackMoveSchema = z.object({
  trackId: z.uuid(),
  fromDate: localDate,
  version: z.number().int().positive(),
});
export type TrackMove = z.infer<typeof trackMoveSchema>;

export const dischargeSchema = z.object({
  dischargedOn: localDate,
  disposition: z.enum(DISCHARGE_DISPOSITIONS),
  note: z.string().trim().max(2000).nullable().optional(),
  version: z.number().int().positive(),
});
export type Discharge = z.infer<typeof dischargeSchema>;
