import { afterEach, describe, expect, it, vi } from 'vitest';
import { rollSchema } from '@trellis/core';
import { ApiError, checkedApi } from './api-client.ts';
import { fakeServer } from '../test/render.tsx';
import { rollOfThree, SESSION_ID } from '../test/fixtures.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('answers are parsed, not cast', () => {
  const url = `/api/v1/sessions/${SESSION_ID}/roll`;

  it('returns an answer of the schema’s shape, without fields the schema does not know', async () => {
    fakeServer(() => ({ body: { ...rollOfThree(), internal: 'x' } }));
    const roll = await checkedApi.get(rollSchema, url);
    expect(roll.entries).toHaveLength(3);
    expect(roll).not.toHaveProperty('internal');
  });

  it('refuses an answer of another shape with a plain-words error that names no value', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = rollOfThree();
    fakeServer(() => ({ body: { ...broken, entries: [{ ...broken.entries[0], status: 'teleported' }] } }));
    const error = await checkedApi.get(rollSchema, url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).title).toBe('Unexpected answer');
    expect(logged.mock.calls[0]?.[0]).toContain('entries.0.status');
    expect(logged.mock.calls[0]?.[0]).not.toContain('teleported');
  });
});
