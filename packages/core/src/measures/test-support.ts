/** Answer sets for tests: built from an instrument's own options, so they stay valid when the data changes. */
import type { Instrument } from './instrument.ts';

/**
 * Answers to every always-asked item whose points add up to `total`, filling from the last item backwards with the
 * most points that still fit (so AUDIT items 9–10, which move in steps of 2, are filled first). Throws when the
 * total cannot be reached. Items named in `zero` score nothing.
 */
export function answersWithTotal(
  instrument: Instrument,
  total: number,
  opts: { zero?: readonly string[] } = {},
): Record<string, number> {
  let remaining = total;
  const answers: Record<string, number> = {};
  for (const item of [...instrument.items].reverse()) {
    if (item.enableWhen) continue;
    const budget = opts.zero?.includes(item.id) ? 0 : remaining;
    const fitting = item.options.filter((o) => o.points <= budget).sort((a, b) => b.points - a.points);
    const option = fitting[0];
    if (!option)
      throw new RangeError(`${instrument.shortName}: item ${item.id} has no option of at most ${remaining} points`);
    answers[item.id] = option.value;
    remaining -= option.points;
  }
  if (remaining !== 0) throw new RangeError(`${instrument.shortName}: cannot reach a total of ${total}`);
  return answers;
}

/** Every always-asked item answered with the given value. */
export function allAnswered(instrument: Instrument, value: number): Record<string, number> {
  return Object.fromEntries(instrument.items.filter((i) => !i.enableWhen).map((i) => [i.id, value]));
}
