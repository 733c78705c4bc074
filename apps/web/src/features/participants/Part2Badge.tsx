import { Badge, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** Marks a record protected by 42 CFR Part 2 (substance use disorder treatment records). */
export function Part2Badge({ size = 'md' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <Tooltip label="42 CFR Part 2 protected record" withArrow>
      <Badge
        color="grape"
        variant="light"
        size={size}
        leftSection={<IconLock size={12} aria-hidden />}
        tabIndex={0}
        aria-label="Part 2 — 42 CFR Part 2 protected record"
      >
        Part 2
      </Badge>
    </Tooltip>
  );
}
