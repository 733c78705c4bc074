import { Fieldset, SegmentedControl, Stack, Text } from '@mantine/core';
import { OBJECTIVE_PROGRESS, OBJECTIVE_PROGRESS_LABELS, type ObjectiveProgress, type PlanObjectiveOffer } from '@trellis/core';

type Pick = { objectiveId: string; progress: ObjectiveProgress };

const NOT_RATED = 'none';
const options = [{ value: NOT_RATED, label: 'Not rated' }, ...OBJECTIVE_PROGRESS.map((p) => ({ value: p, label: OBJECTIVE_PROGRESS_LABELS[p] }))];

/**
 * Progress on each objective of the participant's plan in force, picked with one click (no typing): the group note
 * entry's objectives. Objectives left "Not rated" are not recorded.
 */
export function ObjectivePicks({
  who,
  offers,
  value,
  onChange,
  readOnly,
}: {
  who: string;
  offers: readonly PlanObjectiveOffer[];
  value: readonly Pick[];
  onChange: (next: Pick[]) => void;
  readOnly: boolean;
}) {
  const picked = new Map(value.map((p) => [p.objectiveId, p.progress]));
  if (offers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No signed treatment plan yet: no objectives to rate.
      </Text>
    );
  }
  return (
    <Fieldset legend={`Progress on ${who}’s plan objectives`} variant="unstyled">
      <Stack gap="xs">
        {offers.map((o) => (
          <div key={o.objectiveId} role="group" aria-label={`Progress: ${o.description}`}>
            <Text size="sm">{o.description}</Text>
            <Text size="xs" c="dimmed">
              Goal: {o.goal} · target {o.targetDate}
            </Text>
            <SegmentedControl
              size="xs"
              data={options}
              readOnly={readOnly}
              value={picked.get(o.objectiveId) ?? NOT_RATED}
              onChange={(v) => {
                const rest = value.filter((p) => p.objectiveId !== o.objectiveId);
                onChange(v === NOT_RATED ? rest : [...rest, { objectiveId: o.objectiveId, progress: v as ObjectiveProgress }]);
              }}
            />
          </div>
        ))}
      </Stack>
    </Fieldset>
  );
}
