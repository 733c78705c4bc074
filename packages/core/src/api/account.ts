/**
 * Signing in, choosing a password, and who is signed in. Sign-in and password changes go through the sign-in
 * library's endpoints (/api/auth/*); Trellis adds its password rules there and answers /api/v1/me itself.
 *
 * Written with zod's tree-shakable "mini" API: the sign-in page loads these schemas, and its JavaScript has a budget
 * (issue 5: under 150 KB compressed) that the full zod API alone would break. Mini schemas are zod schemas: they
 * nest in the other modules' schemas and serve the server's routes the same way.
 */
import * as z from 'zod/mini';
import { ACTIONS, STAFF_ROLES } from '../roles.ts';

/**
 * Password rules (OWASP ASVS 4.0.3 L2, V2.1): at least 12 characters (2.1.1), at most 128 so that long passphrases
 * fit (2.1.2), any characters, not one of the most common passwords (2.1.7; checked on the server against a list).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Characters as a person counts them (code points), so an emoji is one. */
const characters = (value: string) => [...value].length;

/** A new password's length rules; the server also refuses the most common passwords. */
export const newPasswordSchema = z
  .string()
  .check(
    z.refine((v) => characters(v) >= PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`),
    z.refine((v) => characters(v) <= PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
  );

/** An email address as accounts are kept (the sign-in name of a staff member). */
export const emailAddressSchema = z.email('must be an email address').check(z.maxLength(254));

const requiredText = z.string().check(z.minLength(1, 'is required'));

/** The sign-in form: the email address and password the account was set up with. */
export const signInSchema = z.object({
  email: z.pipe(z.string().check(z.trim()), emailAddressSchema),
  password: requiredText,
});
export type SignIn = z.infer<typeof signInSchema>;

/** One's own password asked again before a change to how one signs in (turning two-factor sign-in on or off). */
export const passwordCheckSchema = z.object({ password: requiredText });
export type PasswordCheck = z.infer<typeof passwordCheckSchema>;

/** The second step of a two-factor sign-in, or of turning it on: the code an authenticator app shows (RFC 6238, 6 digits). */
export const totpCodeSchema = z.object({
  code: z.pipe(
    z.pipe(
      z.string(),
      z.transform((v) => v.replace(/\s/g, '')),
    ),
    z.string().check(z.regex(/^\d{6}$/, 'must be the 6 digits the app shows')),
  ),
});
export type TotpCode = z.infer<typeof totpCodeSchema>;

/** The second typing of a new password matches the first; the problem is named on the second field. */
const samePassword = z.superRefine((entry: { password: string; confirm: string }, ctx) => {
  if (entry.confirm !== entry.password) {
    ctx.addIssue({ code: 'custom', input: entry.confirm, path: ['confirm'], message: 'must be the same as the new password' });
  }
});

/** A new password typed twice (an invitation, a reset link). */
export const newPasswordEntrySchema = z.object({ password: newPasswordSchema, confirm: z.string() }).check(samePassword);
export type NewPasswordEntry = z.infer<typeof newPasswordEntrySchema>;

/** Changing one's own password: the current one, and the new one typed twice. */
export const passwordChangeSchema = z
  .object({ current: requiredText, password: newPasswordSchema, confirm: z.string() })
  .check(samePassword);
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** The signed-in staff member and what they may do (GET /api/v1/me). */
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  orgId: z.string(),
  permissions: z.array(z.enum(ACTIONS)),
  sessionIdleMinutes: z.number(),
  /** The organisation requires two-factor sign-in and this person has not set it up: only the account page works. */
  twoFactorPending: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

// ---- What the sign-in library answers (better-auth, under /api/auth) ----

/** POST /api/auth/sign-in/email: signed in, or a second factor is needed first. */
export const signInAnswerSchema = z.object({ twoFactorRedirect: z.optional(z.boolean()) });

/** GET /api/auth/get-session: the session's user, or null when signed out. */
export const authSessionAnswerSchema = z.nullable(z.object({ user: z.object({ twoFactorEnabled: z.nullish(z.boolean()) }) }));

/** POST /api/auth/two-factor/enable: the key for the authenticator app (an otpauth:// URI) and one-time backup codes. */
export const twoFactorSetupSchema = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) });
