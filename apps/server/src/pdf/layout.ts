/**
 * The one page layout every exported record shares: a header naming the organisation, program, participant and date of
 * birth on every page; a footer with "Page n of m" and, for a Part 2 program's record, the §2.32 notice (else
 * "Confidential"); the full Part 2 statement once under the title. Documents describe their body through `PdfWriter`
 * and never touch PDFKit, so a document is a plain function of loaded data.
 *
 * PDFKit (maintained, pure JavaScript, no browser at run time) with its built-in Helvetica: no font files to ship. Those
 * fonts encode WinAnsi only, so text is reduced to it first (`toWinAnsi`).
 */
import PDFDocument from 'pdfkit';
import { PART2_REDISCLOSURE_NOTICE, PART2_REDISCLOSURE_NOTICE_SHORT, Temporal } from '@trellis/core';

/** Who and whose the record is, printed on every page. */
export interface DocumentHeader {
  organisation: string;
  program: string;
  participantName: string;
  dateOfBirth: string;
  /** The record comes from a 42 CFR Part 2 program: the notice goes on every page. */
  part2: boolean;
  /** The site's IANA zone: times print as the site's clock showed them. */
  timeZone: string;
}

/** What a document may write, top to bottom. */
export interface PdfWriter {
  heading(text: string): void;
  subheading(text: string): void;
  /** "Label: value" on one line (wrapping as needed); an empty value prints as a dash. */
  field(label: string, value: string | number | null | undefined): void;
  paragraph(text: string | null | undefined): void;
  bullets(items: readonly string[]): void;
  /** A signature line: who, how and when. */
  signature(role: string, name: string, detail: string): void;
  gap(): void;
}

export interface PdfDocumentSpec {
  title: string;
  header: DocumentHeader;
  /** The moment printed as "Exported" and stamped as the file's creation date (the injected clock's now). */
  exportedAt: Date;
  body: (w: PdfWriter) => void;
}

const MARGIN = { top: 86, bottom: 64, left: 54, right: 54 };
const GREY = '#555555';

// Windows-1252 characters above U+00FF that Helvetica's WinAnsi encoding has.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '←': '<-',
  '≠': '!=',
  '−': '-',
  '\u00a0': ' ',
};

/** Text as Helvetica's WinAnsi encoding can print it: common symbols spelled out, other characters as '?'. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch))
      out += ch;
    else if (ch in SUBSTITUTES) out += SUBSTITUTES[ch];
    else if (ch === '\t') out += ' ';
    else if (code >= 0x20) out += '?';
  }
  return out;
}

/** An instant as the site's clock showed it, with the zone named: '2026-11-18 10:00 EST'. */
export function siteDateTime(instant: string, timeZone: string): string {
  const zoned = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone);
  const zone =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${zoned.toPlainDate().toString()} ${zoned.toPlainTime().toString({ smallestUnit: 'minute' })} ${zone}`;
}

/** Renders a document in the shared layout; resolves to the PDF's bytes. */
export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const { header } = spec;
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    // The participant is named on the pages, not in the file's metadata.
    info: { Title: toWinAnsi(spec.title), Producer: 'Trellis', Creator: 'Trellis', CreationDate: spec.exportedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const text = (s: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(toWinAnsi(s), { width, ...options });

  const writer: PdfWriter = {
    heading: (s) => {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('black');
      text(s);
      doc.moveDown(0.2);
    },
    subheading: (s) => {
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).fillColor('black');
      text(s);
    },
    field: (label, value) => {
      const shown = value === null || value === undefined || value === '' ? '-' : String(value);
      doc.font('Helvetica-Bold').fontSize(10).fillColor('black');
      text(`${label}: `, { continued: true });
      doc.font('Helvetica');
      text(shown);
    },
    paragraph: (s) => {
      doc.font('Helvetica').fontSize(10).fillColor('black');
      text(s && s.trim() !== '' ? s : '-');
      doc.moveDown(0.3);
    },
    bullets: (items) => {
      doc.font('Helvetica').fontSize(10).fillColor('black');
      for (const item of items) text(`- ${item}`, { indent: 10 });
    },
    signature: (role, name, detail) => {
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor('black');
      text(`${role}: `, { continued: true });
      doc.font('Helvetica');
      text(detail ? `${name} - ${detail}` : name);
    },
    gap: () => {
      doc.moveDown(0.5);
    },
  };

  doc.font('Helvetica-Bold').fontSize(16).fillColor('black');
  text(spec.title);
  doc.font('Helvetica').fontSize(9).fillColor(GREY);
  text(`Exported ${siteDateTime(spec.exportedAt.toISOString(), header.timeZone)}`);
  if (header.part2) {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(9).fillColor('black');
    text('Notice: 42 CFR Part 2');
    doc.font('Helvetica').fontSize(8);
    text(PART2_REDISCLOSURE_NOTICE);
  }
  doc.moveDown(0.5);
  spec.body(writer);

  stampPages(doc, header, width);
  doc.end();
  return done;
}

/** Header and footer on every buffered page, written inside the margins' space without starting new pages. */
function stampPages(doc: PDFKit.PDFDocument, header: DocumentHeader, width: number): void {
  const range = doc.bufferedPageRange();
  const footer = header.part2 ? `Confidential. ${PART2_REDISCLOSURE_NOTICE_SHORT}` : 'Confidential health information.';
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('black');
    doc.text(toWinAnsi(`${header.organisation} - ${header.program}`), MARGIN.left, 30, { width, lineBreak: false });
    doc.font('Helvetica').fontSize(9);
    doc.text(
      toWinAnsi(`Participant: ${header.participantName}   Date of birth: ${header.dateOfBirth}`),
      MARGIN.left,
      44,
      { width, lineBreak: false },
    );
    doc
      .moveTo(MARGIN.left, 60)
      .lineTo(MARGIN.left + width, 60)
      .lineWidth(0.5)
      .strokeColor(GREY)
      .stroke();
    const y = doc.page.height - bottom + 18;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(toWinAnsi(footer), MARGIN.left, y, { width: width - 70, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left + width - 70, y, {
      width: 70,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
