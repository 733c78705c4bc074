/**
 * Whether a change in score is more than measurement error (Jacobson–Truax reliable change), and whether it is a
 * response or remission where the instrument defines one. Figures: shared/domain.md §4 and §4.1.
 */
import type { InstrumentId } from './instrument.ts';
import { MEASURES } from './registry.ts';

/** Standard deviation and reliability of an instrument's total, from which the standard error of a difference follows. */
export interface ReliableChangeSettings {
  sd: number;
  reliability: number;
}

/**
 * Default SD and reliability per instrument (domain.md §4.1): PHQ-9 SD 5.5 (NHS Talking Therapies 2022–23 intake),
 * α .89 (Kroenke 2001) → a drop of 6 is reliable; GAD-7 SD 4.5, α .92 → a drop of 4. These reproduce the IAPT
 * convention. domain.md gives no SD or reliability for the other instruments, so they have no default: pass settings.
 */
export const RELIABLE_CHANGE_DEFAULTS: Partial<Readonly<Record<InstrumentId, ReliableChangeSettings>>> = {
  'phq-9': { sd: 5.5, reliability: 0.89 },
  'gad-7': { sd: 4.5, reliability: 0.92 },
};

/** |RCI| must exceed this (p < .05, two-tailed) for a change to be reliable (Jacobson–Truax; domain.md §4.1). */
export const RCI_CRITICAL = 1.96;

export type ChangeDirection = 'improved' | 'deteriorated' | 'no-reliable-change';

export interface ReliableChange {
  /** after − before, in score points. */
  change: number;
  /** Standard error of the difference: √2 · SD · √(1 − r). */
  sdiff: number;
  rci: number;
  reliable: boolean;
  direction: ChangeDirection;
  /** The smallest whole-point change that is reliable with these settings. */
  minimumReliablePoints: number;
}

/**
 * The standard error of a difference, √(2(1 − r))·SD — the same as √2·SD·√(1 − r), written so that settings giving
 * an exact Sdiff (SD 1, r .5 → 1) compute it exactly and a change at the critical value is not lost to rounding.
 */
export function sdiffOf(settings: ReliableChangeSettings): number {
  const { sd, reliability } = settings;
  if (!(sd > 0) || !(reliability >= 0 && reliability < 1)) {
    throw new RangeError('reliable change needs SD > 0 and reliability in [0, 1)');
  }
  return Math.sqrt(2 * (1 - reliability)) * sd;
}

/**
 * Jacobson–Truax reliable change from `before` to `after` on an instrument whose lower scores are better: RCI =
 * (after − before) / Sdiff, reliable when |RCI| > 1.96 (exactly 1.96 is not). Settings default to
 * RELIABLE_CHANGE_DEFAULTS; returns null when neither is available or the instrument has no total to compare.
 */
export function reliableChange(
  instrument: InstrumentId,
  before: number,
  after: number,
  settings: ReliableChangeSettings | undefined = RELIABLE_CHANGE_DEFAULTS[instrument],
): ReliableChange | null {
  const direction = MEASURES[instrument].instrument.direction;
  if (!settings || direction === null) return null;
  const sdiff = sdiffOf(settings);
  const change = after - before;
  // Rounded to 9 decimals so binary noise in a change such as 8.04 − 10 cannot push |RCI| past 1.96 on its own.
  const rci = Math.round((change / sdiff) * 1e9) / 1e9;
  const reliable = Math.abs(rci) > RCI_CRITICAL;
  const improvedSign = direction === 'lower-is-better' ? -1 : 1;
  return {
    change,
    sdiff,
    rci,
    reliable,
    direction: !reliable ? 'no-reliable-change' : Math.sign(change) === improvedSign ? 'improved' : 'deteriorated',
    minimumReliablePoints: Math.floor(RCI_CRITICAL * sdiff) + 1,
  };
}

/** What "response", "remission" and clinical caseness mean for an instrument, where domain.md §4 defines them. */
export interface OutcomeDefinition {
  /** Response: a drop of at least this share of the baseline (PHQ-9: 50%). */
  responseShare?: number;
  /** Response: a drop of at least this many points (PCL-5: 5). */
  responsePoints?: number;
  /** Clinically meaningful: a drop of at least this many points (PCL-5: 10). */
  meaningfulPoints?: number;
  /** Remission: a score below this (PHQ-9: < 5). */
  remissionBelow?: number;
  /** Caseness: at or above this is a case (IAPT: PHQ-9 ≥ 10, GAD-7 ≥ 8). */
  casenessAtLeast?: number;
}

/**
 * Outcome definitions from domain.md §4 and §4.1: PHQ-9 response ≥ 50% drop, remission < 5, caseness ≥ 10; GAD-7
 * caseness ≥ 8; PCL-5 response 5 points, clinically meaningful 10. Other instruments define none.
 */
export const OUTCOME_DEFINITIONS: Partial<Readonly<Record<InstrumentId, OutcomeDefinition>>> = {
  'phq-9': { responseShare: 0.5, remissionBelow: 5, casenessAtLeast: 10 },
  'gad-7': { casenessAtLeast: 8 },
  'pcl-5': { responsePoints: 5, meaningfulPoints: 10 },
};

export interface MeasureOutcome {
  reliableChange: ReliableChange | null;
  /** null where the instrument defines no response. */
  response: boolean | null;
  remission: boolean | null;
  clinicallyMeaningful: boolean | null;
  /**
   * Clinically significant change (domain.md §4.1): reliable improvement that also crosses from a case to not a
   * case. null where no caseness cut-off or no reliable-change settings exist.
   */
  clinicallySignificant: boolean | null;
}

/** Response, remission and reliable change from a baseline score to a later one (lower is better). */
export function measureOutcome(
  instrument: InstrumentId,
  baseline: number,
  latest: number,
  settings?: ReliableChangeSettings,
): MeasureOutcome {
  const def = OUTCOME_DEFINITIONS[instrument] ?? {};
  const rc = reliableChange(instrument, baseline, latest, settings ?? RELIABLE_CHANGE_DEFAULTS[instrument]);
  const drop = baseline - latest;
  const byShare = def.responseShare === undefined ? null : baseline > 0 && drop >= def.responseShare * baseline;
  const byPoints = def.responsePoints === undefined ? null : drop >= def.responsePoints;
  return {
    reliableChange: rc,
    response: byShare ?? byPoints,
    remission: def.remissionBelow === undefined ? null : latest < def.remissionBelow,
    clinicallyMeaningful: def.meaningfulPoints === undefined ? null : drop >= def.meaningfulPoints,
    clinicallySignificant:
      def.casenessAtLeast === undefined || rc === null
        ? null
        : rc.direction === 'improved' && baseline >= def.casenessAtLeast && latest < def.casenessAtLeast,
  };
}
