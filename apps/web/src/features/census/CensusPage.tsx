import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { LEDGER_STATUSES, type LedgerStatus } from '@trellis/core';
import { useAuth } from '../../app/auth-context.tsx';
import { can } from '../../app/permissions.ts';
import { formatWeekRange } from '../../app/format.ts';
import { rememberedWeek, rememberWeek } from '../../app/selected-week.ts';
import { thisOrThatWeek } from '../../app/week-tense.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { WeekNavigator } from '../../ui/WeekNavigator.tsx';
import { LEDGER_STATUS_LABELS } from '../../ui/ledger-status.ts';
import { useCensus, type CensusFilters as Filters } from './api.ts';
import { CensusFilters } from './CensusFilters.tsx';
import { CensusCounts } from './CensusCounts.tsx';
import { CensusTable } from './CensusTable.tsx';
import { CensusCards } from './CensusCards.tsx';
import { MakeUpModal } from './MakeUpModal.tsx';
import type { CensusRow } from '../../api/types.ts';
import { sortCensusRows, type CensusSort, type CensusSortKey } from './census-sort.ts';

const FILTER_PARAMS = { programId: 'program', trackId: 'track', clinicianId: 'clinician', week: 'week' } as const;

function isLedgerStatus(value: string | null): value is LedgerStatus {
  return value !== null && (LEDGER_STATUSES as readonly string[]).includes(value);
}

/** This program week's census: every active participant's hours against the requirement, at-risk first. */
export function CensusPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const narrow = useMediaQuery('(max-width: 40em)');
  const [sort, setSort] = useState<CensusSort>({ key: 'status', direction: 'asc' });
  const [makeUpFor, setMakeUpFor] = useState<CensusRow | null>(null);

  const weekInAddress = params.get(FILTER_PARAMS.week);
  useEffect(() => {
    if (weekInAddress) rememberWeek(weekInAddress);
  }, [weekInAddress]);

  const filters: Filters = {
    programId: params.get(FILTER_PARAMS.programId),
    trackId: params.get(FILTER_PARAMS.trackId),
    clinicianId: params.get(FILTER_PARAMS.clinicianId),
    // The address wins; without one, the week last chosen here or on the schedule.
    week: weekInAddress ?? rememberedWeek(),
  };
  const statusParam = params.get('status');
  const statusFilter = isLedgerStatus(statusParam) ? statusParam : null;
  const census = useCensus(filters);

  const update = (next: Partial<Filters> & { status?: LedgerStatus | null }) => {
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) {
          const param = key === 'status' ? 'status' : FILTER_PARAMS[key as keyof Filters];
          if (value) out.set(param, value);
          else out.delete(param);
        }
        return out;
      },
      { replace: true },
    );
  };

  const onSort = (key: CensusSortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'asc' ? 'desc' : 'asc' }));

  const rows = useMemo(() => {
    const all = census.data?.rows ?? [];
    return sortCensusRows(statusFilter ? all.filter((r) => r.ledger.status === statusFilter) : all, sort);
  }, [census.data, statusFilter, sort]);

  const week = census.data?.week ?? null;
  const weekLabel = week ? formatWeekRange(week.monday, week.sunday) : 'this week';
  const filtered = !!(filters.programId || filters.trackId || filters.clinicianId);
  // The server reads the week against its own clock where the program is; the browser's clock or zone may differ.
  const tense = week?.tense ?? 'current';
  const past = tense === 'past';
  const whichWeek = thisOrThatWeek(tense);
  // Make-ups are booked into the week under way, by those who may book sessions.
  const onMakeUp = tense === 'current' && can(me, 'session.write') ? setMakeUpFor : undefined;

  return (
    <>
      <PageHeader
        title="Census"
        description={
          past
            ? "Each participant's hours in that program week against what their level of care required."
            : `Each active participant's hours ${whichWeek === 'this week' ? 'this program week' : 'in that program week'} against what their level of care requires.`
        }
        actions={
          <WeekNavigator
            monday={week?.monday ?? null}
            isCurrent={!filters.week}
            onChange={(monday) => {
              rememberWeek(monday);
              update({ week: monday });
            }}
          />
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <CensusFilters filters={filters} onChange={update} />
            {census.data && (
              <CensusCounts counts={census.data.counts} selected={statusFilter} onSelect={(status) => update({ status })} />
            )}
          </Stack>
        </Paper>

        {census.isPending && <TableSkeleton label="Loading the census" />}
        {census.isError && <ProblemAlert error={census.error} title="The census could not be loaded" onRetry={() => void census.refetch()} />}

        {census.data && census.data.rows.length === 0 && (
          <EmptyState
            title={filtered ? 'No participants match these filters' : past ? 'Nobody was in a program that week' : `No active participants ${whichWeek}`}
            action={
              filtered ? (
                <Button variant="light" onClick={() => update({ programId: null, trackId: null, clinicianId: null })}>
                  Clear filters
                </Button>
              ) : can(me, 'participant.write') ? (
                <Button component={Link} to="/participants/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
                  Admit a participant
                </Button>
              ) : undefined
            }
          >
            {filtered
              ? 'Try another program, track or clinician, or clear the filters to see everyone.'
              : 'Participants appear here once they are admitted to a program and track.'}
          </EmptyState>
        )}

        {census.data && census.data.rows.length > 0 && rows.length === 0 && statusFilter && (
          <EmptyState
            title={`Nobody ${past ? 'was' : 'is'} ${LEDGER_STATUS_LABELS[statusFilter].toLowerCase()} ${whichWeek}`}
            action={
              <Button variant="light" onClick={() => update({ status: null })}>
                Show everyone
              </Button>
            }
          />
        )}

        {rows.length > 0 &&
          (narrow ? (
            <CensusCards rows={rows} past={past} onMakeUp={onMakeUp} />
          ) : (
            <CensusTable rows={rows} sort={sort} onSort={onSort} weekLabel={weekLabel} past={past} onMakeUp={onMakeUp} />
          ))}

        {makeUpFor && <MakeUpModal participantId={makeUpFor.participantId} displayName={makeUpFor.displayName} onClose={() => setMakeUpFor(null)} />}

        {census.data && rows.length > 0 && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Showing {rows.length} of {census.data.rows.length} participants.
              {past ? ' The week is over: hours are those attended.' : ' Projected hours add sessions still to come and rolls not yet taken.'}
            </Text>
            {census.isFetching && (
              <Text size="xs" c="dimmed" role="status">
                Updating…
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </>
  );
}
