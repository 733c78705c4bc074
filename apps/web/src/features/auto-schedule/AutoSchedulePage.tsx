import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { APPOINTMENT_KIND_LABELS, type ScheduleRun } from '@trellis/core';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePrograms, useSites } from '../setup/api.ts';
import { useScheduleRun, useStartScheduleRun } from './api.ts';
import { ProposalReview } from './ProposalReview.tsx';
import { RunSolving } from './RunSolving.tsx';
import { siteZone } from './selection.ts';

const WHOLE_ORGANISATION = 'all';

function AcceptResult({ run }: { run: ScheduleRun }) {
  const result = run.result!;
  const unchosen = (run.proposal?.placements.length ?? 0) - result.booked.length - result.conflicts.length;
  const sites = useSites();
  const zoneOf = siteZone(sites.data, run.proposal?.timeZone ?? 'UTC');
  return (
    <Alert color={result.conflicts.length > 0 ? 'yellow' : 'green'} title={unchosen > 0 ? 'Week booked in part' : 'Week booked'}>
      <Stack gap="xs">
        <Text size="sm">
          {result.booked.length} appointments booked
          {result.conflicts.length > 0 ? `; ${result.conflicts.length} not booked because something was booked there since the run:` : '.'}
          {unchosen > 0 ? ` ${unchosen} proposed not chosen yet: choose them below to book them too.` : ''}
        </Text>
        {result.conflicts.map((c) => (
          <Text size="sm" key={`${c.participantId}|${c.kind}|${c.startsAt}`}>
            {c.participantName}, {APPOINTMENT_KIND_LABELS[c.kind].toLowerCase()} with {c.clinicianName},{' '}
            {formatTimeRange(c.startsAt, c.endsAt, zoneOf(c.siteId))} — {c.message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** "Auto-schedule next week": start a run for a program or the organisation, review its proposal, accept it. */
export function AutoSchedulePage() {
  const programs = usePrograms();
  const [scope, setScope] = useState<string>(WHOLE_ORGANISATION);
  const [runId, setRunId] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  const start = useStartScheduleRun();
  const run = useScheduleRun(runId);

  const begin = () =>
    start.mutate({ programId: scope === WHOLE_ORGANISATION ? null : scope }, {
        onSuccess: (started) => {
          setStartedAt(Date.now());
          setRunId(started.id);
        },
      });

  return (
    <Stack gap="lg">
      <Title order={2}>Auto-schedule next week</Title>
      <Text size="sm" c="dimmed">
        Places next week’s individual, family and psychiatry appointments that each participant still needs, around
        everyone’s hours, groups and rooms. Nothing already booked is moved.
      </Text>
      <Group align="flex-end">
        <Select
          label="Schedule"
          value={scope}
          onChange={(v) => setScope(v ?? WHOLE_ORGANISATION)}
          allowDeselect={false}
          data={[{ value: WHOLE_ORGANISATION, label: 'Every program' }, ...(programs.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))]}
        />
        <Button onClick={begin} loading={start.isPending} disabled={run.data?.status === 'queued'}>
          Start a run
        </Button>
      </Group>
      <ProblemAlert error={start.error} title="Could not start the run" />
      {runId && run.isPending && <Loader aria-label="Loading the run" />}
      {run.isError && <ProblemAlert error={run.error} title="Could not load the run" onRetry={() => void run.refetch()} />}
      {run.data?.status === 'queued' && <RunSolving startedAt={startedAt} progress={run.data.progress} />}
      {run.data?.status === 'failed' && (
        <Alert color="red" title="The run failed">
          {run.data.error}
        </Alert>
      )}
      {run.data && run.data.status !== 'queued' && run.data.status !== 'failed' && (
        <>
          <Group gap="xs">
            <Text fw={500}>Week of {formatWeekdayDate(run.data.weekMonday)}</Text>
            <Badge variant="light">{run.data.status === 'accepted' ? 'Accepted' : 'Proposal'}</Badge>
          </Group>
          {run.data.status === 'accepted' && <AcceptResult run={run.data} />}
          <ProposalReview run={run.data} />
        </>
      )}
    </Stack>
  );
}
