/**
 * A private calendar feed's card, for a participant's portal and a staff member's own page alike: whether there is an
 * address, making one (shown once, with copy and "Add to calendar"), making a new one (asked first: the old one stops
 * working) and, where the owner may, turning it off (asked first). Answers are parsed with core's schemas.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, CopyButton, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarFeedCreatedSchema, calendarFeedStatusSchema } from '@trellis/core';
import { checkedApi } from '../app/api-client.ts';
import { formatDateTime } from '../app/format.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

export interface CalendarFeedCardProps {
  /** The API path of the feed: GET its status, POST a new address, DELETE it. */
  path: string;
  title: string;
  /** What the feed shows and does not. */
  intro: ReactNode;
  /** Whether the owner may turn the feed off here (DELETE). */
  revocable?: boolean;
}

type Confirming = 'regenerate' | 'revoke' | null;

const CONFIRM = {
  regenerate: {
    title: 'Make a new calendar address?',
    confirmLabel: 'Make a new address',
    body: 'The calendar that uses your current address stops updating. You will need to add the new address to it.',
  },
  revoke: {
    title: 'Turn off your calendar address?',
    confirmLabel: 'Turn off',
    body: 'The address stops working at once and calendars that use it stop updating. You can make a new one later.',
  },
};

export function CalendarFeedCard({ path, title, intro, revocable = false }: CalendarFeedCardProps) {
  const client = useQueryClient();
  const queryKey = ['calendar-feed', path];
  const status = useQuery({
    queryKey,
    queryFn: ({ signal }) => checkedApi.get(calendarFeedStatusSchema, path, undefined, signal),
  });
  const create = useMutation({
    mutationFn: () => checkedApi.post(calendarFeedCreatedSchema, path),
    onSuccess: () => client.invalidateQueries({ queryKey }),
  });
  const revoke = useMutation({
    mutationFn: () => checkedApi.delete(calendarFeedStatusSchema, path),
    onSuccess: (answer) => {
      create.reset();
      client.setQueryData(queryKey, answer);
    },
  });
  const [confirming, setConfirming] = useState<Confirming>(null);
  const url = create.data?.url ?? null;
  const active = status.data?.active ?? false;
  const headingId = `feed-heading-${path.replace(/[^a-z0-9]+/gi, '-')}`;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {title}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{intro}</Text>
        {status.isPending && <Skeleton h={36} aria-label="Checking your calendar address" />}
        {status.isError && (
          <ProblemAlert
            error={status.error}
            title="Could not check your calendar address"
            onRetry={() => void status.refetch()}
          />
        )}
        {create.isError && <ProblemAlert error={create.error} title="Could not make a calendar address" />}
        {revoke.isError && <ProblemAlert error={revoke.error} title="Could not turn off the calendar address" />}
        {url ? (
          <>
            <TextInput label="Your calendar address" value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
            <Group grow>
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button size="md" variant={copied ? 'light' : 'filled'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                )}
              </CopyButton>
              <Button size="md" variant="default" component="a" href={url.replace(/^https?:/, 'webcal:')}>
                Add to calendar
              </Button>
            </Group>
            <Alert color="yellow" variant="light" title="Keep this address to yourself">
              Anyone with this address can see your schedule’s times and places. It is shown only now; if it is shared
              by mistake, make a new one.
            </Alert>
          </>
        ) : (
          status.isSuccess &&
          (active ? (
            <Text size="sm" c="dimmed">
              You have a calendar address, made{' '}
              {status.data.createdAt ? formatDateTime(status.data.createdAt) : 'earlier'}. It is not shown again: make a
              new one if you need it, and the old one stops working.
            </Text>
          ) : (
            <Button size="md" loading={create.isPending} onClick={() => create.mutate()}>
              Get my calendar address
            </Button>
          ))
        )}
        {status.isSuccess && (active || url) && (
          <Group>
            <Button variant="default" loading={create.isPending} onClick={() => setConfirming('regenerate')}>
              Make a new calendar address
            </Button>
            {revocable && (
              <Button variant="subtle" color="red" loading={revoke.isPending} onClick={() => setConfirming('revoke')}>
                Turn off calendar address
              </Button>
            )}
          </Group>
        )}
      </Stack>
      {confirming && (
        <ConfirmModal
          opened
          title={CONFIRM[confirming].title}
          confirmLabel={CONFIRM[confirming].confirmLabel}
          destructive
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            (confirming === 'revoke' ? revoke : create).mutate();
          }}
        >
          {CONFIRM[confirming].body}
        </ConfirmModal>
      )}
    </Card>
  );
}
