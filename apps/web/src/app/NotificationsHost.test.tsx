import { act, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { afterEach, describe, expect, it } from 'vitest';
import { theme } from './theme.ts';
import { NotificationsHost } from './NotificationsHost.tsx';

describe('the notification host', () => {
  afterEach(() => act(() => notifications.clean()));

  it('renders nothing until a notification is shown, then shows it', async () => {
    render(
      <MantineProvider theme={theme}>
        <NotificationsHost />
      </MantineProvider>,
    );
    expect(document.querySelector('.mantine-Notifications-root')).toBeNull();
    act(() => {
      notifications.show({ title: 'Saved', message: 'The roll is saved.' });
    });
    expect(await screen.findByText('The roll is saved.')).toBeTruthy();
    expect(document.querySelector('.mantine-Notifications-root')).not.toBeNull();
  });
});
