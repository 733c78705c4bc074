import { describe, expect, it } from 'vitest';
import {
  coversInterval,
  intersectIntervals,
  intervalOf,
  intervalToInstants,
  normaliseIntervals,
  overlapsAny,
  subtractIntervals,
  totalMinutes,
  unionIntervals,
  type Interval,
} from './intervals.ts';

// Small numbers read better than epoch milliseconds; the algebra does not care about units.
const iv = (start: number, end: number): Interval => ({ start, end });
const list = (...pairs: [number, number][]) => pairs.map(([s, e]) => iv(s, e));

describe('normaliseIntervals: one stretch of time is listed once', () => {
  it.each([
    { what: 'empty list', input: [], out: [] },
    { what: 'sorts', input: list([5, 6], [1, 2]), out: list([1, 2], [5, 6]) },
    { what: 'merges overlapping', input: list([1, 4], [3, 6]), out: list([1, 6]) },
    { what: 'merges adjacent (touching) intervals', input: list([1, 3], [3, 5]), out: list([1, 5]) },
    { what: 'a duplicated rule counts once', input: list([1, 3], [1, 3]), out: list([1, 3]) },
    { what: 'swallows contained intervals', input: list([1, 10], [2, 3], [4, 5]), out: list([1, 10]) },
    { what: 'drops empty and inverted intervals', input: list([2, 2], [5, 4], [7, 8]), out: list([7, 8]) },
    { what: 'keeps a gap of one unit', input: list([1, 3], [4, 5]), out: list([1, 3], [4, 5]) },
  ])('$what', ({ input, out }) => {
    expect(normaliseIntervals(input)).toEqual(out);
  });

  it('does not modify its input', () => {
    const input = list([3, 6], [1, 4]);
    normaliseIntervals(input);
    expect(input).toEqual(list([3, 6], [1, 4]));
  });
});

describe('intersect, subtract and union', () => {
  it.each([
    { a: list([1, 5]), b: list([3, 8]), out: list([3, 5]) },
    { a: list([1, 5]), b: list([5, 8]), out: [] },
    { a: list([1, 10]), b: list([2, 3], [4, 5], [9, 12]), out: list([2, 3], [4, 5], [9, 10]) },
    { a: list([1, 3], [6, 9]), b: list([2, 7]), out: list([2, 3], [6, 7]) },
    { a: [], b: list([1, 2]), out: [] },
  ])('intersect $a with $b', ({ a, b, out }) => {
    expect(intersectIntervals(a, b)).toEqual(out);
    expect(intersectIntervals(b, a)).toEqual(out);
  });

  it.each([
    { what: 'a hole in the middle', a: list([0, 10]), b: list([3, 5]), out: list([0, 3], [5, 10]) },
    { what: 'cut at both ends', a: list([0, 10]), b: list([-2, 1], [9, 12]), out: list([1, 9]) },
    { what: 'everything', a: list([2, 4]), b: list([0, 10]), out: [] },
    { what: 'touching cut leaves all', a: list([2, 4]), b: list([0, 2], [4, 6]), out: list([2, 4]) },
    {
      what: 'one cut across two pieces',
      a: list([0, 4], [6, 10]),
      b: list([3, 7]),
      out: list([0, 3], [7, 10]),
    },
    { what: 'unsorted overlapping cuts', a: list([0, 10]), b: list([6, 8], [2, 4], [3, 5]), out: list([0, 2], [5, 6], [8, 10]) },
    { what: 'nothing to cut', a: list([0, 10]), b: [], out: list([0, 10]) },
  ])('subtract: $what', ({ a, b, out }) => {
    expect(subtractIntervals(a, b)).toEqual(out);
  });

  it('union merges across lists', () => {
    expect(unionIntervals(list([1, 3], [8, 9]), list([3, 5], [7, 8]))).toEqual(list([1, 5], [7, 9]));
  });

  it('subtract then add back the cut gives the union (checked on many random lists)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 50;
    for (let n = 0; n < 300; n++) {
      const a = Array.from({ length: 4 }, () => iv(next(), next()));
      const b = Array.from({ length: 4 }, () => iv(next(), next()));
      const pointsIn = (xs: Interval[], p: number) => xs.some((x) => x.start <= p && p < x.end);
      for (let p = 0; p < 50; p++) {
        expect(pointsIn(subtractIntervals(a, b), p)).toBe(pointsIn(a, p) && !pointsIn(b, p));
        expect(pointsIn(intersectIntervals(a, b), p)).toBe(pointsIn(a, p) && pointsIn(b, p));
        expect(pointsIn(unionIntervals(a, b), p)).toBe(pointsIn(a, p) || pointsIn(b, p));
      }
      expect(unionIntervals(subtractIntervals(a, b), intersectIntervals(a, b))).toEqual(normaliseIntervals(a));
    }
  });
});

describe('look-ups in a normalised list', () => {
  const busy = list([10, 20], [30, 40]);
  it.each([
    { probe: iv(0, 10), overlaps: false, covered: false },
    { probe: iv(5, 11), overlaps: true, covered: false },
    { probe: iv(12, 18), overlaps: true, covered: true },
    { probe: iv(10, 20), overlaps: true, covered: true },
    { probe: iv(20, 30), overlaps: false, covered: false },
    { probe: iv(15, 35), overlaps: true, covered: false },
    { probe: iv(39, 45), overlaps: true, covered: false },
    { probe: iv(40, 50), overlaps: false, covered: false },
  ])('$probe: overlaps $overlaps, covered $covered', ({ probe, overlaps, covered }) => {
    expect(overlapsAny(busy, probe)).toBe(overlaps);
    expect(coversInterval(busy, probe)).toBe(covered);
  });
});

describe('instants', () => {
  it('round-trips ISO instants and measures real minutes', () => {
    const i = intervalOf('2026-03-08T06:00:00Z', '2026-03-08T07:30:00Z');
    expect(intervalToInstants(i)).toEqual({ start: '2026-03-08T06:00:00Z', end: '2026-03-08T07:30:00Z' });
    expect(totalMinutes([i, i])).toBe(90);
  });
});
