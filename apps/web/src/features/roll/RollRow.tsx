import { memo } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, type AttendanceStatus } from '@trellis/core';
import { formatMinutesAsHours } from '../../app/format.ts';
import { carriesMinutes, type DraftMark } from './roll-draft.ts';

const STATUS_COLORS: Record<AttendanceStatus, string> = {
  present: 'teal',
  late: 'blue',
  left_early: 'orange',
  absent: 'red',
  excused: 'gray',
};

/** What the row says under the name; a late or left-early mark without its minutes has no attended time yet. */
function attendedText(mark: DraftMark, minutes: number | null): string {
  if (mark.status === 'late' && mark.lateMinutes === '') return 'Enter minutes late';
  if (mark.status === 'left_early' && mark.leftEarlyMinutes === '') return 'Enter minutes left early';
  return minutes === null ? 'Not marked' : `${formatMinutesAsHours(minutes)} attended`;
}

interface RollRowProps {
  participantId: string;
  displayName: string;
  mark: DraftMark;
  minutes: number | null;
  changed: boolean;
  problems: Partial<Record<'status' | 'lateMinutes' | 'leftEarlyMinutes', string>> | undefined;
  readOnly: boolean;
  /** The session has not started: only an excused absence can be recorded. */
  onlyExcused?: boolean;
  onChange: (participantId: string, next: Partial<DraftMark>) => void;
}

/** One participant on the roll: large status buttons for a tablet, and minutes when they came late or left early. */
export const RollRow = memo(function RollRow({
  participantId,
  displayName,
  mark,
  minutes,
  changed,
  problems,
  readOnly,
  onlyExcused = false,
  onChange,
}: RollRowProps) {
  // A late arrival may also leave early (and the other way round): both fields show, the status's own one first.
  const withMinutes = carriesMinutes(mark.status);
  const lateField = (
    <NumberInput
      key="late"
      label={mark.status === 'late' ? 'Minutes late' : 'Minutes late (if also late)'}
      size="md"
      w={200}
      min={1}
      allowDecimal={false}
      allowNegative={false}
      inputMode="numeric"
      value={mark.lateMinutes}
      onChange={(v) => onChange(participantId, { lateMinutes: typeof v === 'number' ? v : '' })}
      error={problems?.lateMinutes}
      disabled={readOnly}
      data-autofocus={mark.status === 'late' || undefined}
    />
  );
  const leftEarlyField = (
    <NumberInput
      key="left-early"
      label={mark.status === 'left_early' ? 'Minutes left early' : 'Minutes left early (if also left early)'}
      size="md"
      w={200}
      min={1}
      allowDecimal={false}
      allowNegative={false}
      inputMode="numeric"
      value={mark.leftEarlyMinutes}
      onChange={(v) => onChange(participantId, { leftEarlyMinutes: typeof v === 'number' ? v : '' })}
      error={problems?.leftEarlyMinutes}
      disabled={readOnly}
      data-autofocus={mark.status === 'left_early' || undefined}
    />
  );
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      role="group"
      aria-label={displayName}
      style={changed ? { borderColor: 'var(--mantine-color-blue-5)', boxShadow: 'inset 3px 0 0 var(--mantine-color-blue-5)' } : undefined}
    >
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={0} style={{ minWidth: 180, flex: '1 1 180px' }}>
          <Text fw={600} size="md">
            {displayName}
          </Text>
          <Text size="xs" c="dimmed" aria-live="polite">
            {attendedText(mark, minutes)}
            {changed ? ' · unsaved' : ''}
          </Text>
        </Stack>
        <Group gap={6} wrap="wrap">
          {ATTENDANCE_STATUSES.map((status) => {
            const selected = mark.status === status;
            return (
              <Button
                key={status}
                size="md"
                miw={96}
                px="sm"
                variant={selected ? 'filled' : 'default'}
                color={STATUS_COLORS[status]}
                aria-pressed={selected}
                disabled={readOnly || (onlyExcused && status !== 'excused')}
                onClick={() => onChange(participantId, { status })}
              >
                {ATTENDANCE_STATUS_LABELS[status]}
              </Button>
            );
          })}
        </Group>
      </Group>
      {withMinutes && (
        <Group mt="xs" gap="sm" align="flex-start">
          {mark.status === 'late' ? [lateField, leftEarlyField] : [leftEarlyField, lateField]}
        </Group>
      )}
      {problems?.status && (
        <Text size="sm" c="red" mt={4}>
          {problems.status}
        </Text>
      )}
    </Paper>
  );
});
