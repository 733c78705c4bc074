import { useState } from 'react';
import { Badge, Button, Card, Group, Loader, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MakeUpOptionView } from '@trellis/core';
import { formatLongWeekdayDate, formatMinutesAsHours, formatTimeRange } from '../../app/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useTracks } from '../setup/api.ts';
import { AddSessionModal } from '../schedule/AddSessionModal.tsx';
import { useCensus } from './api.ts';
import { useBookMakeUp, useMakeUpOptions } from './make-up-api.ts';

interface MakeUpModalProps {
  participantId: string;
  displayName: string;
  onClose: () => void;
}

function when(option: MakeUpOptionView, timeZone: string): string {
  return `${formatLongWeekdayDate(option.localDate)}, ${formatTimeRange(option.startsAt, option.endsAt, timeZone)}`;
}

/**
 * Saving an at-risk week: the other tracks' sessions this week the participant could still join, most hours
 * recovered first; one click (and a confirmation) books one. Or a one-off make-up session: by default for everyone of
 * the program at risk this week (read from the program's census for the same week), or for just this participant;
 * the roster stays editable in the session form.
 */
export function MakeUpModal({ participantId, displayName, onClose }: MakeUpModalProps) {
  const options = useMakeUpOptions(participantId);
  const book = useBookMakeUp();
  const [confirming, setConfirming] = useState<MakeUpOptionView | null>(null);
  const [planningOneOff, setPlanningOneOff] = useState(false);
  const data = options.data;
  const tracks = useTracks(data?.programId ?? null, { enabled: planningOneOff && !!data?.programId });
  const timeZone = data?.timeZone ?? 'UTC';
  const census = useCensus({ programId: data?.programId, week: data?.ledger?.weekMonday }, { enabled: !!data?.programId && !!data.ledger });
  // This participant first, then the program's others at risk this week.
  const atRisk = [
    participantId,
    ...(census.data?.rows ?? []).filter((r) => r.ledger.status === 'at-risk' && r.participantId !== participantId).map((r) => r.participantId),
  ];
  const [forAllAtRisk, setForAllAtRisk] = useState(true);
  const oneOffRoster = forAllAtRisk ? atRisk : [participantId];

  if (planningOneOff && data?.siteId && data.today && tracks.data) {
    return (
      <AddSessionModal
        siteId={data.siteId}
        tracks={tracks.data}
        defaultDate={data.today}
        initial={{ trackId: data.trackId, title: 'Make-up', participantIds: oneOffRoster }}
        onClose={onClose}
      />
    );
  }

  const confirm = async (option: MakeUpOptionView) => {
    try {
      const result = await book.mutateAsync({ sessionId: option.sessionId, participantId });
      notifications.show({
        color: 'teal',
        title: 'Make-up booked',
        message: `${displayName} is expected at ${option.title} on ${formatLongWeekdayDate(option.localDate)}${result.ledger ? `; ${formatMinutesAsHours(result.ledger.projectedMinutes)} projected this week` : ''}.`,
      });
      onClose();
    } catch {
      // The refusal is shown in the modal (ProblemAlert); the options are fetched again, as the session may be full now.
      setConfirming(null);
      await options.refetch();
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Make-up for ${displayName}`} size="lg">
      <Stack gap="sm">
        {options.isPending && <Loader size="sm" aria-label="Loading make-up options" />}
        <ProblemAlert error={options.error} title="The make-up options could not be loaded" />
        <ProblemAlert error={book.error} title="Could not book the make-up" />
        {data && (
          <Text size="sm">
            {data.shortfallMinutes > 0
              ? `${formatMinutesAsHours(data.shortfallMinutes)} short of the requirement this week, if every session left is attended.`
              : 'The week needs no make-up: the sessions left cover the requirement.'}
          </Text>
        )}

        {confirming ? (
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm">
              <Text size="sm">
                Book {displayName} into <strong>{confirming.title}</strong> ({confirming.trackName}), {when(confirming, timeZone)}? It recovers{' '}
                {formatMinutesAsHours(confirming.recoveredMinutes)} toward this week.
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setConfirming(null)} disabled={book.isPending}>
                  Back
                </Button>
                <Button onClick={() => void confirm(confirming)} loading={book.isPending}>
                  Book make-up
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : (
          data && (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Make-up options">
              {data.options.length === 0 && (
                <Text size="sm" c="dimmed" component="li">
                  No other session this week has a place at a time {displayName} is free.
                </Text>
              )}
              {data.options.map((option) => (
                <Card key={option.sessionId} withBorder radius="md" padding="sm" component="li">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {option.title} <Text span size="xs" c="dimmed">· {option.trackName}</Text>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {when(option, timeZone)}
                        {option.roomName ? ` · ${option.roomName}` : ''}
                        {` · ${option.placesLeft} ${option.placesLeft === 1 ? 'place' : 'places'} left`}
                      </Text>
                    </div>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color="teal">
                        +{formatMinutesAsHours(option.recoveredMinutes)}
                      </Badge>
                      <Button size="xs" onClick={() => setConfirming(option)} aria-label={`Book ${option.title} on ${formatLongWeekdayDate(option.localDate)}`}>
                        Book
                      </Button>
                    </Group>
                  </Group>
                </Card>
              ))}
            </Stack>
          )
        )}

        {atRisk.length > 1 && (
          <Radio.Group
            label="A one-off make-up session for"
            value={forAllAtRisk ? 'all' : 'one'}
            onChange={(v) => setForAllAtRisk(v === 'all')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="all" label={`All ${atRisk.length} participants of ${census.data?.rows[0]?.programName ?? 'the program'} at risk this week`} />
              <Radio value="one" label={`Just ${displayName}`} />
            </Stack>
          </Radio.Group>
        )}
        <Group justify="space-between" mt="sm">
          <Button variant="light" onClick={() => setPlanningOneOff(true)} disabled={!data?.siteId} loading={planningOneOff && tracks.isPending}>
            Plan a one-off make-up session
          </Button>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
