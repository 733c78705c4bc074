/**
 * Mantine's light palette puts white text on mid shades (teal-8 is 3.9:1) and its "light" variant puts shade 9 on
 * shade 1 (orange is 3.6:1). WCAG AA asks 4.5:1 for normal text, so every colour's variables are rebuilt here: filled
 * and outline shades darkened until white text reads, light tints moved to shade 0 with text darkened to match.
 */
import { darken, getPrimaryShade, luminance, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';

const TARGET = 4.6;

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour, darkened in small steps until text of the other colour reads on it (or it on the other). */
function darkenUntilReadable(color: string, against: string): string {
  let result = color;
  for (let step = 0; step < 20 && contrast(result, against) < TARGET; step++) result = darken(color, 0.05 * (step + 1));
  return result;
}

function colorVariables(theme: MantineTheme): Record<string, string> {
  const shade = getPrimaryShade(theme, 'light');
  const out: Record<string, string> = {};
  for (const [name, palette] of Object.entries(theme.colors)) {
    const base = palette[shade];
    const tint = palette[0];
    const tintHover = palette[1];
    const deep = palette[9];
    if (!base || !tint || !tintHover || !deep) continue;
    const filled = darkenUntilReadable(base, '#ffffff');
    out[`--mantine-color-${name}-filled`] = filled;
    out[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.12);
    out[`--mantine-color-${name}-text`] = filled;
    out[`--mantine-color-${name}-outline`] = filled;
    out[`--mantine-color-${name}-light`] = tint;
    out[`--mantine-color-${name}-light-hover`] = tintHover;
    out[`--mantine-color-${name}-light-color`] = darkenUntilReadable(deep, tintHover);
  }
  // Links take the primary colour straight from the palette, not through the variables above.
  out['--mantine-color-anchor'] = out[`--mantine-color-${theme.primaryColor}-filled`] ?? '#087f5b';
  return out;
}

export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: { ...colorVariables(theme), '--mantine-color-dimmed': '#5f666d', '--mantine-color-placeholder': '#6c737a' },
  dark: {},
});
