/**
 * A datetime-local field's text and an instant. The field shows the staff member's own clock (the device's zone); the
 * API gets an instant, so a note's times are right wherever it is read.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local field's value, in the device's zone. */
export function toLocalInput(instant: string): string {
  const d = new Date(instant);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local field's value as an ISO instant; '' when empty or not a time (the schema then names the field). */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
