/**
 * The public way in (no sign-in): an organisation's program page and the "Request an assessment" form. Nothing here
 * carries anything stored about a person; the form's answer is only that it was received.
 */
import { z } from 'zod';
import { CONTACT_METHODS, INQUIRY_PAYERS } from '../inquiries.ts';
import { FOCI, LEVELS_OF_CARE, POPULATIONS, SESSION_KINDS } from '../program-rules.ts';

export const orgSlugParamsSchema = z.object({
  orgSlug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be an organisation address such as demo-clinic'),
});

export const publicTrackBlockSchema = z.object({
  /** ISO weekday, Monday 1 to Sunday 7. */
  weekday: z.number().int().min(1).max(7),
  /** Local times in the site's zone. */
  startTime: z.string(),
  endTime: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
});

export const publicTrackSchema = z.object({
  name: z.string(),
  /** Hours a week the track's timetable holds, counting therapy time only. */
  weeklyHours: z.number(),
  blocks: z.array(publicTrackBlockSchema),
});

export const publicProgramSchema = z.object({
  id: z.string(),
  name: z.string(),
  levelOfCare: z.enum(LEVELS_OF_CARE),
  levelOfCareLabel: z.string(),
  population: z.enum(POPULATIONS),
  focus: z.enum(FOCI),
  siteName: z.string(),
  /** The IANA zone the tracks' times are in. */
  timeZone: z.string(),
  audience: z.string().nullable(),
  weekDescription: z.string().nullable(),
  therapies: z.array(z.string()),
  insuranceAccepted: z.array(z.string()),
  typicalLengthWeeks: z.object({ min: z.number(), max: z.number() }).nullable(),
  tracks: z.array(publicTrackSchema),
});
export type PublicProgram = z.infer<typeof publicProgramSchema>;

export const publicProgramPageSchema = z.object({
  organisation: z.object({ name: z.string(), slug: z.string() }),
  programs: z.array(publicProgramSchema),
});
export type PublicProgramPage = z.infer<typeof publicProgramPageSchema>;

/** A signed token handed out with the form; it dates when the form was opened (bot timing check). */
export const inquiryFormTokenSchema = z.object({ formToken: z.string() });

/** Free text trimmed, at most `max` characters; left empty it is stored as null. */
export const trimmedOrNull = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s));

/** Digits with the usual separators; 7 to 15 digits (E.164 allows at most 15). */
const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,25}$/, 'must be a phone number')
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15;
  }, 'must be a phone number');

export const inquiryRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
    phone: z.union([phoneSchema, z.literal('').transform(() => null)]).nullish(),
    email: z.union([z.email('must be an email address').max(254), z.literal('').transform(() => null)]).nullish(),
    preferredContact: z.enum(CONTACT_METHODS, 'choose how we should contact you'),
    /** A program on the organisation's page, or none when the person is not sure. */
    programId: z.uuid('choose a program from the list').nullish(),
    payer: z.enum(INQUIRY_PAYERS, 'choose how you expect to pay'),
    message: trimmedOrNull(1000).nullish(),
    consentToContact: z.literal(true, 'must be ticked so the program may contact you'),
    formToken: z.string().min(1, 'is required').max(200),
    /** Left empty by people; a field hidden from them that bots fill in. */
    website: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.preferredContact === 'email' && !v.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'is needed to contact you by email' });
    }
    if (v.preferredContact !== 'email' && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is needed to call or text you' });
    }
  });
/** The request as the form sends it. */
export type InquiryRequestInput = z.input<typeof inquiryRequestSchema>;
/** The request as the server reads it (empty fields become null). */
export type InquiryRequest = z.output<typeof inquiryRequestSchema>;

/** The only answer the form gets: received. Nothing stored is echoed. */
export const inquiryReceivedSchema = z.object({ status: z.literal('received') });

// ---- What staff publish about a program ----

const listItem = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const plainWords = trimmedOrNull(2000).nullable();

/** A program's public profile: whether it is listed on the program page, and the words shown there. */
export const programPublicProfileSchema = z
  .object({
    publicListed: z.boolean(),
    audience: plainWords,
    weekDescription: plainWords,
    therapies: z.array(listItem).max(30, 'must list at most 30'),
    insuranceAccepted: z.array(listItem).max(50, 'must list at most 50'),
    typicalLengthWeeks: z
      .object({ min: z.number().int().min(1, 'must be at least 1').max(104), max: z.number().int().min(1).max(104, 'must be at most 104') })
      .refine((l) => l.max >= l.min, { path: ['max'], message: 'must not be less than the minimum' })
      .nullable(),
  });
export type ProgramPublicProfile = z.output<typeof programPublicProfileSchema>;

export const updateProgramPublicProfileSchema = programPublicProfileSchema.extend({ version: z.number().int().positive() });
export type UpdateProgramPublicProfile = z.output<typeof updateProgramPublicProfileSchema>;

export const programPublicProfileViewSchema = z.object({
  programId: z.string(),
  /** The organisation's public address: its program page is /p/<orgSlug>. */
  orgSlug: z.string(),
  version: z.number(),
  publicListed: z.boolean(),
  audience: z.string().nullable(),
  weekDescription: z.string().nullable(),
  therapies: z.array(z.string()),
  insuranceAccepted: z.array(z.string()),
  typicalLengthWeeks: z.object({ min: z.number(), max: z.number() }).nullable(),
});
export type ProgramPublicProfileView = z.infer<typeof programPublicProfileViewSchema>;
