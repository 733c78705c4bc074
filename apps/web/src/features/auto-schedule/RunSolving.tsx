import { useEffect, useState } from 'react';
import { Group, Loader, Stack, Text } from '@mantine/core';

/** Whole seconds as '7 s' or '1 min 05 s'. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * A queued run while it solves: its state and how long since it was started. Elapsed time is measured on this
 * browser's clock from when the start was acknowledged, not from the run's createdAt: the server's clock may be set
 * elsewhere (an injected clock in the demo) and any skew would show as a wrong or negative time.
 * The server reports no phase or fraction done yet, so none is shown.
 */
export function RunSolving({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Group role="status" align="flex-start" gap="sm">
      <Loader size="sm" mt={2} />
      <Stack gap={0}>
        <Text>Solving the week…</Text>
        <Text size="sm" c="dimmed">
          Queued, solving on the server · {formatElapsed(now - startedAt)} elapsed
        </Text>
      </Stack>
    </Group>
  );
}
