import { RELAPSE_PLAN_SECTIONS, type RelapsePlan } from '@trellis/core';
import { contactText } from '../../ui/plans/plan-drafts.ts';
import { PlanPrint } from '../../ui/plans/PlanPrint.tsx';

/** The relapse prevention plan as it prints (and, in the portal, as it reads), with the crisis lines. */
export function RelapsePlanPrint({
  plan,
  ...rest
}: {
  plan: RelapsePlan;
  participantName: string;
  version: number;
  savedAt: string;
  onScreen?: boolean;
}) {
  const sections = RELAPSE_PLAN_SECTIONS.map((s) => ({
    heading: s.heading,
    entries: s.key === 'peopleToCall' ? plan.peopleToCall.map(contactText) : plan[s.key],
  }));
  return <PlanPrint title="My relapse prevention plan" sections={sections} testId="relapse-plan-print" {...rest} />;
}
