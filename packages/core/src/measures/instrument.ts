/**
 * What every measurement instrument is made of: items with answer options, severity bands and flags, and the one
 * rule that decides whether a set of answers is complete and in range (used by the zod schema and by scoring alike).
 * Instruments are data; each instrument's module adds its own scoring. Sources: shared/domain.md §0 and §4.
 */

export const INSTRUMENT_IDS = [
  'phq-9',
  'gad-7',
  'audit',
  'audit-c',
  'dast-10',
  'pcl-5',
  'c-ssrs-screener',
  'bam',
] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

/** One answer a person can pick: `value` is what a response stores, `points` what scoring adds (they differ on reversed items). */
export interface AnswerOption {
  value: number;
  label: string;
  points: number;
  /** LOINC answer code (LA…) where domain.md names one. */
  loinc?: string;
}

export interface InstrumentItem {
  /** Stable id, used as the key of an answer and as the FHIR linkId. */
  id: string;
  /** The number printed on the form, e.g. "9" or "7A". */
  number: string;
  text: string;
  options: readonly AnswerOption[];
  /** LOINC question code where domain.md names one. */
  loinc?: string;
  /** Asked only when another item's answer is one of these values (skip logic); always asked when absent. */
  enableWhen?: { item: string; values: readonly number[] };
}

/**
 * Whether the item text is the instrument's own published wording (its licence allows reproduction) or our short
 * paraphrase (the licence restricts redistribution, or is not settled); domain.md §0.
 */
export type ItemWording = 'published' | 'paraphrase';

export interface SeverityBand {
  id: string;
  label: string;
  /** Inclusive range of the total (or, for a risk tier, of nothing: min and max are null). */
  min: number | null;
  max: number | null;
}

export interface Instrument {
  id: InstrumentId;
  shortName: string;
  title: string;
  /** The period the questions ask about, as shown to the person answering. */
  recall: string;
  wording: ItemWording;
  /** What the licence allows, in a sentence, with its source. */
  licence: string;
  /** LOINC panel and total-score codes; undefined where domain.md names none (we do not guess codes). */
  loinc: { panel?: string; total?: string };
  /** Which way is better on the total; null when the instrument has no total to compare. */
  direction: 'lower-is-better' | null;
  items: readonly InstrumentItem[];
}

/** Validated answers: item id → the chosen option's value. */
export type Answers = Readonly<Record<string, number>>;

export type FlagKind = 'safety' | 'screen';

/**
 * Something a score says that a person must act on. `safety` flags (suicide risk) raise an alert that has to be
 * acknowledged; `screen` flags mark a positive screen or a clinical cut-off.
 */
export interface MeasureFlag {
  code: string;
  kind: FlagKind;
  message: string;
}

export interface MeasureScore {
  instrument: InstrumentId;
  /** The total score, or null for instruments without one (C-SSRS, BAM). */
  total: number | null;
  band: SeverityBand | null;
  /** Cluster or subscale scores (PCL-5 clusters, BAM use/risk/protective); empty when the instrument has none. */
  subscales: Readonly<Record<string, number>>;
  flags: readonly MeasureFlag[];
  /** How the score was reached where that depends on the person, e.g. which AUDIT-C cut-off (by sex) was applied. */
  scoringNote?: string;
}

export interface AnswerProblem {
  item: string;
  message: string;
}

function isEnabled(item: InstrumentItem, answers: Readonly<Record<string, unknown>>): boolean {
  if (!item.enableWhen) return true;
  const gate = answers[item.enableWhen.item];
  return typeof gate === 'number' && item.enableWhen.values.includes(gate);
}

/**
 * Every reason a set of answers cannot be scored, each naming its item: an asked item missing, a value that is not
 * one of the item's options, an answer to an item its skip logic does not ask (a contradiction, e.g. C-SSRS intent
 * without thoughts), or a key that is no item of the instrument.
 */
export function answerProblems(instrument: Instrument, answers: Readonly<Record<string, unknown>>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(instrument.items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push({ item: key, message: `is not an item of the ${instrument.shortName}` });
  }
  for (const item of instrument.items) {
    const value = answers[item.id];
    const given = value !== undefined && value !== null;
    if (!isEnabled(item, answers)) {
      if (given)
        problems.push({
          item: item.id,
          message: `is not asked unless item ${gateNumber(instrument, item)} is answered so`,
        });
      continue;
    }
    if (!given) problems.push({ item: item.id, message: 'is required' });
    else if (typeof value !== 'number' || !item.options.some((o) => o.value === value)) {
      problems.push({ item: item.id, message: outOfRangeMessage(item) });
    }
  }
  return problems;
}

/** What an answer outside an item's options is told, e.g. "must be one of 0, 1, 2, 3". */
export function outOfRangeMessage(item: InstrumentItem): string {
  return `must be one of ${item.options.map((o) => o.value).join(', ')}`;
}

function gateNumber(instrument: Instrument, item: InstrumentItem): string {
  const gate = instrument.items.find((i) => i.id === item.enableWhen?.item);
  return gate?.number ?? item.enableWhen?.item ?? '';
}

/** The answers as validated, or a RangeError naming the first item at fault; scoring calls this so it never scores nonsense. */
export function checkedAnswers(instrument: Instrument, answers: Readonly<Record<string, unknown>>): Answers {
  const [first] = answerProblems(instrument, answers);
  if (first) throw new RangeError(`${instrument.shortName} item ${first.item} ${first.message}`);
  return answers as Answers;
}

/** Points an item scores for its answer; 0 for an item not asked. */
export function itemPoints(instrument: Instrument, answers: Answers, itemId: string): number {
  const item = instrument.items.find((i) => i.id === itemId);
  if (!item) throw new RangeError(`${instrument.shortName} has no item ${itemId}`);
  const value = answers[itemId];
  return item.options.find((o) => o.value === value)?.points ?? 0;
}

/** Sum of points over the given items. */
export function sumPoints(instrument: Instrument, answers: Answers, itemIds: readonly string[]): number {
  return itemIds.reduce((sum, id) => sum + itemPoints(instrument, answers, id), 0);
}

/** The band whose inclusive range holds the total; bands must cover the instrument's whole range. */
export function bandFor(bands: readonly SeverityBand[], total: number): SeverityBand {
  const band = bands.find((b) => b.min !== null && b.max !== null && total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`no band holds the total ${total}`);
  return band;
}

/** Options whose value and points are the same, numbered 0, 1, 2… in label order, with LOINC answer codes where given. */
export function scaleOptions(labels: readonly string[], loinc?: readonly string[]): AnswerOption[] {
  return labels.map((label, value) => ({
    value,
    label,
    points: value,
    ...(loinc?.[value] ? { loinc: loinc[value] } : {}),
  }));
}

/** Items that share one set of options, numbered from 1, with ids `<prefix><n>`. */
export function numberedItems(
  prefix: string,
  texts: readonly string[],
  options: readonly AnswerOption[],
  loinc?: readonly string[],
): InstrumentItem[] {
  return texts.map((text, i) => ({
    id: `${prefix}${i + 1}`,
    number: String(i + 1),
    text,
    options,
    ...(loinc?.[i] ? { loinc: loinc[i] } : {}),
  }));
}

/** Ids of items `from`..`to` (1-based, inclusive) with the given prefix. */
export function itemRange(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
}

/** A positive screen on a total: at or above `cutoff`, flag `code`, saying what the total means. */
export interface TotalScreen {
  cutoff: number;
  code: string;
  meaning: string;
}

/** Score an instrument whose items all add to one total: the total, its band, and a screen flag at the cut-off. */
export function scoreByTotal(
  instrument: Instrument,
  answers: Readonly<Record<string, unknown>>,
  bands: readonly SeverityBand[],
  screen?: TotalScreen,
): MeasureScore {
  const checked = checkedAnswers(instrument, answers);
  const total = sumPoints(
    instrument,
    checked,
    instrument.items.map((i) => i.id),
  );
  const flags: MeasureFlag[] =
    screen && total >= screen.cutoff
      ? [
          {
            code: screen.code,
            kind: 'screen',
            message: `Total ${total} is at or above ${screen.cutoff}: ${screen.meaning}.`,
          },
        ]
      : [];
  return { instrument: instrument.id, total, band: bandFor(bands, total), subscales: {}, flags };
}
