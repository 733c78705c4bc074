import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('password rules (ASVS L2 V2.1)', () => {
  it.each([
    ['short', 'Tr3ll!s-abc', /at least 12/],
    ['common, long enough', '1qaz2wsx3edc', /most common/],
    ['common in another case', 'QWERTY123456', /most common/],
    ['too long', 'x'.repeat(129), /at most 128/],
  ])('refuses a %s password', (_what, password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it.each([['twelve characters', 'lantern-moss'], ['a passphrase with spaces and unicode', 'grüne Tür am Fluss 7'], ['128 characters', 'y'.repeat(128)]])(
    'accepts %s',
    (_what, password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );
});
