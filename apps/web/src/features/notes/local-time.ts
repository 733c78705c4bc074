/**
 * A datetime-local field's text and an instant, read on the site's clock: a note records when the contact happened
 * where it happened, so a clinician working from another zone (or a laptop set to UTC) still types the session's own
 * times. The API gets an instant.
 */
import { instantOfLocalDateTime, localDateTimeOf } from '@trellis/core';

/** An instant as a datetime-local field's value, on the site's clock. */
export function toSiteInput(instant: string, timeZone: string): string {
  return localDateTimeOf(instant, timeZone);
}

/** A datetime-local field's value, on the site's clock, as an ISO instant; '' when empty or not a time (the schema then names the field). */
export function fromSiteInput(value: string, timeZone: string): string {
  return instantOfLocalDateTime(value, timeZone) ?? '';
}
