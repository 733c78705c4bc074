/**
 * The safety plan editor's values and the request they make, checked by core's `safetyPlanSaveSchema`. Lists are
 * typed one entry per line; people are rows of name and phone (rows left blank are dropped).
 */
import { safetyPlanSaveSchema, type SafetyPlan } from '@trellis/core';
import type { FormErrors } from '@mantine/form';
import { coreRequestForm } from '../../app/core-form.ts';

export interface ContactDraft {
  name: string;
  phone: string;
}

export interface SafetyPlanDraft {
  /** The version the editor opened (0 before the first save): a save based on an older one is refused. */
  basedOnVersion: number;
  warningSigns: string;
  internalCoping: string;
  distractionsPeople: ContactDraft[];
  distractionsPlaces: string;
  helpers: ContactDraft[];
  professionals: ContactDraft[];
  safeEnvironment: string;
  reasonsForLiving: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
const contacts = (rows: ContactDraft[]) =>
  rows.filter((r) => r.name.trim() !== '' || r.phone.trim() !== '').map((r) => ({ name: r.name, phone: r.phone.trim() === '' ? null : r.phone }));
const text = (entries: readonly string[]) => entries.join('\n');
const rows = (list: SafetyPlan['helpers']): ContactDraft[] => list.map((c) => ({ name: c.name, phone: c.phone ?? '' }));

export function draftOf(plan: SafetyPlan | null, basedOnVersion: number): SafetyPlanDraft {
  return {
    basedOnVersion,
    warningSigns: text(plan?.warningSigns ?? []),
    internalCoping: text(plan?.internalCoping ?? []),
    distractionsPeople: rows(plan?.distractions.people ?? []),
    distractionsPlaces: text(plan?.distractions.places ?? []),
    helpers: rows(plan?.helpers ?? []),
    professionals: rows(plan?.professionals ?? []),
    safeEnvironment: text(plan?.safeEnvironment ?? []),
    reasonsForLiving: text(plan?.reasonsForLiving ?? []),
  };
}

export function planOf(d: SafetyPlanDraft) {
  return {
    warningSigns: lines(d.warningSigns),
    internalCoping: lines(d.internalCoping),
    distractions: { people: contacts(d.distractionsPeople), places: lines(d.distractionsPlaces) },
    helpers: contacts(d.helpers),
    professionals: contacts(d.professionals),
    safeEnvironment: lines(d.safeEnvironment),
    reasonsForLiving: lines(d.reasonsForLiving),
  };
}

/** Where a problem with the request ('plan.helpers.0.name', 'plan.warningSigns.2') shows on the form. */
export function formFieldOf(path: string): string {
  const p = path.replace(/^(body\.)?plan\./, '');
  const people = /^distractions\.people\.(.+)$/.exec(p);
  if (people) return `distractionsPeople.${people[1]}`;
  if (p.startsWith('distractions.places')) return 'distractionsPlaces';
  const list = /^(warningSigns|internalCoping|safeEnvironment|reasonsForLiving)(\.|$)/.exec(p);
  if (list) return list[1]!;
  return p;
}

const rules = coreRequestForm(safetyPlanSaveSchema, (d: SafetyPlanDraft) => ({ basedOnVersion: d.basedOnVersion, plan: planOf(d) }));

/** The editor's check (problems placed on the field they came from) and the request it sends. */
export const safetyPlanForm = {
  validate: (d: SafetyPlanDraft): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(rules.validate(d))) errors[formFieldOf(path)] ??= message;
    return errors;
  },
  request: rules.request,
};
