import { describe, expect, it } from 'vitest';
import { formatHours, formatMinutesAsHours } from './format.ts';

describe('hours are written one way', () => {
  it.each([
    [6.5, '6.5 h'],
    [9, '9 h'],
    [0.75, '0.75 h'],
    [7.666666, '7.67 h'],
    [0, '0 h'],
  ])('%s hours → %s', (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });

  it('writes a length in minutes as hours too', () => {
    expect(formatMinutesAsHours(90)).toBe('1.5 h');
    expect(formatMinutesAsHours(45)).toBe('0.75 h');
  });

  it('leaves the unit off where it is written once for several numbers', () => {
    expect(formatHours(6.5, { unit: false })).toBe('6.5');
  });
});
