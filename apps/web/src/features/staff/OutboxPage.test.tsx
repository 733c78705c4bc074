import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { OutboxPage } from './OutboxPage.tsx';

const message = (id: string, subject: string, delivery: object) => ({
  id,
  kind: 'invitation',
  toEmail: 'new.clinician@example.test',
  subject,
  body: 'Set your password:',
  link: `https://trellis.test/invite/${id}`,
  createdAt: '2026-11-18T12:00:00.000Z',
  deliveryStatus: 'pending',
  attempts: 0,
  sentAt: null,
  lastError: null,
  ...delivery,
});

afterEach(() => vi.unstubAllGlobals());

describe('the outbox', () => {
  it('says of each message whether it went out by mail, and why not when it could not', async () => {
    fakeServer((r) =>
      r.url === '/api/v1/outbox'
        ? {
            body: {
              items: [
                message('a', 'Delivered one', { deliveryStatus: 'sent', attempts: 1, sentAt: '2026-11-18T12:01:00.000Z' }),
                message('b', 'Waiting one', { attempts: 2 }),
                message('c', 'Failed one', { deliveryStatus: 'failed', attempts: 6, lastError: '550 Mailbox unavailable' }),
                message('d', 'Kept one', {}),
              ],
            },
          }
        : undefined,
    );
    renderPage(<OutboxPage />, { path: '/outbox', at: '/outbox' });
    expect(within(await screen.findByRole('article', { name: 'Delivered one' })).getByText(/^Sent /)).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Waiting one' })).getByText('Not sent yet · 2 tries')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Failed one' })).getByText('Could not send: 550 Mailbox unavailable')).toBeTruthy();
    const kept = screen.getByRole('article', { name: 'Kept one' });
    expect(within(kept).getByText('Not sent by mail')).toBeTruthy();
    expect(within(kept).getByText('https://trellis.test/invite/d')).toBeTruthy();
  });
});
