import { useState, useSyncExternalStore } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from './api-client.ts';
import { onUnsavedWorkChange, unsavedWork } from './unsaved-work.ts';

export const IDLE_WARNING_ID = 'idle-logoff-warning';
export const IDLE_WARNING_CLASS = 'idle-logoff-warning';

/** The body of the "you will be signed out" notice: offers to save any unsaved work on the page first. */
export function IdleWarning() {
  const work = useSyncExternalStore(onUnsavedWorkChange, unsavedWork);
  const [state, setState] = useState<{ saving: boolean; error: string | null }>({ saving: false, error: null });

  const saveNow = async () => {
    setState({ saving: true, error: null });
    try {
      for (const item of unsavedWork()) await item.save();
      setState({ saving: false, error: null });
      notifications.hide(IDLE_WARNING_ID);
      notifications.show({ color: 'teal', title: 'Saved', message: 'Your work is saved.' });
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };

  return (
    <Stack gap={6}>
      <Text size="sm">
        You will be signed out in a minute because nothing has happened for a while. Move the mouse or press a key to stay.
      </Text>
      {work.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            You have unsaved {work.map((w) => w.what).join(' and ')}.
          </Text>
          <Button size="xs" onClick={() => void saveNow()} loading={state.saving} style={{ alignSelf: 'flex-start' }}>
            Save now
          </Button>
        </>
      )}
      {state.error && (
        <Text size="sm" c="red.8" role="alert">
          Not saved: {state.error}
        </Text>
      )}
    </Stack>
  );
}
