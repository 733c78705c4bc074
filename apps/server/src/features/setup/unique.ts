import { conflict } from '../../http/problems.ts';

/** The constraint a PostgreSQL unique violation (23505) names, looking through driver and ORM wrappers; else null. */
export function uniqueViolation(error: unknown): string | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if ((e as { code?: unknown }).code === '23505') {
      const constraint = (e as { constraint?: unknown }).constraint;
      return typeof constraint === 'string' ? constraint : '';
    }
  }
  return null;
}

export interface DuplicateRule {
  path: string;
  message: string;
  detail: string;
}

/**
 * Runs a write and turns a unique violation of a known constraint into 409 naming the field. The transaction has
 * already rolled back when the error arrives here, so nothing is half-written.
 */
export async function refusingDuplicates<T>(work: () => Promise<T>, rules: Record<string, DuplicateRule>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = uniqueViolation(error);
    const rule = constraint === null ? undefined : rules[constraint];
    if (rule) throw conflict(rule.detail, [{ path: rule.path, message: rule.message }]);
    throw error;
  }
}
