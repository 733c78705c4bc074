import { describe, expect, it } from 'vitest';
import {
  cosignatureState,
  cosignStateRefusal,
  formatSections,
  groupNoteNameProblems,
  groupNoteSignProblems,
  isLateEntry,
  mayReadNotePrivacy,
  noteDueAt,
  noteDurationMinutes,
  noteEditRefusal,
  notePrivacyProblems,
  noteTimeProblems,
} from './notes.ts';

describe('note state', () => {
  it('a draft may be edited; a signed note refuses with the reason', () => {
    expect(noteEditRefusal({ status: 'draft' })).toBeNull();
    expect(noteEditRefusal({ status: 'signed' })).toMatch(/signed note cannot be changed.*addendum/);
  });

  it.each([
    [{ status: 'draft', requiresCosign: true, cosignedAt: null }, 422, /signed by its author/],
    [{ status: 'signed', requiresCosign: false, cosignedAt: null }, 422, /needs no co-signature/],
    [{ status: 'signed', requiresCosign: true, cosignedAt: '2026-11-18T16:00:00Z' }, 409, /already/],
  ] as const)('co-signing %j is refused with %i', (note, status, message) => {
    const r = cosignStateRefusal(note);
    expect(r?.status).toBe(status);
    expect(r?.message).toMatch(message);
  });

  it('a signed pre-licensed note awaiting its supervisor may be co-signed and shows as pending', () => {
    expect(cosignStateRefusal({ status: 'signed', requiresCosign: true, cosignedAt: null })).toBeNull();
    expect(cosignatureState({ requiresCosign: true, cosignedAt: null })).toBe('pending');
    expect(cosignatureState({ requiresCosign: true, cosignedAt: '2026-11-18T16:00:00Z' })).toBe('cosigned');
    expect(cosignatureState({ requiresCosign: false, cosignedAt: null })).toBe('not_required');
  });
});

describe('privacy classes', () => {
  it.each([
    ['individual', 'record', false, []],
    ['individual', 'psychotherapy', false, []],
    ['family', 'psychotherapy', true, []],
    ['individual', 'sud_counseling', true, []],
    ['individual', 'sud_counseling', false, ['privacy']],
    ['psychiatric', 'psychotherapy', false, ['privacy']],
    ['group', 'sud_counseling', true, ['privacy']],
  ] as const)('%s note kept as %s (Part 2: %s) → %j', (kind, privacy, part2, fields) => {
    expect(notePrivacyProblems(kind, privacy, part2).map((p) => p.field)).toEqual(fields);
  });

  it('private notes reach their author only', () => {
    expect(mayReadNotePrivacy({ privacy: 'record', authorId: 'a' }, 'b')).toBe(true);
    expect(mayReadNotePrivacy({ privacy: 'psychotherapy', authorId: 'a' }, 'a')).toBe(true);
    expect(mayReadNotePrivacy({ privacy: 'psychotherapy', authorId: 'a' }, 'b')).toBe(false);
    expect(mayReadNotePrivacy({ privacy: 'sud_counseling', authorId: 'a' }, 'b')).toBe(false);
  });
});

describe('times, deadline and late entries', () => {
  const now = '2026-11-18T15:00:00Z';
  it.each([
    ['2026-11-18T13:00:00Z', '2026-11-18T13:50:00Z', []],
    ['2026-11-18T13:00:00Z', '2026-11-18T13:00:00Z', ['endsAt']],
    ['2026-11-18T13:00:00Z', '2026-11-18T12:00:00Z', ['endsAt']],
    ['2026-11-18T01:00:00Z', '2026-11-18T13:01:00Z', ['endsAt']],
    ['2026-11-18T15:30:00Z', '2026-11-18T16:00:00Z', ['startsAt']],
  ])('%s – %s → %j', (startsAt, endsAt, fields) => {
    expect(noteTimeProblems(startsAt, endsAt, now).map((p) => p.field)).toEqual(fields);
  });

  it('counts the duration in minutes across a clock change (instants, not wall time)', () => {
    // 1 November 2026, 01:30 EDT → 01:30 EST is one hour.
    expect(noteDurationMinutes('2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00')).toBe(60);
  });

  it('a note is due 24 hours after the contact ends, and one signed a second later is a late entry', () => {
    const end = '2026-11-17T22:00:00Z';
    expect(noteDueAt(end)).toBe('2026-11-18T22:00:00.000Z');
    expect(isLateEntry(end, '2026-11-18T22:00:00Z')).toBe(false);
    expect(isLateEntry(end, '2026-11-18T22:00:01Z')).toBe(true);
    expect(isLateEntry(end, '2026-11-18T10:00:00Z', 8)).toBe(true);
  });
});

describe('formatSections', () => {
  it('keeps the format’s sections in order, trimmed, and drops foreign ones', () => {
    expect(formatSections('dap', { plan: ' Continue ', behavior: 'x', data: 'Reported' })).toEqual({ data: 'Reported', assessment: '', plan: 'Continue' });
  });
});

describe('group note signing', () => {
  const shared = { topic: 'Craving', curriculumItem: 'Urge surfing', modality: 'Relapse prevention', covered: 'Practice.' };
  const full = { participation: 'Active', response: 'Tried it', risk: 'None observed', plan: 'Continue' };

  it('accepts a complete note', () => {
    expect(groupNoteSignProblems(shared, ['p1', 'p2'], [{ participantId: 'p1', sections: full }, { participantId: 'p2', sections: full }])).toEqual([]);
  });

  it('names empty shared sections, each attendee without an entry and each empty section', () => {
    const problems = groupNoteSignProblems({ ...shared, covered: ' ' }, ['p1', 'p2'], [{ participantId: 'p1', sections: { ...full, risk: '' } }]);
    expect(problems.map((p) => p.field)).toEqual([
      'shared.covered',
      'attendees.0.sections.risk',
      'attendees.1.sections.participation',
      'attendees.1.sections.response',
      'attendees.1.sections.risk',
      'attendees.1.sections.plan',
    ]);
    expect(problems.every((p) => p.status === 422)).toBe(true);
  });

  it('refuses a note for a session nobody attended', () => {
    expect(groupNoteSignProblems(shared, [], []).map((p) => p.field)).toEqual(['attendees']);
  });
});

describe('groupNoteNameProblems', () => {
  const attendees = [
    { participantId: 'p1', names: ['Avery', 'Stone'], sections: { participation: 'Avery led the check-in.', response: '', risk: '', plan: '' } },
    { participantId: 'p2', names: ['Blake', 'Stone'], sections: { participation: 'Supported avery during role play.', response: 'Blakeley style', risk: '', plan: '' } },
  ];
  it('finds another attendee named in an entry or any attendee in the shared part, as whole words', () => {
    expect(groupNoteNameProblems({ covered: 'Role play with Blake as the speaker.' }, attendees).map((p) => p.field)).toEqual([
      'shared.covered',
      'attendees.1.sections.participation',
    ]);
  });

  it('a family name two attendees share is not a mention of the other in one’s own entry', () => {
    const same = [
      { ...attendees[0]!, sections: { participation: 'Stone family joined.', response: '', risk: '', plan: '' } },
      attendees[1]!,
    ];
    expect(groupNoteNameProblems({}, same).map((p) => p.field)).toEqual(['attendees.1.sections.participation']);
  });
});
