import { useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { APPOINTMENT_KIND_LABELS, localDateOf, type ProposedPlacement, type ScheduleRun } from '@trellis/core';
import { formatTimeRange, formatWeekdayDate } from '../../app/format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { useSites } from '../setup/api.ts';
import { useAcceptScheduleRun } from './api.ts';
import { bookedPlacementIds, choosablePlacementIds, coverage, groupPlacements, siteZone, toggled, type Grouping } from './selection.ts';

interface Choice {
  selected: ReadonlySet<string>;
  booked: ReadonlySet<string>;
  onToggle: (ids: readonly string[], on: boolean) => void;
}

function GroupCheckbox({ label, ids, choice }: { label: string; ids: string[]; choice: Choice }) {
  const state = coverage(choice.selected, ids);
  return (
    <Checkbox
      aria-label={label}
      checked={state === 'all'}
      indeterminate={state === 'some'}
      disabled={ids.length === 0}
      onChange={(e) => choice.onToggle(ids, e.currentTarget.checked)}
    />
  );
}

function PlacementTable({ items, by, zoneOf, choice }: { items: ProposedPlacement[]; by: Grouping; zoneOf: (siteId: string) => string; choice: Choice }) {
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>
            <VisuallyHidden>Book</VisuallyHidden>
          </Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Appointment</Table.Th>
          <Table.Th>{by === 'clinician' ? 'Participant' : 'Clinician'}</Table.Th>
          <Table.Th>Room</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => {
          const timeZone = zoneOf(p.siteId);
          const when = `${formatWeekdayDate(localDateOf(p.startsAt, timeZone))}, ${formatTimeRange(p.startsAt, p.endsAt, timeZone)}`;
          const booked = choice.booked.has(p.id);
          return (
            <Table.Tr key={p.id}>
              <Table.Td>
                {booked ? (
                  <Badge size="xs" color="green" variant="light">
                    Booked
                  </Badge>
                ) : (
                  <Checkbox
                    aria-label={`Book ${APPOINTMENT_KIND_LABELS[p.kind].toLowerCase()} for ${p.participantName} with ${p.clinicianName}, ${when}`}
                    checked={choice.selected.has(p.id)}
                    onChange={(e) => choice.onToggle([p.id], e.currentTarget.checked)}
                  />
                )}
              </Table.Td>
              <Table.Td>{when}</Table.Td>
              <Table.Td>{APPOINTMENT_KIND_LABELS[p.kind]}</Table.Td>
              <Table.Td>{by === 'clinician' ? p.participantName : p.clinicianName}</Table.Td>
              <Table.Td>{p.roomName ?? 'No room'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/**
 * A run's proposal to review: placements by clinician or participant, each with a checkbox (all chosen at first; a
 * group's box chooses the clinician's or participant's whole week), the unplaced with why, and booking what is chosen
 * after confirming. Placements an earlier accept booked are marked and cannot be chosen again.
 */
export function ProposalReview({ run }: { run: ScheduleRun }) {
  const [by, setBy] = useState<Grouping>('clinician');
  const [confirming, setConfirming] = useState(false);
  const choosable = useMemo(() => choosablePlacementIds(run), [run]);
  const booked = useMemo(() => bookedPlacementIds(run), [run]);
  // A solved run starts with everything chosen; after a partial accept, nothing is chosen until the coordinator says.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(run.status === 'solved' ? choosable : []));
  const accept = useAcceptScheduleRun();
  const proposal = run.proposal!;
  const sites = useSites();
  const zoneOf = siteZone(sites.data, proposal.timeZone);
  const groups = useMemo(() => groupPlacements(proposal.placements, by), [proposal.placements, by]);
  const chosen = choosable.filter((id) => selected.has(id));
  const choice: Choice = { selected, booked, onToggle: (ids, on) => setSelected((s) => toggled(s, ids, on)) };
  const openIds = (items: ProposedPlacement[]) => items.map((p) => p.id).filter((id) => !booked.has(id));

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
      {choosable.length > 0 && (
        <Group gap="xs">
          <Checkbox
            label="Choose every appointment"
            checked={coverage(selected, choosable) === 'all'}
            indeterminate={coverage(selected, choosable) === 'some'}
            onChange={(e) => choice.onToggle(choosable, e.currentTarget.checked)}
          />
          <Text size="sm" c="dimmed">
            {chosen.length} of {choosable.length} chosen
          </Text>
        </Group>
      )}
      {groups.map((g) => (
        <Paper key={g.key} withBorder p="sm">
          <Group gap="xs">
            <GroupCheckbox label={`Choose every appointment of ${g.name}`} ids={openIds(g.items)} choice={choice} />
            <Title order={4}>{g.name}</Title>
          </Group>
          <PlacementTable items={g.items} by={by} zoneOf={zoneOf} choice={choice} />
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
      {choosable.length > 0 && (
        <Group justify="flex-end">
          <Button onClick={() => setConfirming(true)} disabled={chosen.length === 0}>
            Book {chosen.length} chosen
          </Button>
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        title="Book the chosen appointments?"
        confirmLabel={`Book ${chosen.length} appointments`}
        loading={accept.isPending}
        error={accept.error}
        onConfirm={() =>
          accept.mutate(
            { id: run.id, placementIds: chosen },
            {
              onSuccess: () => {
                setConfirming(false);
                setSelected(new Set());
              },
            },
          )
        }
        onClose={() => setConfirming(false)}
      >
        Each appointment is booked as if you booked it by hand. Any that clashed with a booking made since the run are
        listed and left out; the rest are booked. Those not chosen stay in the proposal to book later.
      </ConfirmModal>
    </Stack>
  );
}
