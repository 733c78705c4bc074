import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { addDays } from '@trellis/core';
import { formatWeekRange } from '../app/format.ts';

interface WeekNavigatorProps {
  /** Monday of the week shown, or null while it is not known yet. */
  monday: string | null;
  isCurrent: boolean;
  onChange: (monday: string | null) => void;
}

/** Previous / this / next program week, with the week's dates in words. */
export function WeekNavigator({ monday, isCurrent, onChange }: WeekNavigatorProps) {
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label="Program week">
      <Tooltip label="Previous week">
        <ActionIcon variant="default" size="lg" aria-label="Previous week" disabled={!monday} onClick={() => monday && onChange(addDays(monday, -7))}>
          <IconChevronLeft size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Text fw={600} miw={150} ta="center" aria-live="polite" size="sm" style={{ whiteSpace: 'nowrap' }}>
        {monday ? formatWeekRange(monday, addDays(monday, 6)) : '…'}
      </Text>
      <Tooltip label="Next week">
        <ActionIcon variant="default" size="lg" aria-label="Next week" disabled={!monday} onClick={() => monday && onChange(addDays(monday, 7))}>
          <IconChevronRight size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Button variant="default" onClick={() => onChange(null)} disabled={isCurrent}>
        This week
      </Button>
    </Group>
  );
}
