/**
 * Crisis resources shown first on every public page and, later, every portal page. One list, so no page can show a
 * different number.
 *
 * Sources (general knowledge, verify before each release):
 * - 988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org (US, since 16 July 2022; FCC 20-100,
 *   National Suicide Hotline Designation Act of 2020).
 * - 911 for immediate danger (US emergency number).
 * - SAMHSA National Helpline 1-800-662-4357 (1-800-662-HELP): free, confidential treatment referral, every day, all hours.
 */
export interface CrisisResource {
  name: string;
  /** What to do, in plain words. */
  how: string;
  /** A link a phone can follow (tel:, sms: or https:). */
  href: string;
}

export const CRISIS_RESOURCES: readonly CrisisResource[] = [
  {
    name: '988 Suicide & Crisis Lifeline',
    how: 'Call or text 988, or chat at 988lifeline.org — free, confidential, any time of day or night.',
    href: 'tel:988',
  },
  { name: 'Emergency', how: 'If you or someone else is in immediate danger, call 911.', href: 'tel:911' },
  {
    name: 'SAMHSA National Helpline',
    how: 'Call 1-800-662-4357 for free, confidential help finding treatment, any time.',
    href: 'tel:18006624357',
  },
];
