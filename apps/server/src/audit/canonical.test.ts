import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';

/** The definition canonicalJson must keep to: a copy with every object's keys sorted, then JSON.stringify. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, m]) => m !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, m]) => [k, sortKeys(m)]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

describe('canonicalJson', () => {
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string with quotes, escapes and non-ASCII', 'a "q" \\ \n \u0001 é 😀 \u2028'],
    ['numbers', [0, -0, 1.5, -3, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity]],
    ['booleans', [true, false]],
    ['keys sorted by code unit at every level', { b: 1, a: { z: [{ y: 1, x: 2 }], B: null }, é: 1, Z: 2, _: 3, '10': 4, '9': 5 }],
    ['index keys first in numeric order, then the rest (4294967295 is not an index)', { '4294967295': 1, '4294967294': 2, '01': 3, '2': 4, '-1': 5 }],
    ['undefined, function and symbol members left out of objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['undefined, function and symbol in arrays as null', [undefined, () => 1, Symbol('s'), 2]],
    ['dates as ISO text, an invalid date as null', { at: new Date('2026-11-30T12:00:00.123Z'), bad: new Date(Number.NaN) }],
    ['empty containers', { a: {}, b: [], c: [{}] }],
    ['keys needing escapes', { 'a"b': 1, 'new\nline': 2 }],
    [
      'an audit event',
      {
        orgId: '0f0e',
        occurredAt: '2026-11-30T12:00:00.000Z',
        actorId: 'u1',
        actorRole: 'clinician',
        action: 'attendance.record',
        outcome: 'success',
        entityType: 'attendance',
        entityId: 'a1',
        participantId: 'p1',
        participantIds: undefined,
        details: { sessionId: 's1', from: null, to: 'present', minutesAttended: 180 },
      },
    ],
  ];
  it.each(cases)('matches the sorted-copy definition: %s', (_label, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('sorts keys so that the order they were written in does not matter', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 1 })).toBe('{"a":1,"b":[{"c":2,"d":1}]}');
  });

  it('refuses a bigint as JSON.stringify does', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});
