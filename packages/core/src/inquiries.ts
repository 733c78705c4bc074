/**
 * Inquiries: people asking about care before admission, from the public "Request an assessment" form or a call or a
 * referral, tracked on the intake coordinator's board. The database holds CHECK constraints built from these lists.
 */

export const INQUIRY_STATUSES = [
  'new',
  'contacted',
  'screening',
  'assessment_scheduled',
  'admitted',
  'referred_elsewhere',
  'closed',
] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  screening: 'Screening',
  assessment_scheduled: 'Assessment scheduled',
  admitted: 'Admitted',
  referred_elsewhere: 'Referred elsewhere',
  closed: 'Closed',
};

export const INQUIRY_SOURCES = ['web_form', 'phone', 'referral', 'walk_in', 'other'] as const;
export type InquirySource = (typeof INQUIRY_SOURCES)[number];

export const INQUIRY_SOURCE_LABELS: Record<InquirySource, string> = {
  web_form: 'Web form',
  phone: 'Phone',
  referral: 'Referral',
  walk_in: 'Walk-in',
  other: 'Other',
};

export const CONTACT_METHODS = ['phone', 'text', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { phone: 'Phone call', text: 'Text message', email: 'Email' };

/** Who would pay, as a person asking knows it; the plan itself is checked at the assessment. */
export const INQUIRY_PAYERS = ['medicare', 'medicaid', 'commercial', 'tricare', 'self_pay', 'unsure'] as const;
export type InquiryPayer = (typeof INQUIRY_PAYERS)[number];

export const INQUIRY_PAYER_LABELS: Record<InquiryPayer, string> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Private insurance (through work or bought myself)',
  tricare: 'TRICARE',
  self_pay: 'Paying myself',
  unsure: 'Not sure',
};

/**
 * Bot rejection without a third party: a form sent sooner than this after it was handed out was not filled by a
 * person, and a form token older than the maximum is stale (general knowledge: people need several seconds to read and
 * fill a short form).
 */
export const INQUIRY_FORM_TIMING = { minFillSeconds: 3, maxAgeSeconds: 2 * 60 * 60 } as const;
