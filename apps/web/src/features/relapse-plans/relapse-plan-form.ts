/**
 * The relapse prevention plan editor's values and the request they make, checked by core's `relapsePlanSaveSchema`.
 * Lists are typed one entry per line; people to call are rows of name and phone.
 */
import { relapsePlanSaveSchema, type RelapsePlan } from '@trellis/core';
import type { FormErrors } from '@mantine/form';
import { coreRequestForm } from '../../app/core-form.ts';
import { contactsOf, linesOf, planFormFieldOf, rowsOf, textOf, type ContactDraft } from '../../ui/plans/plan-drafts.ts';

export interface RelapsePlanDraft {
  /** The version the editor opened (0 before the first save): a save based on an older one is refused. */
  basedOnVersion: number;
  triggers: string;
  warningSigns: string;
  copingStrategies: string;
  peopleToCall: ContactDraft[];
  afterASlip: string;
}

export function draftOf(plan: RelapsePlan | null, basedOnVersion: number): RelapsePlanDraft {
  return {
    basedOnVersion,
    triggers: textOf(plan?.triggers),
    warningSigns: textOf(plan?.warningSigns),
    copingStrategies: textOf(plan?.copingStrategies),
    peopleToCall: rowsOf(plan?.peopleToCall),
    afterASlip: textOf(plan?.afterASlip),
  };
}

export const planOf = (d: RelapsePlanDraft): RelapsePlan => ({
  triggers: linesOf(d.triggers),
  warningSigns: linesOf(d.warningSigns),
  copingStrategies: linesOf(d.copingStrategies),
  peopleToCall: contactsOf(d.peopleToCall),
  afterASlip: linesOf(d.afterASlip),
});

/** Where a problem with the request ('plan.peopleToCall.0.name', 'plan.triggers.2') shows on the form. */
export const formFieldOf = (path: string) =>
  planFormFieldOf(path, ['triggers', 'warningSigns', 'copingStrategies', 'afterASlip']);

const rules = coreRequestForm(relapsePlanSaveSchema, (d: RelapsePlanDraft) => ({
  basedOnVersion: d.basedOnVersion,
  plan: planOf(d),
}));

export const relapsePlanForm = {
  draftOf,
  validate: (d: RelapsePlanDraft): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(rules.validate(d))) errors[formFieldOf(path)] ??= message;
    return errors;
  },
  request: rules.request,
  fieldOf: formFieldOf,
};
