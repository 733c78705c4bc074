import { Alert, Anchor, List, Text } from '@mantine/core';
import { CRISIS_RESOURCES } from '@trellis/core';

/** The crisis resources, on every public page; `urgent` when an answer about safety puts them first. */
export function CrisisResources({ urgent = false }: { urgent?: boolean }) {
  return (
    <section aria-label="Crisis resources">
    <Alert
      color={urgent ? 'red' : 'blue'}
      variant={urgent ? 'filled' : 'light'}
      title={urgent ? 'Please reach out now — you do not have to wait' : 'In crisis? Help is available now'}
    >
      <List size="sm" spacing={4}>
        {CRISIS_RESOURCES.map((r) => (
          <List.Item key={r.name}>
            <Anchor href={r.href} c="inherit" fw={700} underline="always">
              {r.name}
            </Anchor>
            <Text span size="sm">
              {' '}
              — {r.how}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
    </section>
  );
}
