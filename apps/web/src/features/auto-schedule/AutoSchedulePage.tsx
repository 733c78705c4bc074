import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { APPOINTMENT_KIND_LABELS, localDateOf, type ProposedPlacement, type ScheduleRun } from '@trellis/core';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { usePrograms } from '../setup/api.ts';
import { useAcceptScheduleRun, useScheduleRun, useStartScheduleRun } from './api.ts';

const WHOLE_ORGANISATION = 'all';
type Grouping = 'clinician' | 'participant';

/** Placements grouped by clinician or by participant, each group in time order, groups by name. */
export function groupPlacements(placements: readonly ProposedPlacement[], by: Grouping): { key: string; name: string; items: ProposedPlacement[] }[] {
  const groups = new Map<string, { key: string; name: string; items: ProposedPlacement[] }>();
  for (const p of placements) {
    const key = by === 'clinician' ? p.clinicianId : p.participantId;
    const name = by === 'clinician' ? p.clinicianName : p.participantName;
    const group = groups.get(key) ?? { key, name, items: [] };
    group.items.push(p);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

function PlacementTable({ items, by, timeZone }: { items: ProposedPlacement[]; by: Grouping; timeZone: string }) {
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Appointment</Table.Th>
          <Table.Th>{by === 'clinician' ? 'Participant' : 'Clinician'}</Table.Th>
          <Table.Th>Room</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={`${p.participantId}|${p.kind}|${p.startsAt}`}>
            <Table.Td>
              {formatWeekdayDate(localDateOf(p.startsAt, timeZone))}, {formatTimeRange(p.startsAt, p.endsAt, timeZone)}
            </Table.Td>
            <Table.Td>{APPOINTMENT_KIND_LABELS[p.kind]}</Table.Td>
            <Table.Td>{by === 'clinician' ? p.participantName : p.clinicianName}</Table.Td>
            <Table.Td>{p.roomName ?? 'No room'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Proposal({ run }: { run: ScheduleRun }) {
  const [by, setBy] = useState<Grouping>('clinician');
  const [confirming, setConfirming] = useState(false);
  const accept = useAcceptScheduleRun();
  const proposal = run.proposal!;
  const groups = useMemo(() => groupPlacements(proposal.placements, by), [proposal.placements, by]);
  return (
    <Stack>
      <Group justify="space-between">
        <Text>
          {proposal.placements.length} appointments placed; {proposal.unplaced.length} could not be.
        </Text>
        <SegmentedControl
          aria-label="Group the proposal"
          value={by}
          onChange={(v) => setBy(v)}
          data={[
            { label: 'By clinician', value: 'clinician' },
            { label: 'By participant', value: 'participant' },
          ]}
        />
      </Group>
      {groups.map((g) => (
        <Paper key={g.key} withBorder p="sm">
          <Title order={4}>{g.name}</Title>
          <PlacementTable items={g.items} by={by} timeZone={proposal.timeZone} />
        </Paper>
      ))}
      {proposal.unplaced.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3}>Not placed</Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Participant</Table.Th>
                <Table.Th>Appointment</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposal.unplaced.map((u) => (
                <Table.Tr key={`${u.participantId}|${u.kind}`}>
                  <Table.Td>{u.participantName}</Table.Td>
                  <Table.Td>
                    {APPOINTMENT_KIND_LABELS[u.kind]}
                    {u.count > 1 ? ` × ${u.count}` : ''}
                  </Table.Td>
                  <Table.Td>{u.explanation}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {run.status === 'solved' && proposal.placements.length > 0 && (
        <Group justify="flex-end">
          <Button onClick={() => setConfirming(true)}>Accept and book</Button>
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        title="Book the proposed week?"
        confirmLabel={`Book ${proposal.placements.length} appointments`}
        loading={accept.isPending}
        error={accept.error}
        onConfirm={() => accept.mutate(run.id, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        Each appointment is booked as if you booked it by hand. Any that clashed with a booking made since the run are
        listed and left out; the rest are booked.
      </ConfirmModal>
    </Stack>
  );
}

function AcceptResult({ run }: { run: ScheduleRun }) {
  const result = run.result!;
  const timeZone = run.proposal?.timeZone ?? 'UTC';
  return (
    <Alert color={result.conflicts.length > 0 ? 'yellow' : 'green'} title="Week booked">
      <Stack gap="xs">
        <Text size="sm">
          {result.booked.length} appointments booked
          {result.conflicts.length > 0 ? `; ${result.conflicts.length} not booked because something was booked there since the run:` : '.'}
        </Text>
        {result.conflicts.map((c) => (
          <Text size="sm" key={`${c.participantId}|${c.kind}|${c.startsAt}`}>
            {c.participantName}, {APPOINTMENT_KIND_LABELS[c.kind].toLowerCase()} with {c.clinicianName},{' '}
            {formatTimeRange(c.startsAt, c.endsAt, timeZone)} — {c.message}
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
  const start = useStartScheduleRun();
  const run = useScheduleRun(runId);

  const begin = () =>
    start.mutate({ programId: scope === WHOLE_ORGANISATION ? null : scope }, { onSuccess: (started) => setRunId(started.id) });

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
      {run.data?.status === 'queued' && (
        <Group role="status">
          <Loader size="sm" />
          <Text>Solving the week…</Text>
        </Group>
      )}
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
          <Proposal run={run.data} />
        </>
      )}
    </Stack>
  );
}
