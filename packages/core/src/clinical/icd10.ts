/**
 * ICD-10-CM codes: the format any code must have, and search over the bundled common F-codes (icd10-f-codes.ts).
 */
import { COMMON_F_CODES, type Icd10Code } from './icd10-f-codes.ts';

/**
 * ICD-10-CM code shape (CDC/NCHS ICD-10-CM conventions, general knowledge, verify): a letter, a digit, a digit or
 * letter (e.g. C4A, Z3A), then optionally a dot and 1–4 more characters, letters or digits (X is the placeholder);
 * at most 7 characters without the dot. This checks the shape, not that the code exists in the current release.
 */
export const ICD10_CM_PATTERN = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

/**
 * A code as people type it, put in the canonical form: upper case, spaces trimmed, the dot after the third
 * character (f1020 → F10.20). Returns the input unchanged apart from trimming and case when it cannot be placed.
 */
export function normalizeIcd10Code(input: string): string {
  const s = input.trim().toUpperCase();
  if (!s.includes('.') && s.length > 3) return `${s.slice(0, 3)}.${s.slice(3)}`;
  return s;
}

/** Whether a code (already normalised) has the ICD-10-CM shape. */
export function isIcd10CmFormat(code: string): boolean {
  return ICD10_CM_PATTERN.test(code);
}

const BY_CODE = new Map(COMMON_F_CODES.map((c) => [c.code, c]));

/** The bundled entry for a code, if it is one of the common F-codes. */
export function commonFCode(code: string): Icd10Code | undefined {
  return BY_CODE.get(normalizeIcd10Code(code));
}

/** How many results a search answers at most by default: a pick-list, not a browse. */
export const ICD10_SEARCH_DEFAULT_LIMIT = 20;

const compact = (code: string) => code.replace('.', '');
const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Search the common F-codes by code or by words of the description. A code query matches codes that start with it
 * (dot optional: "f10", "F10.2", "f102"); a word query matches descriptions containing every word as the start of a
 * word ("alc dep" finds "Alcohol dependence…"). Exact code first, then code prefixes in code order, then descriptions.
 */
export function searchIcd10(query: string, limit = ICD10_SEARCH_DEFAULT_LIMIT): Icd10Code[] {
  const q = query.trim();
  if (q === '') return [];
  const results: Icd10Code[] = [];
  const codeQuery = compact(q.toUpperCase());
  if (/^[A-Z][0-9][0-9A-Z.]*$/.test(q.toUpperCase())) {
    const exact = COMMON_F_CODES.filter((c) => compact(c.code) === codeQuery);
    const prefixed = COMMON_F_CODES.filter((c) => compact(c.code) !== codeQuery && compact(c.code).startsWith(codeQuery));
    results.push(...exact, ...prefixed);
  }
  const terms = words(q);
  if (terms.length > 0) {
    for (const c of COMMON_F_CODES) {
      if (results.includes(c)) continue;
      const described = words(c.description);
      if (terms.every((t) => described.some((w) => w.startsWith(t)))) results.push(c);
    }
  }
  return results.slice(0, limit);
}
