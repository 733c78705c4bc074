import { Group, Progress, Stack, Text } from '@mantine/core';
import type { WeeklyHoursLedger } from '@trellis/core';
import { formatHours } from '../app/format.ts';
import { LEDGER_STATUS_COLORS } from './ledger-status.ts';

/**
 * Attended hours as a solid section and the rest of the projection as a lighter one, against the week's required
 * minimum, with the figures in words: "6.5 / 9 h, projected 9.5 h".
 */
export function HoursProgress({ ledger, compact = false, past = false }: { ledger: WeeklyHoursLedger; compact?: boolean; past?: boolean }) {
  const scale = Math.max(ledger.requiredHours, ledger.projectedHours, 0.01);
  const attendedPct = Math.min(100, (ledger.attendedHours / scale) * 100);
  const projectedPct = Math.max(0, Math.min(100 - attendedPct, ((ledger.projectedHours - ledger.attendedHours) / scale) * 100));
  const requiredPct = Math.min(100, (ledger.requiredHours / scale) * 100);
  const color = LEDGER_STATUS_COLORS[ledger.status];
  // A week that is over has nothing left to project.
  const summary = past
    ? `${formatHours(ledger.attendedHours, { unit: false })} / ${formatHours(ledger.requiredHours)}`
    : `${formatHours(ledger.attendedHours, { unit: false })} / ${formatHours(ledger.requiredHours)}, projected ${formatHours(ledger.projectedHours)}`;
  return (
    <Stack gap={4} miw={compact ? 160 : 200}>
      <div style={{ position: 'relative' }}>
        <Progress.Root size={compact ? 'md' : 'lg'} radius="sm" aria-label={`Hours ${past ? 'that' : 'this'} week: ${summary}`}>
          <Progress.Section value={attendedPct} color={color} aria-label={`Attended ${formatHours(ledger.attendedHours)}`} />
          <Progress.Section
            value={projectedPct}
            color={color}
            style={{ opacity: 0.35 }}
            aria-label={`Still scheduled ${formatHours(ledger.projectedHours - ledger.attendedHours)}`}
          />
        </Progress.Root>
        {requiredPct < 100 && (
          <div
            aria-hidden
            title="Required minimum"
            style={{
              position: 'absolute',
              top: -3,
              bottom: -3,
              left: `calc(${requiredPct}% - 1px)`,
              width: 2,
              background: 'var(--mantine-color-dark-4)',
              borderRadius: 1,
            }}
          />
        )}
      </div>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {formatHours(ledger.attendedHours, { unit: false })} / {formatHours(ledger.requiredHours)}
        </Text>
        {!past && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            projected {formatHours(ledger.projectedHours)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
