/**
 * Near-duplicate individualised entries in a group note. Payers deny group notes whose per-participant parts are
 * copies of one another ("cloned documentation", CMS Program Integrity Manual ch. 3 §3.3.2.1.1), so before a group
 * note is signed Trellis names each pair of attendees whose entries read nearly the same.
 *
 * The measure is the Jaccard similarity of word-bigram shingles (Broder 1997, "On the resemblance and containment
 * of documents"): the share of two-word sequences the texts have in common. Texts are compared after folding case
 * and punctuation, so "Engaged, shared." and "engaged shared" are the same text.
 */

/**
 * Pairs at or above this similarity are reported. Two 34-word entries that differ in one word score about 0.89, in
 * three words about 0.73 (still a copy with a few words swapped); entries that share a sentence of boilerplate but
 * describe different things stay well under 0.5. Trellis's own choice, tuned on the table tests beside this file.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

/** Lower-cased words, with punctuation (other than inner apostrophes and hyphens) folded into spaces. */
export function noteWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The set of word bigrams of a text (its single word when it has only one). */
export function shingles(text: string): Set<string> {
  const words = noteWords(text);
  if (words.length < 2) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** Jaccard similarity of two shingle sets, 0–1; two empty sets are not similar (0). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

/** How alike two texts are, 0–1 (word-bigram Jaccard). */
export function textSimilarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}

export interface NearDuplicatePair<K> {
  a: K;
  b: K;
  /** Rounded to two decimals. */
  similarity: number;
}

/**
 * Every pair of entries whose texts are at least `threshold` alike, most alike first. Empty texts are left out: an
 * empty entry is refused on its own, not reported as a copy.
 */
export function nearDuplicatePairs<K>(
  entries: readonly { key: K; text: string }[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicatePair<K>[] {
  const prepared = entries.map((e) => ({ key: e.key, set: shingles(e.text) })).filter((e) => e.set.size > 0);
  const pairs: NearDuplicatePair<K>[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const similarity = jaccard(prepared[i]!.set, prepared[j]!.set);
      if (similarity >= threshold) pairs.push({ a: prepared[i]!.key, b: prepared[j]!.key, similarity: Math.round(similarity * 100) / 100 });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
