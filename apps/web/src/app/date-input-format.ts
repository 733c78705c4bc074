/**
 * The dayjs pattern date inputs display, built from the same formatter as page text so a picked date reads like
 * every other date on the page ('MMM D, YYYY' → 'Nov 23, 2026' for en-US, 'D MMM YYYY' for en-GB). Its own module so
 * the theme can use it without bringing in every formatter (and the Temporal polyfill) on the sign-in page.
 */
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_PART_TOKENS: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { day: 'D', month: 'MMM', year: 'YYYY' };

export const DATE_INPUT_FORMAT = dateFormat
  .formatToParts(new Date(Date.UTC(2026, 10, 23)))
  .map((part) => DATE_PART_TOKENS[part.type] ?? `[${part.value}]`)
  .join('');
