import { Paper, Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while a list loads, announced to screen readers as loading. */
export function TableSkeleton({ rows = 6, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <Paper withBorder radius="md" p="md" aria-busy="true" aria-label={label} role="status">
      <Stack gap="sm">
        <Skeleton height={18} width="40%" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={34} />
        ))}
      </Stack>
    </Paper>
  );
}
