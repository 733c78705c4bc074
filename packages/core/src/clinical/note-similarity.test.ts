import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_THRESHOLD, nearDuplicatePairs, noteWords, shingles, textSimilarity } from './note-similarity.ts';

const base =
  'Participant arrived on time and engaged in the opening check in. She described using paced breathing twice this week when cravings rose after work and asked how to keep it going on weekends.';

describe('noteWords and shingles', () => {
  it.each([
    ['Engaged, shared.', ['engaged', 'shared']],
    ['  “Didn’t” use — at ALL!  ', ["didn't", 'use', 'at', 'all']],
    ['self-monitoring (daily)', ['self-monitoring', 'daily']],
    ['', []],
  ])('%j → %j', (text, words) => {
    expect(noteWords(text)).toEqual(words);
  });

  it('uses word bigrams, and the single word of a one-word text', () => {
    expect([...shingles('a b c')]).toEqual(['a b', 'b c']);
    expect([...shingles('Engaged.')]).toEqual(['engaged']);
    expect(shingles(' ... ').size).toBe(0);
  });
});

describe('textSimilarity', () => {
  it.each([
    ['identical text', base, base, 1, 1],
    ['only case and punctuation differ', base, base.toUpperCase().replace(/\./g, '!'), 1, 1],
    ['one word changed in 34', base, base.replace('breathing', 'counting'), 0.85, 0.9],
    ['three words swapped: still a copy', base, base.replace('arrived', 'came').replace('twice', 'once').replace('weekends', 'holidays'), NEAR_DUPLICATE_THRESHOLD, 0.8],
    [
      'one boilerplate sentence shared, the rest about the person',
      'Participant arrived on time and engaged in the opening check in. He said the weekend was hard and he slept badly, and asked for help planning Sunday.',
      'Participant arrived on time and engaged in the opening check in. Reported two days without use and practised refusal skills with a peer in role play.',
      0,
      NEAR_DUPLICATE_THRESHOLD - 0.1,
    ],
    ['different people, different words', base, 'Quiet for most of the hour; spoke once about a conflict with his brother and left the room briefly.', 0, 0.1],
    ['an empty text', base, '', 0, 0],
  ])('%s', (_label, a, b, low, high) => {
    const s = textSimilarity(a, b);
    expect(s).toBeGreaterThanOrEqual(low);
    expect(s).toBeLessThanOrEqual(high);
  });
});

describe('nearDuplicatePairs', () => {
  const entries = [
    { key: 'ana', text: base },
    { key: 'ben', text: base.replace('breathing', 'counting') },
    { key: 'cy', text: 'Quiet for most of the hour; spoke once about a conflict with his brother and left the room briefly.' },
    { key: 'dee', text: '' },
    { key: 'eli', text: base },
  ];

  it('names every pair at or above the threshold, most alike first, and leaves empty entries out', () => {
    const pairs = nearDuplicatePairs(entries);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['ana', 'eli'],
      ['ana', 'ben'],
      ['ben', 'eli'],
    ]);
    expect(pairs[0]!.similarity).toBe(1);
    expect(pairs[1]!.similarity).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
  });

  it('reports nothing for distinct entries, and the threshold is a boundary that counts', () => {
    expect(nearDuplicatePairs(entries.slice(2))).toEqual([]);
    const exact = textSimilarity(entries[0]!.text, entries[1]!.text);
    expect(nearDuplicatePairs(entries.slice(0, 2), exact)).toHaveLength(1);
    expect(nearDuplicatePairs(entries.slice(0, 2), exact + 0.001)).toHaveLength(0);
  });

  it('finds two identical one-word entries', () => {
    expect(nearDuplicatePairs([{ key: 1, text: 'Engaged.' }, { key: 2, text: 'engaged' }])).toEqual([{ a: 1, b: 2, similarity: 1 }]);
  });
});
