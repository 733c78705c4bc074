import { describe, expect, it } from 'vitest';
import { isExpectedAt, spanCovers } from './roster.ts';

describe('spanCovers', () => {
  it.each([
    { span: { from: '2026-03-02', to: '2026-03-06' }, date: '2026-03-01', covers: false },
    { span: { from: '2026-03-02', to: '2026-03-06' }, date: '2026-03-02', covers: true },
    { span: { from: '2026-03-02', to: '2026-03-06' }, date: '2026-03-06', covers: true },
    { span: { from: '2026-03-02', to: '2026-03-06' }, date: '2026-03-07', covers: false },
    { span: { from: '2026-03-02', to: null }, date: '2099-12-31', covers: true },
    { span: { from: '2026-03-02', to: '2026-03-02' }, date: '2026-03-02', covers: true },
  ])('$span.from..$span.to covers $date: $covers', ({ span, date, covers }) => {
    expect(spanCovers(span, date)).toBe(covers);
  });
});

describe('isExpectedAt', () => {
  const session = (localDate: string, chosenRoster = false) => ({ localDate, chosenRoster });
  const open = { admittedOn: '2026-03-03', dischargedOn: null };
  const membership = { membership: { from: '2026-03-03', to: null } };
  it.each([
    { name: 'member, admitted, session on admission day', s: session('2026-03-03'), e: open, via: membership, expected: true },
    { name: 'before admission, though the membership starts earlier', s: session('2026-03-02'), e: open, via: { membership: { from: '2026-03-01', to: null } }, expected: false },
    { name: 'membership starts after the session', s: session('2026-03-04'), e: open, via: { membership: { from: '2026-03-05', to: null } }, expected: false },
    { name: 'membership ended the day before', s: session('2026-03-06'), e: open, via: { membership: { from: '2026-03-03', to: '2026-03-05' } }, expected: false },
    { name: 'membership ends that day', s: session('2026-03-05'), e: open, via: { membership: { from: '2026-03-03', to: '2026-03-05' } }, expected: true },
    { name: 'discharged that day', s: session('2026-03-06'), e: { admittedOn: '2026-03-03', dischargedOn: '2026-03-06' }, via: membership, expected: true },
    { name: 'discharged the day before, membership left open', s: session('2026-03-07'), e: { admittedOn: '2026-03-03', dischargedOn: '2026-03-06' }, via: membership, expected: false },
    { name: 'a chosen-roster session expects no track member', s: session('2026-03-04', true), e: open, via: membership, expected: false },
    { name: 'a chosen participant of a chosen-roster session', s: session('2026-03-04', true), e: open, via: { chosen: true as const }, expected: true },
    { name: 'chosen but not yet admitted', s: session('2026-03-02', true), e: open, via: { chosen: true as const }, expected: false },
    { name: 'a guest booked onto a track session (a make-up)', s: session('2026-03-04'), e: open, via: { chosen: true as const }, expected: true },
    { name: 'a guest on a track session before admission', s: session('2026-03-02'), e: open, via: { chosen: true as const }, expected: false },
  ])('$name → $expected', ({ s, e, via, expected }) => {
    expect(isExpectedAt(s, e, via)).toBe(expected);
  });
});
