import { describe, expect, it } from 'vitest';
import { NOTE_FORMATS, NOTE_FORMAT_SECTIONS, noteSectionKeys, noteSectionProblems } from './note-formats.ts';

describe('note formats', () => {
  it.each([
    ['dap', ['data', 'assessment', 'plan']],
    ['soap', ['subjective', 'objective', 'assessment', 'plan']],
    ['birp', ['behavior', 'intervention', 'response', 'plan']],
    ['girp', ['goal', 'intervention', 'response', 'plan']],
  ] as const)('%s has sections %j', (format, keys) => {
    expect(noteSectionKeys(format)).toEqual(keys);
  });

  it('every section has a label and a prompt, keys unique within a format', () => {
    for (const f of NOTE_FORMATS) {
      const sections = NOTE_FORMAT_SECTIONS[f];
      expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
      for (const s of sections) expect(s.label && s.prompt).toBeTruthy();
    }
  });
});

describe('noteSectionProblems', () => {
  it('accepts a complete DAP note', () => {
    expect(noteSectionProblems('dap', { data: 'Reported…', assessment: 'Improving', plan: 'Continue' })).toEqual([]);
  });

  it('names each empty section and each section foreign to the format', () => {
    expect(noteSectionProblems('dap', { data: ' ', assessment: 'Improving', behavior: 'Calm' })).toEqual([
      { field: 'sections.behavior', message: 'is not a section of a DAP note' },
      { field: 'sections.data', message: 'is required to sign' },
      { field: 'sections.plan', message: 'is required to sign' },
    ]);
  });
});
