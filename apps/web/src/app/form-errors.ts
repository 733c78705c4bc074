/** Where the server's refusals land on a form: under the field they name. No zod here (core-form.ts checks forms). */
import type { FieldProblem } from './api-client.ts';
import { ApiError } from './api-client.ts';

interface FormWithErrors {
  setFieldError: (path: string, error: string) => void;
}

/** A server field path ('body.blocks.0.title') as a form path ('blocks.0.title'). */
export function formPath(problem: FieldProblem): string {
  return problem.path.replace(/^(body|querystring|params)\.?/, '');
}

/**
 * Puts the server's per-field problems on the form's fields. Fields the form does not have (or a rename through
 * `aliases`) are returned so the caller can show them next to the form's summary message.
 */
export function applyFieldErrors(
  form: FormWithErrors,
  error: unknown,
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const unplaced: FieldProblem[] = [];
  for (const problem of error.errors) {
    const raw = formPath(problem);
    const path = aliases[raw] ?? raw;
    const root = path.split('.')[0] ?? '';
    if (knownFields.includes(root)) form.setFieldError(path, problem.message);
    else unplaced.push(problem);
  }
  return unplaced;
}

/**
 * Puts a refusal of the sign-in library (which names no field, only a code such as 'PASSWORD_POLICY') on the field it
 * is about. Returns whether it placed one.
 */
export function applyCodeError(form: FormWithErrors, error: unknown, fieldOfCode: Record<string, string>): boolean {
  if (!(error instanceof ApiError) || !error.code) return false;
  const field = fieldOfCode[error.code];
  if (!field) return false;
  form.setFieldError(field, error.detail);
  return true;
}
