import {
  RELAPSE_PLAN_SECTIONS,
  type RelapsePlan,
  type RelapsePlanSave,
  type RelapsePlanSectionKey,
} from '@trellis/core';
import { PlanContacts, PlanLines } from '../../ui/plans/PlanFields.tsx';
import { VersionedPlanPage, type VersionedPlanPageSpec } from '../../ui/plans/VersionedPlanPage.tsx';
import { relapsePlanApi } from './api.ts';
import { relapsePlanForm, type RelapsePlanDraft } from './relapse-plan-form.ts';
import { RelapsePlanPrint } from './RelapsePlanPrint.tsx';

const heading = (key: RelapsePlanSectionKey) => RELAPSE_PLAN_SECTIONS.find((s) => s.key === key)!.heading;

const spec: VersionedPlanPageSpec<RelapsePlan, RelapsePlanDraft, RelapsePlanSave> = {
  title: 'Relapse prevention plan',
  emptyText:
    'Write the plan with the participant, in their own words: what sets them off, the first signs, what helps, who to call, and what to do after a slip.',
  api: relapsePlanApi,
  form: relapsePlanForm,
  fields: (form) => (
    <>
      <PlanLines form={form} field="triggers" label={heading('triggers')} />
      <PlanLines form={form} field="warningSigns" label={heading('warningSigns')} />
      <PlanLines form={form} field="copingStrategies" label={heading('copingStrategies')} />
      <PlanContacts form={form} field="peopleToCall" label={heading('peopleToCall')} />
      <PlanLines form={form} field="afterASlip" label={heading('afterASlip')} />
    </>
  ),
  print: (printed) => <RelapsePlanPrint {...printed} />,
};

/**
 * A participant's relapse prevention plan, kept with their clinician: edit and save a new version, look at earlier
 * versions, print one. The participant reads the latest in the portal.
 */
export function RelapsePlanPage() {
  return <VersionedPlanPage spec={spec} />;
}
