/**
 * The sign-in page's two forms, checked by core's schemas. The page loads this module when a form is first sent, so
 * the page itself opens without zod (its JavaScript has a budget: issue 5, under 150 KB compressed).
 */
import { signInSchema, totpCodeSchema } from '@trellis/core';
import { coreRequestForm } from '../../app/core-form.ts';

export interface SignInValues {
  email: string;
  password: string;
}

export const signInForm = coreRequestForm(signInSchema, (v: SignInValues) => ({ ...v }), {
  whenEmpty: { email: 'Enter the email address you sign in with', password: 'Enter your password' },
});

export const codeForm = coreRequestForm(totpCodeSchema, (v: { code: string }) => ({ ...v }), {
  whenEmpty: { code: 'Enter the code your authenticator app shows' },
});
