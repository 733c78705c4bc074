import { schemaResolver, type FormErrors } from '@mantine/form';
import { z } from 'zod';
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
  const field = error instanceof ApiError && error.code ? fieldOfCode[error.code] : undefined;
  if (!field || !(error instanceof ApiError)) return false;
  form.setFieldError(field, error.detail);
  return true;
}

type Schema = Parameters<typeof schemaResolver>[0];

interface CoreResolverOptions {
  /** API path → form field, where the form names a field differently. */
  aliases?: Record<string, string>;
  /**
   * What to say when a required field is left empty ("Enter the date of birth"), instead of the format rule. Fields in
   * a list are named with `*` for the row: 'blocks.*.title'.
   */
  whenEmpty?: Record<string, string>;
}

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function valueAt(values: object, path: string): unknown {
  let value: unknown = values;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Mantine's schemaResolver over one of core's zod schemas (the rules the server applies), for a form whose field
 * names differ here and there from the API's. Core's messages follow a field name ("is required"); under a labelled
 * input they start with a capital ("Is required").
 */
export function coreSchemaResolver<V extends object>(schema: Schema, options: CoreResolverOptions = {}): (values: V) => FormErrors {
  const resolve = schemaResolver(schema, { sync: true });
  return (values) => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(resolve(values))) {
      const field = options.aliases?.[path] ?? path;
      const empty = options.whenEmpty?.[field] ?? options.whenEmpty?.[field.replace(/\.\d+(?=\.|$)/g, '.*')];
      const text = empty && isEmpty(valueAt(values, field)) ? empty : typeof message === 'string' ? message : '';
      errors[field] ??= text.charAt(0).toUpperCase() + text.slice(1);
    }
    return errors;
  };
}

/** A form checked by the core schema its request is checked with on the server, and the request it sends. */
export interface CoreRequestForm<V, Body> {
  /** For useForm's `validate`: each problem of the request, under the field it came from. */
  validate: (values: V) => FormErrors;
  /** The request body, as the schema reads it (trimmed, defaults applied); call it on values that passed `validate`. */
  request: (values: V) => Body;
}

/**
 * Checks a form with one of core's request schemas: `requestOf` turns the form's values into the request as typed
 * (blanks as null, nothing filled in), the schema judges it, and the parsed request is what is sent.
 */
export function coreRequestForm<V extends object, S extends z.ZodType>(
  schema: S,
  requestOf: (values: V) => Record<string, unknown>,
  options: CoreResolverOptions = {},
): CoreRequestForm<V, z.output<S>> {
  return {
    validate: coreSchemaResolver<V>(
      z.preprocess((values) => requestOf(values as V), schema),
      options,
    ),
    request: (values) => schema.parse(requestOf(values)),
  };
}
