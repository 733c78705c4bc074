import { SAFETY_PLAN_SECTIONS, type SafetyPlan } from '@trellis/core';
import { contactText } from '../../ui/plans/plan-drafts.ts';
import { PlanPrint } from '../../ui/plans/PlanPrint.tsx';

function entriesOf(plan: SafetyPlan, key: (typeof SAFETY_PLAN_SECTIONS)[number]['key']): string[] {
  switch (key) {
    case 'distractions':
      return [...plan.distractions.people.map(contactText), ...plan.distractions.places];
    case 'helpers':
    case 'professionals':
      return plan[key].map(contactText);
    case 'warningSigns':
    case 'internalCoping':
    case 'safeEnvironment':
    case 'reasonsForLiving':
      return plan[key];
  }
}

/** The safety plan as it prints: Stanley–Brown's seven steps in order, with the crisis lines. */
export function SafetyPlanPrint({ plan, ...rest }: { plan: SafetyPlan; participantName: string; version: number; savedAt: string; onScreen?: boolean }) {
  const sections = SAFETY_PLAN_SECTIONS.map((s) => ({ heading: s.heading, entries: entriesOf(plan, s.key) }));
  return <PlanPrint title="My safety plan" sections={sections} numbered testId="safety-plan-print" {...rest} />;
}
