import { describe, expect, it } from 'vitest';
import { siteDateTime, toWinAnsi } from './layout.ts';

describe('toWinAnsi: what Helvetica can print', () => {
  it.each([
    ['plain ASCII', 'PHQ-9 below 10', 'PHQ-9 below 10'],
    ['Latin-1 letters', 'Zoë Ñúñez', 'Zoë Ñúñez'],
    ['Windows-1252 punctuation', '“quoted” – dash…', '“quoted” – dash…'],
    ['comparison signs spelled out', 'score ≥ 10 and ≤ 20', 'score >= 10 and <= 20'],
    ['combining marks composed first', 'Zoe\u0308', 'Zoë'],
    ['other scripts as ?', 'Ли 李', '?? ?'],
    ['tabs as spaces, control characters dropped', 'a\tb\u0007c', 'a bc'],
    ['line breaks kept', 'one\ntwo', 'one\ntwo'],
  ])('%s', (_what, input, printed) => {
    expect(toWinAnsi(input)).toBe(printed);
  });
});

describe('siteDateTime: the site’s clock, with the zone named', () => {
  it.each([
    ['2026-11-01T05:30:00Z', '2026-11-01 01:30 EDT'],
    ['2026-11-01T06:30:00Z', '2026-11-01 01:30 EST'],
    ['2026-11-19T00:30:00Z', '2026-11-18 19:30 EST'],
  ])('%s in New York is %s', (instant, shown) => {
    expect(siteDateTime(instant, 'America/New_York')).toBe(shown);
  });
});
