import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ServiceCounts } from '@trellis/core';

/**
 * A participant's required appointments for the week (individual, family, psychiatry) in brief: how many are still
 * due or missing, and how many of those the week calls for are booked. The ledger on their page lists each one.
 */
export function ServiceCountsCell({ services }: { services: ServiceCounts }) {
  if (services.required === 0) {
    return (
      <Text size="xs" c="dimmed">
        None due
      </Text>
    );
  }
  const complete = services.due === 0 && services.missing === 0;
  return (
    <Stack gap={2} align="flex-start">
      <Group gap={4}>
        {services.missing > 0 && (
          <Badge size="sm" variant="light" color="red" radius="sm">
            {services.missing} missing
          </Badge>
        )}
        {services.due > 0 && (
          <Badge size="sm" variant="light" color="yellow" radius="sm">
            {services.due} due
          </Badge>
        )}
        {complete && (
          <Badge size="sm" variant="light" color="teal" radius="sm">
            All booked
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {services.booked} of {services.required} booked
      </Text>
    </Stack>
  );
}
