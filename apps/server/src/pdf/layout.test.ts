import { describe, expect, it } from 'vitest';
import { PART2_REDISCLOSURE_NOTICE_SHORT } from '@trellis/core';
import { pdfPages } from '../testing/pdf-text.ts';
import { renderPdf, siteDateTime, toWinAnsi } from './layout.ts';

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

describe('renderPdf: the shared layout on every page', () => {
  const header = {
    organisation: 'Synthetic Health',
    program: 'Evening SUD IOP',
    participantName: 'Robin Testperson',
    dateOfBirth: '1990-01-31',
    part2: true,
    timeZone: 'America/Chicago',
  };

  it('repeats the header, page numbers and the Part 2 footer on each page, adding no blank pages', async () => {
    const pdf = await renderPdf({
      title: 'Long record',
      header,
      exportedAt: new Date('2026-11-18T18:00:00Z'),
      body: (w) => {
        for (let i = 1; i <= 120; i += 1) w.field(`Line ${i}`, 'Some words that take up a line of the page.');
        w.paragraph('The last line.');
      },
    });
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain('Synthetic Health - Evening SUD IOP');
      expect(page).toContain('Participant: Robin Testperson Date of birth: 1990-01-31');
      expect(page).toContain(PART2_REDISCLOSURE_NOTICE_SHORT);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages[0]).toContain('Exported 2026-11-18 12:00 CST');
    expect(pages.at(-1)).toContain('The last line.');
  });
});
