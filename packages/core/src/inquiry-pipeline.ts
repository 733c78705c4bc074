/**
 * Admissions pipeline figures for the inquiries board: of the inquiries that came in over a period, how many were
 * admitted (the conversion rate) and how many days it took from the inquiry to the admission date (the median), by
 * referral source. Pure: the server hands over one row per inquiry from a set-based query.
 */
import { INQUIRY_SOURCES, type InquirySource } from './inquiries.ts';

/** One inquiry of the period: its source and, when admitted, the whole days from inquiry to admission date. */
export interface PipelineInquiry {
  source: InquirySource;
  daysToAdmission: number | null;
}

export interface PipelineFigure {
  source: InquirySource | 'all';
  inquiries: number;
  admitted: number;
  /** admitted / inquiries, or null when no inquiry came in (no rate to show, rather than 0%). */
  conversionRate: number | null;
  /** Median days from inquiry to admission among the admitted, or null when none was admitted. */
  medianDaysToAdmission: number | null;
}

/** The median of a list of numbers (mean of the middle two for an even count), or null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function figureOf(source: PipelineFigure['source'], rows: readonly PipelineInquiry[]): PipelineFigure {
  const days = rows.flatMap((r) => (r.daysToAdmission === null ? [] : [r.daysToAdmission]));
  return {
    source,
    inquiries: rows.length,
    admitted: days.length,
    conversionRate: rows.length === 0 ? null : days.length / rows.length,
    medianDaysToAdmission: median(days),
  };
}

/** Conversion rate and median days to admission for each referral source (every source, in a fixed order), then all. */
export function pipelineFigures(rows: readonly PipelineInquiry[]): PipelineFigure[] {
  return [...INQUIRY_SOURCES.map((s) => figureOf(s, rows.filter((r) => r.source === s))), figureOf('all', rows)];
}
