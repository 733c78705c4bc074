/** The inquiries board (staff): people asking about care before admission, by status, with notes and next step. */
import { z } from 'zod';
import { CONTACT_METHODS, INQUIRY_PAYERS, INQUIRY_SOURCES, INQUIRY_STATUSES } from '../inquiries.ts';
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
