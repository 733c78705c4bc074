/**
 * The schemas of who is signed in and of the sign-in library's answers. auth-context loads this module with the first
 * answer it parses, so a signed-out visit to the sign-in page (whose JavaScript has a budget) loads no zod at all.
 */
export { meSchema, signInAnswerSchema } from '@trellis/core';
