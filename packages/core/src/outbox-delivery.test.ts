import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, OUTBOX_DELIVERY } from './outbox-delivery.ts';

describe('afterFailedAttempt', () => {
  it.each([
    [1, { status: 'pending', retryInSeconds: 60 }],
    [2, { status: 'pending', retryInSeconds: 120 }],
    [3, { status: 'pending', retryInSeconds: 240 }],
    [5, { status: 'pending', retryInSeconds: 960 }],
    [6, { status: 'failed' }],
    [9, { status: 'failed' }],
  ])('after try %i: %j', (attempts, expected) => expect(afterFailedAttempt(attempts)).toEqual(expected));

  it('caps the wait', () => {
    expect(afterFailedAttempt(8, { ...OUTBOX_DELIVERY, maxAttempts: 20 })).toEqual({ status: 'pending', retryInSeconds: 3600 });
  });
});
