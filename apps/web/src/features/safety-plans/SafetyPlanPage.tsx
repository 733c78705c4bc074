import { Text, Title } from '@mantine/core';
import { SAFETY_PLAN_SECTIONS, type SafetyPlan, type SafetyPlanSave } from '@trellis/core';
import { PlanContacts, PlanLines } from '../../ui/plans/PlanFields.tsx';
import { VersionedPlanPage, type VersionedPlanPageSpec } from '../../ui/plans/VersionedPlanPage.tsx';
import { safetyPlanApi } from './api.ts';
import { safetyPlanForm, type SafetyPlanDraft } from './safety-plan-form.ts';
import { SafetyPlanPrint } from './SafetyPlanPrint.tsx';

const heading = (key: (typeof SAFETY_PLAN_SECTIONS)[number]['key']) => SAFETY_PLAN_SECTIONS.find((s) => s.key === key)!.heading;

const spec: VersionedPlanPageSpec<SafetyPlan, SafetyPlanDraft, SafetyPlanSave> = {
  title: 'Safety plan',
  emptyText: 'Write the plan with the participant, in their own words, then save it.',
  api: safetyPlanApi,
  form: safetyPlanForm,
  fields: (form) => (
    <>
      <PlanLines form={form} field="warningSigns" label={`1. ${heading('warningSigns')}`} />
      <PlanLines form={form} field="internalCoping" label={`2. ${heading('internalCoping')}`} />
      <Title order={2} size="h5">
        3. {heading('distractions')}
      </Title>
      <PlanContacts form={form} field="distractionsPeople" label="People" />
      <PlanLines form={form} field="distractionsPlaces" label="Places" />
      <PlanContacts form={form} field="helpers" label={`4. ${heading('helpers')}`} />
      <PlanContacts form={form} field="professionals" label={`5. ${heading('professionals')}`} />
      <Text size="xs" c="dimmed">
        The 988 Suicide & Crisis Lifeline and 911 are printed on every plan.
      </Text>
      <PlanLines form={form} field="safeEnvironment" label={`6. ${heading('safeEnvironment')}`} />
      <PlanLines form={form} field="reasonsForLiving" label={`7. ${heading('reasonsForLiving')}`} />
    </>
  ),
  print: (printed) => <SafetyPlanPrint {...printed} />,
};

/**
 * A participant's safety plan (Stanley–Brown): edit and save a new version, look at earlier versions, print one.
 * The printed plan always carries the crisis lines.
 */
export function SafetyPlanPage() {
  return <VersionedPlanPage spec={spec} />;
}
