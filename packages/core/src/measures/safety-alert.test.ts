import { describe, expect, it } from 'vitest';
import { checkInFlags } from './check-in.ts';
import { scoreMeasure } from './registry.ts';
import { safetyAlertKindOf } from './safety-alert.ts';

const phq9 = (item9: number) => ({ q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: item9 });
const none = { sex: null };

describe('safety alert kind', () => {
  it.each([
    ['PHQ-9 item 9 at 0', scoreMeasure('phq-9', phq9(0), none).flags, null],
    ['PHQ-9 item 9 at 1', scoreMeasure('phq-9', phq9(1), none).flags, 'phq9-item9'],
    ['C-SSRS wish to be dead only (low)', scoreMeasure('c-ssrs-screener', { q1: 1, q2: 0, q6: 0 }, none).flags, null],
    ['C-SSRS method (moderate)', scoreMeasure('c-ssrs-screener', { q1: 1, q2: 1, q3: 1, q4: 0, q5: 0, q6: 0 }, none).flags, 'cssrs-risk'],
    ['C-SSRS intent (high)', scoreMeasure('c-ssrs-screener', { q1: 1, q2: 1, q3: 0, q4: 1, q5: 0, q6: 0 }, none).flags, 'cssrs-risk'],
    [
      'check-in with self-harm thoughts',
      checkInFlags({ mood: 3, anxiety: 5, craving: 0, sleepHours: 6, anyUse: false, selfHarmThoughts: true }),
      'checkin',
    ],
  ])('%s → %s', (_label, flags, kind) => {
    expect(safetyAlertKindOf(flags)).toBe(kind);
  });

  it('refuses a safety flag it has no kind for, rather than raising no alert', () => {
    expect(() => safetyAlertKindOf([{ code: 'new-risk', kind: 'safety', message: '' }])).toThrow(/new-risk/);
  });
});
