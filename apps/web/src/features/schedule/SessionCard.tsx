import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconBan, IconClipboardCheck, IconDots } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router-dom';
import { SESSION_KIND_LABELS } from '@trellis/core';
import type { SessionSummary } from '../../api/types.ts';
import { formatTimeRange } from '../../app/format.ts';

interface SessionCardProps {
  session: SessionSummary;
  canOpenRoll: boolean;
  canCancel: boolean;
  onCancel: (session: SessionSummary) => void;
}

/**
 * The colour of "N of N recorded": done, begun or not yet. Shade 9 of teal and blue, and the app's darkened dimmed
 * grey, are at least 4.5:1 on the white card (teal 8 was 3.9:1).
 */
export function recordedTextColor(recorded: number, expected: number): 'teal.9' | 'blue.9' | 'dimmed' {
  if (expected > 0 && recorded >= expected) return 'teal.9';
  return recorded > 0 ? 'blue.9' : 'dimmed';
}

/**
 * Titles never break mid-word: in a narrow day column the title's type shrinks with the card (a container query
 * unit; `.session-card` is the container) so that a 15-letter word such as "psychoeducation" (9.55 em wide in
 * semibold, measured in Chromium with Debian's fonts) fits, from 14 px on a roomy card down to about 11.5 px; the week
 * grid keeps its columns at least wide enough for that (`.week-grid`).
 */
export const SESSION_TITLE_FONT_SIZE = 'clamp(0.7rem, 100cqi / 9.6, 0.875rem)';

/** "Dana Reyes with Sam Ortiz and Lee Park": who runs the session, or null when no one is assigned. */
export function facilitatorsLine(s: Pick<SessionSummary, 'facilitatorName' | 'coFacilitators'>): string | null {
  const co = (s.coFacilitators ?? []).map((c) => c.name);
  const coText = co.length <= 1 ? (co[0] ?? '') : `${co.slice(0, -1).join(', ')} and ${co.at(-1) ?? ''}`;
  if (!s.facilitatorName) return co.length > 0 ? `Co-facilitated by ${coText}` : null;
  return co.length > 0 ? `${s.facilitatorName} with ${coText}` : s.facilitatorName;
}

/** One session in the week: time in the site's zone, title, track, room and how much of the roll is taken. */
export function SessionCard({ session, canOpenRoll, canCancel, onCancel }: SessionCardProps) {
  const navigate = useNavigate();
  const cancelled = session.status === 'cancelled';
  const rollPath = `/sessions/${session.id}/roll`;
  const time = formatTimeRange(session.startsAt, session.endsAt, session.timeZone, true);
  const facilitators = facilitatorsLine(session);

  return (
    <Paper
      withBorder
      radius="md"
      px={6}
      py={6}
      className="session-card"
      bg={cancelled ? 'gray.0' : undefined}
      style={{
        cursor: canOpenRoll ? 'pointer' : undefined,
        borderLeft: `4px solid var(--mantine-color-${cancelled ? 'gray-4' : 'teal-6'})`,
      }}
      onClick={(e) => {
        // The card is a large touch target for the roll; the title link is the keyboard and screen-reader target.
        if (!canOpenRoll || (e.target as HTMLElement).closest('a,button,[role="menu"]')) return;
        void navigate(rollPath);
      }}
      data-session-id={session.id}
    >
      <Stack gap={2}>
        <Group justify="space-between" gap={2} wrap="nowrap" align="flex-start">
          <Text
            fz={11}
            fw={600}
            c={cancelled ? 'dimmed' : 'teal.9'}
            className={cancelled ? 'struck' : undefined}
            // One line even in a narrow day column.
            style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
          >
            {time}
          </Text>
          {canCancel && !cancelled && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  mr={-4}
                  aria-label={`Actions for ${session.title} at ${time}`}
                >
                  <IconDots size={16} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {canOpenRoll && (
                  <Menu.Item component={Link} to={rollPath} leftSection={<IconClipboardCheck size={14} aria-hidden />}>
                    Open roll
                  </Menu.Item>
                )}
                <Menu.Item
                  color="red"
                  leftSection={<IconBan size={14} aria-hidden />}
                  onClick={() => onCancel(session)}
                >
                  Cancel session…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {canOpenRoll ? (
          <Anchor
            component={Link}
            to={rollPath}
            fw={600}
            c={cancelled ? 'dimmed' : 'dark'}
            className={cancelled ? 'struck' : undefined}
            lh={1.25}
            style={{ overflowWrap: 'break-word', fontSize: SESSION_TITLE_FONT_SIZE }}
            aria-label={`${session.title}, ${time}${cancelled ? ', cancelled' : ''} — open roll`}
          >
            {session.title}
          </Anchor>
        ) : (
          <Text
            fw={600}
            className={cancelled ? 'struck' : undefined}
            lh={1.25}
            style={{ overflowWrap: 'break-word', fontSize: SESSION_TITLE_FONT_SIZE }}
          >
            {session.title}
          </Text>
        )}
        <Text
          size="xs"
          c="dimmed"
          lh={1.3}
          lineClamp={2}
          title={session.programName}
          style={{ overflowWrap: 'break-word' }}
        >
          {session.programName}
        </Text>
        <Text size="xs" c="dimmed" lh={1.3} style={{ overflowWrap: 'break-word' }}>
          {session.trackName}
          {session.roomName ? ` · ${session.roomName}` : ''}
        </Text>
        {facilitators && (
          <Text size="xs" c="dimmed" lh={1.3} style={{ overflowWrap: 'break-word' }}>
            {facilitators}
          </Text>
        )}
        {cancelled ? (
          <Stack gap={2}>
            <Badge color="gray" variant="light" size="xs">
              Cancelled
            </Badge>
            {session.cancelReason && (
              <Text size="xs" c="dimmed" lineClamp={2} title={session.cancelReason}>
                {session.cancelReason}
              </Text>
            )}
          </Stack>
        ) : (
          <Group gap={4} wrap="wrap">
            <Text size="xs" fw={500} c={recordedTextColor(session.recordedCount, session.expectedCount)}>
              {session.recordedCount} of {session.expectedCount} recorded
            </Text>
            {session.rollNotTaken && (
              <Badge variant="outline" size="xs" color="orange">
                Roll not taken
              </Badge>
            )}
            {session.oneOff && (
              <Badge variant="outline" size="xs" color="grape">
                One-off
              </Badge>
            )}
          </Group>
        )}
        <Text size="xs" c="dimmed" hiddenFrom="xs">
          {SESSION_KIND_LABELS[session.kind]}
        </Text>
      </Stack>
    </Paper>
  );
}
