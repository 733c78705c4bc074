/**
 * How a versioned plan's lists and people are typed on a form: lists one entry per line, people as rows of name and
 * phone (rows left blank are dropped). Shared by every plan a participant keeps with their clinician.
 */
export interface ContactDraft {
  name: string;
  phone: string;
}
interface Contact {
  name: string;
  phone?: string | null | undefined;
}

/** The non-blank lines of a textarea, trimmed. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
export const contactsOf = (rows: ContactDraft[]) =>
  rows
    .filter((r) => r.name.trim() !== '' || r.phone.trim() !== '')
    .map((r) => ({ name: r.name, phone: r.phone.trim() === '' ? null : r.phone }));
export const textOf = (entries: readonly string[] | undefined) => (entries ?? []).join('\n');
export const rowsOf = (list: readonly Contact[] | undefined): ContactDraft[] =>
  (list ?? []).map((c) => ({ name: c.name, phone: c.phone ?? '' }));
export const contactText = (c: Contact) => (c.phone ? `${c.name} — ${c.phone}` : c.name);

/**
 * Where a problem with the request ('body.plan.peopleToCall.0.name', 'plan.triggers.2') shows on the form: a list's
 * problem on its textarea, a person's on their row; `aliases` renames a section whose form field differs.
 */
export function planFormFieldOf(
  path: string,
  listFields: readonly string[],
  aliases: Record<string, string> = {},
): string {
  let p = path.replace(/^(body\.)?plan\./, '');
  for (const [from, to] of Object.entries(aliases))
    if (p === from || p.startsWith(`${from}.`)) p = to + p.slice(from.length);
  const list = listFields.find((f) => p === f || p.startsWith(`${f}.`));
  return list ?? p;
}
