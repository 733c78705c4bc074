import type { ReactNode } from 'react';
import { Alert, Button, Group, Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconPrinter } from '@tabler/icons-react';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { RelapsePlanPrint } from '../relapse-plans/RelapsePlanPrint.tsx';
import { SafetyPlanPrint } from '../safety-plans/SafetyPlanPrint.tsx';
import { usePortalMe, usePortalRelapsePlan, usePortalSafetyPlan } from './api.ts';

interface Printed<P> {
  plan: P;
  version: number;
  savedAt: string;
}

/** A plan the participant keeps with their clinician, read-only: the latest version on screen, and a print button. */
function PortalPlan<P>({
  title,
  query,
  render,
}: {
  title: string;
  query: UseQueryResult<{ current: Printed<P> | null }>;
  render: (printed: Printed<P> & { participantName: string; onScreen: true }) => ReactNode;
}) {
  usePageTitle(title);
  const me = usePortalMe();
  if (query.isPending) return <Skeleton h={240} aria-label={`Loading your ${title.toLowerCase()}`} />;
  if (query.isError)
    return (
      <ProblemAlert
        error={query.error}
        title={`Your ${title.toLowerCase()} could not be loaded`}
        onRetry={() => void query.refetch()}
      />
    );
  const current = query.data.current;
  if (!current) {
    return (
      <Alert color="blue" title={`No ${title.toLowerCase()} yet`}>
        Your clinician writes this plan with you. Ask about it at your next session.
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button
          size="md"
          variant="light"
          leftSection={<IconPrinter size={18} aria-hidden />}
          onClick={() => window.print()}
        >
          Print
        </Button>
      </Group>
      {render({ ...current, participantName: me.data?.name ?? '', onScreen: true })}
    </Stack>
  );
}

/** The participant's relapse prevention plan, as their clinician last saved it. */
export function PortalRelapsePlanPage() {
  return (
    <PortalPlan
      title="Relapse prevention plan"
      query={usePortalRelapsePlan()}
      render={(p) => <RelapsePlanPrint {...p} />}
    />
  );
}

/** The participant's safety plan, as their clinician last saved it. */
export function PortalSafetyPlanPage() {
  return <PortalPlan title="Safety plan" query={usePortalSafetyPlan()} render={(p) => <SafetyPlanPrint {...p} />} />;
}
