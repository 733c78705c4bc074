import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { APPOINTMENT_KIND_LABELS, type ServiceInWeek, type ServiceWeekStatus } from '@trellis/core';

const LOOK: Record<Exclude<ServiceWeekStatus, 'not_due'>, { color: string; word: string }> = {
  booked: { color: 'teal', word: 'booked' },
  due: { color: 'yellow', word: 'due' },
  missing: { color: 'red', word: 'missing' },
};

/** A week's required appointments, one badge each ("Individual therapy: due"); those not called for this week are left out. */
export function RequiredServicesCell({ items }: { items: readonly ServiceInWeek[] }) {
  const shown = items.filter((i) => i.status !== 'not_due');
  if (shown.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        None due
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {shown.map((i) => {
        const look = LOOK[i.status as Exclude<ServiceWeekStatus, 'not_due'>];
        const counted = i.required > 1 ? ` ${Math.min(i.booked, i.required)}/${i.required}` : '';
        return (
          <Tooltip key={i.kind} label={`${i.booked} booked, ${i.attended} attended of ${i.required} required this week`}>
            <Badge size="xs" variant="light" color={look.color} tabIndex={0}>
              {APPOINTMENT_KIND_LABELS[i.kind]}: {look.word}
              {counted}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
