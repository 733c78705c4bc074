import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, luminance } from '@mantine/core';
import { cssVariablesResolver } from '../../app/accessible-colors.ts';
import { theme } from '../../app/theme.ts';
import { facilitatorsLine, recordedTextColor } from './SessionCard.tsx';

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour a Mantine `c` value paints with in this app's light scheme. */
function paint(c: string): string {
  if (c === 'dimmed') {
    const full = { ...DEFAULT_THEME, ...theme, colors: { ...DEFAULT_THEME.colors, ...theme.colors } };
    return cssVariablesResolver(full as typeof DEFAULT_THEME).light['--mantine-color-dimmed'] ?? '';
  }
  const [name = '', shade = '6'] = c.split('.');
  return DEFAULT_THEME.colors[name]?.[Number(shade)] ?? '';
}

describe('"N of N recorded" on a session card', () => {
  it.each([
    [0, 12],
    [5, 12],
    [12, 12],
  ])('%i of %i meets 4.5:1 on the white card', (recorded, expected) => {
    const color = paint(recordedTextColor(recorded, expected));
    expect(color).toMatch(/^#/);
    expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('who runs a session, on its card and roll', () => {
  const person = (name: string) => ({ id: name, name });
  it.each([
    [null, [], null],
    ['Dana Reyes', [], 'Dana Reyes'],
    ['Dana Reyes', ['Sam Ortiz'], 'Dana Reyes with Sam Ortiz'],
    ['Dana Reyes', ['Sam Ortiz', 'Lee Park', 'Ari Cole'], 'Dana Reyes with Sam Ortiz, Lee Park and Ari Cole'],
    [null, ['Sam Ortiz'], 'Co-facilitated by Sam Ortiz'],
  ])('%s with %j reads %s', (lead, co, line) => {
    expect(facilitatorsLine({ facilitatorName: lead, coFacilitators: co.map(person) })).toBe(line);
  });
});
