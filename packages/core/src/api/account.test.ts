import { describe, expect, it } from 'vitest';
import { newPasswordEntrySchema, newPasswordSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, signInSchema, totpCodeSchema } from './account.ts';

const firstProblem = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.success ? null : { path: result.error?.issues[0]?.path.join('.'), message: result.error?.issues[0]?.message };

describe('a new password (OWASP ASVS 4.0.3 V2.1.1–2.1.2)', () => {
  it.each([
    ['eleven chars', 'a'.repeat(PASSWORD_MIN_LENGTH - 1), `must be at least ${PASSWORD_MIN_LENGTH} characters`],
    ['twelve chars', 'a'.repeat(PASSWORD_MIN_LENGTH), null],
    ['twelve emoji count as twelve characters', '🌿'.repeat(PASSWORD_MIN_LENGTH), null],
    ['the longest allowed', 'a'.repeat(PASSWORD_MAX_LENGTH), null],
    ['one too long', 'a'.repeat(PASSWORD_MAX_LENGTH + 1), `must be at most ${PASSWORD_MAX_LENGTH} characters`],
  ])('%s', (_, password, problem) => {
    expect(firstProblem(newPasswordSchema.safeParse(password))?.message ?? null).toBe(problem);
  });

  it('typed twice must be the same, the problem named on the second field', () => {
    expect(firstProblem(newPasswordEntrySchema.safeParse({ password: 'moss lantern river', confirm: 'moss lantern rivers' }))).toEqual({
      path: 'confirm',
      message: 'must be the same as the new password',
    });
  });
});

describe('signing in', () => {
  it.each([
    [{ email: ' dee@demo.test ', password: 'x' }, null],
    [{ email: 'dee@', password: 'x' }, { path: 'email', message: 'must be an email address' }],
    [{ email: 'dee@demo.test', password: '' }, { path: 'password', message: 'is required' }],
  ])('%o', (input, problem) => {
    expect(firstProblem(signInSchema.safeParse(input))).toEqual(problem);
  });

  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['12345', null],
    ['12345a', null],
  ])('the authenticator code %s', (code, read) => {
    const result = totpCodeSchema.safeParse({ code });
    expect(result.success ? result.data.code : null).toBe(read);
  });
});
