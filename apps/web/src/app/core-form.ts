/**
 * Forms checked by core's zod schemas (the rules the server applies) through Mantine's schemaResolver. Apart from
 * form-errors.ts, which places the server's answers, so a page can show those without loading zod.
 */
import { schemaResolver, type FormErrors } from '@mantine/form';
// The mini API: the sign-in page loads this module, and its JavaScript has a budget; it takes any zod schema.
import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';

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
export function coreRequestForm<V extends object, S extends $ZodType>(
  schema: S,
  requestOf: (values: V) => Record<string, unknown>,
  options: CoreResolverOptions = {},
): CoreRequestForm<V, output<S>> {
  return {
    validate: coreSchemaResolver<V>(
      z.pipe(
        z.transform((values): unknown => requestOf(values as V)),
        schema,
      ),
      options,
    ),
    request: (values) => z.parse(schema, requestOf(values)),
  };
}
