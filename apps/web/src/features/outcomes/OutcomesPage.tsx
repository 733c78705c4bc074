import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconChartLine } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { OUTCOME_EPISODE_STATUSES, OUTCOME_GROUPINGS, type OutcomeEpisodeStatus, type OutcomeGrouping } from '@trellis/core';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { usePrograms } from '../setup/api.ts';
import { useOutcomes, type OutcomeFilters } from './api.ts';
import { OutcomesTable } from './OutcomesTable.tsx';
import { AcknowledgementSection } from './AcknowledgementSection.tsx';

const GROUP_LABELS: Record<OutcomeGrouping, string> = { program: 'Program', track: 'Track', clinician: 'Primary clinician' };

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Program outcomes: per program, track or primary clinician, how many participants improved reliably, responded and
 * remitted, and the mean change from admission — each with the number of participants behind it. Then the time it
 * takes to acknowledge safety alerts.
 */
export function OutcomesPage() {
  const [params, setParams] = useSearchParams();
  const programs = usePrograms();
  const filters: OutcomeFilters = {
    programId: params.get('program'),
    status: oneOf<OutcomeEpisodeStatus>(OUTCOME_EPISODE_STATUSES, params.get('status'), 'discharged'),
    groupBy: oneOf<OutcomeGrouping>(OUTCOME_GROUPINGS, params.get('groupBy'), 'program'),
    from: params.get('from'),
    to: params.get('to'),
  };
  const outcomes = useOutcomes(filters);
  const update = (next: Record<string, string | null>) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) {
          if (value) out.set(key, value);
          else out.delete(key);
        }
        return out;
      },
      { replace: true },
    );
  const data = outcomes.data;
  const discharged = filters.status === 'discharged';

  return (
    <>
      <PageHeader
        title="Outcomes"
        description="Change from the admission score to the latest, per measure. Counts only: no participant is named."
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Program"
            placeholder={programs.isPending ? 'Loading…' : 'All my programs'}
            data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.programId}
            onChange={(programId) => update({ program: programId })}
            clearable
            searchable
            w={{ base: '100%', xs: 240 }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="outcomes-status-label">
              Participants
            </Text>
            <SegmentedControl
              aria-labelledby="outcomes-status-label"
              value={filters.status}
              onChange={(status) => update({ status: status === 'discharged' ? null : status, from: null, to: null })}
              data={[
                { value: 'discharged', label: 'Discharged' },
                { value: 'active', label: 'Active now' },
              ]}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="outcomes-group-label">
              Group by
            </Text>
            <SegmentedControl
              aria-labelledby="outcomes-group-label"
              value={filters.groupBy}
              onChange={(groupBy) => update({ groupBy: groupBy === 'program' ? null : groupBy })}
              data={OUTCOME_GROUPINGS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
            />
          </Stack>
          {discharged && (
            <>
              <TextInput type="date" label="Discharged from" value={filters.from ?? data?.period?.from ?? ''} onChange={(e) => update({ from: e.currentTarget.value || null })} w={170} />
              <TextInput type="date" label="to" value={filters.to ?? data?.period?.to ?? ''} onChange={(e) => update({ to: e.currentTarget.value || null })} w={170} />
            </>
          )}
          {(filters.from || filters.to) && (
            <Button variant="subtle" onClick={() => update({ from: null, to: null })}>
              The last year
            </Button>
          )}
        </Group>

        {outcomes.isPending && <TableSkeleton rows={6} label="Loading outcomes" />}
        {outcomes.isError && <ProblemAlert error={outcomes.error} title="Outcomes could not be loaded" onRetry={() => void outcomes.refetch()} />}
        {data && data.total.episodes === 0 && (
          <EmptyState title={discharged ? 'Nobody was discharged in this period' : 'No active participants'} icon={<IconChartLine size={26} />}>
            {discharged
              ? `No participant of ${filters.programId ? 'this program' : 'your programs'} was discharged between ${formatDate(data.period?.from)} and ${formatDate(data.period?.to)}. Choose a longer period.`
              : 'Outcomes appear once participants are admitted and have an admission score and a later one.'}
          </EmptyState>
        )}
        {data && data.total.episodes > 0 && (
          <>
            <Text size="sm" c="dimmed">
              {discharged && data.period
                ? `${data.total.episodes} participants discharged ${formatDate(data.period.from)} to ${formatDate(data.period.to)}.`
                : `${data.total.episodes} participants active today, with their latest score so far.`}
            </Text>
            <OutcomesTable groups={data.groups} total={data.total} groupLabel={GROUP_LABELS[data.groupBy]} />
            <Text size="xs" c="dimmed" component="div">
              <strong>Measured</strong>: participants with an admission score (given within {data.baselineWindowDays} days of admission) and a
              later one, out of those with any score. <strong>Reliable</strong> change is more than measurement error (Jacobson–Truax; PHQ-9 6
              points, GAD-7 4). <strong>Response</strong> (PHQ-9 a drop of half or more, PCL-5 5 points) and <strong>remission</strong> (PHQ-9
              below 5) count participants who began at or above the measure’s clinical cut-off (PHQ-9 10). A dash: the measure does not define
              the figure. Grouped by track, a participant counts under the track they left from (or are on today).
            </Text>
          </>
        )}

        <AcknowledgementSection programId={filters.programId} />
      </Stack>
    </>
  );
}
