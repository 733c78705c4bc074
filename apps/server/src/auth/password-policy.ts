/**
 * The password rules every path that sets a password applies (invitation, reset, change, accounts made by the seed):
 * OWASP ASVS 4.0.3 L2 V2.1 — at least 12 and at most 128 characters, any characters, and not one of the ~49,000 most
 * common passwords. The list is the one zxcvbn-ts maintains (@zxcvbn-ts/language-common, "passwords-common").
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { newPasswordSchema } from '@trellis/core';

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Why a password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const lengthRule = newPasswordSchema.safeParse(password);
  if (!lengthRule.success) return lengthRule.error.issues[0]?.message ?? 'is not an acceptable password';
  if (commonPasswords().has(password.toLowerCase())) return 'is one of the most common passwords; choose another';
  return null;
}
