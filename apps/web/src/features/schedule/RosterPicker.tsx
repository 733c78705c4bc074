import { useEffect } from 'react';
import { Alert, Checkbox, Loader, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { rosterCandidateListSchema, type RosterCandidate } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';

/** Participants who may be chosen for a one-off session of a track on a date: in its program that day. */
function useRosterCandidates(trackId: string | null, localDate: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['roster-candidates', trackId, localDate],
    queryFn: ({ signal }) =>
      checkedApi.get(rosterCandidateListSchema, `/api/v1/tracks/${trackId}/roster-candidates`, { localDate }, signal),
    select: (data) => data.items,
    enabled: enabled && !!trackId && !!localDate,
  });
}

interface RosterPickerProps {
  trackId: string | null;
  localDate: string | null;
  /** The participants chosen, or null for the whole track (everyone on it that day). */
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  error?: string | null;
}

function candidateLabel(c: RosterCandidate): string {
  return c.onTrack || !c.trackName ? c.displayName : `${c.displayName} (${c.trackName})`;
}

/**
 * Who a one-off session expects: the whole track, or participants chosen from the track's program (a make-up for
 * some of the track, or for people on another track) — the program's participants on the session's date.
 */
export function RosterPicker({ trackId, localDate, value, onChange, error }: RosterPickerProps) {
  const choosing = value !== null;
  const candidates = useRosterCandidates(trackId, localDate, choosing);
  const onTrack = (candidates.data ?? []).filter((c) => c.onTrack);
  const others = (candidates.data ?? []).filter((c) => !c.onTrack);

  // Another track or date changes who may be chosen: drop those no longer among them.
  useEffect(() => {
    if (!value || !candidates.data) return;
    const allowed = new Set(candidates.data.map((c) => c.participantId));
    if (value.some((id) => !allowed.has(id))) onChange(value.filter((id) => allowed.has(id)));
  }, [candidates.data, value, onChange]);

  return (
    <Stack gap="xs">
      <Switch
        label="Only chosen participants (e.g. a make-up)"
        description={choosing ? 'Only those chosen are expected at the session.' : 'Everyone on the track that day is expected.'}
        checked={choosing}
        onChange={(e) => onChange(e.currentTarget.checked ? [] : null)}
      />
      {choosing && (!trackId || !localDate) && (
        <Text size="sm" c="dimmed">
          Choose the track and the date first: participants are chosen from the track's program on that day.
        </Text>
      )}
      {choosing && candidates.isPending && trackId && localDate && <Loader size="sm" aria-label="Loading participants" />}
      {choosing && candidates.isError && <ProblemAlert error={candidates.error} title="Participants could not be loaded" onRetry={() => void candidates.refetch()} />}
      {choosing && candidates.isSuccess && candidates.data.length === 0 && (
        <Alert color="yellow" title="Nobody to choose">
          No participant is in this track's program on that day.
        </Alert>
      )}
      {choosing && candidates.isSuccess && candidates.data.length > 0 && (
        <Checkbox.Group label="Participants" value={value} onChange={onChange} error={error ?? undefined} required>
          <ScrollArea.Autosize mah={240} type="auto">
            <Stack gap={6} mt={6}>
              {onTrack.length > 0 && (
                <Text size="xs" fw={600} c="dimmed">
                  On this track
                </Text>
              )}
              {onTrack.map((c) => (
                <Checkbox key={c.participantId} value={c.participantId} label={candidateLabel(c)} />
              ))}
              {others.length > 0 && (
                <Text size="xs" fw={600} c="dimmed">
                  Elsewhere in the program
                </Text>
              )}
              {others.map((c) => (
                <Checkbox key={c.participantId} value={c.participantId} label={candidateLabel(c)} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Checkbox.Group>
      )}
    </Stack>
  );
}
