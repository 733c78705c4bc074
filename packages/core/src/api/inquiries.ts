/** The inquiries board (staff): people asking about care before admission, by status, with notes and next step. */
import { z } from 'zod';
import { CONTACT_METHODS, INQUIRY_PAYERS, INQUIRY_SOURCES, INQUIRY_STATUSES } from '../inquiries.ts';
import { saneDateSchema } from './dates.ts';
import { admissionSchema, episodeSchema, participantCreateSchema } from './participants.ts';
import { trimmedOrNull } from './public.ts';

export const INQUIRY_PAGE_SIZE = 50;

export const inquiriesQuerySchema = z.object({
  status: z.enum(INQUIRY_STATUSES, 'must be one of the board’s columns'),
  /** The keyset cursor of the previous page (newest first). */
  cursor: z.string().max(200).optional(),
});
export type InquiriesQuery = z.infer<typeof inquiriesQuerySchema>;

export const inquirySchema = z.object({
  id: z.string(),
  status: z.enum(INQUIRY_STATUSES),
  source: z.enum(INQUIRY_SOURCES),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredContact: z.enum(CONTACT_METHODS),
  programId: z.string().nullable(),
  programName: z.string().nullable(),
  payer: z.enum(INQUIRY_PAYERS),
  message: z.string().nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
  /** Set once the inquiry is converted: the episode it became, or where the person was referred and why. */
  episodeId: z.string().nullable(),
  participantId: z.string().nullable(),
  referredTo: z.string().nullable(),
  referralReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Inquiry = z.infer<typeof inquirySchema>;

export const inquiryBoardSchema = z.object({
  /** How many inquiries each column holds. */
  counts: z.object({
    new: z.number(),
    contacted: z.number(),
    screening: z.number(),
    assessment_scheduled: z.number(),
    admitted: z.number(),
    referred_elsewhere: z.number(),
    closed: z.number(),
  }) satisfies z.ZodType<Record<(typeof INQUIRY_STATUSES)[number], number>>,
  items: z.array(inquirySchema),
  nextCursor: z.string().nullable(),
});
export type InquiryBoard = z.infer<typeof inquiryBoardSchema>;

export const updateInquirySchema = z.object({
  version: z.number().int().positive(),
  status: z.enum(INQUIRY_STATUSES, 'must be one of the board’s columns').optional(),
  notes: trimmedOrNull(4000).nullish(),
  nextStep: trimmedOrNull(500).nullish(),
});
export type UpdateInquiry = z.output<typeof updateInquirySchema>;

const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/**
 * "Admit" from the board: the participant's record (prefilled from the inquiry, completed by the coordinator) and the
 * admission to a program and track, in one step. The version is the inquiry's (optimistic concurrency).
 */
export const admitInquirySchema = z.object({
  version: z.number().int().positive(),
  participant: participantCreateSchema,
  admission: admissionSchema,
});
export type AdmitInquiry = z.infer<typeof admitInquirySchema>;

export const admittedInquirySchema = z.object({ inquiry: inquirySchema, episode: episodeSchema });
export type AdmittedInquiry = z.infer<typeof admittedInquirySchema>;

/** "Refer elsewhere": where the person was referred and why. */
export const referInquirySchema = z.object({
  version: z.number().int().positive(),
  referredTo: requiredText(200),
  reason: requiredText(1000),
});
export type ReferInquiry = z.infer<typeof referInquirySchema>;

/** The period of the pipeline figures: inquiries that came in from `from` to `to`, both days included (UTC). */
export const inquiryPipelineQuerySchema = z
  .object({ from: saneDateSchema, to: saneDateSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must be on or after the start' });
export type InquiryPipelineQuery = z.infer<typeof inquiryPipelineQuerySchema>;

export const inquiryPipelineSchema = z.object({
  from: z.string(),
  to: z.string(),
  figures: z.array(
    z.object({
      source: z.enum([...INQUIRY_SOURCES, 'all']),
      inquiries: z.number(),
      admitted: z.number(),
      conversionRate: z.number().nullable(),
      medianDaysToAdmission: z.number().nullable(),
    }),
  ),
});
export type InquiryPipeline = z.infer<typeof inquiryPipelineSchema>;
