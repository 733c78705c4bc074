import { describe, expect, it } from 'vitest';
import { applyRollSaved, type Roll } from './attendance.ts';

const entry = (participantId: string, status: Roll['entries'][number]['status'], version: number | null) => ({
  participantId,
  displayName: `Person ${participantId}`,
  status,
  lateMinutes: 0,
  leftEarlyMinutes: 0,
  minutesAttended: status === 'present' ? 180 : 0,
  version,
});

describe('applyRollSaved', () => {
  const roll = {
    session: { id: 's1', title: 'Evening group', expectedCount: 3, recordedCount: 1 },
    entries: [entry('a', 'absent', 1), entry('b', null, null), entry('c', null, null)],
  } as unknown as Roll;

  it('puts the changed marks in their places, keeps the others, and takes the counts from the answer', () => {
    const next = applyRollSaved(roll, {
      session: { id: 's1', expectedCount: 3, recordedCount: 2 },
      changed: [{ participantId: 'b', status: 'late', lateMinutes: 15, leftEarlyMinutes: 0, minutesAttended: 165, version: 1 }],
    });
    expect(next.session).toMatchObject({ title: 'Evening group', expectedCount: 3, recordedCount: 2 });
    expect(next.entries.map((e) => [e.participantId, e.displayName, e.status, e.lateMinutes, e.minutesAttended, e.version])).toEqual([
      ['a', 'Person a', 'absent', 0, 0, 1],
      ['b', 'Person b', 'late', 15, 165, 1],
      ['c', 'Person c', null, 0, 0, null],
    ]);
    expect(next.entries[0]).toBe(roll.entries[0]);
  });

  it('leaves a roll the answer changed nothing on as it was, counts aside', () => {
    const next = applyRollSaved(roll, { session: { id: 's1', expectedCount: 3, recordedCount: 1 }, changed: [] });
    expect(next.entries).toEqual(roll.entries);
  });
});
