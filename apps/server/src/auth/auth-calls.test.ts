/**
 * better-auth's AsyncLocalStorage instances are switched off after its calls, so the async hooks they need (Node 20)
 * do not slow every later request; a call still under way keeps them on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';
import { betterAuthCall, betterAuthStorages } from './auth-calls.ts';

describe('calls into better-auth', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Storage Clinic');
  });
  afterAll(async () => t.close());

  it('switch better-auth’s storages off once a sign-in has finished, and signing in still works', async () => {
    await t.signIn(org.staff.clinician.email);
    const storages = betterAuthStorages();
    // Where better-auth keeps them: if an upgrade moves them, this fails rather than the hooks silently staying on.
    expect(storages.length).toBeGreaterThan(0);
    const disables = storages.map((s) => vi.spyOn(s, 'disable'));
    const cookie = await t.signIn(org.staff.director.email);
    for (const spy of disables) expect(spy).toHaveBeenCalled();
    for (const spy of disables) spy.mockRestore();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('keep them on while another call is still under way', async () => {
    const storage = new AsyncLocalStorage<string>();
    const context = (globalThis as unknown as Record<symbol, { context: Record<string, unknown> }>)[Symbol.for('better-auth:global')]!.context;
    const saved = context.requestStateAsyncStorage;
    context.requestStateAsyncStorage = storage;
    const disable = vi.spyOn(storage, 'disable');
    try {
      let finishFirst!: () => void;
      const first = betterAuthCall(() => new Promise<void>((resolve) => (finishFirst = resolve)));
      const second = await betterAuthCall(async () => storage.run('second', async () => storage.getStore()));
      expect(second).toBe('second');
      expect(disable).not.toHaveBeenCalled();
      finishFirst();
      await first;
      expect(disable).toHaveBeenCalledTimes(1);
      // A call that fails switches them off all the same.
      await expect(betterAuthCall(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
      expect(disable).toHaveBeenCalledTimes(2);
    } finally {
      context.requestStateAsyncStorage = saved;
    }
  });
});
