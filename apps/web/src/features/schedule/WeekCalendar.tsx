import { Box, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { addDays } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import { formatWeekdayDate } from '../../app/format.ts';
import { SessionCard } from './SessionCard.tsx';

interface WeekCalendarProps {
  monday: string;
  today: string;
  sessions: SessionSummary[];
  canOpenRoll: (session: SessionSummary) => boolean;
  canCancel: boolean;
  onCancel: (session: SessionSummary) => void;
}

/** Monday to Sunday columns of session cards; on a phone, the days stack as an agenda. */
export function WeekCalendar({ monday, today, sessions, canOpenRoll, canCancel, onCancel }: WeekCalendarProps) {
  const stacked = useMediaQuery('(max-width: 48em)');
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDay = new Map<string, SessionSummary[]>(days.map((d) => [d, []]));
  for (const s of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) byDay.get(s.localDate)?.push(s);

  const grid = (
    <Box
      className={stacked ? undefined : 'week-grid'}
      style={stacked ? { display: 'grid', gap: 'var(--mantine-spacing-sm)' } : undefined}
      role="list"
      aria-label="Days of the week"
    >
      {days.map((day) => {
        const list = byDay.get(day) ?? [];
        const isToday = day === today;
        if (stacked && list.length === 0) return null;
        return (
          <Paper
            key={day}
            role="listitem"
            aria-label={`${formatWeekdayDate(day)}${isToday ? ', today' : ''}: ${list.length} ${list.length === 1 ? 'session' : 'sessions'}`}
            withBorder
            radius="md"
            p={4}
            bg={isToday ? 'teal.0' : 'gray.0'}
            style={{ minHeight: stacked ? undefined : 220, minWidth: 0 }}
          >
            <Box px={4} pb={6}>
              <Text size="sm" fw={700} c={isToday ? 'teal.9' : undefined}>
                {formatWeekdayDate(day)}
              </Text>
              {isToday && (
                <Text size="xs" c="teal.9" fw={500}>
                  Today
                </Text>
              )}
            </Box>
            <Stack gap={6}>
              {list.map((s) => (
                // A session outside the staff member's programs is neither opened nor cancelled by them.
                <SessionCard key={s.id} session={s} canOpenRoll={canOpenRoll(s)} canCancel={canCancel && canOpenRoll(s)} onCancel={onCancel} />
              ))}
              {list.length === 0 && (
                <Text size="xs" c="dimmed" px={4}>
                  No sessions
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Box>
  );
  // Seven columns need room (.week-grid); where the page is narrower the week scrolls sideways, words stay whole.
  return stacked ? grid : <Box className="week-scroll">{grid}</Box>;
}
