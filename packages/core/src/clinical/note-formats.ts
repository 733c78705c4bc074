/**
 * Progress-note formats and their sections (domain.md §6: confidantnotes.com SOAP/DAP/BIRP; reframepractice.com BIRP;
 * ynote.io GIRP). A note stores one text per section key; the prompts are Trellis's own wording.
 */

export const NOTE_FORMATS = ['dap', 'soap', 'birp', 'girp'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

export interface NoteSection {
  key: string;
  label: string;
  prompt: string;
}

export const NOTE_FORMAT_LABELS: Record<NoteFormat, string> = {
  dap: 'DAP (Data, Assessment, Plan)',
  soap: 'SOAP (Subjective, Objective, Assessment, Plan)',
  birp: 'BIRP (Behavior, Intervention, Response, Plan)',
  girp: 'GIRP (Goal, Intervention, Response, Plan)',
};

const plan: NoteSection = { key: 'plan', label: 'Plan', prompt: 'Next steps, homework, the next contact and any referral.' };
const assessment: NoteSection = {
  key: 'assessment',
  label: 'Assessment',
  prompt: 'Clinical impression: progress on the plan’s objectives, risk, and what it means.',
};
const intervention: NoteSection = {
  key: 'intervention',
  label: 'Intervention',
  prompt: 'What the clinician did: the modality and techniques used.',
};
const response: NoteSection = { key: 'response', label: 'Response', prompt: 'How the participant responded to the intervention.' };

export const NOTE_FORMAT_SECTIONS: Record<NoteFormat, readonly NoteSection[]> = {
  // Data merges SOAP's subjective and objective parts.
  dap: [
    { key: 'data', label: 'Data', prompt: 'What the participant reported and what was observed, including measures.' },
    assessment,
    plan,
  ],
  soap: [
    { key: 'subjective', label: 'Subjective', prompt: 'What the participant reported, in their words where it matters.' },
    { key: 'objective', label: 'Objective', prompt: 'Observations, mental status, measures and attendance.' },
    assessment,
    plan,
  ],
  birp: [
    { key: 'behavior', label: 'Behavior', prompt: 'The participant’s presentation and behaviour this session.' },
    intervention,
    response,
    plan,
  ],
  girp: [
    { key: 'goal', label: 'Goal', prompt: 'The plan goal or problem this session addressed.' },
    intervention,
    response,
    plan,
  ],
};

/** The section keys of a format, in order. */
export function noteSectionKeys(format: NoteFormat): string[] {
  return NOTE_FORMAT_SECTIONS[format].map((s) => s.key);
}

/**
 * Problems with a note's section texts for signing: every section of its format filled, and no section from another
 * format (a DAP note has no "behavior"). Drafts may be incomplete; a signature may not.
 */
export function noteSectionProblems(format: NoteFormat, sections: Record<string, string>): { field: string; message: string }[] {
  const keys = noteSectionKeys(format);
  const problems: { field: string; message: string }[] = [];
  for (const key of Object.keys(sections)) {
    if (!keys.includes(key)) problems.push({ field: `sections.${key}`, message: `is not a section of a ${format.toUpperCase()} note` });
  }
  for (const key of keys) {
    if ((sections[key] ?? '').trim() === '') problems.push({ field: `sections.${key}`, message: 'is required to sign' });
  }
  return problems;
}
