import { Group, Text } from '@mantine/core';

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
        <rect width="32" height="32" rx="7" fill="var(--mantine-color-teal-8)" />
        <path d="M8 9h16M16 9v15M10 16h12M11 23h10" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      </svg>
      <Text fw={700} size="lg" style={{ letterSpacing: -0.3 }}>
        Trellis
      </Text>
    </Group>
  );
}
