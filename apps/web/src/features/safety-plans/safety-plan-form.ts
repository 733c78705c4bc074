/**
 * The safety plan editor's values and the request they make, checked by core's `safetyPlanSaveSchema`. Lists are
 * typed one entry per line; people are rows of name and phone (rows left blank are dropped).
 */
import { safetyPlanSaveSchema, type SafetyPlan } from '@trellis/core';
import type { FormErrors } from '@mantine/form';
import { coreRequestForm } from '../../app/core-form.ts';
import { contactsOf, linesOf, planFormFieldOf, rowsOf, textOf, type ContactDraft } from '../../ui/plans/plan-drafts.ts';

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

export function draftOf(plan: SafetyPlan | null, basedOnVersion: number): SafetyPlanDraft {
  return {
    basedOnVersion,
    warningSigns: textOf(plan?.warningSigns),
    internalCoping: textOf(plan?.internalCoping),
    distractionsPeople: rowsOf(plan?.distractions.people),
    distractionsPlaces: textOf(plan?.distractions.places),
    helpers: rowsOf(plan?.helpers),
    professionals: rowsOf(plan?.professionals),
    safeEnvironment: textOf(plan?.safeEnvironment),
    reasonsForLiving: textOf(plan?.reasonsForLiving),
  };
}

export function planOf(d: SafetyPlanDraft) {
  return {
    warningSigns: linesOf(d.warningSigns),
    internalCoping: linesOf(d.internalCoping),
    distractions: { people: contactsOf(d.distractionsPeople), places: linesOf(d.distractionsPlaces) },
    helpers: contactsOf(d.helpers),
    professionals: contactsOf(d.professionals),
    safeEnvironment: linesOf(d.safeEnvironment),
    reasonsForLiving: linesOf(d.reasonsForLiving),
  };
}

const LIST_FIELDS = ['warningSigns', 'internalCoping', 'distractionsPlaces', 'safeEnvironment', 'reasonsForLiving'];

/** Where a problem with the request ('plan.helpers.0.name', 'plan.warningSigns.2') shows on the form. */
export const formFieldOf = (path: string) =>
  planFormFieldOf(path, LIST_FIELDS, { 'distractions.people': 'distractionsPeople', 'distractions.places': 'distractionsPlaces' });

const rules = coreRequestForm(safetyPlanSaveSchema, (d: SafetyPlanDraft) => ({ basedOnVersion: d.basedOnVersion, plan: planOf(d) }));

/** The editor's check (problems placed on the field they came from) and the request it sends. */
export const safetyPlanForm = {
  draftOf,
  validate: (d: SafetyPlanDraft): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(rules.validate(d))) errors[formFieldOf(path)] ??= message;
    return errors;
  },
  request: rules.request,
  fieldOf: formFieldOf,
};
