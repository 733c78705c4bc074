import { useEffect, useState } from 'react';
import { Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { scheduleRunPercent, type ScheduleRunPhase, type ScheduleRunProgress } from '@trellis/core';

/** Whole seconds as '7 s' or '1 min 05 s'. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

const PHASE_TEXT: Record<ScheduleRunPhase, string> = {
  loading: 'Reading the week',
  'building-network': 'Building the network',
  solving: 'Solving',
  'explaining-unplaced': 'Explaining who could not be placed',
  saving: 'Saving the proposal',
  done: 'Done',
};

/** The phase in words: 'Solving, site 1 of 2 · 12 solves so far'. The solve count is no fraction: its total is a limit. */
export function phaseText(progress: ScheduleRunProgress): string {
  const site = progress.sites > 1 && progress.phase !== 'saving' && progress.phase !== 'done' ? `, site ${progress.site} of ${progress.sites}` : '';
  const solves = progress.phase === 'solving' && progress.done ? ` · ${progress.done} ${progress.done === 1 ? 'solve' : 'solves'} so far` : '';
  return `${PHASE_TEXT[progress.phase]}${site}${solves}`;
}

/**
 * A queued run while it solves: the phase the server reports, as a bar and in words, and how long since it was
 * started. Elapsed time is measured on this browser's clock from when the start was acknowledged, not from the run's
 * createdAt: the server's clock may be set elsewhere (an injected clock in the demo) and any skew would show as a wrong
 * or negative time. Before the first report (progress null) the bar is not shown.
 */
export function RunSolving({ startedAt, progress }: { startedAt: number; progress: ScheduleRunProgress | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const phase = progress && phaseText(progress);
  return (
    <Stack gap="xs">
      <Group role="status" align="flex-start" gap="sm">
        <Loader size="sm" mt={2} />
        <Stack gap={0}>
          <Text>Solving the week…</Text>
          <Text size="sm" c="dimmed">
            {phase ?? 'Queued, solving on the server'} · {formatElapsed(now - startedAt)} elapsed
          </Text>
        </Stack>
      </Group>
      {progress && <Progress value={scheduleRunPercent(progress)} aria-label={`Run progress: ${phase}`} animated maw={480} />}
    </Stack>
  );
}
