import { ActionIcon, CopyButton, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { MEASURES, type MeasureLinkCreated, type MeasureLinkKind } from '@trellis/core';
import { formatDateTime } from '../../app/format.ts';
import { linkUrl } from './api.ts';

export function kindLabel(kind: MeasureLinkKind): string {
  return kind === 'check-in' ? 'Daily check-in' : MEASURES[kind].instrument.shortName;
}

/** Links just made: each address is shown this once (only a hash is kept), with a copy button. */
export function LinksMadeList({ links }: { links: readonly MeasureLinkCreated[] }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label="Links made">
      <Stack gap="xs">
        <Text fw={600}>
          {links.length === 1 ? 'Link made' : `${links.length} links made`} — copy each now: it is shown only once.
        </Text>
        {links.map((l) => (
          <Group key={l.id} justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {l.participantName} · {kindLabel(l.instrument)}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="measure-link-url">
                {linkUrl(l.path)}
              </Text>
              <Text size="xs" c="dimmed">
                Expires {formatDateTime(l.expiresAt)}
              </Text>
            </div>
            <CopyButton value={linkUrl(l.path)}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy link'}>
                  <ActionIcon variant="light" onClick={copy} aria-label={`Copy the link for ${l.participantName}, ${kindLabel(l.instrument)}`}>
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
