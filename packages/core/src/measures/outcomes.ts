/**
 * Program outcomes: what a participant's scores on one instrument say about their episode, and the shares a program,
 * track or clinician reports, each with the number of episodes behind it. The server's SQL only gathers each
 * episode's first and last score (`outcomeCells`); every judgement below is made here, from reliable-change.ts.
 *
 * Per episode and instrument:
 * - baseline = the first score given in the episode, and it must be an admission score: given no later than
 *   OUTCOME_BASELINE_WINDOW_DAYS after the admission date (a first score weeks into care would understate change);
 * - latest = the last score in the episode (at discharge, or so far for an active episode); with one score only there
 *   is no change to judge;
 * - reliable improvement / deterioration: Jacobson–Truax from baseline to latest (`reliableChange`; PHQ-9 and GAD-7
 *   have default settings, other instruments report none);
 * - response and remission where domain.md §4 defines them (PHQ-9 ≥ 50% drop and < 5; PCL-5 a 5-point drop). Where the
 *   instrument has a caseness cut-off, only episodes that began as a case count towards them (NCQA's depression
 *   response and remission take patients whose index PHQ-9 was above 9; domain.md §9): remission says little about
 *   someone who started below the cut-off.
 */
import { addDays } from '../time.ts';
import type { InstrumentId } from './instrument.ts';
import { INSTRUMENT_IDS } from './instrument.ts';
import { MEASURES } from './registry.ts';
import { OUTCOME_DEFINITIONS, RELIABLE_CHANGE_DEFAULTS, reliableChange, type ChangeDirection } from './reliable-change.ts';

/** Days after admission within which the first score still counts as the admission baseline. Our choice. */
export const OUTCOME_BASELINE_WINDOW_DAYS = 14;

/** Instruments with a total to compare over time; C-SSRS (a risk tier) and BAM (subscales only) have none. */
export const OUTCOME_INSTRUMENTS: readonly InstrumentId[] = INSTRUMENT_IDS.filter((id) => MEASURES[id].instrument.direction !== null);

/** One score in an episode: the local date it was given and its total. */
export interface DatedScore {
  on: string;
  total: number;
}

/** What an episode's scores on one instrument allow: no admission baseline, one score only, or a pair to compare. */
export type BaselineAndLatest =
  | { kind: 'no-baseline' }
  | { kind: 'single-score'; baseline: number }
  | { kind: 'pair'; baseline: number; latest: number };

/** The last local date a first score may carry and still be the admission baseline. */
export function baselineDeadline(admittedOn: string): string {
  return addDays(admittedOn, OUTCOME_BASELINE_WINDOW_DAYS);
}

/**
 * Baseline and latest from an episode's scores on one instrument, given oldest first (by administration time; two
 * given at the same instant, by total — the order the server's SQL uses).
 */
export function baselineAndLatest(admittedOn: string, scores: readonly DatedScore[]): BaselineAndLatest {
  const first = scores[0];
  const last = scores[scores.length - 1];
  if (!first || !last || first.on > baselineDeadline(admittedOn)) return { kind: 'no-baseline' };
  if (scores.length < 2) return { kind: 'single-score', baseline: first.total };
  return { kind: 'pair', baseline: first.total, latest: last.total };
}

/** What one baseline–latest pair says. `null` means the instrument does not define the figure, or the pair is not in its denominator. */
export interface PairOutcome {
  change: number;
  reliableChange: ChangeDirection | null;
  response: boolean | null;
  remission: boolean | null;
}

/** Whether a pair counts towards response and remission: every pair, or where caseness is defined only those that began as a case. */
export function countsForResponse(instrument: InstrumentId, baseline: number): boolean {
  const caseness = OUTCOME_DEFINITIONS[instrument]?.casenessAtLeast;
  return caseness === undefined || baseline >= caseness;
}

/** Reliable change, response and remission from baseline to latest on one instrument (lower is better). */
export function pairOutcome(instrument: InstrumentId, baseline: number, latest: number): PairOutcome {
  const def = OUTCOME_DEFINITIONS[instrument] ?? {};
  const rc = reliableChange(instrument, baseline, latest);
  const eligible = countsForResponse(instrument, baseline);
  const drop = baseline - latest;
  const byShare = def.responseShare === undefined ? null : baseline > 0 && drop >= def.responseShare * baseline;
  const byPoints = def.responsePoints === undefined ? null : drop >= def.responsePoints;
  const response = byShare ?? byPoints;
  return {
    change: latest - baseline,
    reliableChange: rc?.direction ?? null,
    response: eligible ? response : null,
    remission: !eligible || def.remissionBelow === undefined ? null : latest < def.remissionBelow,
  };
}

/** Episodes sharing one instrument, baseline, latest and kind: the histogram the server's SQL returns. */
export interface OutcomeCell {
  instrument: InstrumentId;
  kind: BaselineAndLatest['kind'];
  /** null for 'no-baseline'. */
  baseline: number | null;
  /** null unless 'pair'. */
  latest: number | null;
  episodes: number;
}

/** A count out of the episodes it could have been; null where the instrument does not define the figure. */
export interface OutcomeShare {
  count: number;
  of: number;
}

export interface InstrumentOutcomes {
  instrument: InstrumentId;
  /** Episodes with at least one score on the instrument. */
  scored: number;
  /** …of which the first came after the admission window, so no baseline. */
  noBaseline: number;
  /** …of which there was one score only. */
  singleScore: number;
  /** Episodes with a baseline and a later score: the N behind mean change and reliable change. */
  measured: number;
  reliableImprovement: OutcomeShare | null;
  reliableDeterioration: OutcomeShare | null;
  response: OutcomeShare | null;
  remission: OutcomeShare | null;
  /** Mean of latest − baseline over the measured episodes (negative is better), to 2 decimals; null when none. */
  meanChange: number | null;
  meanBaseline: number | null;
  meanLatest: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whether an instrument defines each figure at all (so a table shows "not defined" rather than 0 of 0). */
export function outcomeFiguresDefined(instrument: InstrumentId): { reliableChange: boolean; response: boolean; remission: boolean } {
  const def = OUTCOME_DEFINITIONS[instrument] ?? {};
  return {
    reliableChange: RELIABLE_CHANGE_DEFAULTS[instrument] !== undefined,
    response: def.responseShare !== undefined || def.responsePoints !== undefined,
    remission: def.remissionBelow !== undefined,
  };
}

/**
 * The outcome figures per instrument from cells of episodes, in OUTCOME_INSTRUMENTS order, leaving out instruments
 * nobody was scored on.
 */
export function summariseOutcomes(cells: readonly OutcomeCell[]): InstrumentOutcomes[] {
  const out: InstrumentOutcomes[] = [];
  for (const instrument of OUTCOME_INSTRUMENTS) {
    const mine = cells.filter((c) => c.instrument === instrument && c.episodes > 0);
    if (mine.length === 0) continue;
    const defined = outcomeFiguresDefined(instrument);
    const share = (on: boolean): OutcomeShare | null => (on ? { count: 0, of: 0 } : null);
    const s: InstrumentOutcomes = {
      instrument,
      scored: 0,
      noBaseline: 0,
      singleScore: 0,
      measured: 0,
      reliableImprovement: share(defined.reliableChange),
      reliableDeterioration: share(defined.reliableChange),
      response: share(defined.response),
      remission: share(defined.remission),
      meanChange: null,
      meanBaseline: null,
      meanLatest: null,
    };
    let sumBaseline = 0;
    let sumLatest = 0;
    for (const c of mine) {
      s.scored += c.episodes;
      if (c.kind === 'no-baseline') s.noBaseline += c.episodes;
      else if (c.kind === 'single-score') s.singleScore += c.episodes;
      else {
        if (c.baseline === null || c.latest === null) throw new RangeError('a pair needs a baseline and a latest score');
        s.measured += c.episodes;
        sumBaseline += c.baseline * c.episodes;
        sumLatest += c.latest * c.episodes;
        const o = pairOutcome(instrument, c.baseline, c.latest);
        if (o.reliableChange !== null && s.reliableImprovement && s.reliableDeterioration) {
          s.reliableImprovement.of += c.episodes;
          s.reliableDeterioration.of += c.episodes;
          if (o.reliableChange === 'improved') s.reliableImprovement.count += c.episodes;
          if (o.reliableChange === 'deteriorated') s.reliableDeterioration.count += c.episodes;
        }
        if (o.response !== null && s.response) {
          s.response.of += c.episodes;
          if (o.response) s.response.count += c.episodes;
        }
        if (o.remission !== null && s.remission) {
          s.remission.of += c.episodes;
          if (o.remission) s.remission.count += c.episodes;
        }
      }
    }
    if (s.measured > 0) {
      s.meanBaseline = round2(sumBaseline / s.measured);
      s.meanLatest = round2(sumLatest / s.measured);
      s.meanChange = round2((sumLatest - sumBaseline) / s.measured);
    }
    out.push(s);
  }
  return out;
}

/** The cell an episode's dated scores on one instrument fall in (oldest first): what the server's SQL computes per episode. */
export function outcomeCellOf(instrument: InstrumentId, admittedOn: string, scores: readonly DatedScore[]): OutcomeCell | null {
  if (scores.length === 0) return null;
  const bl = baselineAndLatest(admittedOn, scores);
  return {
    instrument,
    kind: bl.kind,
    baseline: bl.kind === 'no-baseline' ? null : bl.baseline,
    latest: bl.kind === 'pair' ? bl.latest : null,
    episodes: 1,
  };
}

/** Share as a fraction, or null when nothing could count. */
export function shareOf(s: OutcomeShare | null): number | null {
  return s && s.of > 0 ? s.count / s.of : null;
}
